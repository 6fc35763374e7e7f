import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { programmeStoreContract } from '../programme/programmeStoreContract.ts';
import { freshDatabase } from './databases.ts';

programmeStoreContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  return { store: await PostgresStore.open(url), reopen: () => PostgresStore.open(url) };
});
