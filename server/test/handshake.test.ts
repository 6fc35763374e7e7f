import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as connect } from 'socket.io-client';
import { FEED_SUBPROTOCOL, PROTOCOL_VERSION } from '@startex/shared';
import { refused, startServer, type Harness, type StaffCredential, type TestSocket } from './harness.ts';
import { databaseFile, dumpDatabase } from './security/databaseDump.ts';

/**
 * The socket.io handshake of a signed-in person naming an exercise: an id that names no exercise
 * is answered EXERCISE_NOT_FOUND, as REST and the feed answer it; an exercise they have no role
 * in, FORBIDDEN. Neither leaves a trace in the database or an error in the server's log.
 */
let h: Harness;
let log = '';
let stranger: StaffCredential;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  h = await startServer({ speed: 1, loggerStream: capture });
  // Signed in, with a role in no exercise.
  const created = await h.request('POST', '/api/admin/users', h.admin, { username: 'stranger', displayName: 'Stranger', password: 'stranger password 123' });
  expect(created.statusCode).toBe(201);
  stranger = await h.login('stranger', 'stranger password 123');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await h.close();
});

function handshake(who: StaffCredential | undefined, exerciseId: string, origin?: string): TestSocket {
  const socket: TestSocket = connect(h.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, exerciseId },
    extraHeaders: { ...(who ? { cookie: who.cookie } : {}), ...(origin ? { origin } : {}) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

const NOT_FOUND = { code: 'EXERCISE_NOT_FOUND', message: 'No exercise has this id.' };

describe('the socket.io handshake for an exercise', () => {
  it('refuses an id that names no exercise with EXERCISE_NOT_FOUND, and logs nothing', async () => {
    const before = dumpDatabase(databaseFile(h.dataDir));
    const logBefore = log.length;
    for (const [who, credential] of [
      ['the demo director', h.controllerToken],
      ['an administrator', h.admin],
      ['staff of no exercise', stranger],
    ] as const) {
      expect(await refused(handshake(credential, 'no-such-exercise')), who).toEqual(NOT_FOUND);
    }
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    const written = log.slice(logBefore).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number });
    expect(written.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('answers the same as REST and the feed do', async () => {
    expect((await h.request('GET', '/api/exercises/no-such-exercise', stranger)).json()).toMatchObject({ statusCode: 404, ...NOT_FOUND });
    const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/no-such-exercise/feed`, [FEED_SUBPROTOCOL], { headers: { cookie: stranger.cookie } });
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    expect(closed).toEqual({ code: 4404, reason: 'EXERCISE_NOT_FOUND' });
    expect(messages).toEqual([{ type: 'error', error: NOT_FOUND }]);
  });

  it('still refuses an exercise that exists but holds no role for them with FORBIDDEN', async () => {
    expect(await refused(handshake(stranger, 'demo'))).toEqual({ code: 'FORBIDDEN', message: 'You have no role in this exercise.' });
  });

  it('tells a join code holder nothing about other ids: the feed and the handshake answer the same whether they exist or not', async () => {
    const other = await h.server.runtime.create({ id: 'other-exercise', scenario: (await h.server.runtime.get('demo')).record.scenario, speed: 1 });
    const answers = [];
    for (const exerciseId of [other.id, 'no-such-exercise']) {
      const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/${exerciseId}/feed`, [FEED_SUBPROTOCOL, `token.${h.joinCode('customs')}`]);
      const messages: unknown[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data))));
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
      // A join code cannot name an exercise in the socket.io handshake at all.
      const socket: TestSocket = connect(h.url, { auth: { protocolVersion: PROTOCOL_VERSION, joinCode: h.joinCode('customs'), exerciseId }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      answers.push({ closed, messages, handshake: await refused(socket) });
    }
    expect(answers[0]).toEqual({
      closed: { code: 4403, reason: 'FORBIDDEN' },
      messages: [{ type: 'error', error: { code: 'FORBIDDEN', message: 'This join code opens the feed of its own exercise only.' } }],
      handshake: { code: 'VALIDATION_FAILED', message: 'The handshake needs { protocolVersion, joinCode } or { protocolVersion, exerciseId }.' },
    });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('tells no one else whether an id exists: not the signed out, not another site riding a cookie', async () => {
    const unauthenticated = { code: 'UNAUTHENTICATED', message: 'Sign in or join with a valid code first.' };
    const crossSite = { code: 'FORBIDDEN', message: 'This connection comes from another site.' };
    for (const exerciseId of ['demo', 'no-such-exercise']) {
      expect(await refused(handshake(undefined, exerciseId)), exerciseId).toEqual(unauthenticated);
      expect(await refused(handshake(h.controllerToken, exerciseId, 'https://evil.example')), exerciseId).toEqual(crossSite);
    }
  });
});
