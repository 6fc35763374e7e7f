import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as connect } from 'socket.io-client';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, PROTOCOL_VERSION, type ClientToServerEvents } from '@startex/shared';
import { call, client, connected, refused, startServer, type Harness, type TestSocket } from '../harness.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

/**
 * The per-IP and per-device limits with small numbers, so that a test reaches them: logins and
 * join codes slowed down after wrong ones, actions and messages per device or person per second.
 * (The failed-login lockout is in auth.test.ts, its doubling in src/auth/rateLimits.test.ts; the
 * venue behind one address in venueJoins.test.ts.)
 */
const servers: Harness[] = [];
const sockets: TestSocket[] = [];
async function server(limits: NonNullable<Parameters<typeof startServer>[0]>['limits']): Promise<Harness> {
  // Speed 1: no scenario timer fires, so the log only changes when a test acts.
  const h = await startServer({ speed: 1, limits });
  servers.push(h);
  return h;
}
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const h of servers.splice(0)) await h.close();
});

const LIMITED = { code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many attempts; try again in \d+ s\.$/) };

function login(h: Harness, username: string, password: string, remoteAddress: string) {
  return h.server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password }), remoteAddress });
}

/** A tablet's socket.io connection, from a chosen loopback address. */
function tablet(h: Harness, code: string, localAddress = '127.0.0.1'): TestSocket {
  const socket: TestSocket = connect(h.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, joinCode: code },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    localAddress,
  } as Parameters<typeof connect>[1]);
  sockets.push(socket);
  return socket;
}

function feedClosed(h: Harness, code: string): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/demo/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`]);
  return new Promise((resolve) => ws.once('close', (c, reason) => resolve({ code: c, reason: String(reason) })));
}

describe('logins per IP per minute', () => {
  it('answers RATE_LIMITED past the limit, even with the right password, and only to that address', async () => {
    const h = await server({ loginsPerMinute: 3 });
    const before = dumpDatabase(databaseFile(h.dataDir)).sessions!;
    for (let i = 0; i < 3; i++) expect((await login(h, 'admin', h.adminPassword, '192.0.2.10')).statusCode).toBe(200);
    const fourth = await login(h, 'admin', h.adminPassword, '192.0.2.10');
    expect(fourth.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', ...LIMITED });
    expect(fourth.headers['set-cookie']).toBeUndefined();
    // Three sessions, none for the refused attempt.
    expect(dumpDatabase(databaseFile(h.dataDir)).sessions).toHaveLength(before.length + 3);
    expect((await login(h, 'admin', h.adminPassword, '192.0.2.11')).statusCode).toBe(200);
  });
});

describe('join codes after wrong ones', () => {
  it('checks new codes from an address one at a time once it gave too many wrong ones, on socket.io and the feed alike, and only from that address', async () => {
    const h = await server({ joinFailuresBeforeSlowdown: 2, joinsPerMinute: 30 });
    const code = h.joinCode('customs');
    await connected(tablet(h, code));
    for (const guess of ['WRONG222', 'WRONG223']) expect(await refused(tablet(h, guess))).toMatchObject({ code: 'JOIN_CODE_INVALID' });
    // Slowed down: one check now, five wait their turn (2 s apart), and a burst beyond them is refused at once.
    const burst = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => refused(tablet(h, `WRONG3${String(i).padStart(2, '2')}`)).then((r) => r.code)),
      ...['WRONG444', 'WRONG445'].map((guess) => feedClosed(h, guess).then((closed) => closed.reason)),
    ]);
    expect(burst.filter((c) => c !== 'JOIN_CODE_INVALID' && c !== 'RATE_LIMITED')).toEqual([]);
    expect(burst.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(1);
    expect(burst.filter((c) => c === 'JOIN_CODE_INVALID').length).toBeLessThanOrEqual(7);
    // The code that joined from here before still does, and another address is not slowed.
    await connected(tablet(h, code));
    expect(await refused(tablet(h, 'WRONG224', '127.0.0.2'))).toMatchObject({ code: 'JOIN_CODE_INVALID' });
    const director = client(h.url, h.controllerToken).socket;
    sockets.push(director);
    await connected(director);
  });
});

describe('actions and messages per device or person per second', () => {
  it('answers a flood with RATE_LIMITED acknowledgements and logs nothing for them', async () => {
    const h = await server({ actionsPerSecond: 2 });
    const account = await h.member('participant', { teamId: 'customs' });
    const director = client(h.url, h.controllerToken).socket;
    const device = tablet(h, h.joinCode('customs'));
    const person = client(h.url, account).socket;
    sockets.push(director, person);
    await Promise.all([director, device, person].map(connected));
    expect(await call(director, 'command', { type: 'start' })).toMatchObject({ ok: true });

    const flood = <E extends keyof ClientToServerEvents>(socket: TestSocket, event: E, payload: (key: string) => unknown) =>
      Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const key = `flood-${event}-${i}`;
          return { key, ack: (await call(socket, event, payload(key))) as { ok: boolean; error?: unknown } };
        }),
      );
    const logOnDisk = () => dumpDatabase(databaseFile(h.dataDir)).log_entries as { type: string; body: string }[];
    const logBefore = logOnDisk();
    const actions = await flood(device, 'action.take', (idempotencyKey) => ({ actionId: 'report_alarm', fields: { dose_rate_usvh: 1, vehicle_held: true }, idempotencyKey }));
    const messages = await flood(person, 'message.send', (idempotencyKey) => ({ to: { teams: [], organisations: ['supervisor'] }, text: 'Alarm on lane 3.', idempotencyKey }));

    const added = logOnDisk().slice(logBefore.length);
    for (const [what, results, type] of [
      ['actions', actions, 'action.taken'],
      ['messages', messages, 'message.sent'],
    ] as const) {
      const refusedOnes = results.filter((r) => !r.ack.ok);
      expect(refusedOnes.length, what).toBeGreaterThan(0);
      for (const r of refusedOnes) expect(r.ack, what).toEqual({ ok: false, error: LIMITED });
      // Each accepted one is in the log once; no refused one is.
      const logged = added.filter((e) => e.type === type).map((e) => (JSON.parse(e.body) as { idempotencyKey: string }).idempotencyKey);
      expect(logged.sort(), what).toEqual(results.filter((r) => r.ack.ok).map((r) => r.key).sort());
    }
    expect(added.filter((e) => e.type !== 'action.taken' && e.type !== 'message.sent')).toEqual([]);
  });
});
