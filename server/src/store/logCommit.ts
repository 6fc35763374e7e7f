import type Database from 'better-sqlite3';

/** One log row, in the column order of `log_entries`. */
export type LogRow = [
  exerciseId: string,
  seq: number,
  type: string,
  wallTime: number,
  exerciseTimeMs: number,
  scenarioTimeMs: number,
  actor: string,
  body: string,
  idempotencyKey: string | null,
];

/** One caller's entries: they continue their exercise's log at `firstSeq`, or none is written. */
export interface LogBatch {
  exerciseId: string;
  firstSeq: number;
  rows: LogRow[];
}

/**
 * The log's group commit: every batch whose seqs continue its exercise's log is written, all in
 * one transaction (one fsync); a batch that leaves a gap or repeats a seq is refused on its own.
 * Returns, per batch, null when written or why it was refused; throws (writing nothing) when the
 * transaction fails. One prepared INSERT with positional values and better-sqlite3's own
 * transaction: per row, building and binding through the ORM cost more than the row.
 */
export function logCommitter(db: Database.Database): (batches: LogBatch[]) => (string | null)[] {
  const insert = db.prepare<LogRow>(`INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const maxSeq = db.prepare<[string], number | null>('SELECT max(seq) FROM log_entries WHERE exercise_id = ?').pluck();
  /** The last committed seq per exercise: read once, then kept, as this is the log's only writer. */
  const lastSeqs = new Map<string, number>();
  const write = db.transaction((batches: LogBatch[], seen: Map<string, number>) => {
    const outcome: (string | null)[] = [];
    for (const batch of batches) {
      const last = seen.get(batch.exerciseId) ?? lastSeqs.get(batch.exerciseId) ?? maxSeq.get(batch.exerciseId) ?? 0;
      const gap = batch.rows.find((row, i) => row[0] !== batch.exerciseId || row[1] !== last + 1 + i);
      if (gap) {
        outcome.push(`Log gap: ${batch.exerciseId} continues at seq ${last + 1}, batch has ${gap[1]}`);
        continue;
      }
      for (const row of batch.rows) insert.run(...row);
      seen.set(batch.exerciseId, last + batch.rows.length);
      outcome.push(null);
    }
    return outcome;
  });
  return (batches) => {
    const seen = new Map<string, number>();
    try {
      const outcome = write(batches, seen);
      for (const [exerciseId, seq] of seen) lastSeqs.set(exerciseId, seq);
      return outcome;
    } catch (error) {
      // Nothing of the group was written; read the seqs again rather than trust the cache.
      lastSeqs.clear();
      throw error;
    }
  };
}
