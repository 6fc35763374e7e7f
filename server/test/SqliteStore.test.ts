import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { storeContract } from './storeContract.ts';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'startex-store-')), 'startex.sqlite');

storeContract('SQLite file', async () => {
  const file = freshFile();
  return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
});

describe('SqliteStore durability', () => {
  it('both connections, the main one and the log writer thread, commit in WAL mode with synchronous=FULL', async () => {
    const store = new SqliteStore(freshFile());
    try {
      // SQLite reports synchronous as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
      expect(await store.durability()).toEqual({ main: { journalMode: 'wal', synchronous: 2 }, logWriter: { journalMode: 'wal', synchronous: 2 } });
    } finally {
      await store.close();
    }
  });
});
