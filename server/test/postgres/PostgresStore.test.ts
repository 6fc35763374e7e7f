import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { storeContract } from '../storeContract.ts';
import { freshDatabase } from './databases.ts';

storeContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  return {
    store: await PostgresStore.open(url),
    reopen: () => PostgresStore.open(url),
    async rewind(exerciseId, seq) {
      const other = new pg.Client(url);
      await other.connect();
      try {
        await other.query('DELETE FROM log_entries WHERE exercise_id = $1 AND seq > $2', [exerciseId, seq]);
      } finally {
        await other.end();
      }
    },
  };
});

describe('PostgresStore durability', () => {
  it('commits with synchronous_commit=on on every connection, on a server that flushes (fsync=on)', async () => {
    const store = await PostgresStore.open(await freshDatabase());
    try {
      expect(await store.durability()).toEqual({ synchronousCommit: 'on', fsync: 'on' });
    } finally {
      await store.close();
    }
  });
});

describe('PostgresStore migrations', () => {
  it('brings a new database up to date once, when several StartEx processes start on it together', async () => {
    const url = await freshDatabase({ empty: true });
    const stores = await Promise.all([PostgresStore.open(url), PostgresStore.open(url), PostgresStore.open(url)]);
    try {
      const migrations = readdirSync(join(import.meta.dirname, '../../drizzle-postgres')).filter((file) => file.endsWith('.sql'));
      const applied = new pg.Client(url);
      await applied.connect();
      try {
        expect((await applied.query('SELECT hash FROM drizzle.__drizzle_migrations')).rows).toHaveLength(migrations.length);
      } finally {
        await applied.end();
      }
      // Each works on the same tables.
      await stores[0]!.createUser({ id: 'u1', username: 'u1', displayName: 'U1', passwordHash: 'x', roles: [], createdAt: 1 });
      expect(await stores[2]!.countUsers()).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
