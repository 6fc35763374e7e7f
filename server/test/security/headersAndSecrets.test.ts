import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX } from '@startex/shared';
import { call, client, connected, startServer, until, type Harness } from '../harness.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A built client stand-in, so the HTML pages are served without depending on a client build. */
function clientDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'startex-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>StartEx</title><script type="module" src="/assets/app.js"></script>');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function directives(csp: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

describe('security headers', () => {
  it('every kind of response carries a strict CSP, nosniff, no framing and no X-Powered-By', async () => {
    const h = await startServer({ clientDist: clientDist() });
    cleanup.push(() => h.close());
    const responses: [string, Response][] = [
      ['an HTML page', await fetch(`${h.url}/console/demo`)],
      ['the health check', await fetch(`${h.url}/api/health`)],
      ['API data', await fetch(`${h.url}/api/exercises/demo`, { headers: { cookie: h.controllerToken.cookie } })],
      ['401', await fetch(`${h.url}/api/auth/me`)],
      ['403 CSRF', await fetch(`${h.url}/api/admin/users`, { method: 'POST', headers: { cookie: h.admin.cookie, 'content-type': 'application/json' }, body: '{}' })],
      ['404', await fetch(`${h.url}/api/no-such-thing`)],
      ['400 bad JSON', await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
    ];
    const statuses = responses.map(([what, r]) => [what, r.status]);
    expect(statuses).toEqual([
      ['an HTML page', 200],
      ['the health check', 200],
      ['API data', 200],
      ['401', 401],
      ['403 CSRF', 403],
      ['404', 404],
      ['400 bad JSON', 400],
    ]);
    expect(responses[0]![1].headers.get('content-type')).toMatch(/^text\/html/);
    for (const [what, response] of responses) {
      const csp = directives(response.headers.get('content-security-policy') ?? undefined);
      expect(csp, what).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'connect-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
        'base-uri': "'self'",
      });
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(response.headers.has('x-powered-by'), what).toBe(false);
      expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
    }
  });
});

describe('secrets', () => {
  it('never writes a password, a session token or a join code to the request log or the database', async () => {
    let log = '';
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const h: Harness = await startServer({ speed: 1, loggerStream: capture });
    cleanup.push(() => h.close());

    // A failed sign-in (a mistyped password is close to the real one) and a good one, over real HTTP.
    const wrongPassword = 'correct horse battery stapler';
    const failed = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: wrongPassword }) });
    expect(failed.status).toBe(401);
    const signedIn = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: h.adminPassword }) });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const token = cookie.slice('startex_session='.length);
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    expect((await fetch(`${h.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    // The administrator creates an account and sets a new password for it: passwords in request bodies.
    const write = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
      fetch(`${h.url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const newUserPassword = 'a brand new user password';
    const resetPassword = 'the password after a reset';
    const created = await write('POST', '/api/admin/users', { username: 'secret-keeper', displayName: 'Secret keeper', password: newUserPassword, roles: [] });
    expect(created.status).toBe(201);
    const patched = await write('PATCH', `/api/admin/users/${((await created.json()) as { id: string }).id}`, { password: resetPassword });
    expect(patched.status).toBe(200);
    const keeper = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'secret-keeper', password: resetPassword }) });
    expect(keeper.status).toBe(200);

    // A tablet joins with its code (socket.io and the feed), and the team acts.
    const code = h.joinCode('customs');
    const tablet = client(h.url, code);
    const director = client(h.url, h.controllerToken);
    await Promise.all([connected(tablet.socket), connected(director.socket)]);
    const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/demo/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`]);
    cleanup.push(() => ws.terminate());
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    expect(await call(director.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const action = { actionId: 'report_alarm', fields: { dose_rate_usvh: 2.5, vehicle_held: true }, idempotencyKey: 'secrets-action' };
    expect(await call(tablet.socket, 'action.take', action)).toMatchObject({ ok: true });
    tablet.socket.disconnect();
    director.socket.disconnect();
    ws.terminate();
    // A join attempt with a wrong code is a credential too (perhaps one character off).
    const wrongCode = `${code.slice(0, 7)}${code.endsWith('A') ? 'B' : 'A'}`;
    expect((await new Promise<{ code: string }>((resolve) => client(h.url, wrongCode).socket.once('connect_error', (e) => resolve((e as Error & { data: { code: string } }).data)))).code).toBe('JOIN_CODE_INVALID');

    await until(() => log.includes('/api/exercises/demo/feed'), 'the feed request in the log');
    // The capture works: the log has the requests, just not their secrets.
    expect(log).toContain('"url":"/api/auth/login"');
    expect(log).toContain('"statusCode":401');
    expect(log).toContain('"url":"/api/admin/users"');
    expect(log).toMatch(/"method":"PATCH","url":"\/api\/admin\/users\//);
    const secrets = { adminPassword: h.adminPassword, wrongPassword, newUserPassword, resetPassword, token, csrfToken, code, wrongCode };
    for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), `${name} in the log`).toBe(false);

    // The database, read through its own connection, every table and row. Join codes are kept
    // readable in access_grants on purpose (planners reprint the tablet sheets); every other table
    // must not hold them, nor any password or session token.
    const file = databaseFile(h.dataDir);
    const grants = JSON.stringify(dumpDatabase(file).access_grants);
    expect(grants).toContain(code);
    const elsewhere = JSON.stringify(dumpDatabase(file, ['access_grants']));
    expect(elsewhere).toContain('report_alarm'); // the action is there, so the dump is the live database
    for (const [name, secret] of Object.entries({ adminPassword: h.adminPassword, wrongPassword, newUserPassword, resetPassword, token, code, wrongCode })) {
      expect(elsewhere.includes(secret), `${name} in the database`).toBe(false);
    }
    // Not even in free pages or the write-ahead log: the raw files never held the password or the token.
    for (const suffix of ['', '-wal']) {
      if (!existsSync(file + suffix)) continue;
      const raw = readFileSync(file + suffix).toString('latin1');
      for (const [name, secret] of Object.entries({ adminPassword: h.adminPassword, wrongPassword, newUserPassword, resetPassword, token })) {
        expect(raw.includes(secret), `${name} in startex.sqlite${suffix}`).toBe(false);
      }
    }
  });
});
