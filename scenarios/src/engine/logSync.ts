import type { LogEntry } from '@startex/shared';

/**
 * A client's copy of its viewer's log, and the point its next resync asks after. Pure, so the
 * browser hook (useExercise.ts) and the server's crash and chaos tests run the same rules.
 */
export interface LogSync {
  /** Every entry seen, in seq order, each once. */
  readonly entries: LogEntry[];
  /** What the next `sync { afterSeq }` asks after: every entry up to it has been received. */
  readonly lastSeq: number;
  /** Whether this connection's sync has answered; until then live entries do not move `lastSeq`. */
  readonly synced: boolean;
}

export const emptyLogSync: LogSync = { entries: [], lastSeq: 0, synced: false };

/**
 * A (re)connect: the sync it sends asks after `lastSeq`. Live entries may come in before the
 * answer, and the connection may drop again before it; only the answer covers what lies between.
 */
export function connected(state: LogSync): LogSync {
  return { ...state, synced: false };
}

/** The sync's answer: every visible entry after the asked seq, so the resync point moves to its last. */
export function syncAnswered(state: LogSync, entries: readonly LogEntry[]): LogSync {
  return { entries: mergeEntries(state.entries, entries), lastSeq: entries.reduce((max, e) => Math.max(max, e.seq), state.lastSeq), synced: true };
}

/**
 * A live entry. Before the sync answered it is kept but does not move `lastSeq`: a drop then
 * would otherwise make the next sync skip the entries between the old point and this one.
 */
export function liveEntry(state: LogSync, entry: LogEntry): LogSync {
  return { ...state, entries: mergeEntries(state.entries, [entry]), lastSeq: state.synced ? Math.max(state.lastSeq, entry.seq) : state.lastSeq };
}

/** Merges by seq, so an entry that arrives both live and by sync shows once (the later copy wins). */
export function mergeEntries(current: LogEntry[], incoming: readonly LogEntry[]): LogEntry[] {
  if (incoming.length === 0) return current;
  // The usual case, live entries in order after everything known: append without re-sorting.
  const last = current.at(-1)?.seq ?? 0;
  if (incoming.every((e, i) => e.seq > (i === 0 ? last : incoming[i - 1]!.seq))) return [...current, ...incoming];
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const entry of incoming) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
