import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisThread } from './AnalysisThread.ts';
import type { AnalysisAnswer, AnalysisRequest } from './protocol.ts';

/** The browser's Worker as far as the thread uses it: what was posted, whether it was stopped, and a way to answer. */
class StandInWorker {
  static made: StandInWorker[] = [];
  posted: Extract<AnalysisRequest, { type: 'analyse' }>[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<AnalysisAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    StandInWorker.made.push(this);
  }
  postMessage(request: Extract<AnalysisRequest, { type: 'analyse' }>) {
    this.posted.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  answer(request: AnalysisRequest) {
    const data: AnalysisAnswer = { type: 'analysed', seq: request.seq, stage: 'full', complete: true, problems: [] };
    this.onmessage?.({ data } as MessageEvent<AnalysisAnswer>);
  }
}

const full = (n: number) => ({ type: 'analyse', stage: 'full', document: { n } }) as const;

beforeEach(() => {
  StandInWorker.made = [];
  vi.stubGlobal('Worker', StandInWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('an analysis thread', () => {
  it('stops the worker in the middle of a cancelled question, answers it with nothing, and asks the next of a fresh worker', async () => {
    const thread = new AnalysisThread();
    const stale = thread.ask(full(1));
    const [first] = StandInWorker.made;
    expect(first!.posted.map((p) => p.document)).toEqual([{ n: 1 }]);

    thread.cancel();
    expect(first!.terminated).toBe(true);
    await expect(stale).resolves.toBeUndefined();

    const fresh = thread.ask(full(2));
    expect(StandInWorker.made).toHaveLength(2);
    const second = StandInWorker.made[1]!;
    expect(second.posted.map((p) => p.document)).toEqual([{ n: 2 }]);
    second.answer(second.posted[0]!);
    await expect(fresh).resolves.toMatchObject({ type: 'analysed', stage: 'full' });
  });

  it('keeps an idle worker when there is nothing to cancel', async () => {
    const thread = new AnalysisThread();
    const answered = thread.ask(full(1));
    const worker = StandInWorker.made[0]!;
    worker.answer(worker.posted[0]!);
    await answered;
    thread.cancel();
    expect(worker.terminated).toBe(false);
    void thread.ask(full(2));
    expect(StandInWorker.made).toHaveLength(1);
  });

  it('asks `latest` about the newest document only: one in flight, newer ones replacing each other while it runs', async () => {
    const thread = new AnalysisThread();
    const first = thread.latest(full(1));
    const replaced = thread.latest(full(2));
    const newest = thread.latest(full(3));
    const worker = StandInWorker.made[0]!;
    await expect(replaced).resolves.toBeUndefined();
    expect(worker.posted.map((p) => p.document)).toEqual([{ n: 1 }]);
    worker.answer(worker.posted[0]!);
    await expect(first).resolves.toMatchObject({ type: 'analysed' });
    expect(worker.posted.map((p) => p.document)).toEqual([{ n: 1 }, { n: 3 }]);
    worker.answer(worker.posted[1]!);
    await expect(newest).resolves.toMatchObject({ type: 'analysed' });
  });
});
