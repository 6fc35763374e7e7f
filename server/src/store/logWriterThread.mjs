// @ts-check
/**
 * The log's writer thread: its own connection to the SQLite file, with the store's durability
 * settings, runs each group commit (and its fsync) so the event loop never waits on the disk.
 * Plain JavaScript so that it starts the same way under tsx, vitest and the bundled server,
 * without a TypeScript loader in the thread. The types are in groupCommit.ts and logWriter.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma(`busy_timeout = ${workerData.busyTimeoutMs}`);

const insert = db.prepare(`INSERT INTO log_entries (exercise_id, seq, type, wall_time, exercise_time_ms, scenario_time_ms, actor, body, idempotency_key)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const maxSeq = db.prepare('SELECT max(seq) FROM log_entries WHERE exercise_id = ?').pluck();

/**
 * Why a batch cannot continue a log whose last seq is `lastSeq`, or null: the rule and the words
 * of `batchRefusal` in groupCommit.ts, which the PostgreSQL writer uses.
 */
function refusal(batch, lastSeq) {
  if (batch.firstSeq <= lastSeq) return `Log conflict: ${batch.exerciseId} already has seq ${batch.firstSeq}`;
  const gap = batch.rows.find((row, i) => row[0] !== batch.exerciseId || row[1] !== lastSeq + 1 + i);
  return gap ? `Log gap: ${batch.exerciseId} continues at seq ${lastSeq + 1}, batch has ${gap[1]}` : null;
}

/**
 * The group commit: every batch whose seqs continue its exercise's log is written, all in one
 * IMMEDIATE transaction (one fsync); a batch that leaves a gap or repeats a seq is refused on its
 * own. The last seq is read inside the transaction, which holds the write lock: it counts the
 * batches written before in this group, and another connection's appends (another process on the
 * same file) too. Returns, per batch, null when written or why it was refused.
 */
const write = db.transaction((batches) => {
  const outcome = [];
  for (const batch of batches) {
    const refused = refusal(batch, maxSeq.get(batch.exerciseId) ?? 0);
    if (!refused) for (const row of batch.rows) insert.run(...row);
    outcome.push(refused);
  }
  return outcome;
});

/** The settings a commit's durability rests on, as SQLite reports them for this connection. */
function durability(/** @type {Database.Database} */ connection) {
  return { journalMode: connection.pragma('journal_mode', { simple: true }), synchronous: connection.pragma('synchronous', { simple: true }) };
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.on('message', (message) => {
  if (message.type === 'close') {
    db.close();
    port.close();
    return;
  }
  if (message.type === 'durability') {
    port.postMessage({ durability: durability(db) });
    return;
  }
  try {
    port.postMessage({ outcome: write.immediate(message.batches) });
  } catch (error) {
    // Nothing of the group was written.
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
