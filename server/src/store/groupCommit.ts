/** One log row, in the column order of `log_entries` (the owner generation aside, which the writer adds). */
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
  /**
   * The owner generation the batch is written by (several nodes: server/src/cluster): written only
   * while it is still the exercise's generation. None on one node.
   */
  epoch?: number | undefined;
}

/** Per batch of a group: null when it was written, else why it was refused. */
export type BatchOutcome = string | null;

/** Commits one group; rejects when the whole group failed (none of it may be trusted to be written). */
export type CommitGroup = (batches: LogBatch[]) => Promise<BatchOutcome[]>;

/**
 * Why a batch cannot continue a log whose last seq is `lastSeq`, or null when it can: its seqs must
 * follow on without a gap and repeat none. The SQLite writer thread (logWriterThread.mjs, plain
 * JavaScript) applies the same rule in the same words.
 */
export function batchRefusal(batch: LogBatch, lastSeq: number): string | null {
  if (batch.firstSeq <= lastSeq) return `Log conflict: ${batch.exerciseId} already has seq ${batch.firstSeq}`;
  const gap = batch.rows.find((row, i) => row[0] !== batch.exerciseId || row[1] !== lastSeq + 1 + i);
  return gap ? `Log gap: ${batch.exerciseId} continues at seq ${lastSeq + 1}, batch has ${gap[1]}` : null;
}

interface Pending {
  batch: LogBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The log's group commit, whatever the database: batches appended while one group is being
 * committed are gathered and go out together as the next group (one transaction, one flush to
 * disk); batches appended while nothing commits go out after the current turn of the event loop.
 * Each caller's promise settles once its group is durable (or refused), in append order. One group
 * is in flight at a time, which keeps that order and lets the committer check each batch against
 * the seqs committed before it.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inflight = false;
  private scheduled = false;
  /** The last append's promise: once it settles, every earlier one has. */
  private last: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly commit: CommitGroup) {}

  append(batch: LogBatch): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The store is closed'));
    const done = new Promise<void>((resolve, reject) => this.queue.push({ batch, resolve, reject }));
    // Settled, not succeeded: the caller of append hears of a failure through `done`.
    this.last = Promise.allSettled([done]).then(() => undefined);
    this.schedule();
    return done;
  }

  /** Resolves once every batch appended so far is committed or refused. */
  settled(): Promise<void> {
    return this.last;
  }

  /** Refuses further appends and waits for those already asked for. */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  private schedule(): void {
    if (this.scheduled || this.inflight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.send();
    });
  }

  private async send(): Promise<void> {
    if (this.inflight || this.queue.length === 0) return;
    const group = this.queue;
    this.queue = [];
    this.inflight = true;
    let outcome: BatchOutcome[] | Error;
    try {
      outcome = await this.commit(group.map((p) => p.batch));
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    this.inflight = false;
    this.schedule();
    if (outcome instanceof Error) for (const p of group) p.reject(outcome);
    else group.forEach((p, i) => (outcome[i] === null ? p.resolve() : p.reject(new Error(outcome[i]))));
  }
}
