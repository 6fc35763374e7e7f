import { useEffect, useState } from 'react';
import type { ScenarioDocument } from '@startex/shared';
import type { Problem } from '@startex/scenarios/browser';
import { AnalysisThread } from './AnalysisThread.ts';

export interface Analysis {
  /** The edit this analysis is about; behind the page's while a newer one is checked. */
  seq: number;
  problems: Problem[];
  /** The problems include what exploring every path of play found (or nothing was left to explore). */
  explored: boolean;
  /** The document as the schema reads it (defaults filled in), when it parses. */
  document?: ScenarioDocument;
  /** Its statechart form: what the exercise plays. */
  expanded?: ScenarioDocument;
  /** An analyzer failure (a bug), shown rather than hidden. */
  failure?: string;
}

/**
 * The analysis threads of a studio page: one checks the rules as the author types, one explores
 * play after them (stopped when the author edits again), one reads YAML and plays.
 */
export interface Threads {
  rules: AnalysisThread;
  play: AnalysisThread;
  tools: AnalysisThread;
}

export function useThreads(): Threads | undefined {
  const [threads, setThreads] = useState<Threads | undefined>();
  useEffect(() => {
    const made = { rules: new AnalysisThread(), play: new AnalysisThread(), tools: new AnalysisThread() };
    setThreads(made);
    return () => Object.values(made).forEach((thread) => thread.close());
  }, []);
  return threads;
}

/**
 * Live analysis of the document off the main thread, in two stages: the rules (schema, references,
 * structure) of the newest edit as soon as the thread is free, shown at once; then, when they find
 * no error, every path of play explored. An edit cancels the exploration of the one before.
 */
export function useAnalysis(threads: Threads | undefined, document: unknown, seq: number): Analysis | undefined {
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  useEffect(() => {
    if (!threads) return;
    threads.play.cancel();
    let newest = true;
    void threads.rules.latest({ type: 'analyse', stage: 'rules', document }).then((checked) => {
      if (!checked) return;
      if (checked.type === 'failed') return setAnalysis((old) => ({ ...old, seq, problems: old?.problems ?? [], explored: true, failure: checked.message }));
      // A document that does not parse keeps the last statechart drawn, so the picture does not flicker away while someone types.
      setAnalysis((old) => {
        const expanded = checked.expanded ?? old?.expanded;
        return { seq, problems: checked.problems, explored: checked.complete, ...(checked.document ? { document: checked.document } : {}), ...(expanded ? { expanded } : {}) };
      });
      if (checked.complete || !newest) return;
      void threads.play.ask({ type: 'analyse', stage: 'full', document }).then((full) => {
        if (!full) return;
        const done = full.type === 'failed' ? { failure: full.message } : { problems: full.problems };
        setAnalysis((old) => (old?.seq === seq ? { ...old, ...done, explored: true } : old));
      });
    });
    return () => {
      newest = false;
    };
  }, [threads, document, seq]);
  return analysis;
}
