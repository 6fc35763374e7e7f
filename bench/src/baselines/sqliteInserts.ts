import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LIBRARY } from '@startex/scenarios';
import { ScenarioDocument } from '@startex/shared';
import { SqliteStore } from '@startex/server/src/store/SqliteStore.ts';
import { reportFields } from '../documents.ts';
import { serveWorker } from '../workerProcess.ts';

/**
 * The storage baseline: raw better-sqlite3 inserts of the rows StartEx writes for actions, into
 * StartEx's own schema (made by its migrations), with its durability settings (WAL,
 * synchronous=FULL), one commit per row and 100 rows per commit. No server, no drizzle.
 */

const handlers = {
  async run(args: { durationMs: number }) {
    const dir = mkdtempSync(join(tmpdir(), 'startex-bench-sqlite-'));
    const file = join(dir, 'startex.sqlite');
    try {
      const store = new SqliteStore(file);
      await store.createExercise({ id: 'bench', title: 'bench', scenario: ScenarioDocument.parse(LIBRARY.demo), speed: 1, createdAt: Date.now() });
      await store.close();
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const insert = db.prepare(
        'INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      let seq = 0;
      const row = () => {
        const n = ++seq;
        const key = `bench-${n}`;
        const body = { type: 'action.taken', actionId: 'report', teamId: 't01', fields: reportFields(n), idempotencyKey: key };
        return ['bench', n, 'action.taken', Date.now(), n * 10, 32_400_000 + n * 10, JSON.stringify({ kind: 'participant', teamId: 't01' }), JSON.stringify(body), key];
      };
      const rowsPerSecond = (perCommit: number) => {
        const commit = db.transaction((count: number) => {
          for (let i = 0; i < count; i++) insert.run(...row());
        });
        const start = performance.now();
        let rows = 0;
        while (performance.now() - start < args.durationMs) {
          commit(perCommit);
          rows += perCommit;
        }
        return (rows / (performance.now() - start)) * 1000;
      };
      const one = rowsPerSecond(1);
      const hundred = rowsPerSecond(100);
      db.close();
      return { oneRowPerCommit: one, hundredRowsPerCommit: hundred };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export type SqliteInsertHandlers = typeof handlers;
serveWorker(handlers);
