import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectStatic } from 'vitest';
import type { ClientToServerEvents, CommitResult, ControllerCommand, LogEntry, Viewer } from '@startex/shared';
import { canSee } from '@startex/scenarios/engine';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { startServerProcess, type ServerProcess } from './e2e/serverProcess.ts';
import { callOrLost, LogMirror, loginAt, until, type TestSocket } from './harness.ts';

const ALARM_AFTER_MS = 120_000; // the demo's quiet phase, in exercise time
const TABLETS = 3;
const TEAM: Viewer = { role: 'participant', teamId: 'customs' };
const DIRECTOR: Viewer = { role: 'director' };

const processes: ServerProcess[] = [];

/** Stops every server process the crash runs started and removes their data folders (for afterAll). */
export async function stopCrashedServers(): Promise<void> {
  const started = processes.splice(0);
  for (const server of started) await server.stop('SIGKILL');
  for (const dir of new Set(started.map((p) => p.dataDir))) rmSync(dir, { recursive: true, force: true });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Committed = Exclude<keyof ClientToServerEvents, 'sync'>;

/** One request a client made, and what it heard back: nothing if the server died first. */
interface Sent {
  event: Committed;
  payload: Record<string, unknown>;
  tablet?: number;
  result?: CommitResult | undefined;
}

/** A request, retried while the flood limit refuses it (it logs nothing then); undefined when the connection dropped. */
async function commit(socket: TestSocket | undefined, event: Committed, payload: unknown): Promise<CommitResult | undefined> {
  for (;;) {
    if (!socket) return undefined;
    const result = await callOrLost(socket, event, payload);
    if (result && !result.ok && result.error.code === 'RATE_LIMITED') {
      await pause(300);
      continue;
    }
    return result;
  }
}

/** Where the server processes keep their data, and how the test reads the log they left there. */
export interface CrashedDatabase {
  /** Added to the server processes' environment, e.g. STARTEX_DATABASE_URL; none for the SQLite file in their data folder. */
  env: Record<string, string>;
  /** The demo's stored log, read once the last process has stopped. */
  readLog(dataDir: string): Promise<LogEntry[]>;
}

/** The default: the SQLite file in the server's data folder. */
export const SQLITE_FILE: CrashedDatabase = {
  env: {},
  async readLog(dataDir) {
    const store = new SqliteStore(join(dataDir, 'startex.sqlite'));
    try {
      return await store.readLog('demo');
    } finally {
      await store.close();
    }
  },
};

async function startProcess(options: { speed: number; dataDir?: string; database: CrashedDatabase }) {
  const server = await startServerProcess({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), env: { STARTEX_DEMO_SPEED: String(options.speed), ...options.database.env } });
  processes.push(server);
  return server;
}

/**
 * Plays the demo in a real server process with three tablets and a console sending all the
 * time, kills the process with SIGKILL while the alarm timer is pending and requests are in
 * flight, waits, starts a new process on the same data directory and plays on.
 */
export async function crashAndRestart(expect: ExpectStatic, options: { speed: number; crashAfterMs: number; late: boolean; database?: CrashedDatabase }) {
  const { speed } = options;
  const database = options.database ?? SQLITE_FILE;
  const first = await startProcess({ speed, database });
  const director = await loginAt(first.url, first.director.username, first.director.password!, 'demo');
  const console_ = new LogMirror(director);
  const tablets = Array.from({ length: TABLETS }, () => new LogMirror(first.joinCode));
  const everyone = [console_, ...tablets];
  await Promise.all(everyone.map((m) => m.open(first.url)));

  const sent: Sent[] = [];
  const send = async (request: Sent, socket: TestSocket | undefined) => {
    sent.push(request);
    request.result = await commit(socket, request.event, request.payload);
    return request.result;
  };
  let counter = 0;
  /** The next thing tablet `i` does: a message, an action, or a receipt for an inject it was sent. */
  const nextRequest = (i: number): Sent => {
    const n = ++counter;
    const acked = new Set(sent.flatMap((s) => (s.tablet === i && s.event === 'inject.acknowledge' ? [s.payload.injectId] : [])));
    const unacked = tablets[i]!.entries.flatMap((e) => (e.type === 'inject.released' && !acked.has(e.inject.id) ? [e.inject.id] : []));
    if (n % 3 === 0 && unacked.length > 0) return { event: 'inject.acknowledge', payload: { injectId: unacked[0]! }, tablet: i };
    if (n % 3 === 1) {
      return { event: 'action.take', payload: { actionId: 'report_alarm', fields: { dose_rate_usvh: n / 10, vehicle_held: n % 2 === 0 }, idempotencyKey: `tablet${i}-action-${n}` }, tablet: i };
    }
    return { event: 'message.send', payload: { to: { teams: [], organisations: ['supervisor'] }, text: `Tablet ${i}, message ${n}`, idempotencyKey: `tablet${i}-message-${n}` }, tablet: i };
  };
  const adhoc = (): Sent => {
    const n = ++counter;
    const command: ControllerCommand = { type: 'adhoc', to: ['customs'], channel: 'radio', from: 'Exercise control', subject: `Ad hoc ${n}`, body: `Check ${n}.` };
    return { event: 'command', payload: command };
  };

  const start = await commit(console_.socket, 'command', { type: 'start' });
  expect(start).toMatchObject({ ok: true });
  const started = await until(() => console_.entries.find((e) => e.type === 'exercise.started'), 'StartEx on the console');
  const alarmDueWall = started.wallTime + ALARM_AFTER_MS / speed;

  // Everyone sends all the time until the process dies.
  let crashed = false;
  const workers = [
    ...tablets.map(async (tablet, i) => {
      while (!crashed) {
        if ((await send(nextRequest(i), tablet.socket)) === undefined) return;
        await pause(200);
      }
    }),
    (async () => {
      while (!crashed) {
        if ((await send(adhoc(), console_.socket)) === undefined) return;
        await pause(200);
      }
    })(),
  ];
  await pause(started.wallTime + options.crashAfterMs - Date.now());
  // A burst on the wire as the process is killed: the first requests may be committed with their
  // acknowledgement lost, the last ones not even read.
  const burst: Promise<unknown>[] = [send(adhoc(), console_.socket)];
  for (const gapMs of [0, 1, 2, 4]) {
    await pause(gapMs);
    burst.push(...tablets.map((tablet, i) => send(nextRequest(i), tablet.socket)));
  }
  const killedAt = Date.now();
  const killed = first.stop('SIGKILL');
  crashed = true;
  await Promise.all([killed, ...workers, ...burst]);
  expect(killedAt, 'the alarm timer must still be pending when the process dies').toBeLessThan(alarmDueWall);
  const lost = sent.filter((s) => s.result === undefined);
  expect(lost.length, 'some requests were in flight at the crash').toBeGreaterThan(0);
  expect(sent.filter((s) => s.result?.ok === false)).toEqual([]);

  if (options.late) await pause(alarmDueWall + 1_000 - Date.now());
  const restartAt = Date.now();
  const second = await startProcess({ speed, dataDir: first.dataDir, database });
  // Fresh clients, each resuming from the last seq it saw.
  await Promise.all(everyone.map((m) => m.open(second.url)));
  const resumed = console_.view!;
  if (options.late) {
    expect(restartAt, 'the alarm came due while the server was down').toBeGreaterThan(alarmDueWall);
  } else {
    expect(resumed.clock.exerciseTimeMs, 'the restart must finish before the alarm is due').toBeLessThan(started.exerciseTimeMs + ALARM_AFTER_MS);
    expect(resumed.control?.nextTimerExerciseMs).toBe(started.exerciseTimeMs + ALARM_AFTER_MS);
  }
  const isAlarm = (e: LogEntry) => e.type === 'inject.released' && e.inject.id === 'portal_alarm';
  await until(() => console_.entries.some(isAlarm), 'the alarm after the restart', 90_000);

  // Retrying every action and message with its key: the acknowledged ones get their first seq back.
  const retries = new Map<string, CommitResult | undefined>();
  await Promise.all(
    tablets.map(async (tablet, i) => {
      for (const request of sent.filter((s) => s.tablet === i && (s.event === 'action.take' || s.event === 'message.send'))) {
        retries.set(request.payload.idempotencyKey as string, await commit(tablet.socket, request.event, request.payload));
      }
    }),
  );
  // Receipts for the alarm from every tablet of the team: one entry each kind, the same seq for all.
  const receipts: Sent[] = [];
  for (const [i, tablet] of tablets.entries()) {
    for (const event of ['inject.delivered', 'inject.acknowledge'] as const) {
      const request: Sent = { event, payload: { injectId: 'portal_alarm' }, tablet: i };
      receipts.push(request);
      await send(request, tablet.socket);
    }
  }
  const end = await commit(console_.socket, 'command', { type: 'end' });
  expect(end).toMatchObject({ ok: true });
  for (const mirror of everyone) await until(() => mirror.entries.some((e) => e.type === 'exercise.ended'), 'EndEx on every client');
  for (const mirror of everyone) mirror.close();
  await second.stop();
  const log = await database.readLog(first.dataDir);

  // The log: gapless, every acknowledged request in it at the seq it was acknowledged with.
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const at = (seq: number) => log[seq - 1]!;
  for (const request of sent.filter((s) => s.result?.ok)) {
    const entry = at((request.result as { seq: number }).seq);
    const p = request.payload;
    switch (request.event) {
      case 'action.take':
        expect(entry).toMatchObject({ type: 'action.taken', actionId: p.actionId, teamId: 'customs', fields: p.fields, idempotencyKey: p.idempotencyKey });
        break;
      case 'message.send':
        expect(entry).toMatchObject({ type: 'message.sent', from: { kind: 'team', teamId: 'customs' }, to: p.to, text: p.text, idempotencyKey: p.idempotencyKey });
        break;
      case 'inject.acknowledge':
        expect(entry).toMatchObject({ type: 'inject.acknowledged', injectId: p.injectId, teamId: 'customs' });
        break;
      case 'inject.delivered':
        expect(entry).toMatchObject({ type: 'inject.delivered', injectId: p.injectId, teamId: 'customs' });
        break;
      case 'command':
        expect(entry).toMatchObject({ type: 'inject.released', inject: { subject: p.subject, adHoc: true } });
        break;
    }
  }
  // Each key once; a retry got the seq the first attempt was acknowledged with, and logged nothing new.
  const keyed = log.flatMap((e) => (e.type === 'action.taken' || e.type === 'message.sent') && e.idempotencyKey ? [[e.idempotencyKey, e.seq] as const] : []);
  expect(new Set(keyed.map(([key]) => key)).size).toBe(keyed.length);
  const seqOf = new Map(keyed);
  for (const [key, retry] of retries) {
    expect(retry, key).toMatchObject({ ok: true, seq: seqOf.get(key) });
    const first = sent.find((s) => s.payload.idempotencyKey === key)!;
    // The retry's entries went out with the first answer: it carries none.
    if (first.result) expect({ ...first.result, entries: [] }, key).toEqual(retry);
  }
  // (The first answer of each kind carries the entry; the others, served from it, carry none.)
  const answered = (r: Sent) => (r.result?.ok ? { ok: true, seq: r.result.seq } : r.result);
  expect(new Set(receipts.map((r) => JSON.stringify([r.event, answered(r)]))).size).toBe(2);

  // The alarm timer fired once, in the new process, for the exercise time it was scheduled for.
  const fired = log.filter((e) => e.type === 'timer.fired');
  expect(fired.map(({ type, timer, dueExerciseMs, actor }) => ({ type, timer, dueExerciseMs, actor }))).toEqual([
    { type: 'timer.fired', timer: 'quiet.after.0', dueExerciseMs: started.exerciseTimeMs + ALARM_AFTER_MS, actor: { kind: 'system' } },
  ]);
  expect(fired[0]!.wallTime).toBeGreaterThanOrEqual(restartAt);
  const released = at(fired[0]!.seq + 2);
  expect(at(fired[0]!.seq + 1)).toMatchObject({ type: 'state.entered', states: ['alarm'] });
  expect(released).toMatchObject({ type: 'inject.released', inject: { id: 'portal_alarm', to: ['customs'] } });
  if (released.type !== 'inject.released') return;
  // Lateness in wall-clock time: how long after it was due the timer fired.
  expect(released).not.toHaveProperty('lateByMs');
  if (options.late) {
    expect(released.lateByWallMs).toBe(Math.round((released.exerciseTimeMs - (started.exerciseTimeMs + ALARM_AFTER_MS)) / speed));
    expect(released.lateByWallMs).toBeGreaterThanOrEqual(1_000);
  } else {
    expect(released).not.toHaveProperty('lateByWallMs');
  }
  // The exercise clock ran on in wall time through the crash: every entry's exercise time follows from StartEx.
  for (const entry of log.filter((e) => e.seq >= started.seq)) {
    expect(entry.exerciseTimeMs, `seq ${entry.seq}`).toBe(Math.round(started.exerciseTimeMs + (entry.wallTime - started.wallTime) * speed));
  }

  // Every client ends with its viewer's log, each entry once, no inject twice.
  for (const [mirror, viewer] of [[console_, DIRECTOR], ...tablets.map((t) => [t, TEAM] as const)] as [LogMirror, Viewer][]) {
    expect(mirror.entries).toEqual(log.filter((e) => canSee(viewer, e)));
    expect(mirror.conflicts).toEqual([]);
    const injects = mirror.entries.flatMap((e) => (e.type === 'inject.released' ? [e.inject.id] : []));
    expect(new Set(injects).size).toBe(injects.length);
  }
  return { lost: lost.length, acknowledged: sent.filter((s) => s.result?.ok).length };
}
