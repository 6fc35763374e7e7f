import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { SqliteStore } from '../store/SqliteStore.ts';
import { withLogTailCache } from './logTailCache.ts';

const entry = (seq: number): LogEntry =>
  ({ exerciseId: 'a', seq, wallTime: 1_700_000_000_000 + seq, exerciseTimeMs: seq, scenarioTimeMs: seq, actor: { kind: 'system' }, type: 'state.entered', states: [`s${seq}`] }) as LogEntry;
const seqsOf = (entries: LogEntry[]) => entries.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('withLogTailCache', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function storeWithLog(entries: number) {
    const dir = mkdtempSync(join(tmpdir(), 'startex-log-tail-'));
    dirs.push(dir);
    const store = new SqliteStore(join(dir, 'startex.sqlite'));
    stores.push(store);
    await store.createExercise({ id: 'a', title: 'a', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
    await store.append(range(1, entries).map(entry));
    return store;
  }

  it('answers reads within what it read before from memory, asking the store only for newer entries', async () => {
    const store = await storeWithLog(10);
    const queries = vi.spyOn(store, 'readLog');
    const log = withLogTailCache(store, 6);
    expect(seqsOf(await log.readLog('a'))).toEqual(range(1, 10));
    // Held: 5 to 10 (the last six read). Devices syncing from 7 and 9 read nothing old again.
    expect(seqsOf(await log.readLog('a', 7))).toEqual([8, 9, 10]);
    expect(seqsOf(await log.readLog('a', 9))).toEqual([10]);
    expect(seqsOf(await log.readLog('a', 12))).toEqual([]);
    await store.append([entry(11), entry(12)]);
    expect(seqsOf(await log.readLog('a', 9))).toEqual([10, 11, 12]);
    // From before what it holds: the store again.
    expect(seqsOf(await log.readLog('a', 2))).toEqual(range(3, 12));
    expect(queries.mock.calls).toEqual([['a', 0], ['a', 10], ['a', 10], ['a', 10], ['a', 10], ['a', 2]]);
  });

  it('gives concurrent readers each exactly the entries after their own seq', async () => {
    const store = await storeWithLog(20);
    const log = withLogTailCache(store);
    await log.readLog('a', 5);
    const reads = await Promise.all([0, 3, 5, 12, 19, 20, 25].map(async (after) => seqsOf(await log.readLog('a', after))));
    expect(reads).toEqual([range(1, 20), range(4, 20), range(6, 20), range(13, 20), [20], [], []]);
  });

  it('forgets the tail of an exercise unloaded from memory, so its next read asks the store again', async () => {
    const store = await storeWithLog(4);
    const queries = vi.spyOn(store, 'readLog');
    const log = withLogTailCache(store);
    await log.readLog('a');
    log.forgetTail('a');
    expect(seqsOf(await log.readLog('a', 2))).toEqual([3, 4]);
    expect(queries.mock.calls).toEqual([['a', 0], ['a', 2]]);
  });

  it('passes everything else through to the store', async () => {
    const store = await storeWithLog(2);
    const log = withLogTailCache(store);
    expect((await log.getExercise('a'))?.title).toBe('a');
    expect(await log.exercisesInPlay()).toEqual([]);
  });
});
