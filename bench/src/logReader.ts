import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoredEntry {
  seq: number;
  type: string;
  wallTime: number;
  exerciseTimeMs: number;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

/**
 * Reads an exercise's log straight from the server's SQLite file, read-only (WAL lets a reader
 * see every committed entry while the server runs): what is there is what was made durable.
 */
export function readStoredLog(dataDir: string, exerciseId: string, types?: string[]): StoredEntry[] {
  const db = new Database(join(dataDir, 'startex.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const where = types ? ` AND type IN (${types.map(() => '?').join(',')})` : '';
    const rows = db
      .prepare(`SELECT seq, type, wall_time, exercise_time_ms, idempotency_key, body FROM log_entries WHERE exercise_id = ?${where} ORDER BY seq`)
      .all(exerciseId, ...(types ?? [])) as { seq: number; type: string; wall_time: number; exercise_time_ms: number; idempotency_key: string | null; body: string }[];
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      wallTime: r.wall_time,
      exerciseTimeMs: r.exercise_time_ms,
      idempotencyKey: r.idempotency_key,
      body: JSON.parse(r.body) as Record<string, unknown>,
    }));
  } finally {
    db.close();
  }
}

/** Idempotency key -> seq of the stored `action.taken` entries whose key starts with `prefix`. */
export function storedActionKeys(dataDir: string, exerciseId: string, prefix: string): Map<string, number> {
  const db = new Database(join(dataDir, 'startex.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT seq, idempotency_key FROM log_entries WHERE exercise_id = ? AND type = 'action.taken' AND idempotency_key >= ? AND idempotency_key < ?`)
      .raw()
      .all(exerciseId, prefix, `${prefix}\uffff`) as [number, string][];
    return new Map(rows.map(([seq, key]) => [key, seq]));
  } finally {
    db.close();
  }
}

/** Entries in the whole log (every exercise): what a restart folds. */
export function countStoredEntries(dataDir: string): number {
  const db = new Database(join(dataDir, 'startex.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
