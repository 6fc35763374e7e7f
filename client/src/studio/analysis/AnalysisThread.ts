import type { AnalysisAnswer, AnalysisRequest } from './protocol.ts';

type Question = AnalysisRequest extends infer R ? (R extends AnalysisRequest ? Omit<R, 'seq'> : never) : never;
type AnswerTo<T extends Question['type']> = Extract<AnalysisAnswer, { type: AnswerType<T> }> | Extract<AnalysisAnswer, { type: 'failed' }>;
type AnswerType<T extends Question['type']> = T extends 'analyse' ? 'analysed' : T extends 'readYaml' ? 'yamlRead' : T extends 'simulate' ? 'simulated' : 'pathsFound';

/**
 * One analysis worker. `latest` keeps at most one question in flight and one waiting: while the
 * worker checks one version of the document, newer versions replace each other in the queue, so
 * a fast typist is always answered about what they typed last, never about every keystroke.
 * `cancel` stops the worker mid-question (a worker cannot be interrupted any other way): for
 * work so long that finishing a stale answer would keep the author waiting.
 */
export class AnalysisThread {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly waiting = new Map<number, (answer: AnalysisAnswer | undefined) => void>();
  private readonly latestByType = new Map<string, { question: Question; resolve: (answer: AnalysisAnswer | undefined) => void }>();
  private readonly busyTypes = new Set<string>();

  /** Asks once and waits for the answer; undefined when the question was cancelled. */
  ask<Q extends Question>(question: Q): Promise<AnswerTo<Q['type']> | undefined> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve as (answer: AnalysisAnswer | undefined) => void);
      this.started().postMessage({ ...question, seq } as AnalysisRequest);
    });
  }

  /** Asks about the newest state only: answered with undefined when a newer question of the same type replaced it before it was sent. */
  latest<Q extends Question>(question: Q): Promise<AnswerTo<Q['type']> | undefined> {
    return new Promise((resolve) => {
      this.latestByType.get(question.type)?.resolve(undefined);
      this.latestByType.set(question.type, { question, resolve: resolve as (answer: AnalysisAnswer | undefined) => void });
      this.pump(question.type);
    });
  }

  /** Drops every question asked so far: those in flight are answered with undefined and the worker stops; the next question starts a fresh one. */
  cancel(): void {
    for (const { resolve } of this.latestByType.values()) resolve(undefined);
    this.latestByType.clear();
    if (this.waiting.size === 0) return;
    this.worker?.terminate();
    this.worker = undefined;
    const cancelled = [...this.waiting.values()];
    this.waiting.clear();
    for (const resolve of cancelled) resolve(undefined);
  }

  close(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = undefined;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), { type: 'module', name: 'studio-analysis' });
    worker.onmessage = (event: MessageEvent<AnalysisAnswer>) => {
      const resolve = this.waiting.get(event.data.seq);
      this.waiting.delete(event.data.seq);
      resolve?.(event.data);
    };
    worker.onerror = (event) => console.error('studio analysis worker error', event.message);
    this.worker = worker;
    return worker;
  }

  private pump(type: string): void {
    if (this.busyTypes.has(type)) return;
    const next = this.latestByType.get(type);
    if (!next) return;
    this.latestByType.delete(type);
    this.busyTypes.add(type);
    void this.ask(next.question).then((answer) => {
      this.busyTypes.delete(type);
      next.resolve(answer);
      this.pump(type);
    });
  }
}
