import type { BenchContext, Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import { heapUsedAfterGc } from '../inspector.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { sleep, slope } from '../stats.ts';
import { rssBytes, WorkerProcess } from '../workerProcess.ts';
import type { BareSocketIoHandlers } from '../baselines/bareSocketIoServer.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';

const LOAD_PROCESSES = 2;
const SETTLE_MS = 2_000;
const KiB = 1024;
const MiB = 1024 * 1024;

interface Sample {
  clients: number;
  rss: number;
  heap: number;
}

type Measure = () => Promise<{ rss: number; heap: number }>;

/** Server memory after connecting clients in steps: the slope is the memory per connected client. */
async function perClient(url: string, codes: string[], steps: number[], measure: Measure): Promise<Sample[]> {
  const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
  try {
    const samples: Sample[] = [];
    let connected = 0;
    for (const total of steps) {
      const add = total - connected;
      await Promise.all(workers.map((w, i) => w.call('connect', { url, codes, count: Math.floor(add / LOAD_PROCESSES) + (i < add % LOAD_PROCESSES ? 1 : 0) })));
      connected = total;
      await sleep(SETTLE_MS);
      samples.push({ clients: total, ...(await measure()) });
    }
    return samples;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** A server with `count` more seeded exercises, all started: its memory once settled. */
async function withExercises(ctx: BenchContext, count: number): Promise<{ rss: number; heap: number }> {
  const files = Array.from({ length: count }, (_, i) => writeDocument(ctx.tmp, playDocument({ id: `bench_mem_${i + 1}`, teams: 4, injects: 20 })));
  const server = await startStartex({ seedFiles: files, inspect: true });
  try {
    const cookie = await login(server.url, server.director.username, server.director.password);
    for (let i = 0; i < count; i++) {
      const director = await connectStaff(server.url, cookie, `bench_mem_${i + 1}`);
      await command(director, { type: 'start' });
      director.disconnect();
    }
    await sleep(SETTLE_MS);
    return { heap: await heapUsedAfterGc(server.inspectorUrl()), rss: server.rss() };
  } finally {
    await server.stop();
  }
}

const mib = (samples: Sample[], key: 'rss' | 'heap') => samples.map((s) => `${s.clients}:${(s[key] / MiB).toFixed(1)}`).join(' ');

export const memory: Benchmark = {
  name: 'memory',
  title: 'server memory per connected client and per running exercise',
  async run(ctx) {
    const steps = ctx.quick ? [0, 200] : [0, 250, 500, 1000];
    const exercises = ctx.quick ? 10 : 100;

    const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, playDocument({ teams: 50, injects: 1 }))], inspect: true });
    let startex: Sample[];
    try {
      const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), 'bench_play');
      await command(director, { type: 'start' });
      director.disconnect();
      startex = await perClient(server.url, server.codesOf('bench_play'), steps, async () => ({ heap: await heapUsedAfterGc(server.inspectorUrl()), rss: server.rss() }));
    } finally {
      await server.stop();
    }
    const bareServer = WorkerProcess.start<BareSocketIoHandlers>('./baselines/bareSocketIoServer.ts', 'bare-socket.io', ['--expose-gc']);
    let bare: Sample[];
    try {
      const { port } = await bareServer.call('listen');
      bare = await perClient(`http://127.0.0.1:${port}`, ['BARE'], steps, async () => ({ heap: await bareServer.call('heapUsedAfterGc'), rss: rssBytes(bareServer.pid) }));
    } finally {
      await bareServer.stop();
    }
    ctx.log(`memory: StartEx heap ${mib(startex, 'heap')} rss ${mib(startex, 'rss')} MiB; bare heap ${mib(bare, 'heap')} rss ${mib(bare, 'rss')} MiB`);

    const none = await withExercises(ctx, 0);
    const many = await withExercises(ctx, exercises);
    ctx.log(`memory: demo only heap ${(none.heap / MiB).toFixed(1)} rss ${(none.rss / MiB).toFixed(0)} MiB; ${exercises} more running: heap ${(many.heap / MiB).toFixed(1)} rss ${(many.rss / MiB).toFixed(0)} MiB`);

    const perClientOf = (samples: Sample[], key: 'rss' | 'heap') => slope(samples.map((s) => ({ x: s.clients, y: s[key] }))) / KiB;
    const figures: Figure[] = [
      { name: 'heap per connected client', value: perClientOf(startex, 'heap'), unit: 'KiB', baseline: { name: 'bare socket.io', value: perClientOf(bare, 'heap') } },
      { name: 'RSS per connected client', value: perClientOf(startex, 'rss'), unit: 'KiB', baseline: { name: 'bare socket.io', value: perClientOf(bare, 'rss') } },
      { name: `RSS with ${steps.at(-1)} clients`, value: startex.at(-1)!.rss / MiB, unit: 'MiB', baseline: { name: 'bare socket.io', value: bare.at(-1)!.rss / MiB } },
      { name: 'heap per running exercise', value: (many.heap - none.heap) / exercises / KiB, unit: 'KiB', note: `${exercises} exercises (4 teams, 20 injects), started, no clients` },
      { name: 'RSS per running exercise', value: (many.rss - none.rss) / exercises / KiB, unit: 'KiB' },
      { name: 'RSS idle (demo + one live exercise)', value: startex[0]!.rss / MiB, unit: 'MiB', baseline: { name: 'bare socket.io', value: bare[0]!.rss / MiB } },
    ];
    return {
      parameters: { 'client steps': steps.join('/'), exercises, 'settle ms': SETTLE_MS },
      figures,
      notes: [
        'Heap = V8 heap in use after two full collections, read through the inspector (StartEx runs with --inspect on loopback for this benchmark only); RSS from /proc.',
        'Per client = least-squares slope over the steps (the fixed cost drops out). Per exercise = (with the exercises started - without them) / count, two server processes.',
      ],
    };
  },
};
