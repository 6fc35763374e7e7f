import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { storeContract } from '../storeContract.ts';
import { freshDatabase } from './databases.ts';

storeContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  return { store: await PostgresStore.open(url), reopen: () => PostgresStore.open(url) };
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
