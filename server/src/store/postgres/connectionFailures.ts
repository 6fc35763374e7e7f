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

/** Socket errors of a server that is gone or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
/** SQLSTATEs of a server shutting down or starting (57P01-57P03) and of a broken connection (class 08). */
const SERVER_GONE = /^(57P0[123]|08...)$/;

/** Whether `error` (or what it wraps: drizzle wraps the driver's) says the database could not be reached, rather than refusing a statement. */
export function isConnectionFailure(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
    // node-postgres's own words for a connection that closed or never opened.
    if (/^Connection terminated|timeout exceeded when trying to connect/.test(cause.message)) return true;
  }
  return false;
}

/** Runs `work`; a database that cannot be reached is answered DATABASE_UNAVAILABLE (a catalogue error the client shows), anything else as it failed. */
export async function whenReachable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    console.error('StartEx: PostgreSQL could not be reached:', (error as Error).message);
    throw new StartexError('DATABASE_UNAVAILABLE');
  }
}
