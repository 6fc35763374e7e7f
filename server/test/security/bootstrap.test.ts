import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../e2e/serverProcess.ts';
import { adminCli } from './adminCli.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

/**
 * The first administrator and the admin CLI, as an operator meets them: the real server process
 * on a new data directory, and `pnpm admin` run beside it.
 */
const processes: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of processes) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'startex-bootstrap-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, adminPassword = ''): Promise<ServerProcess> {
  // An empty STARTEX_ADMIN_PASSWORD counts as unset, whatever the environment running the tests has.
  const server = await startServerProcess({ dataDir, env: { STARTEX_DEMO_SPEED: '1', STARTEX_ADMIN_PASSWORD: adminPassword } });
  processes.push(server);
  return server;
}

async function stop(server: ServerProcess): Promise<void> {
  await server.stop();
  processes.splice(processes.indexOf(server), 1);
}

async function login(server: ServerProcess, username: string, password: string): Promise<{ status: number; cookie?: string; roles?: string[] }> {
  const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) return { status: response.status };
  const body = (await response.json()) as { user: { roles: string[] } };
  return { status: 200, cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, roles: body.user.roles };
}

const ADMIN_LINE = /^Administrator:\s+admin \/ (\S+)\s+\(shown once/m;
const argon2idHashes = (dataDir: string) => (dumpDatabase(databaseFile(dataDir)).users as { username: string; password_hash: string }[]).map((u) => [u.username, u.password_hash.slice(0, 10)]);

describe('the first administrator', () => {
  it('is created on first start with a generated password printed once; a second start prints none', { timeout: 120_000 }, async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const printed = ADMIN_LINE.exec(first.output())?.[1];
    expect(printed, first.output()).toMatch(/^\S{16,}$/);
    expect(await login(first, 'admin', printed!)).toMatchObject({ status: 200, roles: ['admin', 'planner'] });
    await stop(first);

    const second = await start(dataDir);
    expect(second.output()).not.toMatch(/Administrator:/);
    expect(second.output()).not.toContain(printed);
    expect(await login(second, 'admin', printed!)).toMatchObject({ status: 200 });
    // Only the hash is stored, as argon2id.
    expect(argon2idHashes(dataDir)).toEqual([
      ['admin', '$argon2id$'],
      ['demo-director', '$argon2id$'],
    ]);
    await stop(second);
  });

  it('takes its password from STARTEX_ADMIN_PASSWORD, and prints none', { timeout: 60_000 }, async () => {
    const password = 'an operator chose this one';
    const server = await start(newDataDir(), password);
    expect(server.output()).not.toMatch(/Administrator:/);
    expect(server.output()).not.toContain(password);
    expect(await login(server, 'admin', password)).toMatchObject({ status: 200, roles: ['admin', 'planner'] });
    expect((await login(server, 'admin', 'not the password at all')).status).toBe(401);
    await stop(server);
  });
});

describe('the admin CLI', () => {
  it('creates users with a generated or given password and global roles, and resets passwords', { timeout: 120_000 }, async () => {
    const dataDir = newDataDir();
    const server = await start(dataDir);

    const generated = await adminCli(['create-user', 'casey', '--planner'], dataDir, { STARTEX_PASSWORD: '' });
    expect(generated.code, generated.output).toBe(0);
    const caseyPassword = /^casey: password (\S+) \(shown once\)$/.exec(generated.output.trim())?.[1];
    expect(caseyPassword, generated.output).toBeDefined();
    expect(await login(server, 'casey', caseyPassword!)).toMatchObject({ status: 200, roles: ['planner'] });

    const given = await adminCli(['create-user', 'robin', '--admin'], dataDir, { STARTEX_PASSWORD: 'robin chose this password' });
    expect(given).toEqual({ code: 0, output: 'robin: password set\n' });
    expect(await login(server, 'robin', 'robin chose this password')).toMatchObject({ status: 200, roles: ['admin'] });

    // A reset ends the sessions the old password opened.
    const before = await login(server, 'casey', caseyPassword!);
    const reset = await adminCli(['reset-password', 'casey'], dataDir, { STARTEX_PASSWORD: 'casey has a new password' });
    expect(reset).toEqual({ code: 0, output: 'casey: password set\n' });
    expect((await login(server, 'casey', caseyPassword!)).status).toBe(401);
    expect(await login(server, 'casey', 'casey has a new password')).toMatchObject({ status: 200, roles: ['planner'] });
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: before.cookie! } })).status).toBe(401);

    // Refusals change nothing: a short password, a taken name, an unknown user, no command.
    const users = dumpDatabase(databaseFile(dataDir)).users;
    const refusals = [
      await adminCli(['create-user', 'sam'], dataDir, { STARTEX_PASSWORD: 'too short' }),
      await adminCli(['create-user', 'casey'], dataDir, { STARTEX_PASSWORD: 'another long password' }),
      await adminCli(['reset-password', 'nobody'], dataDir, { STARTEX_PASSWORD: 'another long password' }),
      await adminCli([], dataDir),
    ];
    expect(refusals.map((r) => r.code)).toEqual([1, 1, 1, 2]);
    expect(refusals[0]!.output).toContain('STARTEX_PASSWORD: use at least 12 characters');
    expect(refusals[2]!.output).toContain('No user "nobody".');
    expect(refusals[3]!.output).toContain('Usage');
    expect(dumpDatabase(databaseFile(dataDir)).users).toEqual(users);

    expect(argon2idHashes(dataDir).map(([, prefix]) => prefix)).toEqual(['$argon2id$', '$argon2id$', '$argon2id$', '$argon2id$']);
    await stop(server);
  });
});
