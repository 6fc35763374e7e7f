import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { LIBRARY } from '@startex/scenarios';
import { PROTOCOL_VERSION, type ErrorDetail } from '@startex/shared';
import { call, client, connected, createExercise, refused, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

const servers: Harness[] = [];
async function server(options: Parameters<typeof startServer>[0] = {}): Promise<Harness> {
  const h = await startServer(options);
  servers.push(h);
  return h;
}
afterEach(async () => {
  for (const h of servers.splice(0)) await h.close();
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const tokenOf = (credential: StaffCredential) => credential.cookie.slice('startex_session='.length);

const BODIES = {
  UNAUTHENTICATED: { statusCode: 401, code: 'UNAUTHENTICATED', error: 'Unauthorized', message: 'Sign in or join with a valid code first.' },
  LOGIN_FAILED: { statusCode: 401, code: 'LOGIN_FAILED', error: 'Unauthorized', message: 'Wrong username or password.' },
  CSRF_FAILED: { statusCode: 403, code: 'CSRF_FAILED', error: 'Forbidden', message: "This request lacks the session's CSRF token; reload the page." },
};

async function login(h: Harness, username: string, password: string, options: { remoteAddress?: string } = {}) {
  return h.server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
    ...options,
  });
}

/** Resolves when the server cuts a socket off: the 'refused' reason it sent first, and why socket.io disconnected. */
function cutOff(socket: TestSocket): Promise<{ refused: ErrorDetail | undefined; reason: string }> {
  return new Promise((resolve) => {
    let reason: ErrorDetail | undefined;
    socket.once('refused', (detail) => (reason = detail));
    socket.once('disconnect', (why) => resolve({ refused: reason, reason: why }));
  });
}

async function stillServed(socket: TestSocket): Promise<void> {
  expect(socket.connected).toBe(true);
  expect(await call(socket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
}

describe('signing in and out', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie, says who you are, and signs out', async () => {
    const h = await server();
    const member = await h.member('controller', { username: 'casey' });
    const response = await login(h, 'Casey ', 'casey password 123'); // usernames are trimmed and case-blind
    expect(response.statusCode).toBe(200);
    const [cookie, ...attributes] = String(response.headers['set-cookie']).split('; ');
    expect(cookie).toMatch(/^startex_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict']);
    const session = response.json();
    expect(session).toEqual({
      user: { id: member.userId, username: 'casey', displayName: 'Test controller', roles: [], disabled: false },
      memberships: [{ exerciseId: 'demo', userId: member.userId, role: 'controller' }],
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });
    const me: StaffCredential = { cookie: cookie!, csrfToken: session.csrfToken, exerciseId: 'demo' };
    expect((await h.request('GET', '/api/auth/me', me)).json()).toEqual(session);

    const out = await h.server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: me.cookie, 'x-csrf-token': me.csrfToken } });
    expect(out.json()).toEqual({ ok: true });
    expect(String(out.headers['set-cookie'])).toMatch(/^startex_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect((await h.request('GET', '/api/auth/me', me)).json()).toEqual(BODIES.UNAUTHENTICATED);
    expect(dumpDatabase(databaseFile(h.dataDir)).sessions).not.toContainEqual(expect.objectContaining({ token_hash: sha256(tokenOf(me)) }));
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const h = await server({ secureCookies: true });
    const response = await login(h, 'admin', h.adminPassword);
    expect(String(response.headers['set-cookie']).split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict', 'Secure']);
  });

  it('keeps only the SHA-256 of the session token in the database', async () => {
    const h = await server();
    const member = await h.member('observer', { username: 'olive' });
    const token = tokenOf(member);
    const sessions = dumpDatabase(databaseFile(h.dataDir)).sessions as { token_hash: string; user_id: string }[];
    expect(sessions.filter((s) => s.user_id === member.userId)).toEqual([
      { token_hash: sha256(token), user_id: member.userId, csrf_token: member.csrfToken, created_at: expect.any(Number), expires_at: expect.any(Number) },
    ]);
    expect(JSON.stringify(dumpDatabase(databaseFile(h.dataDir)))).not.toContain(token);
  });

  it('answers a wrong password and an unknown user alike, with 401 LOGIN_FAILED', async () => {
    const h = await server();
    await h.member('observer', { username: 'olive' });
    const wrong = await login(h, 'olive', 'not the password at all');
    const unknown = await login(h, 'nobody-here', 'not the password at all');
    expect([wrong.statusCode, wrong.json()]).toEqual([401, BODIES.LOGIN_FAILED]);
    expect([unknown.statusCode, unknown.json()]).toEqual([401, BODIES.LOGIN_FAILED]);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks one username out from one address after 5 failures, even with the right password', async () => {
    const h = await server({ limits: { failuresBeforeLockout: 5, loginsPerMinute: 10_000 } });
    await h.member('observer', { username: 'olive' });
    await h.member('observer', { username: 'oscar' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(h, 'olive', `guess number ${attempt}`)).json(), `attempt ${attempt}`).toEqual(BODIES.LOGIN_FAILED);
    }
    const sixth = await login(h, 'olive', 'olive password 123');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual({ statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', message: expect.stringMatching(/^Too many attempts; try again in \d+ s\.$/) });
    expect(sixth.headers['set-cookie']).toBeUndefined();
    // The lock is on this username from this address: others are not locked out with it.
    expect((await login(h, 'oscar', 'oscar password 123')).statusCode).toBe(200);
    expect((await login(h, 'olive', 'olive password 123', { remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
    const audit = (await h.request('GET', '/api/admin/audit', h.admin)).json().entries as { actor: string; action: string }[];
    expect(audit.filter((e) => e.actor === 'olive' && e.action === 'login.failed')).toHaveLength(5);
  });

  it('ends a session after its lifetime', async () => {
    const h = await server({ sessionHours: 1 / 3600 });
    const response = await login(h, 'admin', h.adminPassword);
    expect(String(response.headers['set-cookie'])).toContain('Max-Age=1;');
    const admin: StaffCredential = { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrfToken: response.json().csrfToken, exerciseId: 'demo' };
    expect((await h.request('GET', '/api/auth/me', admin)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await h.request('GET', '/api/auth/me', admin)).json()).toEqual(BODIES.UNAUTHENTICATED);
    expect((await h.request('GET', '/api/admin/users', admin)).json()).toEqual(BODIES.UNAUTHENTICATED);
    // The expired session is gone from the database, not merely ignored.
    expect(dumpDatabase(databaseFile(h.dataDir)).sessions).not.toContainEqual(expect.objectContaining({ token_hash: sha256(tokenOf(admin)) }));
  });
});

describe('CSRF', () => {
  /** A real HTTP request, so that Host and Origin are what a browser would send. */
  const createUser = (h: Harness, who: StaffCredential, headers: Record<string, string>, username: string) =>
    fetch(`${h.url}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: who.cookie, ...headers },
      body: JSON.stringify({ username, displayName: username, password: 'a long enough password', roles: ['admin'] }),
    });

  it('refuses a cookie-authenticated write without the token, with a wrong one, or from another origin, and changes nothing', async () => {
    const h = await server();
    const before = dumpDatabase(databaseFile(h.dataDir));
    const attempts: [string, Record<string, string>][] = [
      ['no token', {}],
      ['a wrong token', { 'x-csrf-token': 'forged-token-000000000000' }],
      ["another session's token", { 'x-csrf-token': h.controllerToken.csrfToken }],
      ['another origin', { 'x-csrf-token': h.admin.csrfToken, origin: 'https://evil.example' }],
      ['an opaque origin', { 'x-csrf-token': h.admin.csrfToken, origin: 'null' }],
    ];
    for (const [what, headers] of attempts) {
      const response = await createUser(h, h.admin, headers, 'mallory');
      expect([response.status, await response.json()], what).toEqual([403, BODIES.CSRF_FAILED]);
    }
    // Signing someone out is a write too: a cross-site page cannot end the session.
    const logout = await fetch(`${h.url}/api/auth/logout`, { method: 'POST', headers: { cookie: h.admin.cookie, origin: 'https://evil.example' } });
    expect([logout.status, await logout.json()]).toEqual([403, BODIES.CSRF_FAILED]);
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    expect((await h.request('GET', '/api/auth/me', h.admin)).statusCode).toBe(200);

    // The same request with the token, from this origin, goes through.
    const allowed = await createUser(h, h.admin, { 'x-csrf-token': h.admin.csrfToken, origin: h.url }, 'mallory');
    expect(allowed.status).toBe(201);
  });

  it('refuses a cookie-authenticated socket from another origin', async () => {
    const h = await server();
    const open = (origin: string) =>
      connect(h.url, {
        auth: { protocolVersion: PROTOCOL_VERSION, exerciseId: 'demo' },
        extraHeaders: { cookie: h.controllerToken.cookie, origin },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }) as TestSocket;
    expect(await refused(open('https://evil.example'))).toEqual({ code: 'FORBIDDEN', message: 'This connection comes from another site.' });
    const same = open(h.url);
    await connected(same);
    same.disconnect();
  });
});

describe('losing access cuts open connections at once', () => {
  it('a password change by the administrator ends every session of that user and disconnects their socket', async () => {
    const h = await server();
    const casey = await h.member('controller', { username: 'casey' });
    const second = await h.login('casey', 'casey password 123');
    const { socket } = client(h.url, casey);
    const director = client(h.url, h.controllerToken).socket;
    await Promise.all([connected(socket), connected(director)]);

    const cut = cutOff(socket);
    const patched = await h.request('PATCH', `/api/admin/users/${casey.userId}`, h.admin, { password: 'a brand new password' });
    expect(patched.statusCode).toBe(200);
    expect(await cut).toEqual({ refused: { code: 'SESSION_EXPIRED', message: 'Your account changed; sign in again.' }, reason: 'io server disconnect' });
    for (const session of [casey, second]) expect((await h.request('GET', '/api/auth/me', session)).json()).toEqual(BODIES.UNAUTHENTICATED);
    expect(await refused(client(h.url, casey).socket)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await login(h, 'casey', 'casey password 123')).json()).toEqual(BODIES.LOGIN_FAILED);
    expect((await login(h, 'casey', 'a brand new password')).statusCode).toBe(200);
    // Nobody else was cut off.
    await stillServed(director);
    director.disconnect();
  });

  it('a disabled user cannot sign in, and their sessions and sockets end', async () => {
    const h = await server();
    const dana = await h.member('evaluator', { username: 'dana' });
    const { socket } = client(h.url, dana);
    await connected(socket);
    const cut = cutOff(socket);
    expect((await h.request('PATCH', `/api/admin/users/${dana.userId}`, h.admin, { disabled: true })).json()).toMatchObject({ disabled: true });
    expect(await cut).toEqual({ refused: { code: 'SESSION_EXPIRED', message: 'Your account changed; sign in again.' }, reason: 'io server disconnect' });
    expect((await h.request('GET', '/api/auth/me', dana)).json()).toEqual(BODIES.UNAUTHENTICATED);
    expect((await login(h, 'dana', 'dana password 123')).json()).toEqual(BODIES.LOGIN_FAILED);
    // Enabled again, the same password works: the refusal was the disabling, nothing else.
    await h.request('PATCH', `/api/admin/users/${dana.userId}`, h.admin, { disabled: false });
    expect((await login(h, 'dana', 'dana password 123')).statusCode).toBe(200);
  });

  it('signing out disconnects the sockets of that session only', async () => {
    const h = await server();
    const first = await h.member('observer', { username: 'olive' });
    const second = await h.login('olive', 'olive password 123');
    const a = client(h.url, first).socket;
    const b = client(h.url, second).socket;
    await Promise.all([connected(a), connected(b)]);
    const cut = cutOff(a);
    expect((await h.request('POST', '/api/auth/logout', first)).json()).toEqual({ ok: true });
    expect(await cut).toEqual({ refused: { code: 'SESSION_EXPIRED', message: 'You signed out.' }, reason: 'io server disconnect' });
    await stillServed(b);
    b.disconnect();
  });

  it('removing a membership disconnects that person from that exercise only', async () => {
    const h = await server();
    const other = await createExercise(h, LIBRARY.demo!, { speed: 1, ready: true });
    const casey = await h.member('controller', { username: 'casey' });
    await h.server.identity.setMembership('test', { exerciseId: other.id, userId: casey.userId, role: 'observer' });
    const inDemo = client(h.url, casey).socket;
    const inOther = client(h.url, { ...casey, exerciseId: other.id }).socket;
    await Promise.all([connected(inDemo), connected(inOther)]);

    const cut = cutOff(inDemo);
    expect((await h.request('DELETE', `/api/exercises/demo/members/${casey.userId}`, h.controllerToken)).json()).toEqual({ ok: true });
    expect(await cut).toEqual({ refused: { code: 'FORBIDDEN', message: 'Your role in this exercise changed; reconnect.' }, reason: 'io server disconnect' });
    expect(await refused(client(h.url, casey).socket)).toEqual({ code: 'FORBIDDEN', message: 'You have no role in this exercise.' });
    expect((await h.request('GET', '/api/exercises/demo', casey)).statusCode).toBe(403);
    await stillServed(inOther);
    expect((await h.request('GET', `/api/exercises/${other.id}`, casey)).statusCode).toBe(200);
    inOther.disconnect();
  });
});
