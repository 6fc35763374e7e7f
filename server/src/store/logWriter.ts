import { Worker } from 'node:worker_threads';
import { GroupCommit, type BatchOutcome, type LogBatch } from './groupCommit.ts';

type Reply = { outcome: BatchOutcome[] } | { error: string };

/** What a connection's commits rest on: `journal_mode` and `synchronous` (2 is FULL), as SQLite reports them. */
export interface Durability {
  journalMode: string;
  synchronous: number;
}

const THREAD = new URL('./logWriterThread.mjs', import.meta.url);

/**
 * The SQLite log's group commit (GroupCommit), run on a writer thread with its own connection
 * (logWriterThread.mjs), so the fsync of a commit no longer blocks the event loop: while one group
 * is being committed on the thread, the next is gathered here.
 */
export class LogWriter {
  private readonly group = new GroupCommit((batches) => this.commitOnThread(batches));
  private worker: Worker | undefined;
  /** The group on the thread: answered by its reply, or failed if the thread dies. */
  private answer: { resolve: (outcome: BatchOutcome[]) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  append(batch: LogBatch): Promise<void> {
    return this.group.append(batch);
  }

  /** Resolves once every batch appended so far is committed or refused. */
  settled(): Promise<void> {
    return this.group.settled();
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
    await this.group.close();
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Keep the process alive until the thread has closed its connection: an idle writer is unref'd.
    worker.ref();
    worker.postMessage({ type: 'close' });
    await exited;
  }

  private commitOnThread(batches: LogBatch[]): Promise<BatchOutcome[]> {
    const worker = this.thread();
    // A commit in flight keeps the process alive; an idle writer does not.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.answer = { resolve, reject };
      worker.postMessage({ batches });
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD, { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    worker.on('message', (reply: Reply | { durability: Durability }) => {
      if ('durability' in reply) return;
      worker.unref();
      const answer = this.answer;
      this.answer = undefined;
      if ('error' in reply) answer?.reject(new Error(reply.error));
      else answer?.resolve(reply.outcome);
    });
    // The thread died (it should not): the group in flight may or may not be on disk, so its
    // callers are told it failed (the host reloads from the log); the next group starts a new thread.
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = undefined;
      const answer = this.answer;
      this.answer = undefined;
      answer?.reject(new Error(`Log writer failed: ${error.message}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
