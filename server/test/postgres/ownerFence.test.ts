import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { freshDatabase } from './databases.ts';

const note = (seq: number): LogEntry =>
  ({ exerciseId: 'fenced', seq, wallTime: 1_700_000_000_000 + seq, exerciseTimeMs: seq, scenarioTimeMs: seq, actor: { kind: 'system' }, type: 'note.added', text: `Note ${seq}` }) as LogEntry;

describe('the owner fence of the PostgreSQL log (several nodes)', () => {
  let store: PostgresStore | undefined;
  let other: pg.Client | undefined;
  afterEach(async () => {
    await other?.end();
    await store?.close();
    store = other = undefined;
  });

  async function open(): Promise<{ store: PostgresStore; other: pg.Client }> {
    const url = await freshDatabase();
    store = await PostgresStore.open(url);
    await store.createExercise({ id: 'fenced', title: 'Fenced', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
    other = new pg.Client(url);
    await other.connect();
    await other.query("INSERT INTO exercise_owners (exercise_id, epoch, node, since) VALUES ('fenced', 1, 'node-a', 0)");
    return { store, other };
  }

  const epochs = async (client: pg.Client) =>
    (await client.query<{ seq: number; epoch: number }>("SELECT seq, epoch FROM log_entries WHERE exercise_id = 'fenced' ORDER BY seq")).rows.map((r) => [r.seq, r.epoch]);

  it('writes an owner generation only while it is the exercise\'s: a stale owner\'s batch is refused and writes nothing', async () => {
    const { store, other } = await open();
    await store.appendAsOwner([note(1)], 1);
    await other.query("UPDATE exercise_owners SET epoch = 2, node = 'node-b' WHERE exercise_id = 'fenced'");
    await expect(store.appendAsOwner([note(2), note(3)], 1)).rejects.toThrow('Log fence: fenced is owned by generation 2, not by this writer\'s 1');
    await store.appendAsOwner([note(2)], 2);
    expect(await epochs(other)).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('refuses an append that waits on a takeover in progress, once the takeover commits', async () => {
    const { store, other } = await open();
    await store.appendAsOwner([note(1)], 1);
    // Another node raises the generation; its transaction is still open while node-a appends.
    await other.query('BEGIN');
    await other.query("UPDATE exercise_owners SET epoch = 2, node = 'node-b' WHERE exercise_id = 'fenced'");
    let settled = false;
    const stale = store.appendAsOwner([note(2)], 1).finally(() => (settled = true));
    const refused = expect(stale).rejects.toThrow('Log fence');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled, 'the append waits for the takeover').toBe(false);
    await other.query('COMMIT');
    await refused;
    expect(await epochs(other)).toEqual([[1, 1]]);
  });
});
