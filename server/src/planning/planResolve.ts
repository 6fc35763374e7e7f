import { StartexError, type ScenarioDocument, type ScenarioSource } from '@startex/shared';
import { hasErrors, LIBRARY, lintScenarioValue } from '@startex/scenarios';
import type { Store } from '../store/ExerciseStore.ts';

/**
 * The scenario document an exercise pins: a library scenario, an uploaded version (the latest when
 * none is named), or a document sent inline, which the analyzer checks as an upload would be.
 */
export async function resolveScenario(store: Store, source: ScenarioSource): Promise<ScenarioDocument> {
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
      const { parsed, problems } = lintScenarioValue(source.document);
      if (!parsed.ok || hasErrors(problems)) {
        const errors = problems.filter((p) => p.severity === 'error');
        throw new StartexError('SCENARIO_INVALID', `The scenario document has ${errors.length} error(s); see problems.`, undefined, problems);
      }
      return parsed.document;
    }
    default: {
      const exhaustive: never = source;
      return exhaustive;
    }
  }
}
