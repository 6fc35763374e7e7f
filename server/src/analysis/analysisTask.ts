import type { MessagePort } from 'node:worker_threads';
import { analyseScenario, type Analysis, type AnalysisRequest } from './analyseScenario.ts';

export interface AnalysisTask {
  request: AnalysisRequest;
  /** Told when the analysis starts, so that its time limit counts running, not waiting in the queue. */
  started: MessagePort;
}

/** What an analysis worker thread runs (the pool calls it by name). */
export function runAnalysis({ request, started }: AnalysisTask): Analysis {
  started.postMessage('started');
  return analyseScenario(request);
}
