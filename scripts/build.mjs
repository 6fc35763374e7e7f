// Builds the client (vite) and the server bundle (esbuild) only when their sources changed since
// the last build: a content hash of the sources is kept next to each build's output. Output of a
// build is shown only when it fails. `node scripts/build.mjs` builds what is stale; `--force` all.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_INPUTS = ['shared/src', 'shared/package.json', 'pnpm-lock.yaml'];

/** What is built, from which sources, by which command; the stamp file holds the sources' hash. */
export const TARGETS = [
  {
    name: 'client',
    // The client bundles the scenarios package too (the studio's analysis, the phase of play).
    inputs: ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/package.json', 'client/tsconfig.json', 'scenarios/src', 'scenarios/package.json', ...SHARED_INPUTS],
    stamp: 'client/dist/.startex-sources',
    output: 'client/dist/index.html',
    command: [process.execPath, [join(ROOT, 'client/node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], join(ROOT, 'client')],
  },
  {
    name: 'server',
    inputs: ['server/src', 'server/scripts/bundle.ts', 'server/package.json', 'scenarios/src', 'scenarios/package.json', ...SHARED_INPUTS],
    stamp: 'server/dist/.startex-sources',
    output: 'server/dist/main.mjs',
    command: [process.execPath, [join(ROOT, 'server/node_modules/tsx/dist/cli.mjs'), 'scripts/bundle.ts'], join(ROOT, 'server')],
  },
];

function files(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => files(join(path, entry.name)))
    .sort();
}

/** The sources' content hash; the checkout's place is part of it (the server bundle holds absolute paths). */
export function sourceHash(target) {
  const hash = createHash('sha256').update(ROOT);
  for (const file of target.inputs.flatMap(files)) hash.update(`\0${relative(ROOT, join(ROOT, file))}\0`).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

export function isStale(target) {
  const stamp = join(ROOT, target.stamp);
  return !existsSync(join(ROOT, target.output)) || !existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== sourceHash(target);
}

function run([command, args, cwd]) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${output}\nexited with ${code}`))));
  });
}

/** Builds the stale targets (or all with `force`), saying one line before and one after. */
export async function buildIfStale({ force = false, say = console.log } = {}) {
  const stale = TARGETS.filter((target) => force || isStale(target));
  if (stale.length === 0) return;
  const names = stale.map((target) => target.name).join(' and the ');
  const started = performance.now();
  const why = force ? '' : ` (${stale.length > 1 ? 'their' : 'its'} sources changed since the last build)`;
  say(`Building the ${names}${why}…`);
  for (const target of stale) {
    const hash = sourceHash(target);
    try {
      await run(target.command);
    } catch (error) {
      throw new Error(`Building the ${target.name} failed:\n${error.message}`, { cause: error });
    }
    writeFileSync(join(ROOT, target.stamp), `${hash}\n`);
  }
  say(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildIfStale({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
