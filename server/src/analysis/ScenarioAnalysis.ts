import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { StartexError } from '@startex/shared';
import type { Problem } from '@startex/scenarios';
import type { Analysis, AnalysisRequest } from './analyseScenario.ts';
import type { AnalysisTask } from './analysisTask.ts';

export interface AnalysisLimits {
  /** Analyses at once, each on a worker thread of its own. */
  threads: number;
  /** Analyses that may wait for a thread; one more is refused with RATE_LIMITED. */
  queue: number;
  /** Running time of one analysis before its thread is stopped. */
  timeLimitMs: number;
  /** V8 heap of one analysis thread before it is stopped. */
  memoryMb: number;
}

/**
 * Two threads leave a core to play on a two-core server, and the threads run at a lower priority
 * (nice), so the exercises' timers and acknowledgements win whenever both want a core. The
 * analyzer's own exploration budget on upload (4 s) comes well inside the time limit; the limit
 * stops what that budget does not cover (parsing, validation, the other rules).
 */
export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = {
  threads: Math.min(2, availableParallelism()),
  queue: 16,
  timeLimitMs: 15_000,
  memoryMb: 256,
};

/** The analyzer's exploration budget for uploaded documents: one it cannot check within this is refused (rule too-many-plays). */
export const UPLOAD_EXPLORE_MS = 4_000;

/** SCENARIO_INVALID for a document with errors, saying the error itself when there is one. */
export function scenarioInvalid(problems: Problem[]): StartexError {
  const errors = problems.filter((p) => p.severity === 'error');
  const message = errors.length === 1 ? `The scenario document has an error: ${errors[0]!.message}` : `The scenario document has ${errors.length} errors; see problems.`;
  return new StartexError('SCENARIO_INVALID', message, undefined, problems);
}

/** Where the worker's code is: the bundle defines this to its own build of the task (server/scripts/bundle.ts). */
declare const STARTEX_ANALYSIS_WORKER: string | undefined;
const WORKER = typeof STARTEX_ANALYSIS_WORKER === 'string' ? STARTEX_ANALYSIS_WORKER : new URL('./analysisWorker.mjs', import.meta.url).href;

/** Why a waiting analysis was stopped when its thread ran out of memory before it could start. */
const OUT_OF_MEMORY = 'analysis thread out of memory';

const limitProblem = (rule: string, message: string): Analysis => ({ problems: [{ severity: 'error', rule, path: '$', message } satisfies Problem] });

/**
 * Scenario documents are parsed and linted on a pool of worker threads (piscina), never on the
 * server's main thread: a document that takes seconds (or all memory) to analyse must not hold up
 * the live exercises' timers, acknowledgements or anyone's requests. An analysis that runs past
 * its time or memory limit is stopped with its thread and answered as a problem of the document.
 */
export class ScenarioAnalysis {
  /** Made on first use: a restart does not even load the pool's package. */
  private pool: Promise<Piscina> | undefined;
  /** The analyses queued or running, to stop them when no thread can start. */
  private readonly waiting = new Set<AbortController>();

  constructor(private readonly limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS) {}

  private threads(): Promise<Piscina> {
    this.pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: WORKER,
          name: 'runAnalysis',
          // Threads start on first use and stop when idle.
          minThreads: 0,
          maxThreads: this.limits.threads,
          idleTimeout: 60_000,
          niceIncrement: 10,
          resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, stackSizeMb: 4 },
        })
          // A thread that fails with no task running has nobody to answer: log it. Out of memory as it
          // starts, no thread can ever start under this limit, so the analyses waiting are stopped with
          // the memory problem instead of waiting for ever.
          .on('error', (error: Error) => {
            console.error('Scenario analysis thread failed:', error);
            if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') for (const waiting of this.waiting) waiting.abort(OUT_OF_MEMORY);
          }),
    );
    return this.pool;
  }

  /** The document and its problems; RATE_LIMITED when too many analyses wait already. */
  async analyse(request: AnalysisRequest, timeLimitMs = this.limits.timeLimitMs): Promise<Analysis> {
    const pool = await this.threads();
    if (pool.queueSize >= this.limits.queue) {
      throw new StartexError('RATE_LIMITED', `The server is checking ${this.limits.queue + this.limits.threads} scenario documents already; try again in a minute.`);
    }
    const abort = new AbortController();
    this.waiting.add(abort);
    const { port1: started, port2 } = new MessageChannel();
    let deadline: NodeJS.Timeout | undefined;
    if (Number.isFinite(timeLimitMs)) started.once('message', () => (deadline = setTimeout(() => abort.abort(), timeLimitMs)));
    try {
      const task: AnalysisTask = { request, started: port2 };
      return (await pool.run(task, { signal: abort.signal, transferList: [port2] })) as Analysis;
    } catch (error) {
      if (abort.signal.aborted && abort.signal.reason !== OUT_OF_MEMORY) {
        const seconds = timeLimitMs / 1000;
        return limitProblem(
          'analysis-time-limit',
          `Checking this document took longer than ${seconds} s, so it was stopped and nothing was stored. Make the scenario smaller or simpler: fewer states and parallel regions, timers that line up, shorter cycles.`,
        );
      }
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' || abort.signal.reason === OUT_OF_MEMORY) {
        return limitProblem(
          'analysis-memory-limit',
          `Checking this document needed more than ${this.limits.memoryMb} MB of memory, so it was stopped and nothing was stored. Make the scenario smaller: fewer states, parallel regions, injects or fields, or shorter texts.`,
        );
      }
      throw error;
    } finally {
      this.waiting.delete(abort);
      clearTimeout(deadline);
      started.close();
    }
  }

  async close(): Promise<void> {
    await (await this.pool)?.destroy();
  }
}
