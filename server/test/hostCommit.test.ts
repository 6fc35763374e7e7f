import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { toErrorDetail } from '../src/realtime/gateway.ts';
import { ExerciseHost, type HostLog, type WallClock } from '../src/runtime/ExerciseHost.ts';
import type { ExerciseRecord, ExerciseStore } from '../src/store/ExerciseStore.ts';
import { call, LogMirror, startServer, type Harness } from './harness.ts';
import { ManualClock } from './manualClock.ts';

/**
 * The log half of the store interface, with commits the test settles by hand: what the host
 * may do while a commit is in flight, and after one fails. It keeps the interface's rules: a
 * batch is stored whole or not at all, a batch that does not continue the stored log is
 * refused, and a read waits for the appends already asked for.
 */
class HandCommittedLog implements Pick<ExerciseStore, 'append' | 'readLog'> {
  readonly stored: LogEntry[] = [];
  private readonly waiting: { entries: LogEntry[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  private settledAll: Promise<void> = Promise.resolve();

  get inFlight(): LogEntry[][] {
    return this.waiting.map((w) => w.entries);
  }

  append(entries: LogEntry[]): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ entries, resolve, reject }));
    this.settledAll = Promise.allSettled([this.settledAll, done]).then(() => undefined);
    return done;
  }

  async readLog(_exerciseId: string, afterSeq = 0): Promise<LogEntry[]> {
    await this.settledAll;
    return this.stored.filter((e) => e.seq > afterSeq);
  }

  /** Commits the oldest batch in flight, or refuses it if it would leave a gap. */
  commitNext(): void {
    const next = this.waiting.shift()!;
    if (next.entries[0]!.seq !== this.stored.length + 1) return next.reject(new Error(`Log gap: continues at seq ${this.stored.length + 1}`));
    this.stored.push(...next.entries);
    next.resolve();
  }

  failNext(error: Error): void {
    this.waiting.shift()!.reject(error);
  }
}

/** Lets every promise continuation and immediate that is ready run. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** Whether a promise has settled yet, without waiting for it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  const done = promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return { state, done };
}

const RECORD: ExerciseRecord = { id: 'commit', title: 'Commit', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 };
const report = (key: string) => ({ actionId: 'report_alarm', fields: { dose_rate_usvh: 4.2, vehicle_held: true }, idempotencyKey: key });

const hosts: ExerciseHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

/** A live demo exercise over the hand-committed log, and every batch its listeners heard of. */
async function liveHost(wall?: WallClock, hostLog?: HostLog) {
  const log = new HandCommittedLog();
  // The host reads and appends the log only; the rest of the store is not reached in play.
  const host = await ExerciseHost.load(log as unknown as ExerciseStore, RECORD, wall, hostLog);
  hosts.push(host);
  const heard: LogEntry[][] = [];
  host.onCommit((batch) => heard.push(batch));
  for (const type of ['ready', 'start'] as const) {
    const done = host.command({ type }, { kind: 'system' });
    log.commitNext();
    await done;
  }
  heard.length = 0;
  return { log, host, heard };
}

describe('the host acknowledges only what the store has made durable', () => {
  it('an action, a command and a retried key resolve, and listeners hear of them, only once the append has resolved', async () => {
    const { log, host, heard } = await liveHost();
    const stored = log.stored.length;
    const action = watch(host.takeAction('customs', report('key-1')));
    const note = watch(host.command({ type: 'note', text: 'Customs quick to report' }, { kind: 'controller', id: 'c1' }));
    await flush();
    // Sent to the store, folded in memory, but neither acknowledged nor announced.
    expect(log.inFlight.map((batch) => batch.map((e) => [e.seq, e.type]))).toEqual([[[stored + 1, 'action.taken']], [[stored + 2, 'note.added']]]);
    const retry = watch(host.takeAction('customs', report('key-1')));
    await flush();
    expect([action.state.settled, note.state.settled, retry.state.settled]).toEqual([false, false, false]);
    expect(heard).toEqual([]);

    log.commitNext();
    await action.done;
    await retry.done;
    expect(action.state).toEqual({ settled: true, value: stored + 1 });
    expect(retry.state).toEqual({ settled: true, value: stored + 1 });
    expect(note.state.settled).toBe(false);
    expect(heard).toEqual([log.stored.slice(stored, stored + 1)]);

    log.commitNext();
    await note.done;
    expect(note.state).toEqual({ settled: true, value: stored + 2 });
    expect(heard).toEqual([log.stored.slice(stored, stored + 1), log.stored.slice(stored + 1)]);
  });

  it('a failed append reaches its caller, is announced to no one, and the next input continues the stored log', async () => {
    const { log, host, heard } = await liveHost();
    const stored = log.stored.length;
    const action = watch(host.takeAction('customs', report('key-1')));
    const note = watch(host.command({ type: 'note', text: 'Sent behind the failed action' }, { kind: 'controller', id: 'c1' }));
    await flush();
    const diskFull = new Error('SQLITE_FULL: database or disk is full');
    log.failNext(diskFull);
    // The note was folded after the action: it no longer continues the stored log.
    log.commitNext();
    await Promise.all([action.done, note.done]);
    expect(action.state).toEqual({ settled: true, error: diskFull });
    expect(note.state.error).toBeInstanceOf(Error);
    const logged: object[] = [];
    expect(toErrorDetail(action.state.error, { error: (details) => logged.push(details) })).toEqual({ code: 'INTERNAL', message: 'Something went wrong on the server; nothing was changed.' });
    expect(logged).toEqual([{ err: diskFull }]);
    expect(heard).toEqual([]);
    expect(log.stored).toHaveLength(stored);

    // The same key again: it was never durable, so it is taken anew, at the seq after the stored log.
    const again = watch(host.takeAction('customs', report('key-1')));
    await flush();
    expect(log.inFlight.map((batch) => batch[0]!.seq)).toEqual([stored + 1]);
    log.commitNext();
    await again.done;
    expect(again.state).toEqual({ settled: true, value: stored + 1 });
    expect(log.stored.map((e) => e.seq)).toEqual(log.stored.map((_, i) => i + 1));
    expect(log.stored.at(-1)).toMatchObject({ type: 'action.taken', idempotencyKey: 'key-1' });
    expect(host.describe(Date.now())).toMatchObject({ lastSeq: stored + 1, served: { 'team:customs\nkey\nkey-1': { seq: stored + 1 } } });
  });
});

describe('nothing the host does fails silently (issue 14: a timer\'s failed commit was caught and dropped)', () => {
  it('a scenario timer whose commit fails is logged with its error, and the next input continues the stored log', async () => {
    const errors: { details: { err: unknown; exerciseId: string }; message: string }[] = [];
    const clock = new ManualClock();
    const { log, host } = await liveHost(clock, { error: (details, message) => errors.push({ details, message }) });
    const stored = log.stored.length;
    // The demo's alarm is due two exercise minutes after StartEx (speed 1).
    await clock.advance(120_000);
    expect(log.inFlight.flat().map((e) => e.type)).toContain('timer.fired');
    const diskFull = new Error('SQLITE_FULL: database or disk is full');
    log.failNext(diskFull);
    await flush();
    expect(errors).toEqual([{ details: { err: diskFull, exerciseId: RECORD.id }, message: 'Firing the scenario timers failed' }]);
    expect(log.stored).toHaveLength(stored);
    // Rebuilt from the stored log: the next input continues it, and the timer, still due, fires again.
    const note = watch(host.command({ type: 'note', text: 'After the failed timer' }, { kind: 'controller', id: 'c1' }));
    await flush();
    log.commitNext();
    await note.done;
    expect(note.state).toEqual({ settled: true, value: stored + 1 });
    await clock.advance(0);
    log.commitNext();
    await flush();
    expect(log.stored.slice(stored).map((e) => [e.seq, e.type]).slice(0, 2)).toEqual([
      [stored + 1, 'note.added'],
      [stored + 2, 'timer.fired'],
    ]);
    expect(errors).toHaveLength(1);
  });

  it('a listener that throws is logged; the sender is still answered and the other listeners still hear of the batch', async () => {
    const errors: unknown[] = [];
    const { log, host, heard } = await liveHost(undefined, { error: (details) => errors.push(details.err) });
    const broken = new Error('listener bug');
    host.onCommit(() => {
      throw broken;
    });
    const after: LogEntry[][] = [];
    host.onCommit((batch) => after.push(batch));
    const note = watch(host.command({ type: 'note', text: 'Heard by all' }, { kind: 'controller', id: 'c1' }));
    await flush();
    log.commitNext();
    await note.done;
    expect(note.state).toEqual({ settled: true, value: log.stored.at(-1)!.seq });
    expect([heard, after]).toEqual([[log.stored.slice(-1)], [log.stored.slice(-1)]]);
    expect(errors).toEqual([broken]);
  });
});

describe('over the real SQLite store and socket.io', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an acknowledged action is readable from another connection; a refused commit is logged with its stack, answers INTERNAL, and play continues the stored log', async () => {
    const logLines: string[] = [];
    const loggerStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    // Speed 1: the demo's first timer is two minutes away, so only the test writes to the log.
    h = await startServer({ speed: 1, loggerStream });
    const director = new LogMirror(h.controllerToken);
    const tablet = new LogMirror(h.joinCode('customs'));
    await Promise.all([director.open(h.url), tablet.open(h.url)]);
    expect(await call(director.socket!, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const other = new Database(join(h.dataDir, 'startex.sqlite'));
    other.pragma('busy_timeout = 5000');
    try {
      const typeAt = other.prepare("SELECT type FROM log_entries WHERE exercise_id = 'demo' AND seq = ?").pluck();
      const first = await call(tablet.socket!, 'action.take', report('tablet-1'));
      if (!first.ok) throw new Error(first.error.code);
      expect(typeAt.get(first.seq)).toBe('action.taken');

      // Another writer takes the next seq behind the server's back, so the server's next commit fails.
      const taken = first.seq + 1;
      other
        .prepare('INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)')
        .run('demo', taken, 'note.added', Date.now(), 0, 0, JSON.stringify({ kind: 'system' }), JSON.stringify({ type: 'note.added', text: 'Written by another connection' }));
      const refused = await call(tablet.socket!, 'action.take', report('tablet-2'));
      expect(refused).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server; nothing was changed.' } });
      // The gateway wrote the unexpected error to fastify's log, with its stack, before it answered.
      const logged = logLines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { stack?: string } });
      const unexpected = logged.filter((line) => line.msg === 'Unexpected error in a socket event');
      expect(unexpected).toHaveLength(1);
      expect(unexpected[0]).toMatchObject({ level: 50, err: { stack: expect.stringContaining('Log conflict: demo already has seq') } });

      const retried = await call(tablet.socket!, 'action.take', report('tablet-2'));
      expect(retried).toMatchObject({ ok: true, seq: taken + 1 });
      const log = await h.server.runtime.store.readLog('demo');
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log.slice(-3).map((e) => [e.seq, e.type])).toEqual([
        [first.seq, 'action.taken'],
        [taken, 'note.added'],
        [taken + 1, 'action.taken'],
      ]);
    } finally {
      other.close();
      director.close();
      tablet.close();
    }
  });
});
