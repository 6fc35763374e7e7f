import type { LogEntry } from '@startex/shared';
import type { ExerciseStore } from '../store/ExerciseStore.ts';

/** The store with a tail cache: `forgetTail` drops what is held of an exercise unloaded from memory. */
export type TailCachedStore = ExerciseStore & { forgetTail(exerciseId: string): void };

/** Contiguous entries of one exercise's log: seqs `after + 1` to the last one held. */
interface Tail {
  after: number;
  entries: LogEntry[];
}

/**
 * The store as the exercise hosts see it, with one change: each exercise's last `keep` log entries
 * read are held in memory, and a read that starts within them asks the store only for what came
 * after. After a restart hundreds of devices reconnect and sync at once; each used to read and
 * parse the same tail of the log again, a fifth of the server's CPU in that storm. The log is
 * append-only and gapless, so what was read once never changes; what is newer still comes from
 * the store, which waits for commits already asked for.
 */
export function withLogTailCache(store: ExerciseStore, keep = 2_000): TailCachedStore {
  const tails = new Map<string, Tail>();

  const lastSeq = (tail: Tail) => tail.after + tail.entries.length;

  /** Adds `entries` (seqs after `after`, contiguous) to the tail they continue, or holds them instead of one that ends sooner. */
  const remember = (exerciseId: string, after: number, entries: LogEntry[]) => {
    let tail = tails.get(exerciseId);
    if (tail && after === lastSeq(tail)) tail.entries.push(...entries);
    else if (!tail || after + entries.length > lastSeq(tail)) tails.set(exerciseId, (tail = { after, entries: [...entries] }));
    else return;
    const dropped = Math.max(0, tail.entries.length - keep);
    tail.entries.splice(0, dropped);
    tail.after += dropped;
  };

  const readLog = async (exerciseId: string, afterSeq = 0): Promise<LogEntry[]> => {
    const tail = tails.get(exerciseId);
    if (!tail || afterSeq < tail.after) {
      const entries = await store.readLog(exerciseId, afterSeq);
      remember(exerciseId, afterSeq, entries);
      return entries;
    }
    // Read on from the end of the tail, so that what is held stays one contiguous run.
    const from = lastSeq(tail);
    const held = tail.entries.slice(afterSeq - tail.after);
    const newer = await store.readLog(exerciseId, from);
    remember(exerciseId, from, newer);
    return afterSeq <= from ? [...held, ...newer] : newer.filter((entry) => entry.seq > afterSeq);
  };

  const forgetTail = (exerciseId: string) => void tails.delete(exerciseId);
  const own: Partial<Record<PropertyKey, unknown>> = { readLog, forgetTail };
  return new Proxy(store, { get: (target, key) => own[key] ?? Reflect.get(target, key, target) }) as TailCachedStore;
}
