import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Summarises a V8 CPU profile (node --cpu-prof, or `pnpm bench --profile <dir>`): self time by
 * function and by package, the heaviest first.
 *
 *   pnpm --filter @startex/bench --silent profile-summary <file.cpuprofile> [--rows 30] [--from s] [--to s] [--timeline]
 *
 * `--timeline` prints the busy (not idle) time per half second since the profile started, so that
 * `--from` and `--to` (seconds since then) can pick out one phase, e.g. a fan-out.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const file = argv[0];
if (!file || file.startsWith('--')) {
  console.error('usage: profile-summary <file.cpuprofile> [--rows 30] [--from s] [--to s] [--timeline]');
  process.exit(2);
}
const rows = Number(option('--rows') ?? 30);
const fromUs = Number(option('--from') ?? 0) * 1e6;
const toUs = Number(option('--to') ?? Infinity) * 1e6;
// Relative to where pnpm was run, not to bench/.
const profile = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const selfUs = new Map<number, number>();
const busyPerHalfSecond: number[] = [];
let at = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (!idle.has(id)) busyPerHalfSecond[Math.floor(at / 5e5)] = (busyPerHalfSecond[Math.floor(at / 5e5)] ?? 0) + delta;
  if (at >= fromUs && at < toUs) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});
if (argv.includes('--long-tasks')) {
  // Stretches of samples without idle longer than 10 ms: what kept the event loop from timers.
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const stackOf = (id: number) => {
    const names: string[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parentOf.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (f.functionName !== '(root)') names.push(`${f.functionName || '(anonymous)'}@${f.url.split('/').pop()}:${f.lineNumber + 1}`);
    }
    return names;
  };
  let t = 0;
  let task: { start: number; us: Map<number, number> } | undefined;
  const report = (end: number) => {
    if (!task || end - task.start < 10_000) return;
    const top = [...task.us].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`long task at ${(task.start / 1e6).toFixed(3)} s: ${((end - task.start) / 1000).toFixed(1)} ms`);
    for (const [id, us] of top) console.log(`   ${(us / 1000).toFixed(1)} ms  ${stackOf(id).slice(0, 6).join(' < ')}`);
  };
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (idle.has(id)) {
      report(t);
      task = undefined;
    } else {
      task ??= { start: t, us: new Map() };
      task.us.set(id, (task.us.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
}
if (argv.includes('--timeline')) {
  console.log('busy ms per half second since the profile started');
  busyPerHalfSecond.forEach((us, i) => console.log(`${(i / 2).toFixed(1).padStart(7)} s ${String(Math.round((us ?? 0) / 1000)).padStart(4)} ms ${'#'.repeat(Math.round((us ?? 0) / 10_000))}`));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  if (url === '') return '(native)';
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!.replace(/@[\d.]+.*$/, '');
  const repo = /\/(server|shared|scenarios|bench)\/src\//.exec(url);
  if (repo) return `@startex/${repo[1]}`;
  return url.startsWith('node:') ? 'node' : url.split('/').slice(-2).join('/');
};

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)!;
  const name = `${callFrame.functionName || '(anonymous)'}  ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  add(byFunction, name, us);
  add(byPackage, where(callFrame.url), us);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by package', byPackage);
print('self time by function', byFunction);
