import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { call, LogMirror, startServer, type Harness } from '../harness.ts';
import { freshDatabase } from './databases.ts';

const report = (key: string) => ({ actionId: 'report_alarm', fields: { dose_rate_usvh: 4.2, vehicle_held: true }, idempotencyKey: key });

describe('a server on PostgreSQL whose log another writer moved on', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers the fenced input INTERNAL, writes none of it, and continues the log as stored', async () => {
    const url = await freshDatabase();
    // Speed 1: the demo's first timer is two minutes away, so only the test writes to the log.
    h = await startServer({ speed: 1, store: await PostgresStore.open(url) });
    const director = new LogMirror(h.controllerToken);
    const tablet = new LogMirror(h.joinCode('customs'));
    await Promise.all([director.open(h.url), tablet.open(h.url)]);
    const other = new pg.Client(url);
    await other.connect();
    try {
      expect(await call(director.socket!, 'command', { type: 'start' })).toMatchObject({ ok: true });
      const first = await call(tablet.socket!, 'action.take', report('tablet-1'));
      if (!first.ok) throw new Error(first.error.code);
      const typeAt = async (seq: number) => (await other.query<{ type: string }>("SELECT type FROM log_entries WHERE exercise_id = 'demo' AND seq = $1", [seq])).rows[0]?.type;
      // Acknowledged means committed: another connection reads it at once.
      expect(await typeAt(first.seq)).toBe('action.taken');

      // Another writer (a stale owner, later another node) takes the next seq behind the server's back.
      const taken = first.seq + 1;
      await other.query(
        "INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key, epoch) VALUES ('demo', $1, 'note.added', $2, 0, 0, $3, $4, NULL, 1)",
        [taken, Date.now(), JSON.stringify({ kind: 'system' }), JSON.stringify({ type: 'note.added', text: 'Written by another writer' })],
      );
      const refused = await call(tablet.socket!, 'action.take', report('tablet-2'));
      expect(refused).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server; nothing was changed.' } });
      expect(await typeAt(taken + 1)).toBeUndefined();

      const retried = await call(tablet.socket!, 'action.take', report('tablet-2'));
      expect(retried).toMatchObject({ ok: true, seq: taken + 1 });
      const log = await h.server.runtime.store.readLog('demo');
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log.slice(-3).map((e) => [e.seq, e.type])).toEqual([
        [first.seq, 'action.taken'],
        [taken, 'note.added'],
        [taken + 1, 'action.taken'],
      ]);
      // Every entry carries the generation that wrote it: the server's own (0, one node), the other writer's 1.
      const epochs = await other.query<{ seq: number; epoch: number }>("SELECT seq, epoch FROM log_entries WHERE exercise_id = 'demo' AND epoch <> 0");
      expect(epochs.rows).toEqual([{ seq: taken, epoch: 1 }]);
    } finally {
      await other.end();
      director.close();
      tablet.close();
    }
  });
});
