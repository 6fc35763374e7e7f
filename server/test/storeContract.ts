import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@startex/shared';
import { LIBRARY } from '@startex/scenarios';
import type { ExerciseStore } from '../src/store/ExerciseStore.ts';

const entry = (exerciseId: string, seq: number, extra: Partial<LogEntry> = {}): LogEntry =>
  ({
    exerciseId,
    seq,
    wallTime: 1_700_000_000_000 + seq,
    exerciseTimeMs: seq * 1000,
    scenarioTimeMs: 9 * 3_600_000 + seq * 1000,
    actor: { kind: 'system' },
    type: 'state.entered',
    states: [`s${seq}`],
    ...extra,
  }) as LogEntry;

/**
 * The behaviour every ExerciseStore must have, rule by rule. `open` gives a fresh store; with
 * `reopen` (the same data, opened again) it also checks that what was committed survives closing and opening again.
 */
export function storeContract(name: string, open: () => Promise<{ store: ExerciseStore; reopen: () => Promise<ExerciseStore> }>) {
  const withExercises = async (store: ExerciseStore, ...ids: string[]) => {
    for (const id of ids) await store.createExercise({ id, title: id, scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
  };

  describe(`ExerciseStore contract: ${name}`, () => {
    it('1. returns appended entries in seq order with every field intact', async () => {
      const { store } = await open();
      await withExercises(store, 'a');
      const entries = [entry('a', 1), entry('a', 2, { type: 'exercise.paused', actor: { kind: 'controller', id: 'c1' } } as Partial<LogEntry>)];
      await store.append(entries);
      expect(await store.readLog('a')).toEqual(entries);
    });

    it('2. commits appends of the same moment together and resolves them in order', async () => {
      const { store } = await open();
      await withExercises(store, 'a');
      const order: number[] = [];
      await Promise.all([1, 2, 3, 4].map((seq) => store.append([entry('a', seq)]).then(() => order.push(seq))));
      expect(order).toEqual([1, 2, 3, 4]);
      expect((await store.readLog('a')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it('3. refuses a batch that leaves a gap or repeats a seq, writing none of it, and keeps the others', async () => {
      const { store } = await open();
      await withExercises(store, 'a', 'b');
      await store.append([entry('a', 1)]);
      const results = await Promise.allSettled([
        store.append([entry('a', 3), entry('a', 4)]),
        store.append([entry('b', 1)]),
        store.append([entry('a', 1)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
      expect((await store.readLog('a')).map((e) => e.seq)).toEqual([1]);
      expect((await store.readLog('b')).map((e) => e.seq)).toEqual([1]);
      await store.append([entry('a', 2)]);
      expect((await store.readLog('a')).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('4. reads only what comes after a given seq', async () => {
      const { store } = await open();
      await withExercises(store, 'a');
      await store.append([1, 2, 3, 4, 5].map((seq) => entry('a', seq)));
      expect((await store.readLog('a', 3)).map((e) => e.seq)).toEqual([4, 5]);
      expect(await store.readLog('a', 5)).toEqual([]);
    });

    it('5. keeps each exercise its own log', async () => {
      const { store } = await open();
      await withExercises(store, 'a', 'b');
      await Promise.all([store.append([entry('a', 1), entry('a', 2)]), store.append([entry('b', 1)])]);
      expect((await store.readLog('a')).map((e) => `${e.exerciseId}${e.seq}`)).toEqual(['a1', 'a2']);
      expect((await store.readLog('b')).map((e) => `${e.exerciseId}${e.seq}`)).toEqual(['b1']);
    });

    it('6. keeps what was committed across closing and opening again', async () => {
      const { store, reopen } = await open();
      await withExercises(store, 'a');
      await store.append([entry('a', 1), entry('a', 2)]);
      await store.close();
      const again = await reopen();
      expect((await again.readLog('a')).map((e) => e.seq)).toEqual([1, 2]);
      await again.append([entry('a', 3)]);
      expect((await again.readLog('a')).map((e) => e.seq)).toEqual([1, 2, 3]);
      await again.close();
    });

    it('7. numbers uploaded scenario versions from 1 per id', async () => {
      const { store } = await open();
      const document = { ...LIBRARY.demo!, id: 'upload' };
      expect((await store.saveScenario(document)).version).toBe(1);
      expect((await store.saveScenario({ ...document, title: 'Second' })).version).toBe(2);
      expect((await store.getScenario('upload'))?.document.title).toBe('Second');
      expect((await store.getScenario('upload', 1))?.document.title).toBe(document.title);
      expect((await store.listScenarios()).map((s) => [s.document.id, s.version])).toEqual([['upload', 2]]);
    });
  });
}
