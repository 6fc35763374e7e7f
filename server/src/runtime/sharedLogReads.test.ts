import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { SqliteStore } from '../store/SqliteStore.ts';
import { withSharedLogReads } from './sharedLogReads.ts';

const entry = (seq: number): LogEntry =>
  ({ exerciseId: 'a', seq, wallTime: 1_700_000_000_000 + seq, exerciseTimeMs: seq, scenarioTimeMs: seq, actor: { kind: 'system' }, type: 'state.entered', states: [`s${seq}`] }) as LogEntry;

describe('withSharedLogReads', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function storeWithLog(entries: number) {
    const dir = mkdtempSync(join(tmpdir(), 'startex-shared-reads-'));
    dirs.push(dir);
    const store = new SqliteStore(join(dir, 'startex.sqlite'));
    stores.push(store);
    await store.createExercise({ id: 'a', title: 'a', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
    await store.append(Array.from({ length: entries }, (_, i) => entry(i + 1)));
    return store;
  }

  it('answers reads of one log asked in the same turn with one query, each with exactly the entries after its own seq', async () => {
    const store = await storeWithLog(10);
    const queries = vi.spyOn(store, 'readLog');
    const shared = withSharedLogReads(store);
    const seqs = async (afterSeq: number) => (await shared.readLog('a', afterSeq)).map((e) => e.seq);
    expect(await Promise.all([seqs(7), seqs(0), seqs(9), seqs(10)])).toEqual([[8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10], []]);
    expect(queries.mock.calls).toEqual([['a', 0]]);
    // A read asked for after those were answered sees what was appended meanwhile, in a query of its own.
    await shared.append([entry(11)]);
    expect(await seqs(9)).toEqual([10, 11]);
    expect(queries.mock.calls).toEqual([['a', 0], ['a', 9]]);
  });

  it('passes everything else through to the store', async () => {
    const store = await storeWithLog(2);
    const shared = withSharedLogReads(store);
    expect((await shared.getExercise('a'))?.title).toBe('a');
    expect(await shared.exercisesInPlay()).toEqual([]);
  });
});
