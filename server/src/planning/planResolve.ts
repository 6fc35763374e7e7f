import { StartexError, type ScenarioDocument, type ScenarioSource } from '@startex/shared';
import { hasErrors, LIBRARY } from '@startex/scenarios';
import { scenarioInvalid, UPLOAD_EXPLORE_MS, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import type { Store } from '../store/ExerciseStore.ts';

/**
 * The scenario document an exercise pins: a library scenario, an uploaded version (the latest when
 * none is named), or a document sent inline, which the analyzer checks as an upload would be.
 */
export async function resolveScenario(store: Store, analysis: ScenarioAnalysis, source: ScenarioSource): Promise<ScenarioDocument> {
  switch (source.kind) {
    case 'library': {
      const document = LIBRARY[source.scenarioId];
      if (!document) throw new StartexError('SCENARIO_NOT_FOUND', undefined, 'source.scenarioId');
      return structuredClone(document);
    }
    case 'uploaded': {
      const stored = await store.getScenario(source.scenarioId, source.version);
      if (!stored) throw new StartexError('SCENARIO_NOT_FOUND', undefined, 'source.scenarioId');
      return stored.document;
    }
    case 'inline': {
      const { document, problems } = await analysis.analyse({ kind: 'value', value: source.document, exploreMs: UPLOAD_EXPLORE_MS });
      if (!document || hasErrors(problems)) throw scenarioInvalid(problems);
      return document;
    }
    default: {
      const exhaustive: never = source;
      return exhaustive;
    }
  }
}
