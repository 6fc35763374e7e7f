import type { ScenarioDocument } from '@startex/shared';
import { lintScenarioText, lintScenarioValue, type Problem } from '@startex/scenarios';

/** A scenario document to check: the text of an uploaded file, or a value already parsed from a JSON body. */
export type AnalysisRequest = ({ kind: 'text'; text: string; format: 'json' | 'yaml' } | { kind: 'value'; value: unknown }) & {
  /** How long exploring play may take before the analyzer gives up (rule too-many-plays); unset: no time bound. */
  exploreMs?: number;
};

export interface Analysis {
  /** The parsed, current-version document, when it could be read at all. */
  document?: ScenarioDocument;
  problems: Problem[];
}

/** Parses and lints a scenario document: what the analysis worker runs, off the server's main thread. */
export function analyseScenario(request: AnalysisRequest): Analysis {
  const budget = request.exploreMs === undefined ? {} : { maxMs: request.exploreMs };
  return analysisOf(request.kind === 'value' ? lintScenarioValue(request.value, budget) : lintScenarioText(request.text, request.format, budget));
}

const analysisOf = ({ parsed, problems }: ReturnType<typeof lintScenarioText>): Analysis => (parsed.ok ? { document: parsed.document, problems } : { problems });
