import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { LIBRARY } from '@startex/scenarios';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, type ErrorDetail } from '@startex/shared';
import { call, client, connected, createExercise, refused, startServer, type Harness, type TestSocket } from '../harness.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

let h: Harness;
beforeEach(async () => {
  h = await startServer();
});
afterEach(async () => h.close());

const JOIN_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;
const WEEK_MS = 7 * 24 * 3_600_000;

function cutOff(socket: TestSocket): Promise<{ refused: ErrorDetail | undefined; reason: string }> {
  return new Promise((resolve) => {
    let reason: ErrorDetail | undefined;
    socket.once('refused', (detail) => (reason = detail));
    socket.once('disconnect', (why) => resolve({ refused: reason, reason: why }));
  });
}

/** A plain WebSocket feed opened with a join code; resolves its close code and reason. */
function feed(code: string, exerciseId = 'demo') {
  const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/${exerciseId}/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`]);
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  return {
    ws,
    messages,
    open: new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject)),
    closed: new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (c, reason) => resolve({ code: c, reason: String(reason) }))),
  };
}

describe('join codes over REST', () => {
  it('the director creates and lists codes bound to a team, or read-only, and each opens what it says', async () => {
    const participant = await h.request('POST', '/api/exercises/demo/join-codes', h.controllerToken, { role: 'participant', teamId: 'customs' });
    expect(participant.statusCode).toBe(201);
    const tablet = participant.json();
    expect(tablet).toEqual({ code: expect.stringMatching(JOIN_CODE), exerciseId: 'demo', role: 'participant', teamId: 'customs', createdAt: expect.any(Number), expiresAt: tablet.createdAt + WEEK_MS });

    const observer = await h.request('POST', '/api/exercises/demo/join-codes', h.controllerToken, { role: 'observer', teamId: 'customs', expiresInHours: 2 });
    const wall = observer.json();
    expect([observer.statusCode, wall]).toEqual([201, { code: expect.stringMatching(JOIN_CODE), exerciseId: 'demo', role: 'observer', createdAt: expect.any(Number), expiresAt: wall.createdAt + 2 * 3_600_000 }]);

    const listed = (await h.request('GET', '/api/exercises/demo/join-codes', h.controllerToken)).json() as { code: string }[];
    expect(listed).toEqual(expect.arrayContaining([tablet, wall]));
    expect(listed.map((g) => g.code).sort()).toEqual([...h.grants.map((g) => g.token), tablet.code, wall.code].sort());

    const tabletSocket = client(h.url, tablet.code).socket;
    const wallSocket = client(h.url, wall.code).socket;
    await Promise.all([connected(tabletSocket), connected(wallSocket)]);
    expect(await call(tabletSocket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { viewer: { role: 'participant', teamId: 'customs' } } });
    expect(await call(wallSocket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { viewer: { role: 'observer' } } });
    tabletSocket.disconnect();
    wallSocket.disconnect();
  });

  it('refuses a tablet code without one of the exercise teams, and creates nothing', async () => {
    const before = dumpDatabase(databaseFile(h.dataDir));
    for (const body of [{ role: 'participant' }, { role: 'participant', teamId: 'police' }]) {
      const response = await h.request('POST', '/api/exercises/demo/join-codes', h.controllerToken, body);
      expect(response.json(), JSON.stringify(body)).toEqual({ statusCode: 400, code: 'UNKNOWN_TEAM', error: 'Bad Request', message: "A tablet join code needs one of the exercise's teams." });
    }
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
  });

  it('revoking a code disconnects its tablets and feeds at once, and the code no longer connects', async () => {
    const revoked = h.joinCode('customs');
    const spare = (await h.server.identity.createJoinCode('test', { exerciseId: 'demo', role: 'participant', teamId: 'customs' })).token;
    const tablets = [client(h.url, revoked).socket, client(h.url, revoked).socket];
    const other = client(h.url, spare).socket;
    const wall = feed(revoked);
    await Promise.all([...tablets, other].map(connected));
    await wall.open;

    const cuts = tablets.map(cutOff);
    const response = await h.request('DELETE', `/api/exercises/demo/join-codes/${revoked}`, h.controllerToken);
    expect(response.json()).toEqual({ ok: true });
    for (const cut of cuts) expect(await cut).toEqual({ refused: { code: 'JOIN_CODE_INVALID', message: 'This join code was revoked.' }, reason: 'io server disconnect' });
    expect(await wall.closed).toEqual({ code: 4401, reason: 'JOIN_CODE_INVALID' });
    expect(wall.messages).toEqual([{ type: 'error', error: { code: 'JOIN_CODE_INVALID', message: 'This join code was revoked.' } }]);

    expect(await refused(client(h.url, revoked).socket)).toEqual({ code: 'JOIN_CODE_INVALID', message: 'This join code is not valid, has expired or was revoked.' });
    const again = feed(revoked);
    expect(await again.closed).toEqual({ code: 4401, reason: 'JOIN_CODE_INVALID' });
    const listed = (await h.request('GET', '/api/exercises/demo/join-codes', h.controllerToken)).json() as { code: string; revokedAt?: number }[];
    expect(listed.find((g) => g.code === revoked)).toMatchObject({ revokedAt: expect.any(Number) });
    expect(listed.find((g) => g.code === spare)).not.toHaveProperty('revokedAt');
    // Another code of the same team was left alone.
    expect(other.connected).toBe(true);
    expect(await call(other, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
    other.disconnect();
  });

  it("a director cannot revoke another exercise's code through their own exercise", async () => {
    const exercise = await createExercise(h, LIBRARY.demo!, { speed: 1, ready: true });
    const foreign = exercise.joinCode('customs');
    const response = await h.request('DELETE', `/api/exercises/demo/join-codes/${foreign}`, h.controllerToken);
    expect(response.json()).toMatchObject({ statusCode: 401, code: 'JOIN_CODE_INVALID' });
    const tablet = client(h.url, foreign).socket;
    await connected(tablet);
    expect(await call(tablet, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { id: exercise.id } });
    tablet.disconnect();
  });
});

describe('expired and guessed codes', () => {
  it('refuses a code once it has expired', async () => {
    const grant = await h.server.identity.createJoinCode('test', { exerciseId: 'demo', role: 'participant', teamId: 'customs', expiresInHours: 1 });
    const before = client(h.url, grant.token).socket;
    await connected(before);
    before.disconnect();

    // Expire it on disk, as an hour passing would.
    const db = new Database(databaseFile(h.dataDir));
    try {
      db.pragma('busy_timeout = 5000');
      expect(db.prepare('UPDATE access_grants SET expires_at = ? WHERE token = ?').run(Date.now() - 1000, grant.token).changes).toBe(1);
    } finally {
      db.close();
    }
    expect(await refused(client(h.url, grant.token).socket)).toEqual({ code: 'JOIN_CODE_INVALID', message: 'This join code is not valid, has expired or was revoked.' });
    expect(await feed(grant.token).closed).toEqual({ code: 4401, reason: 'JOIN_CODE_INVALID' });
  });

  it('still admits a good code from an address that tried ten bad ones (issue 13: it used to be locked out)', async () => {
    const good = h.joinCode('customs');
    for (let attempt = 1; attempt <= 10; attempt++) {
      const guess = `GUESS${String(attempt).padStart(3, '0')}`;
      expect(await refused(client(h.url, guess).socket), guess).toMatchObject({ code: 'JOIN_CODE_INVALID' });
    }
    const tablet = client(h.url, good).socket;
    await connected(tablet);
    tablet.disconnect();
    await feed(good).open;
    // Signed-in staff are not join attempts: the director still connects from the same address.
    const director = client(h.url, h.controllerToken).socket;
    await connected(director);
    director.disconnect();
  });
});
