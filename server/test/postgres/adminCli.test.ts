import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { adminCli } from '../security/adminCli.ts';
import { freshDatabase } from './databases.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'startex-admin-postgres-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('pnpm admin with STARTEX_DATABASE_URL', () => {
  it('creates an account and sets its password in PostgreSQL, never in a SQLite file', async () => {
    const url = await freshDatabase();
    const env = { STARTEX_DATABASE_URL: url, STARTEX_PASSWORD: 'a long enough password 1' };
    expect(await adminCli(['create-user', 'rasa', '--planner'], dataDir, env)).toEqual({ code: 0, output: 'rasa: password set\n' });
    expect(await adminCli(['reset-password', 'rasa'], dataDir, { ...env, STARTEX_PASSWORD: 'another long password 2' })).toEqual({ code: 0, output: 'rasa: password set\n' });
    const store = await PostgresStore.open(url);
    try {
      expect(await store.findUserByUsername('rasa')).toMatchObject({ username: 'rasa', roles: ['planner'] });
      expect((await store.listAudit(10)).map((entry) => [entry.actor, entry.action])).toEqual([
        ['cli', 'user.updated'],
        ['cli', 'user.created'],
      ]);
    } finally {
      await store.close();
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses backup and restore, which copy the SQLite file, and points to pg_dump', async () => {
    const env = { STARTEX_DATABASE_URL: await freshDatabase() };
    for (const command of ['backup', 'restore']) {
      expect(await adminCli([command, join(dataDir, 'copy.sqlite')], dataDir, env)).toEqual({
        code: 1,
        output: `${command} copies the SQLite file, but STARTEX_DATABASE_URL keeps the data in PostgreSQL: back it up with pg_dump and restore with pg_restore (README, PostgreSQL).\n`,
      });
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
