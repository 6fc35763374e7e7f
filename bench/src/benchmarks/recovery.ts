import { RECONNECTION, type LogEntry } from '@startex/shared';
import type { Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import { countStoredEntries } from '../logReader.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { distribution, sleep, until, type Distribution } from '../stats.ts';
import { cpuMs, WorkerProcess } from '../workerProcess.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';

const EXERCISE = 'bench_play';
const SPEED = 10;
const LOAD_PROCESSES = 2;

interface Recovery {
  listeningMs: number;
  resyncedMs: number;
  /** Over the clients: when each connected again after the kill, and how long its sync then took to answer. */
  connected: Distribution;
  syncAnswered: Distribution;
  maxAttempts: number;
  /** CPU the restarted server used until then (both threads): what a loaded machine has to find for it. */
  serverCpuMs: number;
  clockOk: boolean;
  clockErrorMs: number;
  logEntries: number;
}

export const recovery: Benchmark = {
  name: 'recovery',
  title: 'server killed (SIGKILL) mid-exercise and restarted: until every client has resynchronised and the clock runs',
  async run(ctx) {
    const p = ctx.quick ? { clients: 50, kills: 1, actionsPerSecond: 20 } : { clients: 300, kills: 5, actionsPerSecond: 50 };
    const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, playDocument({ teams: 50, injects: 1 }))], speed: SPEED, profileDir: ctx.profileDir });
    const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
    const runs: Recovery[] = [];
    try {
      const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), EXERCISE);
      const started = new Promise<LogEntry>((resolve) => director.on('log', (entry) => entry.type === 'exercise.started' && resolve(entry)));
      await command(director, { type: 'start' });
      const start = await started;
      director.disconnect();
      // Tablets with the real client's reconnection back-off (RECONNECTION, as client/src/lib/useExercise.ts).
      await Promise.all(workers.map((w) => w.call('connect', { url: server.url, codes: server.codesOf(EXERCISE), count: p.clients / LOAD_PROCESSES, reconnection: true, backoff: 'tablet' })));
      for (const w of workers) await w.call('startBackground', { ratePerSec: p.actionsPerSecond / LOAD_PROCESSES, keyPrefix: `bg-${w.pid}` });
      const killAndRestart = async (label: string, restart: { fromSources?: boolean } = {}): Promise<Recovery> => {
        await sleep(3_000);
        const killedAt = Date.now();
        await server.kill('SIGKILL');
        await server.restart(restart);
        const listeningAt = Date.now();
        let status: Awaited<ReturnType<ParticipantHandlers['syncStatus']>>[] = [];
        await until(
          async () => {
            status = await Promise.all(workers.map((w) => w.call('syncStatus', { since: killedAt })));
            return status.reduce((a, s) => a + s.synced, 0) === p.clients;
          },
          `${p.clients} clients to resync`,
          60_000,
          10,
        );
        const serverCpuMs = cpuMs(server.pid);
        const resyncedAt = Math.max(...status.map((s) => s.lastSyncAt ?? 0));
        const latest = status.reduce((a, s) => ((s.lastSyncAt ?? 0) > (a.lastSyncAt ?? 0) ? s : a));
        // The clock ran on through the outage: the view's exercise time is wall time since StartEx times the speed.
        const clock = latest.clock!;
        const clockErrorMs = clock.exerciseTimeMs - (clock.atWallTime - start.wallTime) * SPEED;
        const clockOk = latest.status === 'live' && clock.running && Math.abs(clockErrorMs) < 50 * SPEED;
        const logEntries = countStoredEntries(server.dataDir);
        const connected = distribution(status.flatMap((s) => s.connectedMs));
        const syncAnswered = distribution(status.flatMap((s) => s.syncAnsweredMs));
        const maxAttempts = Math.max(...status.flatMap((s) => s.attempts));
        const run = { listeningMs: listeningAt - killedAt, resyncedMs: resyncedAt - killedAt, connected, syncAnswered, maxAttempts, serverCpuMs, clockOk, clockErrorMs, logEntries };
        ctx.log(
          `recovery ${label}: listening after ${run.listeningMs} ms, all ${p.clients} resynced after ${run.resyncedMs} ms ` +
            `(connected again p50/max ${connected.p50}/${connected.max} ms, sync answered p50/max ${syncAnswered.p50}/${syncAnswered.max} ms after connecting, ` +
            `up to ${maxAttempts} attempts, server CPU ${serverCpuMs} ms), clock ${clockOk ? 'running' : 'NOT RUNNING'} (${clockErrorMs.toFixed(0)} ms off), log ${logEntries} entries`,
        );
        return run;
      };
      for (let k = 0; k < p.kills; k++) runs.push(await killAndRestart(String(k + 1)));
      // Diagnostics, each changing one thing: the server started from its TypeScript sources
      // through tsx (as `pnpm start`), then tablets with socket.io's default back-off.
      const fromSources = await killAndRestart('started through tsx', { fromSources: true });
      const background = await Promise.all(workers.map((w) => w.call('stopBackground')));
      await Promise.all(workers.map((w) => w.call('closeAll')));
      await Promise.all(workers.map((w) => w.call('connect', { url: server.url, codes: server.codesOf(EXERCISE), count: p.clients / LOAD_PROCESSES, reconnection: true, backoff: 'default' })));
      for (const w of workers) await w.call('startBackground', { ratePerSec: p.actionsPerSecond / LOAD_PROCESSES, keyPrefix: `bg-default-${w.pid}` });
      const slowBackoff = await killAndRestart("with socket.io's default back-off");
      background.push(...(await Promise.all(workers.map((w) => w.call('stopBackground')))));
      const resynced = distribution(runs.map((r) => r.resyncedMs));
      const listening = distribution(runs.map((r) => r.listeningMs));
      const perRun = (figure: (r: Recovery) => number) => runs.map((r) => figure(r).toFixed(0)).join(', ');
      const figures: Figure[] = [
        { name: `kill -> every client resynced (worst of ${runs.length} kills)`, value: resynced.max, unit: 'ms', goal: { text: '< 3 s', met: resynced.max < 3_000 && runs.every((r) => r.clockOk) } },
        { name: `kill -> every client resynced (median of ${runs.length} kills)`, value: resynced.p50, unit: 'ms', note: `each kill: ${perRun((r) => r.resyncedMs)} ms` },
        { name: 'kill -> server listening again (median)', value: listening.p50, unit: 'ms', note: `each kill: ${perRun((r) => r.listeningMs)} ms; process start from the bundle (server/dist/main.mjs), migrations, resuming the exercises in play` },
        { name: 'listening -> every client resynced (median)', value: resynced.p50 - listening.p50, unit: 'ms', note: `the tablets' reconnection back-off (${RECONNECTION.reconnectionDelay} ms doubling to ${RECONNECTION.reconnectionDelayMax} ms, +/-${RECONNECTION.randomizationFactor * 100} %) and sync` },
        {
          name: 'kill -> last client connected again (median of kills)',
          value: distribution(runs.map((r) => r.connected.max)).p50,
          unit: 'ms',
          note: `each kill: ${perRun((r) => r.connected.max)} ms (p50 of the clients ${perRun((r) => r.connected.p50)} ms); at most ${Math.max(...runs.map((r) => r.maxAttempts))} reconnection attempts`,
        },
        {
          name: 'connected -> sync answered, slowest client (median of kills)',
          value: distribution(runs.map((r) => r.syncAnswered.max)).p50,
          unit: 'ms',
          note: `each kill: ${perRun((r) => r.syncAnswered.max)} ms (p50 of the clients ${perRun((r) => r.syncAnswered.p50)} ms): the sync storm after the reconnects`,
        },
        {
          name: 'server CPU from its start to every client resynced (median of kills)',
          value: distribution(runs.map((r) => r.serverCpuMs)).p50,
          unit: 'ms',
          note: `each kill: ${perRun((r) => r.serverCpuMs)} ms (both threads): less of it, less wait on a loaded machine`,
        },
        {
          name: 'diagnostic: server started through tsx: listening / all resynced',
          value: fromSources.resyncedMs,
          unit: 'ms',
          note: `listening after ${fromSources.listeningMs} ms (the TypeScript sources through tsx, as \`pnpm start\`)`,
        },
        {
          name: "diagnostic: tablets with socket.io's default back-off: all resynced",
          value: slowBackoff.resyncedMs,
          unit: 'ms',
          note: `listening after ${slowBackoff.listeningMs} ms; first retry after 1 s, doubling to 5 s`,
        },
        { name: 'clock running after restart', value: runs.filter((r) => r.clockOk).length, unit: `of ${runs.length} runs`, note: `largest error ${Math.max(...runs.map((r) => Math.abs(r.clockErrorMs))).toFixed(0)} exercise ms` },
      ];
      return {
        parameters: {
          clients: p.clients,
          kills: p.kills,
          'background actions/s': p.actionsPerSecond,
          speed: SPEED,
          'log at last kill': `${runs.at(-1)?.logEntries ?? 0} entries`,
        },
        figures,
        notes: [
          'The bench kills the server with SIGKILL and starts it again at once on the same port and data (what a process supervisor does); the clients are socket.io clients with the tablet\'s reconnection settings, and sync { afterSeq } on every connect.',
          `Background actions during the runs: ${background.reduce((a, b) => a + b.ok, 0)} acknowledged, ${background.reduce((a, b) => a + b.sent - b.ok, 0)} not (in flight at a kill, or sent while down).`,
        ],
      };
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await server.stop();
    }
  },
};
