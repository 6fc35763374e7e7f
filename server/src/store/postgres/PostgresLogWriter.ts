import type { DatabaseError, Pool, PoolClient } from 'pg';
import { batchRefusal, GroupCommit, type BatchOutcome, type LogBatch } from '../groupCommit.ts';
import { whenReachable } from './connectionFailures.ts';

/** The owner generation written by a batch that has none: one node runs every exercise. */
const SINGLE_NODE_EPOCH = 0;

/** The unique index on (exercise_id, the action's team, idempotency_key) in ./schema.ts: an action's key is its team's. */
const IDEMPOTENCY_INDEX = 'log_entries_idempotency';

const INSERT_ROWS = `INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key, epoch)
  SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::integer[])`;

/** Rows as one array per column, so that each statement is prepared once per connection whatever the number of rows. */
const APPEND = { name: 'startex-log-append', text: INSERT_ROWS };

/** Every exercise's log still ends where this writer last saw it ($11 exercise ids, $12 their last seqs). */
const LOGS_UNMOVED = `NOT EXISTS (
    SELECT 1 FROM unnest($11::text[], $12::integer[]) AS known(exercise_id, last)
    WHERE known.last <> (SELECT coalesce(max(seq), 0) FROM log_entries WHERE log_entries.exercise_id = known.exercise_id))`;

/**
 * The same, written only if every exercise's log still ends where this writer last saw it: else
 * nothing is written. A log that moved on without this writer (another writer, or a database
 * restored to an earlier moment) is never continued from where it no longer ends.
 */
const APPEND_IF_UNMOVED = { name: 'startex-log-append-if-unmoved', text: `${INSERT_ROWS}\n  WHERE ${LOGS_UNMOVED}` };

/**
 * The same again, written only if each exercise ($13) is still owned by the generation the batch
 * carries ($14; server/src/cluster). The owner rows are locked for share until the statement
 * commits: a node taking an exercise over raises its generation with an UPDATE, which waits for
 * this append and then reads the log with it; an append that comes after the raise sees the new
 * generation and writes nothing.
 */
const APPEND_IF_UNMOVED_AND_OWNED = {
  name: 'startex-log-append-if-unmoved-and-owned',
  text: `${INSERT_ROWS}
  WHERE ${LOGS_UNMOVED}
  AND (SELECT count(*) FROM (
    SELECT 1 FROM exercise_owners JOIN unnest($13::text[], $14::integer[]) AS mine(exercise_id, epoch) USING (exercise_id)
    WHERE exercise_owners.epoch = mine.epoch FOR SHARE OF exercise_owners) AS owned) = cardinality($13::text[])`,
};

/**
 * The log's group commit on PostgreSQL (GroupCommit gathers the groups). A group is one INSERT
 * statement, so one transaction and one WAL flush, and callers hear of it only after the commit.
 * Each batch is checked against the last seq this writer committed for its exercise, and the
 * statement writes only if those are still the logs' last seqs; the primary key (exercise_id, seq)
 * is the fence against a writer whose rows were not yet committed then. If another writer came
 * first, the statement writes nothing and the group is done again batch by batch against the log
 * as committed, so that only the batches that no longer continue it are refused. A batch that
 * carries an owner generation is written only while its exercise's owner row has that generation
 * (the fence against a stale owner on another node).
 */
export class PostgresLogWriter {
  private readonly group = new GroupCommit((batches) => this.commit(batches));
  /** The last seq per exercise as this writer last saw it: a hint that makes the usual group one statement. */
  private readonly lastSeqs = new Map<string, number>();

  constructor(private readonly pool: Pool) {}

  append(batch: LogBatch): Promise<void> {
    return this.group.append(batch);
  }

  /** Resolves once every batch appended so far is committed or refused. */
  settled(): Promise<void> {
    return this.group.settled();
  }

  close(): Promise<void> {
    return this.group.close();
  }

  private async commit(batches: LogBatch[]): Promise<BatchOutcome[]> {
    return whenReachable(this.commitOnConnection(batches));
  }

  private async commitOnConnection(batches: LogBatch[]): Promise<BatchOutcome[]> {
    const client = await this.pool.connect();
    try {
      const outcome = (await this.commitAtOnce(client, batches)) ?? (await this.commitFenced(client, batches));
      client.release();
      return outcome;
    } catch (error) {
      // Whether the commit landed is unknown when the connection broke: read the log again next time.
      this.lastSeqs.clear();
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  /** The whole group in one statement, when every batch continues the log as this writer saw it and the log has not moved since; else null. */
  private async commitAtOnce(client: PoolClient, batches: LogBatch[]): Promise<BatchOutcome[] | null> {
    const exerciseIds = [...new Set(batches.map((b) => b.exerciseId))];
    await this.readLastSeqs(client, exerciseIds.filter((id) => !this.lastSeqs.has(id)));
    const seen = exerciseIds.map((id) => this.lastSeqs.get(id) ?? 0);
    const last = new Map(this.lastSeqs);
    for (const batch of batches) {
      if (batchRefusal(batch, last.get(batch.exerciseId) ?? 0)) return null;
      last.set(batch.exerciseId, batch.firstSeq + batch.rows.length - 1);
    }
    const owned = ownedBy(batches);
    const values = [...columns(batches), exerciseIds, seen];
    try {
      const { rowCount } = await client.query(
        owned.exerciseIds.length === 0 ? { ...APPEND_IF_UNMOVED, values } : { ...APPEND_IF_UNMOVED_AND_OWNED, values: [...values, owned.exerciseIds, owned.epochs] },
      );
      if (rowCount !== batches.reduce((n, b) => n + b.rows.length, 0)) return null;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    for (const [exerciseId, seq] of last) this.lastSeqs.set(exerciseId, seq);
    return batches.map(() => null);
  }

  /**
   * Batch by batch in one transaction, each checked against its owner's generation and the log as
   * committed, and fenced by a savepoint.
   */
  private async commitFenced(client: PoolClient, batches: LogBatch[]): Promise<BatchOutcome[]> {
    for (const batch of batches) this.lastSeqs.delete(batch.exerciseId);
    await client.query('BEGIN');
    const generations = await this.lockOwners(client, ownedBy(batches).exerciseIds);
    const outcome: BatchOutcome[] = [];
    for (const batch of batches) outcome.push(ownerRefusal(batch, generations) ?? (await this.appendFenced(client, batch)));
    await client.query('COMMIT');
    return outcome;
  }

  /** The current owner generation of each exercise, its row locked for share until the commit. */
  private async lockOwners(client: PoolClient, exerciseIds: string[]): Promise<Map<string, number>> {
    if (exerciseIds.length === 0) return new Map();
    const { rows } = await client.query<{ exercise_id: string; epoch: number }>(
      'SELECT exercise_id, epoch FROM exercise_owners WHERE exercise_id = ANY($1::text[]) FOR SHARE',
      [exerciseIds],
    );
    return new Map(rows.map((row) => [row.exercise_id, row.epoch]));
  }

  private async appendFenced(client: PoolClient, batch: LogBatch): Promise<BatchOutcome> {
    const { rows } = await client.query<{ last: number }>('SELECT coalesce(max(seq), 0) AS last FROM log_entries WHERE exercise_id = $1', [batch.exerciseId]);
    const refused = batchRefusal(batch, rows[0]!.last);
    if (refused) return refused;
    await client.query('SAVEPOINT batch');
    try {
      await client.query({ ...APPEND, values: columns([batch]) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another writer's rows, not yet committed when the last seq was read, held this seq or idempotency key.
      await client.query('ROLLBACK TO SAVEPOINT batch');
      return error.constraint === IDEMPOTENCY_INDEX ? `Log conflict: ${batch.exerciseId} already has an entry with an idempotency key of this batch` : batchRefusal(batch, batch.firstSeq);
    }
    await client.query('RELEASE SAVEPOINT batch');
    return null;
  }

  private async readLastSeqs(client: PoolClient, exerciseIds: string[]): Promise<void> {
    if (exerciseIds.length === 0) return;
    const { rows } = await client.query<{ exercise_id: string; last: number }>(
      'SELECT exercise_id, max(seq) AS last FROM log_entries WHERE exercise_id = ANY($1::text[]) GROUP BY exercise_id',
      [exerciseIds],
    );
    for (const id of exerciseIds) this.lastSeqs.set(id, 0);
    for (const row of rows) this.lastSeqs.set(row.exercise_id, row.last);
  }
}

/** The batches' rows as one array per column of APPEND, each row's owner generation last. */
function columns(batches: LogBatch[]): unknown[][] {
  const values: unknown[][] = Array.from({ length: 10 }, () => []);
  for (const batch of batches) {
    for (const row of batch.rows) {
      row.forEach((value, i) => values[i]!.push(value));
      values[9]!.push(batch.epoch ?? SINGLE_NODE_EPOCH);
    }
  }
  return values;
}

/** The exercises whose batches carry an owner generation, and that generation (one per exercise: one owner writes it). */
function ownedBy(batches: LogBatch[]): { exerciseIds: string[]; epochs: number[] } {
  const epochs = new Map<string, number>();
  for (const batch of batches) if (batch.epoch !== undefined) epochs.set(batch.exerciseId, batch.epoch);
  return { exerciseIds: [...epochs.keys()], epochs: [...epochs.values()] };
}

/** Why a batch may not be written by its owner generation, or null when it may (or carries none). */
function ownerRefusal(batch: LogBatch, generations: Map<string, number>): BatchOutcome {
  if (batch.epoch === undefined) return null;
  const current = generations.get(batch.exerciseId);
  if (current === batch.epoch) return null;
  return `Log fence: ${batch.exerciseId} is owned by generation ${current ?? 'none'}, not by this writer's ${batch.epoch}`;
}

/** PostgreSQL's unique_violation: the primary key (exercise_id, seq) or the idempotency key is taken. */
function isUniqueViolation(error: unknown): error is DatabaseError {
  return (error as Partial<DatabaseError> | null)?.code === '23505';
}
