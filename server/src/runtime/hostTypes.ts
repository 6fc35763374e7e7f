import type { LogEntry } from '@startex/shared';

/* What ExerciseHost's callers and listeners deal in. */

/** Told of each durable batch, with the connection its input came from (none for timers and REST). */
export type CommitListener = (entries: LogEntry[], origin: string | undefined) => void;

/** An input's first seq once durable, and the entries it committed (none for a retry, whose entries went out the first time). */
export interface Committed {
  seq: number;
  entries: LogEntry[];
}

/** The connection an input came from: listeners are told its id, and it hears of its entries as soon as they are durable, before any later batch. */
export interface Origin {
  id: string;
  durable(entries: LogEntry[]): void;
}

/** Where the hosts report errors nobody waits for (a timer's commit, a listener): fastify's logger fits. */
export interface HostLog {
  error(details: { err: unknown; exerciseId: string }, message: string): void;
}

/** Without a logger given (tools, some tests): the error with its stack on stderr. */
export const stderrLog: HostLog = { error: (details, message) => console.error(message, details) };
