import { configDefaults, defineConfig } from 'vitest/config';

// Vitest 5's failure reporter calls Map.groupBy, which Node 20 lacks: without this a failing test
// crashes the reporter instead of printing why it failed.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

const TESTS = '{shared,scenarios,server,client}/{src,test}/**/*.test.{ts,tsx}';
const POSTGRES_TESTS = 'server/test/postgres/**/*.test.ts';

export default defineConfig({
  test: {
    reporters: ['default', './scripts/vitestSummaryReporter.ts'],
    testTimeout: 30_000,
    // Browser pages load lazy chunks on two busy cores: the 1 s default of expect.poll is too short under CI load.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 60_000,
    // Browser and process tests share two cores; keep the file-level parallelism modest.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'startex', include: [TESTS], exclude: [...configDefaults.exclude, POSTGRES_TESTS], sequence: { groupOrder: 0 } } },
      // The store and the server on PostgreSQL: one throwaway cluster per run, started only when one of these files runs.
      // After the rest and one file at a time: each runs several node processes and kills owners on a timetable, and two
      // such files side by side on two cores starve each other's nodes past their leases.
      {
        extends: true,
        test: { name: 'postgres', include: [POSTGRES_TESTS], globalSetup: ['server/test/postgres/globalSetup.ts'], sequence: { groupOrder: 1 }, maxWorkers: 1 },
      },
    ],
  },
});
