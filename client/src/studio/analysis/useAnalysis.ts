import { useEffect, useRef, useState } from 'react';
import type { ScenarioDocument } from '@startex/shared';
import type { Problem } from '@startex/scenarios/browser';
import { AnalysisThread } from './AnalysisThread.ts';

export interface Analysis {
  /** The edit this analysis is about; behind the page's while a newer one is checked. */
  seq: number;
  problems: Problem[];
  /** The document as the schema reads it (defaults filled in), when it parses. */
  document?: ScenarioDocument;
  /** Its statechart form: what the exercise plays. */
  expanded?: ScenarioDocument;
  /** An analyzer failure (a bug), shown rather than hidden. */
  failure?: string;
}

/** The two analysis threads of a studio page: one lints as the author types, the other reads YAML and plays. */
export interface Threads {
  lint: AnalysisThread;
  tools: AnalysisThread;
}

export function useThreads(): Threads | undefined {
  const [threads, setThreads] = useState<Threads | undefined>();
  useEffect(() => {
    const made = { lint: new AnalysisThread(), tools: new AnalysisThread() };
    setThreads(made);
    return () => {
      made.lint.close();
      made.tools.close();
    };
  }, []);
  return threads;
}

/** Live analysis of the document off the main thread: the newest edit is checked as soon as the thread is free. */
export function useAnalysis(threads: Threads | undefined, document: unknown, seq: number): Analysis | undefined {
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  const newest = useRef(seq);
  newest.current = seq;
  useEffect(() => {
    if (!threads) return;
    void threads.lint.latest({ type: 'analyse', document }).then((answer) => {
      if (!answer) return;
      if (answer.type === 'failed') return setAnalysis((old) => ({ seq, problems: old?.problems ?? [], failure: answer.message }));
      // A document that does not parse keeps the last statechart drawn, so the picture does not flicker away while someone types.
      setAnalysis((old) => {
        const expanded = answer.expanded ?? old?.expanded;
        return { seq, problems: answer.problems, ...(answer.document ? { document: answer.document } : {}), ...(expanded ? { expanded } : {}) };
      });
    });
  }, [threads, document, seq]);
  return analysis;
}
