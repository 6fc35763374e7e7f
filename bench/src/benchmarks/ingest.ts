import type { BenchContext, Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import { storedActionKeys } from '../logReader.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { distribution, sleep } from '../stats.ts';
import { cpuMs, WorkerProcess } from '../workerProcess.ts';
import type { BareSocketIoHandlers } from '../baselines/bareSocketIoServer.ts';
import type { SqliteInsertHandlers } from '../baselines/sqliteInserts.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';

const EXERCISE = 'bench_play';
export const LOAD_PROCESSES = 2;
const P99_LIMIT_MS = 100;
export const TEAMS = 50;
/** Offered rates (actions/s) tried in turn; each is about 1.25x the one before (2x in a quick run). */
const QUICK_LADDER = [500, 1000, 2000, 4000, 8000, 16_000, 32_000];
const LADDER = [500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 14_000, 17_000, 20_000, 24_000, 28_000, 32_000, 40_000];

export interface Step {
  rate: number;
  durationMs: number;
  achieved: number;
  p50: number;
  p99: number;
  sent: number;
  ok: number;
  lost: number;
  refused: Record<string, number>;
  /** Acknowledged actions missing from the stored log, or stored under another seq (StartEx only). */
  unverified: number;
  /** Server CPU time per acknowledged action, in microseconds. */
  cpuUsPerAction: number;
  pass: boolean;
}

export type Workers = WorkerProcess<ParticipantHandlers>[];

/** How many acknowledged actions (keys and the seqs they were acknowledged with) the stored log lacks or holds under another seq. */
export type VerifyStored = (keys: string[], seqs: Int32Array, prefix: string) => number | Promise<number>;

/** Acknowledged actions that `stored` (idempotency key -> seq, of the keys with one prefix) lacks or holds under another seq, and stored ones never acknowledged. */
export function unverified(stored: Map<string, number>, keys: string[], seqs: Int32Array): number {
  let missing = stored.size === keys.length ? 0 : Math.abs(stored.size - keys.length);
  keys.forEach((key, i) => {
    if (stored.get(key) !== seqs[i]) missing++;
  });
  return missing;
}

async function step(workers: Workers, server: number, rate: number, durationMs: number, prefix: string, verify?: VerifyStored): Promise<Step> {
  const cpuBefore = cpuMs(server);
  const parts = await Promise.all(workers.map((w, i) => w.call('load', { ratePerSec: rate / workers.length, durationMs, keyPrefix: `${prefix}w${i}-` })));
  const cpuUsPerAction = ((cpuMs(server) - cpuBefore) * 1000) / Math.max(1, parts.reduce((a, p) => a + p.ok, 0));
  const latencies = distribution(parts.flatMap((p) => [...p.latencies]));
  const sent = parts.reduce((a, p) => a + p.sent, 0);
  const ok = parts.reduce((a, p) => a + p.ok, 0);
  const lost = parts.reduce((a, p) => a + p.lost, 0);
  const refused: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.refused)) refused[code] = (refused[code] ?? 0) + n;
  const achieved = (sent / Math.max(...parts.map((p) => p.elapsedMs))) * 1000;
  const unverified = verify ? (await Promise.all(parts.map((p, i) => verify(p.keys, p.seqs, `${prefix}w${i}-`)))).reduce((a, n) => a + n, 0) : 0;
  const pass = latencies.p99 < P99_LIMIT_MS && lost === 0 && ok === sent && unverified === 0 && achieved >= 0.95 * rate;
  return { rate, durationMs, achieved, p50: latencies.p50, p99: latencies.p99, sent, ok, lost, refused, unverified, cpuUsPerAction, pass };
}

/** Probes up the ladder until a rate fails (twice), then holds the best one for the confirmation time (stepping down if it fails). */
export async function sustainedRate(ctx: BenchContext, label: string, workers: Workers, server: () => number, verify?: Parameters<typeof step>[5]): Promise<{ best: Step | undefined; failed: Step | undefined; steps: Step[] }> {
  const probeMs = ctx.quick ? 1_000 : 5_000;
  const confirmMs = ctx.quick ? 2_000 : 30_000;
  const ladder = ctx.quick ? QUICK_LADDER : LADDER;
  const steps: Step[] = [];
  let n = 0;
  const run = async (rate: number, ms: number) => {
    const s = await step(workers, server(), rate, ms, `${label}${++n}-`, verify);
    steps.push(s);
    ctx.log(
      `${label}: ${rate}/s for ${ms / 1000} s -> ${s.achieved.toFixed(0)}/s, ack p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms, ` +
        `server ${s.cpuUsPerAction.toFixed(0)} us CPU each, ${s.ok}/${s.sent} ok, ${s.lost} lost${s.unverified ? `, ${s.unverified} NOT IN LOG` : ''}${Object.keys(s.refused).length ? ` refused ${JSON.stringify(s.refused)}` : ''}: ${s.pass ? 'pass' : 'fail'}`,
    );
    await sleep(ctx.quick ? 300 : 1_000);
    return s;
  };
  // Warm up (JIT, buffers, the first commits) at a low rate; not counted.
  await step(workers, server(), ladder[0]! / 2, probeMs, `${label}warmup-`);
  let top = -1;
  let failed: Step | undefined;
  for (let i = 0; i < ladder.length; i++) {
    // A rate fails when it fails twice in a row: other work on the machine can spoil one probe.
    if (!(await run(ladder[i]!, probeMs)).pass) {
      const again = await run(ladder[i]!, probeMs);
      if (!again.pass) {
        failed = again;
        break;
      }
    }
    top = i;
  }
  for (let i = top; i >= 0 && i >= top - 2; i--) {
    const confirmed = await run(ladder[i]!, confirmMs);
    if (confirmed.pass) return { best: confirmed, failed, steps };
  }
  return { best: undefined, failed, steps };
}

async function startexRun(ctx: BenchContext, clients: number) {
  const document = playDocument({ teams: TEAMS, injects: 1 });
  const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, document)], profileDir: ctx.profileDir });
  const workers: Workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
  try {
    const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), EXERCISE);
    await command(director, { type: 'start' });
    // The console is closed during ingest: it would receive every action as well.
    director.disconnect();
    await Promise.all(workers.map((w) => w.call('connect', { url: server.url, codes: server.codesOf(EXERCISE), count: clients / LOAD_PROCESSES })));
    const verify: VerifyStored = (keys, seqs, prefix) => unverified(storedActionKeys(server.dataDir, EXERCISE, prefix), keys, seqs);
    return await sustainedRate(ctx, 'startex', workers, () => server.pid, verify);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

/** The bare socket.io baseline; with `echoToTeam`, devices form 50 teams as in StartEx's run and each action goes to its team. */
async function bareRun(ctx: BenchContext, clients: number, echoToTeam = false) {
  const server = WorkerProcess.start<BareSocketIoHandlers>('./baselines/bareSocketIoServer.ts', 'bare-socket.io');
  const workers: Workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
  try {
    const { port } = await server.call('listen', { echoToTeam });
    const codes = echoToTeam ? Array.from({ length: TEAMS }, (_, i) => `team${i}`) : ['BARE'];
    await Promise.all(workers.map((w) => w.call('connect', { url: `http://127.0.0.1:${port}`, codes, count: clients / LOAD_PROCESSES })));
    return await sustainedRate(ctx, echoToTeam ? 'bare+echo' : 'bare', workers, () => server.pid);
  } finally {
    await Promise.all([...workers.map((w) => w.stop()), server.stop()]);
  }
}

export const ingest: Benchmark = {
  name: 'ingest',
  title: 'participant actions at rising rates: the highest rate held with p99 acknowledgement under 100 ms, every action in the log',
  async run(ctx) {
    const clients = ctx.quick ? 100 : 200;
    const startex = await startexRun(ctx, clients);
    const bare = await bareRun(ctx, clients);
    const echo = await bareRun(ctx, clients, true);
    const sqlite = WorkerProcess.start<SqliteInsertHandlers>('./baselines/sqliteInserts.ts', 'sqlite-inserts');
    const inserts = await sqlite.call('run', { durationMs: ctx.quick ? 1_000 : 5_000 }).finally(() => sqlite.stop());
    ctx.log(`sqlite: ${inserts.oneRowPerCommit.toFixed(0)} rows/s one per commit, ${inserts.hundredRowsPerCommit.toFixed(0)} rows/s 100 per commit`);
    const s = startex.best;
    const b = bare.best;
    const figures: Figure[] = [
      {
        name: 'sustained actions/s',
        value: s ? s.achieved : 0,
        unit: '/s',
        ...(b ? { baseline: { name: 'bare socket.io', value: b.achieved } } : {}),
        goal: { text: '>= 0.5x bare socket.io', met: !!s && !!b && s.achieved >= 0.5 * b.achieved },
        note: s ? `ack p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; ${s.ok} actions, all in the log` : 'no rate passed',
      },
      { name: 'bare socket.io sustained acks/s', value: b ? b.achieved : 0, unit: '/s', note: b ? `ack p99 ${b.p99.toFixed(1)} ms` : 'no rate passed' },
      {
        name: 'sustained actions/s vs bare + team echo',
        value: s ? s.achieved : 0,
        unit: '/s',
        ...(echo.best ? { baseline: { name: 'bare socket.io + echo to team', value: echo.best.achieved } } : {}),
        note: echo.best
          ? `diagnostic: the bare server also sends each action to the ${clients / TEAMS} devices of its team, as StartEx does (ack p99 ${echo.best.p99.toFixed(1)} ms, ${echo.best.cpuUsPerAction.toFixed(0)} us CPU each)`
          : 'bare + echo: no rate passed',
      },
      {
        name: 'server CPU per action at the sustained rate',
        value: s ? s.cpuUsPerAction : null,
        unit: 'us',
        ...(b ? { baseline: { name: 'bare socket.io', value: b.cpuUsPerAction } } : {}),
        note: 'user + system time of the server process / actions acknowledged',
      },
      {
        name: 'rate that failed twice (StartEx)',
        value: startex.failed?.rate ?? null,
        unit: '/s offered',
        note: describeFailure(startex.failed),
      },
      { name: 'sqlite: one row per commit', value: inserts.oneRowPerCommit, unit: 'rows/s' },
      { name: 'sqlite: 100 rows per commit', value: inserts.hundredRowsPerCommit, unit: 'rows/s' },
    ];
    if (s) figures.push({ name: 'StartEx vs sqlite 100 rows/commit', value: s.achieved, unit: '/s', baseline: { name: 'sqlite 100/commit', value: inserts.hundredRowsPerCommit } });
    return {
      parameters: {
        clients,
        teams: TEAMS,
        'devices per team': clients / TEAMS,
        'load processes': LOAD_PROCESSES,
        'probe s': ctx.quick ? 1 : 5,
        'held s': ctx.quick ? 2 : 30,
        'p99 limit ms': P99_LIMIT_MS,
      },
      figures,
      notes: [
        'Open-loop load: each load process sends report actions (4 validated fields, an idempotency key) at its share of the rate, round-robin over its clients.',
        'A rate passes when the p99 acknowledgement is under 100 ms, every action is acknowledged ok, the offered rate is reached, and (StartEx) every acknowledged action is in the stored log under the seq it was acknowledged with.',
        'StartEx also sends each action to the other devices of its team (audience of action.taken); the bare server only acknowledges.',
        `probes: StartEx ${startex.steps.map((x) => `${x.rate}${x.pass ? '' : '✗'}`).join(' ')}; bare ${bare.steps.map((x) => `${x.rate}${x.pass ? '' : '✗'}`).join(' ')}; bare+echo ${echo.steps.map((x) => `${x.rate}${x.pass ? '' : '✗'}`).join(' ')}`,
      ],
    };
  },
};

export function describeFailure(failed: Step | undefined): string {
  if (!failed) return '';
  const why = [];
  if (failed.p99 >= P99_LIMIT_MS) why.push(`ack p99 ${failed.p99.toFixed(0)} ms`);
  if (failed.achieved < 0.95 * failed.rate) why.push(`only ${failed.achieved.toFixed(0)}/s sent`);
  if (failed.lost > 0) why.push(`${failed.lost} unanswered`);
  if (failed.ok < failed.sent - failed.lost) why.push(`refused ${JSON.stringify(failed.refused)}`);
  if (failed.unverified > 0) why.push(`${failed.unverified} not in the log`);
  return why.join(', ');
}
