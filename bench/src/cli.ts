import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BenchContext, Benchmark } from './benchContext.ts';
import { formatReport, machine, type ScenarioReport } from './report.ts';
import { analyzer } from './benchmarks/analyzer.ts';
import { cluster } from './benchmarks/cluster.ts';
import { fanout } from './benchmarks/fanout.ts';
import { ingest } from './benchmarks/ingest.ts';
import { memory } from './benchmarks/memory.ts';
import { recovery } from './benchmarks/recovery.ts';
import { review } from './benchmarks/review.ts';
import { studio } from './benchmarks/studio.ts';
import { timers } from './benchmarks/timers.ts';
import { viewBytes } from './benchmarks/viewBytes.ts';

const BENCHMARKS: Benchmark[] = [fanout, timers, ingest, review, recovery, memory, analyzer, studio, viewBytes, cluster];

const USAGE = `pnpm bench [name ...] [--quick] [--json <file>] [--profile <dir>] [--tablets <n>]
  names: ${BENCHMARKS.map((b) => b.name).join(', ')} (default: all)
  --quick          a small version of each, for development
  --json <file>    also write every figure, the parameters and the machine as JSON
  --profile <dir>  write V8 CPU profiles of the StartEx server processes (node --cpu-prof)
  --tablets <n>    tablets of the cluster benchmark (default 300; the issue's figure is 1500)`;

function parseArgs(argv: string[]) {
  const names: string[] = [];
  let quick = false;
  let json: string | undefined;
  let profile: string | undefined;
  let tablets: number | undefined;
  // Paths are relative to where `pnpm bench` was run, not to bench/.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    else if (arg === '--quick') quick = true;
    else if (arg === '--json') json = resolve(cwd, argv[++i] ?? fail('--json needs a file'));
    else if (arg === '--profile') profile = resolve(cwd, argv[++i] ?? fail('--profile needs a folder'));
    else if (arg === '--tablets') tablets = Number(argv[++i]) || fail('--tablets needs a number');
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (BENCHMARKS.some((b) => b.name === arg)) names.push(arg);
    else fail(`unknown benchmark or option "${arg}"`);
  }
  return { names, quick, json, profile, tablets };
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const selected = args.names.length > 0 ? BENCHMARKS.filter((b) => args.names.includes(b.name)) : BENCHMARKS;
const host = machine();
const tmp = mkdtempSync(join(tmpdir(), 'startex-bench-run-'));
if (args.profile) mkdirSync(args.profile, { recursive: true });
const started = Date.now();
const ctx: BenchContext = {
  quick: args.quick,
  machine: host,
  tmp,
  profileDir: args.profile,
  tablets: args.tablets,
  log: (message) => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`),
};

const reports: ScenarioReport[] = [];
let failed = false;
try {
  for (const benchmark of selected) {
    ctx.log(`${benchmark.name}: starting${args.quick ? ' (quick)' : ''}`);
    const t0 = Date.now();
    // Other work on the machine moves every figure: say how busy it was.
    const load = loadavg()[0]!.toFixed(2);
    try {
      const result = await benchmark.run(ctx);
      const parameters = { ...result.parameters, 'load avg before/after': `${load}/${loadavg()[0]!.toFixed(2)}` };
      const report: ScenarioReport = { name: benchmark.name, title: benchmark.title, ...result, parameters, durationMs: Date.now() - t0 };
      reports.push(report);
      console.log(formatReport(report, host));
    } catch (error) {
      failed = true;
      console.error(`${benchmark.name} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (args.json) {
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify({ machine: host, quick: args.quick, startedAt: new Date(started).toISOString(), reports }, null, 2));
  ctx.log(`figures written to ${args.json}`);
}
process.exit(failed ? 1 : 0);
