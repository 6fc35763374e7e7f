import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/SqliteStore.ts';
import { programmeStoreContract } from './programmeStoreContract.ts';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'startex-programme-store-')), 'startex.sqlite');

programmeStoreContract('SQLite file', async () => {
  const file = freshFile();
  return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
});
