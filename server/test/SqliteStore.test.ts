import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { storeContract } from './storeContract.ts';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'startex-store-')), 'startex.sqlite');

storeContract('SQLite file', async () => {
  const file = freshFile();
  return {
    store: new SqliteStore(file),
    reopen: async () => new SqliteStore(file),
    async rewind(exerciseId, seq) {
      const other = new Database(file);
      try {
        other.prepare('DELETE FROM log_entries WHERE exercise_id = ? AND seq > ?').run(exerciseId, seq);
      } finally {
        other.close();
      }
    },
  };
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

describe('SqliteStore close', () => {
  it('resolves in a process that has nothing else to do, after its writer thread has stopped (it used to end the process first)', async () => {
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'closeProbe.ts')], { cwd: join(import.meta.dirname, '..') }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, output: stdout + stderr }),
      );
    });
    expect(run).toEqual({ code: 0, output: 'closed\n' });
  });
});
