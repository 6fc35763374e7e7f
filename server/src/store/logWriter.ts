import { Worker } from 'node:worker_threads';

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

interface Pending {
  batch: LogBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

type Reply = { outcome: (string | null)[] } | { error: string };

/** What a connection's commits rest on: `journal_mode` and `synchronous` (2 is FULL), as SQLite reports them. */
export interface Durability {
  journalMode: string;
  synchronous: number;
}

const THREAD = new URL('./logWriterThread.mjs', import.meta.url);

/**
 * The log's group commit, run on a writer thread with its own connection (logWriterThread.mjs),
 * so the fsync of a commit no longer blocks the event loop: while one group is being committed,
 * the next is gathered. Batches appended while no commit is running go out together after the
 * current turn of the event loop; each caller's promise settles once its group is durable (or
 * refused), in append order. One group is in flight at a time, which keeps that order and lets
 * the thread check each batch against the seqs committed before it.
 */
export class LogWriter {
  private queue: Pending[] = [];
  private inflight: Pending[] | undefined;
  private scheduled = false;
  private worker: Worker | undefined;
  /** The last append's promise: once it settles, every earlier one has. */
  private last: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  append(batch: LogBatch): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The store is closed'));
    const done = new Promise<void>((resolve, reject) => this.queue.push({ batch, resolve, reject }));
    this.last = done.catch(() => {});
    this.schedule();
    return done;
  }

  /** Resolves once every batch appended so far is committed or refused. */
  settled(): Promise<void> {
    return this.last;
  }

  /** The writer connection's durability settings, read on the thread (which is started if need be). */
  durability(): Promise<Durability> {
    const worker = this.thread();
    return new Promise((resolve, reject) => {
      const answer = (message: Reply | { durability: Durability }) => {
        if (!('durability' in message)) return;
        worker.off('message', answer);
        worker.off('error', reject);
        resolve(message.durability);
      };
      worker.on('message', answer);
      worker.once('error', reject);
      worker.postMessage({ type: 'durability' });
    });
  }

  /** Waits for the commits already asked for, then closes the thread's connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ type: 'close' });
    await exited;
  }

  private schedule(): void {
    if (this.scheduled || this.inflight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inflight || this.queue.length === 0) return;
    const group = this.queue;
    this.queue = [];
    this.inflight = group;
    const worker = this.thread();
    // A commit in flight keeps the process alive; an idle writer does not.
    worker.ref();
    worker.postMessage({ batches: group.map((p) => p.batch) });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD, { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    worker.on('message', (reply: Reply | { durability: Durability }) => {
      if (!('durability' in reply)) this.settle(reply);
    });
    // The thread died (it should not): the group in flight may or may not be on disk, so its
    // callers are told it failed (the host reloads from the log); the next group starts a new thread.
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = undefined;
      this.settle({ error: `Log writer failed: ${error.message}` });
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const group = this.inflight ?? [];
    this.inflight = undefined;
    if (this.queue.length === 0) this.worker?.unref();
    else this.schedule();
    if ('error' in reply) for (const p of group) p.reject(new Error(reply.error));
    else group.forEach((p, i) => (reply.outcome[i] === null ? p.resolve() : p.reject(new Error(reply.outcome[i]!))));
  }
}
