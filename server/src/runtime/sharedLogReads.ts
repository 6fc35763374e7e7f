import type { LogEntry } from '@startex/shared';
import type { ExerciseStore } from '../store/ExerciseStore.ts';

type Waiter = { afterSeq: number; resolve: (entries: LogEntry[]) => void; reject: (error: unknown) => void };

/**
 * The store as the exercise hosts see it, with one change: reads of one exercise's log asked for
 * in the same turn of the event loop share one query, from the earliest seq any of them needs.
 * After a restart hundreds of devices reconnect and sync at once; each used to read and parse
 * the same tail of the log on its own, the largest part of the server's work in that storm.
 * Every reader still gets exactly the entries after its own seq, committed before its read.
 */
export function withSharedLogReads(store: ExerciseStore): ExerciseStore {
  const batches = new Map<string, Waiter[]>();

  const flush = (exerciseId: string) => {
    const waiters = batches.get(exerciseId)!;
    batches.delete(exerciseId);
    const from = Math.min(...waiters.map((w) => w.afterSeq));
    store.readLog(exerciseId, from).then(
      (entries) => {
        for (const waiter of waiters) waiter.resolve(waiter.afterSeq === from ? entries : entries.filter((entry) => entry.seq > waiter.afterSeq));
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  };

  const readLog = (exerciseId: string, afterSeq = 0) =>
    new Promise<LogEntry[]>((resolve, reject) => {
      let waiters = batches.get(exerciseId);
      if (!waiters) {
        batches.set(exerciseId, (waiters = []));
        setImmediate(() => flush(exerciseId));
      }
      waiters.push({ afterSeq, resolve, reject });
    });

  return new Proxy(store, { get: (target, key) => (key === 'readLog' ? readLog : Reflect.get(target, key, target)) });
}
