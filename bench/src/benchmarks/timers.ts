import type { LogEntry } from '@startex/shared';
import type { Benchmark } from '../benchContext.ts';
import { timersDocument, writeDocument } from '../documents.ts';
import { readStoredLog } from '../logReader.ts';
import type { Figure } from '../report.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { distribution, sleep } from '../stats.ts';
import { WorkerProcess } from '../workerProcess.ts';
import type { TimerProbeHandlers } from '../baselines/timerProbe.ts';
import type { ParticipantHandlers } from '../workers/participants.ts';

const EXERCISE = 'bench_timers';
const SPEED = 10;
const LOAD_PROCESSES = 2;

export const timers: Benchmark = {
  name: 'timers',
  title: 'scenario timers releasing injects on the exercise clock, with clients connected and actions coming in',
  async run(ctx) {
    const p = ctx.quick
      ? { injects: 60, windowMinutes: 1, teams: 10, clients: 40, actionsPerSecond: 40 }
      : { injects: 500, windowMinutes: 20, teams: 10, clients: 200, actionsPerSecond: 50 };
    const document = timersDocument({ teams: p.teams, injects: p.injects, windowMinutes: p.windowMinutes });
    const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, document)], speed: SPEED, profileDir: ctx.profileDir });
    const workers = Array.from({ length: LOAD_PROCESSES }, (_, i) => WorkerProcess.start<ParticipantHandlers>('./workers/participants.ts', `participants-${i}`));
    const probe = WorkerProcess.start<TimerProbeHandlers>('./baselines/timerProbe.ts', 'timer-probe');
    try {
      await Promise.all(
        workers.map((w) => w.call('connect', { url: server.url, codes: server.codesOf(EXERCISE), count: p.clients / LOAD_PROCESSES })),
      );
      const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), EXERCISE);
      const started = new Promise<LogEntry>((resolve) => director.on('log', (entry) => entry.type === 'exercise.started' && resolve(entry)));
      await command(director, { type: 'start' });
      const start = await started;
      for (const w of workers) await w.call('startBackground', { ratePerSec: p.actionsPerSecond / LOAD_PROCESSES, keyPrefix: `bg-${w.pid}` });
      // The same moments for the bare-timer baseline, from the document's delays.
      const dueMinutes = Object.values(document.machine.states!.play!.states!)
        .flatMap((region) => Object.values(region.states!).flatMap((s) => s.after ?? []))
        .filter((after) => after.effects?.some((e) => 'release' in e))
        .map((after) => after.minutes);
      const probeRun = probe.call('run', { dueWallTimes: dueMinutes.map((m) => start.wallTime + (m * 60_000) / SPEED) });
      ctx.log(`timers: exercise started; ${p.injects} injects due over ${((p.windowMinutes * 60) / SPEED).toFixed(0)} s of wall time`);
      // Actions until the last inject is due; EndEx follows half an exercise minute later.
      await sleep(start.wallTime + (p.windowMinutes * 60_000) / SPEED - Date.now());
      const background = await Promise.all(workers.map((w) => w.call('stopBackground')));
      await sleep(start.wallTime + ((p.windowMinutes + 0.5) * 60_000) / SPEED + 1_000 - Date.now());
      const probeLateness = await probeRun;
      const receipts: Record<string, number[]> = {};
      for (const part of await Promise.all(workers.map((w) => w.call('takeReceipts')))) {
        for (const [id, list] of Object.entries(part)) (receipts[id] ??= []).push(...list);
      }
      director.disconnect();

      const log = readStoredLog(server.dataDir, EXERCISE, ['exercise.started', 'timer.fired', 'inject.released', 'exercise.ended']);
      const startedEntry = log.find((e) => e.type === 'exercise.started')!;
      const dueWall = (dueExerciseMs: number) => startedEntry.wallTime + (dueExerciseMs - startedEntry.exerciseTimeMs) / SPEED;
      const releaseLateness: number[] = [];
      const receiptLateness: number[] = [];
      let timer: { dueExerciseMs: number; wallTime: number } | undefined;
      for (const entry of log) {
        if (entry.type === 'timer.fired') timer = { dueExerciseMs: entry.body.dueExerciseMs as number, wallTime: entry.wallTime };
        if (entry.type !== 'inject.released' || !timer || timer.wallTime !== entry.wallTime) continue;
        const due = dueWall(timer.dueExerciseMs);
        releaseLateness.push(entry.wallTime - due);
        for (const at of receipts[(entry.body.inject as { id: string }).id] ?? []) receiptLateness.push(at - due);
      }
      const release = distribution(releaseLateness);
      const receipt = distribution(receiptLateness);
      const bare = distribution(probeLateness);
      const sent = background.reduce((a, b) => a + b.sent, 0);
      const ok = background.reduce((a, b) => a + b.ok, 0);
      const figures: Figure[] = [
        ...(['p50', 'p99', 'max'] as const).map((q) => ({
          name: `release lateness ${q}`,
          value: release[q],
          unit: 'ms',
          baseline: { name: 'bare setTimeout', value: bare[q] },
          ...(q === 'p99' ? { goal: { text: '< 20 ms', met: release.p99 < 20 } } : {}),
        })),
        ...(['p50', 'p99', 'max'] as const).map((q) => ({
          name: `receipt lateness ${q}`,
          value: receipt[q],
          unit: 'ms',
          note: q === 'p50' ? 'due -> on the tablets: commit and fan-out included' : '',
        })),
        { name: 'injects released on time-outs', value: release.count, unit: `of ${p.injects}` },
        {
          name: 'background actions acknowledged',
          value: ok,
          unit: `of ${sent}`,
          note: `ack p99 ${distribution(background.flatMap((b) => [...b.latencies])).p99.toFixed(1)} ms`,
        },
      ];
      return {
        parameters: {
          injects: p.injects,
          window: `${p.windowMinutes} exercise min = ${((p.windowMinutes * 60) / SPEED).toFixed(0)} s`,
          speed: SPEED,
          teams: p.teams,
          clients: p.clients,
          'background actions/s': p.actionsPerSecond,
        },
        figures,
        notes: [
          'Lateness = wall time of the inject.released entry (as logged) minus the due time (exercise.started wall time + due exercise time / speed).',
          'Baseline: a separate bare Node process with one setTimeout per due time, at the same moments on the same machine.',
          'Every tenth inject goes to all teams, the others to one team each; tablets report deliveries as the real tablet does.',
          'Background load: each tablet takes a report action every few seconds (the rate above), far busier than real play; each action also goes to the other tablets of its team.',
        ],
      };
    } finally {
      await Promise.all([...workers.map((w) => w.stop()), probe.stop()]);
      await server.stop();
    }
  },
};
