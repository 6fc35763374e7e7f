import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, PROTOCOL_VERSION, type ErrorDetail } from '@startex/shared';
import { io as connect } from 'socket.io-client';
import { call, startServer, type Harness, type TestSocket } from '../harness.ts';

/**
 * A venue: every tablet reaches the server through one NAT address (here all from 127.0.0.1), and
 * one device there guesses join codes (issue 13: ten bad codes used to lock the whole address out
 * for ten minutes, valid codes and reconnecting tablets included). With the default limits, the
 * guesser is slowed down and then refused with RATE_LIMITED, while the tablets that joined
 * reconnect at once after a Wi-Fi blip and a new valid code still joins.
 */
const TABLETS = 30;
const BURST = 8;

let h: Harness | undefined;
const sockets: TestSocket[] = [];
const feeds: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const ws of feeds.splice(0)) ws.close();
  await h?.close();
});

/** A tablet's socket.io connection (no automatic reconnection: the test reconnects by hand). */
function tablet(code: string): TestSocket {
  const socket: TestSocket = connect(h!.url, { auth: { protocolVersion: PROTOCOL_VERSION, joinCode: code }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

/** Whether a handshake was let in, or the error it was refused with. */
function outcome(socket: TestSocket): Promise<'connected' | ErrorDetail> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve((error as Error & { data: ErrorDetail }).data));
  });
}

/** A wall display's plain WebSocket feed with a join code: its hello answered, or its close code. */
function display(code: string): Promise<'open' | { code: number; reason: string }> {
  const ws = new WebSocket(`${h!.url.replace(/^http/, 'ws')}/api/exercises/demo/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`]);
  feeds.push(ws);
  return new Promise((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('close', (closeCode, reason) => resolve({ code: closeCode, reason: String(reason) }));
  });
}

const INVALID = { code: 'JOIN_CODE_INVALID', message: 'This join code is not valid, has expired or was revoked.' };
const guess = (n: number) => `WR${String(n).padStart(6, '2')}`;

describe('join codes behind one venue address', () => {
  it('slows and then refuses a guessing device, never the tablets that joined, and still admits a new valid code', async () => {
    // The default join limits; only sign-ins are generous (the harness signs people in).
    h = await startServer({ speed: 1, limits: { loginsPerMinute: 10_000 } });
    const code = h.joinCode('customs');
    const displayCode = (await h.server.identity.createJoinCode('test', { exerciseId: 'demo', role: 'observer' })).token;

    let devices = Array.from({ length: TABLETS }, () => tablet(code));
    expect(await Promise.all(devices.map(outcome))).toEqual(Array(TABLETS).fill('connected'));
    expect(await display(displayCode)).toBe('open');

    // One device at the venue guesses: ten wrong codes are answered as such at once...
    for (let n = 1; n <= 10; n++) expect(await outcome(tablet(guess(n)))).toEqual(INVALID);
    // ...then its guesses are checked one at a time; a burst beyond the few that may wait is refused.
    const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => outcome(tablet(guess(100 + i)))));
    expect.soft(burst.filter((o) => typeof o === 'object' && o.code === 'JOIN_CODE_INVALID')).toHaveLength(6);
    expect.soft(burst.filter((o) => typeof o === 'object' && o.code === 'RATE_LIMITED')).toEqual([
      { code: 'RATE_LIMITED', message: 'Too many wrong join codes came from this network; try again in 15 s.' },
      { code: 'RATE_LIMITED', message: 'Too many wrong join codes came from this network; try again in 15 s.' },
    ]);

    // A Wi-Fi blip: every tablet and the wall display come back at once, and read the log.
    for (const socket of devices) socket.disconnect();
    for (const ws of feeds.splice(0)) ws.close();
    devices = Array.from({ length: TABLETS }, () => tablet(code));
    expect(await Promise.all(devices.map(outcome))).toEqual(Array(TABLETS).fill('connected'));
    expect(await call(devices[0]!, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
    expect(await display(displayCode)).toBe('open');

    // A code never used from this address waits its turn behind the guesses, and joins.
    const fresh = (await h.server.identity.createJoinCode('test', { exerciseId: 'demo', role: 'participant', teamId: 'customs' })).token;
    expect(await outcome(tablet(fresh))).toBe('connected');
  }, 60_000);
});
