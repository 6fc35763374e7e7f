import { io as connectSocketIo } from 'socket.io-client';
import WebSocket from 'ws';
import type { BenchContext, Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { distribution, sleep, until, type Distribution } from '../stats.ts';
import { WorkerProcess } from '../workerProcess.ts';
import type { BareSocketIoHandlers } from '../baselines/bareSocketIoServer.ts';
import type { RawWsServerHandlers } from '../baselines/rawWsServer.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';
import type { RawClientHandlers } from '../workers/rawClients.ts';

const EXERCISE = 'bench_play';
const LOAD_PROCESSES = 2;

export interface FanoutResult {
  receipt: Distribution;
  /** Due -> the server made the release entry (before its commit). */
  made: Distribution;
  /** Due -> the command's acknowledgement (after the commit and the fan-out). */
  acked: Distribution;
}

export interface Receivers {
  connect(total: number): Promise<void>;
  madeAt?(): Promise<Record<string, number>>;
  receiptCounts(): Promise<Record<string, number>>;
  takeReceipts(): Promise<Record<string, number[]>>;
  stop(): Promise<void>;
}

/** Rounds of one release each to `size` clients: latency of every receipt from the moment the release was due. */
export async function measure(
  ctx: BenchContext,
  label: string,
  receivers: Receivers,
  sizes: number[],
  rounds: number,
  release: (injectId: string) => Promise<number | undefined>,
): Promise<Map<number, FanoutResult>> {
  const results = new Map<number, FanoutResult>();
  let inject = 0;
  for (const size of sizes) {
    const connecting = Date.now();
    await receivers.connect(size);
    ctx.log(`${label}: ${size} clients connected in ${Date.now() - connecting} ms`);
    await sleep(1_000);
    const latencies: number[] = [];
    const phases = { made: [] as number[], acked: [] as number[] };
    // Round 0 warms up (JIT, buffers) and is not counted.
    for (let round = 0; round <= rounds; round++) {
      const injectId = `f${String(++inject).padStart(3, '0')}`;
      const due = Date.now();
      const acked = release(injectId);
      await until(async () => ((await receivers.receiptCounts())[injectId] ?? 0) >= size, `${size} receipts of ${injectId}`, 30_000, 25);
      const receipts = (await receivers.takeReceipts())[injectId]!;
      if (round > 0) for (const at of receipts) latencies.push(at - due);
      const made = (await receivers.madeAt?.())?.[injectId];
      const ackedMs = await acked;
      if (round > 0 && made !== undefined) phases.made.push(made - due);
      if (round > 0 && ackedMs !== undefined) phases.acked.push(ackedMs);
      // Let the deliveries the tablets report settle before the next release.
      await sleep(400);
    }
    const d = distribution(latencies);
    const made = distribution(phases.made);
    const acked = distribution(phases.acked);
    ctx.log(`${label} N=${size}: p50 ${d.p50} p95 ${d.p95} p99 ${d.p99} max ${d.max} ms (${d.count} receipts); entry made +${made.p50}, command acked +${acked.p50} ms (medians)`);
    results.set(size, { receipt: d, made, acked });
  }
  return results;
}

export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

async function startexRun(ctx: BenchContext, sizes: number[], rounds: number, reportDelivery = true): Promise<Map<number, FanoutResult>> {
  const document = playDocument({ teams: 1, injects: sizes.length * (rounds + 1) });
  const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, document)], profileDir: ctx.profileDir });
  const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
  try {
    const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), EXERCISE);
    await command(director, { type: 'start' });
    let connected = 0;
    const receivers: Receivers = {
      async connect(total) {
        const add = spread(total - connected, LOAD_PROCESSES);
        await Promise.all(workers.map((w, i) => w.call('connect', { url: server.url, codes: server.codesOf(EXERCISE), count: add[i]!, reportDelivery })));
        connected = total;
      },
      madeAt: () => workers[0]!.call('madeAt'),
      receiptCounts: () => mergeCounts(workers.map((w) => w.call('receiptCounts'))),
      takeReceipts: () => mergeReceipts(workers.map((w) => w.call('takeReceipts'))),
      stop: async () => void (await Promise.all(workers.map((w) => w.stop()))),
    };
    // The controller's command is the release: due the moment it is sent.
    const result = await measure(ctx, reportDelivery ? 'startex' : 'startex, no delivery reports', receivers, sizes, rounds, (injectId) => {
      const sent = Date.now();
      return new Promise((resolve) => {
        director.emit('command', { type: 'release', injectId }, (ack) => {
          if (!ack.ok) ctx.log(`release ${injectId} refused: ${ack.error.code}`);
          resolve(Date.now() - sent);
        });
      });
    });
    director.disconnect();
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

/** The log entry StartEx sends for a release by the director, less seq and wall time. */
function releaseTemplate() {
  const inject = playDocument({ teams: 1, injects: 1 }).injects[0]!;
  return {
    type: 'inject.released',
    inject: { ...inject, kind: 'standard' },
    exerciseId: EXERCISE,
    exerciseTimeMs: 123_456,
    scenarioTimeMs: 32_523_456,
    actor: { kind: 'controller', id: '6f1c1f0e-4a8b-4c55-9d7e-1f0a2b3c4d5e', name: 'Demo director', role: 'director' },
  };
}

async function rawRun(ctx: BenchContext, sizes: number[], rounds: number): Promise<Map<number, FanoutResult>> {
  const template = releaseTemplate();
  const server = WorkerProcess.start<RawWsServerHandlers>('./baselines/rawWsServer.ts', 'raw-ws-server');
  const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<RawClientHandlers>('./workers/rawClients.ts', `raw-clients-${i}`));
  try {
    const { port } = await server.call('listen', { template });
    const controller = new WebSocket(`ws://127.0.0.1:${port}/?controller`);
    await new Promise((resolve, reject) => controller.once('open', resolve).once('error', reject));
    let connected = 0;
    const receivers: Receivers = {
      async connect(total) {
        const add = spread(total - connected, LOAD_PROCESSES);
        await Promise.all(workers.map((w, i) => w.call('connect', { url: `ws://127.0.0.1:${port}/`, count: add[i]! })));
        connected = total;
      },
      receiptCounts: () => mergeCounts(workers.map((w) => w.call('receiptCounts'))),
      takeReceipts: () => mergeReceipts(workers.map((w) => w.call('takeReceipts'))),
      stop: async () => void (await Promise.all(workers.map((w) => w.stop()))),
    };
    const result = await measure(ctx, 'raw ws', receivers, sizes, rounds, async (injectId) => {
      controller.send(JSON.stringify({ injectId }));
      return undefined;
    });
    controller.close();
    return result;
  } finally {
    await Promise.all([...workers.map((w) => w.stop()), server.stop()]);
  }
}

/** Diagnostic baseline: a bare socket.io server broadcasting the same entry in one room emit to socket.io clients (no log, no commit). */
async function bareSocketIoRun(ctx: BenchContext, sizes: number[], rounds: number): Promise<Map<number, FanoutResult>> {
  const server = WorkerProcess.start<BareSocketIoHandlers>('./baselines/bareSocketIoServer.ts', 'bare-socket.io');
  const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
  try {
    const { port } = await server.call('listen', { releaseTemplate: releaseTemplate() });
    const url = `http://127.0.0.1:${port}`;
    const controller = connectSocketIo(url, { transports: ['websocket'], forceNew: true });
    await new Promise((resolve, reject) => controller.once('connect', () => resolve(undefined)).once('connect_error', reject));
    let connected = 0;
    const receivers: Receivers = {
      async connect(total) {
        const add = spread(total - connected, LOAD_PROCESSES);
        await Promise.all(workers.map((w, i) => w.call('connect', { url, codes: ['BARE'], count: add[i]!, reportDelivery: false })));
        connected = total;
      },
      receiptCounts: () => mergeCounts(workers.map((w) => w.call('receiptCounts'))),
      takeReceipts: () => mergeReceipts(workers.map((w) => w.call('takeReceipts'))),
      stop: async () => void (await Promise.all(workers.map((w) => w.stop()))),
    };
    const result = await measure(ctx, 'bare socket.io', receivers, sizes, rounds, (injectId) => {
      const sent = Date.now();
      return new Promise((resolve) => controller.emit('command', { injectId }, () => resolve(Date.now() - sent)));
    });
    controller.disconnect();
    return result;
  } finally {
    await Promise.all([...workers.map((w) => w.stop()), server.stop()]);
  }
}

export async function mergeCounts(parts: Promise<Record<string, number>>[]): Promise<Record<string, number>> {
  const merged: Record<string, number> = {};
  for (const part of await Promise.all(parts)) for (const [id, n] of Object.entries(part)) merged[id] = (merged[id] ?? 0) + n;
  return merged;
}

export async function mergeReceipts(parts: Promise<Record<string, number[]>>[]): Promise<Record<string, number[]>> {
  const merged: Record<string, number[]> = {};
  for (const part of await Promise.all(parts)) for (const [id, list] of Object.entries(part)) (merged[id] ??= []).push(...list);
  return merged;
}

export const fanout: Benchmark = {
  name: 'fanout',
  title: 'one inject released to N participants: from the controller command to receipt on every client',
  async run(ctx) {
    const sizes = ctx.quick ? [50, 200] : [100, 500, 1000];
    const rounds = ctx.quick ? 2 : 10;
    const largest = sizes.at(-1)!;
    const startex = await startexRun(ctx, sizes, rounds);
    // Diagnostic: the same at the largest N with tablets that do not report deliveries.
    const silent = (await startexRun(ctx, [largest], rounds, false)).get(largest)!;
    const raw = await rawRun(ctx, sizes, rounds);
    // Diagnostic: what socket.io itself adds to raw ws at the largest N, in the same run.
    const bare = (await bareSocketIoRun(ctx, [largest], rounds)).get(largest)!;
    const figures: Figure[] = [];
    for (const size of sizes) {
      const s = startex.get(size)!.receipt;
      const r = raw.get(size)!.receipt;
      for (const p of ['p50', 'p95', 'p99', 'max'] as const) {
        figures.push({
          name: `N=${size} ${p}`,
          value: s[p],
          unit: 'ms',
          baseline: { name: 'raw ws', value: r[p] },
          ...(size === 1000 && p === 'p99' ? { goal: { text: '<= 1.5x raw ws', met: s.p99 <= 1.5 * r.p99 } } : {}),
        });
      }
    }
    const s = startex.get(largest)!;
    figures.push(
      { name: `N=${largest} p99, no delivery reports`, value: silent.receipt.p99, unit: 'ms', baseline: { name: 'raw ws', value: raw.get(largest)!.receipt.p99 }, note: 'diagnostic: tablets that do not report inject.delivered' },
      {
        name: `N=${largest} p99, bare socket.io room emit`,
        value: bare.receipt.p99,
        unit: 'ms',
        baseline: { name: 'raw ws', value: raw.get(largest)!.receipt.p99 },
        note: 'diagnostic: socket.io server and clients, one room emit, no log or commit: the transport\'s own share',
      },
      {
        name: `N=${largest} p99 vs bare socket.io`,
        value: s.receipt.p99,
        unit: 'ms',
        baseline: { name: 'bare socket.io', value: bare.receipt.p99 },
        note: 'diagnostic: what StartEx adds to socket.io (commit, delivery tracking)',
      },
      { name: `N=${largest} entry made (median)`, value: s.made.p50, unit: 'ms', note: 'due -> the server made the release entry' },
      { name: `N=${largest} command acknowledged (median)`, value: s.acked.p50, unit: 'ms', note: 'due -> ack: commit (fsync) and the fan-out writes done' },
    );
    return {
      parameters: {
        N: sizes.join('/'),
        'rounds per N': rounds,
        'load processes': LOAD_PROCESSES,
        transport: 'websocket',
        'entry bytes': JSON.stringify({ ...releaseTemplate(), seq: 1000, wallTime: Date.now() }).length,
      },
      figures,
      notes: [
        'StartEx: clients join with one team code, sync, and report inject.delivered on receipt as the tablet does; the director console stays connected.',
        'Due = the moment the director sends the release command; receipt = client wall time (same machine clock).',
        ...(ctx.quick ? ['quick run: the goal is set at N=1000, which only the full run measures'] : []),
      ],
    };
  },
};
