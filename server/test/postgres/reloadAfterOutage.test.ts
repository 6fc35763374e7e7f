import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { ExerciseRuntime } from '../../src/runtime/ExerciseRuntime.ts';
import type { Store } from '../../src/store/ExerciseStore.ts';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { freshDatabase } from './databases.ts';

/**
 * A node whose exercise host could not be loaded again (its owner gave the exercise up while
 * PostgreSQL was down) loads it on the next use: its sockets must hear of what another node
 * committed meanwhile, or they miss those entries until they reconnect.
 */
describe('a runtime loading an exercise again after a failed load', () => {
  const stores: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('tells its listeners the entries another node committed while the exercise was not loaded', async () => {
    const url = await freshDatabase();
    const [here, elsewhere] = [await PostgresStore.open(url), await PostgresStore.open(url)];
    stores.push(here, elsewhere);
    let unreachable = false;
    // This node's store, whose reads fail while the database is "down".
    const flaky = new Proxy(here, {
      get: (target, key) =>
        key === 'getExercise' && unreachable ? () => Promise.reject(new Error('Connection terminated unexpectedly')) : Reflect.get(target, key, target),
    }) as Store;
    const runtime = new ExerciseRuntime(flaky);
    const told: LogEntry[] = [];
    runtime.onCommit((_, entries) => told.push(...entries));
    const { id } = await runtime.create({ scenario: LIBRARY.demo!, speed: 1 });
    await (await runtime.get(id)).command({ type: 'ready' }, { kind: 'system' });

    // Given up while the database is down: the host is gone and loading it again fails.
    unreachable = true;
    await expect(runtime.reload(id)).rejects.toThrow('Connection terminated unexpectedly');
    unreachable = false;
    // Another node (the new owner) plays on meanwhile.
    const owner = new ExerciseRuntime(elsewhere);
    await (await owner.get(id)).command({ type: 'start' }, { kind: 'system' });
    await (await owner.get(id)).command({ type: 'note', text: 'Played while the other node had no host' }, { kind: 'system' });

    await runtime.get(id);
    const log = await here.readLog(id);
    expect(log.length).toBeGreaterThan(2);
    expect(told.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    await runtime.close();
    await owner.close();
  });
});
