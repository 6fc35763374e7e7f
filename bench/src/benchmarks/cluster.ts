import type { LogEntry } from '@startex/shared';
import { startPostgresCluster, type PostgresCluster } from '../../../server/test/postgres/cluster.ts';
import { ownedBy, startProxy } from '../../../server/test/postgres/nodes.ts';
import { PostgresStore } from '../../../server/src/store/postgres/PostgresStore.ts';
import type { BenchContext, Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import { storedActionKeys } from '../logReader.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login, type StaffSocket } from '../staff.ts';
import { startStartex, type StartexProcess } from '../startexProcess.ts';
import { distribution, sleep, until } from '../stats.ts';
import { WorkerProcess } from '../workerProcess.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';
import { measure, mergeCounts, mergeReceipts, spread, type FanoutResult, type Receivers } from './fanout.ts';
import { describeFailure, LOAD_PROCESSES, sustainedRate, TEAMS, unverified, type Step, type VerifyStored, type Workers } from './ingest.ts';

const EXERCISE = 'bench_play';
const SPEED = 10;
const NODES = 3;

/**
 * StartEx nodes on this machine: one on its SQLite file, or `count` on one PostgreSQL database
 * (the first seeds the exercise and owns it; the others find it and follow).
 */
async function startNodes(ctx: BenchContext, count: number, document: ReturnType<typeof playDocument>, databaseUrl?: string): Promise<StartexProcess[]> {
  const seedFiles = [writeDocument(ctx.tmp, document)];
  const env = (i: number): Record<string, string> => (databaseUrl ? { STARTEX_DATABASE_URL: databaseUrl, STARTEX_NODE_ID: `node-${i + 1}` } : {});
  const first = await startStartex({ seedFiles, speed: SPEED, env: env(0), profileDir: ctx.profileDir });
  const others = await Promise.all(Array.from({ length: count - 1 }, (_, i) => startStartex({ seedFiles, speed: SPEED, env: env(i + 1), profileDir: ctx.profileDir })));
  return [first, ...others];
}

function participants(): Workers {
  return Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
}

/** The director's console on `node` (the first of its nodes, which printed the password), the exercise started. */
async function startExercise(node: StartexProcess): Promise<StaffSocket> {
  const director = await connectStaff(node.url, await login(node.url, node.director.username, node.director.password), EXERCISE);
  await command(director, { type: 'start' });
  return director;
}

/** One inject released to `tablets` devices spread evenly over `nodes`, the director on the first (the owner). */
async function fanoutOn(ctx: BenchContext, label: string, nodes: StartexProcess[], tablets: number, rounds: number, reportDelivery = true): Promise<FanoutResult> {
  const workers = participants();
  try {
    const director = await startExercise(nodes[0]!);
    let connected = 0;
    const receivers: Receivers = {
      async connect(total) {
        const perNode = spread(total - connected, nodes.length);
        await Promise.all(
          nodes.flatMap((node, n) => {
            const perWorker = spread(perNode[n]!, workers.length);
            return workers.map((w, i) => w.call('connect', { url: node.url, codes: node.codesOf(EXERCISE), count: perWorker[i]!, reportDelivery }));
          }),
        );
        connected = total;
      },
      madeAt: () => workers[0]!.call('madeAt'),
      receiptCounts: () => mergeCounts(workers.map((w) => w.call('receiptCounts'))),
      takeReceipts: () => mergeReceipts(workers.map((w) => w.call('takeReceipts'))),
      stop: async () => void (await Promise.all(workers.map((w) => w.stop()))),
    };
    const results = await measure(ctx, label, receivers, [tablets], rounds, (injectId) => {
      const sent = Date.now();
      return new Promise((resolve) => {
        director.emit('command', { type: 'release', injectId }, (ack) => {
          if (!ack.ok) ctx.log(`${label}: release ${injectId} refused: ${ack.error.code}`);
          resolve(Date.now() - sent);
        });
      });
    });
    director.disconnect();
    return results.get(tablets)!;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** The highest rate of participant actions one node holds (ingest's ladder), every acknowledged action checked in the stored log. */
async function ingestOn(ctx: BenchContext, label: string, node: StartexProcess, clients: number, verify: VerifyStored) {
  const workers = participants();
  try {
    // The console is closed during ingest: it would receive every action as well.
    (await startExercise(node)).disconnect();
    await Promise.all(workers.map((w) => w.call('connect', { url: node.url, codes: node.codesOf(EXERCISE), count: clients / workers.length })));
    return await sustainedRate(ctx, label, workers, () => node.pid, verify);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** Reads the actions of the PostgreSQL log as it grows, so that each check reads only what is new. */
function postgresActionKeys(store: PostgresStore): (prefix: string) => Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  let readTo = 0;
  return async (prefix) => {
    const entries: LogEntry[] = await store.readLog(EXERCISE, readTo);
    for (const entry of entries) if (entry.type === 'action.taken' && entry.idempotencyKey) keys.set(entry.idempotencyKey, entry.seq);
    readTo = entries.at(-1)?.seq ?? readTo;
    return new Map([...keys].filter(([key]) => key.startsWith(prefix)));
  };
}

interface Failover {
  newOwnerMs: number;
  resyncedMs: number;
  dropped: number;
}

/** The node that says it owns the exercise, once one does. */
async function ownerOf(nodes: StartexProcess[]): Promise<StartexProcess> {
  for (;;) {
    for (const node of nodes) if ((await ownedBy(node)).includes(EXERCISE)) return node;
    await sleep(10);
  }
}

/**
 * Three nodes behind nginx (deploy/nginx-startex-nodes.conf), tablets connected through it with the
 * tablet's reconnection back-off and acting in the background; the owner killed (SIGKILL) `kills`
 * times, each time restarted, and before the next kill the tablets connect again so that every node has
 * its share: kill -> a new owner, and kill -> every client of the killed node connected again
 * (through nginx, to another node) and resynchronised.
 */
async function failoverRuns(ctx: BenchContext, postgres: PostgresCluster, tablets: number, kills: number): Promise<{ runs: Failover[]; acknowledged: number; notAcknowledged: number }> {
  const nodes = await startNodes(ctx, NODES, playDocument({ teams: 10, injects: 1 }), await postgres.createDatabase('failover'));
  const proxy = await startProxy(nodes);
  const workers = participants();
  try {
    (await startExercise(nodes[0]!)).disconnect();
    const background: { ok: number; sent: number }[] = [];
    let acting = false;
    const stopActing = async () => {
      if (acting) background.push(...(await Promise.all(workers.map((w) => w.call('stopBackground')))));
      acting = false;
    };
    /** Every tablet connects (again) through nginx, which spreads them over the nodes that are up, and acts in the background. */
    const connectAll = async () => {
      await stopActing();
      await Promise.all(workers.map((w) => w.call('closeAll')));
      await Promise.all(workers.map((w) => w.call('connect', { url: proxy.url, codes: nodes[0]!.codesOf(EXERCISE), count: tablets / workers.length, reconnection: true, backoff: 'tablet' })));
      for (const w of workers) await w.call('startBackground', { ratePerSec: 20 / workers.length, keyPrefix: `failover-${w.pid}-${Date.now()}` });
      acting = true;
    };
    const runs: Failover[] = [];
    let killedAt = 0;
    for (let k = 1; k <= kills; k++) {
      // The node restarted after the last kill has no clients yet: spread them again once nginx sends it any (it skips a failed node for 10 s).
      await sleep(Math.max(0, killedAt + 11_000 - Date.now()));
      await connectAll();
      await sleep(3_000);
      const owner = await ownerOf(nodes);
      killedAt = Date.now();
      await owner.kill('SIGKILL');
      const survivors = nodes.filter((node) => node !== owner);
      await ownerOf(survivors);
      const newOwnerMs = Date.now() - killedAt;
      let status: Awaited<ReturnType<ParticipantHandlers['syncStatus']>>[] = [];
      await until(
        async () => {
          status = await Promise.all(workers.map((w) => w.call('syncStatus', { since: killedAt })));
          return status.every((s) => s.connected === s.devices && s.resyncedAfterDrop === s.dropped);
        },
        `the clients of the killed node to resync`,
        60_000,
        10,
      );
      const run = { newOwnerMs, resyncedMs: Math.max(newOwnerMs, ...status.map((s) => (s.lastSyncAt ?? killedAt) - killedAt)), dropped: status.reduce((a, s) => a + s.dropped, 0) };
      ctx.log(`failover ${k}: new owner after ${run.newOwnerMs} ms, the ${run.dropped} clients of the killed node resynced after ${run.resyncedMs} ms`);
      runs.push(run);
      // The killed node comes back (a process supervisor) and serves again before the next kill.
      await owner.restart();
    }
    await stopActing();
    return { runs, acknowledged: background.reduce((a, b) => a + b.ok, 0), notAcknowledged: background.reduce((a, b) => a + b.sent - b.ok, 0) };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await proxy.stop();
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

export const cluster: Benchmark = {
  name: 'cluster',
  title: `${NODES} nodes on one PostgreSQL: fan-out and ingest against one node on SQLite and one on PostgreSQL, and failover when the owner is killed`,
  async run(ctx) {
    const tablets = ctx.tablets ?? (ctx.quick ? 60 : 300);
    const rounds = ctx.quick ? 3 : 10;
    const kills = ctx.quick ? 2 : 5;
    const ingestClients = ctx.quick ? 100 : 200;
    const postgres = await startPostgresCluster();
    try {
      const fanoutDocument = playDocument({ teams: 1, injects: rounds + 1 });
      const fanout = async (label: string, nodes: StartexProcess[], reportDelivery = true) => {
        try {
          return await fanoutOn(ctx, label, nodes, tablets, rounds, reportDelivery);
        } finally {
          await Promise.all(nodes.map((node) => node.stop()));
        }
      };
      const oneSqlite = await fanout('one node, SQLite', await startNodes(ctx, 1, fanoutDocument));
      const onePostgres = await fanout('one node, PostgreSQL', await startNodes(ctx, 1, fanoutDocument, await postgres.createDatabase('fanout_one')));
      const three = await fanout(`${NODES} nodes, PostgreSQL`, await startNodes(ctx, NODES, fanoutDocument, await postgres.createDatabase('fanout_three')));
      // Diagnostic: the same without the tablets' delivery reports, each of which a follower forwards to the owner.
      const threeSilent = await fanout(`${NODES} nodes, PostgreSQL, no delivery reports`, await startNodes(ctx, NODES, fanoutDocument, await postgres.createDatabase('fanout_silent')), false);

      const ingestDocument = playDocument({ teams: TEAMS, injects: 1 });
      const [sqliteNode] = await startNodes(ctx, 1, ingestDocument);
      const sqliteIngest = await ingestOn(ctx, 'ingest SQLite', sqliteNode!, ingestClients, (keys, seqs, prefix) => unverified(storedActionKeys(sqliteNode!.dataDir, EXERCISE, prefix), keys, seqs)).finally(() => sqliteNode!.stop());
      const ingestUrl = await postgres.createDatabase('ingest');
      const [postgresNode] = await startNodes(ctx, 1, ingestDocument, ingestUrl);
      const reader = await PostgresStore.open(ingestUrl);
      const storedKeys = postgresActionKeys(reader);
      const postgresIngest = await ingestOn(ctx, 'ingest PostgreSQL', postgresNode!, ingestClients, async (keys, seqs, prefix) => unverified(await storedKeys(prefix), keys, seqs)).finally(async () => {
        await reader.close();
        await postgresNode!.stop();
      });

      const failover = await failoverRuns(ctx, postgres, tablets, kills);
      const newOwner = distribution(failover.runs.map((r) => r.newOwnerMs));
      const resynced = distribution(failover.runs.map((r) => r.resyncedMs));
      const perKill = (figure: (r: Failover) => number) => failover.runs.map(figure).join(', ');
      const ingestFigure = (name: string, result: { best: Step | undefined; failed: Step | undefined }, baseline?: Step) => ({
        name,
        value: result.best?.achieved ?? 0,
        unit: '/s',
        ...(baseline ? { baseline: { name: 'one node, SQLite', value: baseline.achieved }, goal: { text: '>= 0.5x SQLite', met: !!result.best && result.best.achieved >= 0.5 * baseline.achieved } } : {}),
        note: result.best
          ? `ack p50 ${result.best.p50.toFixed(1)} ms, p99 ${result.best.p99.toFixed(1)} ms, ${result.best.cpuUsPerAction.toFixed(0)} us server CPU each; failed at ${result.failed?.rate ?? '-'}/s: ${describeFailure(result.failed)}`
          : 'no rate passed',
      });
      // The ladder's first probe on each store: comparable even when the machine is too busy for any rate to pass.
      const firstProbe = (label: string, step: Step | undefined, baseline: Step | undefined): Figure => ({
        name: `ingest: ack p99 at ${step?.rate ?? '-'}/s offered, one node on ${label}`,
        value: step?.p99 ?? null,
        unit: 'ms',
        ...(baseline ? { baseline: { name: `SQLite at ${baseline.rate}/s`, value: baseline.p99 } } : {}),
        note: step ? `p50 ${step.p50.toFixed(1)} ms; ${step.achieved.toFixed(0)}/s sent, ${step.ok}/${step.sent} ok` : 'not run',
      });
      const figures: Figure[] = [
        {
          name: `fan-out p99, ${NODES} nodes (N=${tablets})`,
          value: three.receipt.p99,
          unit: 'ms',
          baseline: { name: 'one node, SQLite', value: oneSqlite.receipt.p99 },
          goal: { text: '<= 1.5x one node', met: three.receipt.p99 <= 1.5 * oneSqlite.receipt.p99 },
          note: `p50 ${three.receipt.p50} ms, max ${three.receipt.max} ms; the release committed by the owner, announced through PostgreSQL NOTIFY, sent by each node to its own tablets`,
        },
        {
          name: `fan-out p99, ${NODES} nodes, no delivery reports (N=${tablets})`,
          value: threeSilent.receipt.p99,
          unit: 'ms',
          baseline: { name: 'one node, SQLite', value: oneSqlite.receipt.p99 },
          note: `diagnostic: p50 ${threeSilent.receipt.p50} ms; tablets that do not report inject.delivered (on a follower each report is forwarded to the owner and its commit announced back)`,
        },
        { name: `fan-out p99, one node on PostgreSQL (N=${tablets})`, value: onePostgres.receipt.p99, unit: 'ms', baseline: { name: 'one node, SQLite', value: oneSqlite.receipt.p99 }, note: `p50 ${onePostgres.receipt.p50} ms` },
        { name: `fan-out p99, one node on SQLite (N=${tablets})`, value: oneSqlite.receipt.p99, unit: 'ms', note: `p50 ${oneSqlite.receipt.p50} ms` },
        ingestFigure('ingest, one node on PostgreSQL', postgresIngest, sqliteIngest.best),
        ingestFigure('ingest, one node on SQLite', sqliteIngest),
        firstProbe('PostgreSQL', postgresIngest.steps[0], sqliteIngest.steps[0]),
        { name: `failover: kill -> all clients resynced (worst of ${failover.runs.length} kills)`, value: resynced.max, unit: 'ms', goal: { text: '< 3 s', met: resynced.max < 3_000 }, note: `each kill: ${perKill((r) => r.resyncedMs)} ms` },
        { name: `failover: kill -> all clients resynced (median of ${failover.runs.length})`, value: resynced.p50, unit: 'ms', note: `the killed node's clients per kill: ${perKill((r) => r.dropped)}` },
        { name: `failover: kill -> new owner (worst of ${failover.runs.length})`, value: newOwner.max, unit: 'ms', note: `median ${newOwner.p50} ms; each kill: ${perKill((r) => r.newOwnerMs)} ms` },
      ];
      return {
        parameters: { nodes: NODES, tablets, 'fan-out rounds': rounds, 'ingest clients': ingestClients, kills, speed: SPEED, 'load processes': LOAD_PROCESSES },
        figures,
        notes: [
          `Every process on this machine: ${NODES} StartEx nodes, PostgreSQL 15 (a throwaway cluster, fsync on), nginx and ${LOAD_PROCESSES} load processes share its cores, so each node has a fraction of a core; on separate machines each node has its own.`,
          'Fan-out: due = the director sends the release to the owner node; receipt = client wall time (one clock).',
          `Failover: tablets connect through nginx (deploy/nginx-startex-nodes.conf) with the tablet's reconnection back-off and send 20 actions/s in the background (${failover.acknowledged} acknowledged, ${failover.notAcknowledged} not: in flight at a kill); a new owner = a surviving node's /api/health/node names the exercise (polled every 10 ms).`,
        ],
      };
    } finally {
      await postgres.stop();
    }
  },
};
