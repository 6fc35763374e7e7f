import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { storeContract } from './storeContract.ts';

storeContract('SQLite file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'startex-store-')), 'startex.sqlite');
  return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
});
