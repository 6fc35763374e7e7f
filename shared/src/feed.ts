import { z } from 'zod';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode, type ErrorDetail } from './errors.ts';
import { LogEntry } from './logEntry.ts';
import { PROTOCOL_VERSION } from './protocol.ts';

/**
 * The plain WebSocket feed of an exercise's log, `GET /api/exercises/:id/feed`, for wall displays
 * and external tools that do not speak socket.io.
 *
 * 1. Open the socket offering two subprotocols: `FEED_SUBPROTOCOL` and `token.<join code or console
 *    token>`. The server answers with `FEED_SUBPROTOCOL` and never echoes the token. The token rides
 *    in a header rather than the URL so that it stays out of access logs and browser history; the
 *    browser's `WebSocket(url, protocols)` cannot set any other header.
 * 2. Send `hello` as the socket opens to receive the entries after `afterSeq` first; without it the
 *    feed starts at the end of the log. Hello is accepted once, and refused if live entries already
 *    went out that come after some of its backlog (reconnect and send it sooner).
 * 3. Every committed entry the token's viewer may see then arrives as `entry`, in seq order, once.
 *
 * A refused connection gets an `error` message, then is closed with `feedCloseCode(code)` and the
 * catalogue code as the close reason.
 */
export const FEED_SUBPROTOCOL = `startex.v${PROTOCOL_VERSION}`;
export const FEED_TOKEN_PREFIX = 'token.';

/** 4000 + the code's HTTP status: 4401 UNAUTHENTICATED, 4403 FORBIDDEN (also a join code naming another id), 4404 EXERCISE_NOT_FOUND (signed in only). */
export function feedCloseCode(code: ErrorCode): number {
  return 4000 + ERROR_CATALOGUE[code].status;
}

// Client -> server
export const FeedClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), afterSeq: z.number().int().nonnegative() }).strict(),
]);
export type FeedClientMessage = z.infer<typeof FeedClientMessage>;

// Server -> client
const FeedErrorDetail: z.ZodType<ErrorDetail> = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  path: z.string().optional(),
});
export const FeedServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('entry'), entry: LogEntry }),
  z.object({ type: z.literal('error'), error: FeedErrorDetail }),
]);
export type FeedServerMessage = z.infer<typeof FeedServerMessage>;
