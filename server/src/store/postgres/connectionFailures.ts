import type pg from 'pg';
import { StartexError } from '@startex/shared';

/**
 * Logs the failure of every connection of `pool`, idle or checked out. node-postgres gives a
 * checked-out connection (a transaction of the log writer, the socket.io adapter's LISTEN
 * connection) no 'error' listener: its failure (PostgreSQL restarted, the network gone) would be an
 * unhandled 'error' event, which ends the process. The query it was running fails on its own.
 */
export function logConnectionFailures(pool: pg.Pool, what: string): void {
  pool.on('connect', (client) => client.on('error', (error) => console.error(`StartEx: ${what} connection failed:`, error.message)));
  // The pool repeats an idle connection's failure as its own: logged above already.
  pool.on('error', () => undefined);
}

/**
 * How long StartEx waits on PostgreSQL, for every pool of a node (the store's and the cluster's).
 * A node whose network to the database drops bytes without a word hears nothing back, ever: each
 * wait must end on this side. A connection (a new one, or a free one of the pool) gets 5 s, a
 * statement 5 s on the server (which then cancels it and rolls it back: nothing written) and 6 s
 * on this side (the server did not answer: the connection is dropped, and what it carried may or
 * may not have been written); keepalive probes find a dead idle connection. Shorter bounds refused
 * clients of a busy two-core machine (300 sockets reconnecting at once waited over 3 s for a
 * connection). Reads of the whole log are paged to stay well inside them.
 */
export const BOUNDED_WAITS = {
  connectionTimeoutMillis: 5_000,
  statement_timeout: 5_000,
  query_timeout: 6_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 5_000,
} as const;

/** Socket errors of a server that is gone or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
/** SQLSTATEs of a server shutting down or starting (57P01-57P03), of a statement it cancelled at statement_timeout (57014) and of a broken connection (class 08). */
const SERVER_GONE = /^(57P0[123]|57014|08...)$/;

/** Whether `error` (or what it wraps: drizzle wraps the driver's) says the database could not be reached, rather than refusing a statement. */
export function isConnectionFailure(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
    // node-postgres's own words for a connection that closed or never opened, and for a query the server did not answer within query_timeout.
    if (/^Connection terminated|timeout exceeded when trying to connect|^Query read timeout/.test(cause.message)) return true;
  }
  return false;
}

/** Runs `work`; a database that cannot be reached is answered DATABASE_UNAVAILABLE (a catalogue error the client shows), anything else as it failed. */
export async function whenReachable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    // drizzle's message names the statement; the driver's (its cause) says what went wrong.
    const cause = (error as Error).cause;
    console.error('StartEx: PostgreSQL could not be reached:', (error as Error).message, cause instanceof Error ? `(${cause.message})` : '');
    throw new StartexError('DATABASE_UNAVAILABLE');
  }
}

/**
 * `store` with every method that returns a promise answering DATABASE_UNAVAILABLE when the database
 * cannot be reached (whenReachable): a REST request or a socket input on a node cut off from
 * PostgreSQL is refused with the catalogue code, never INTERNAL, whichever store call it made.
 */
export function reachableOnly<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? whenReachable(result) : result;
      };
    },
  });
}
