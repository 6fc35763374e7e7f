import type { ScenarioDocument, ScenarioState } from '@startex/shared';

/** Every document state by key, the root under the document id (keys are unique across a valid document). */
export function statesByKey(document: ScenarioDocument): Map<string, ScenarioState> {
  const byKey = new Map<string, ScenarioState>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      byKey.set(key, child);
      walk(child);
    }
  };
  byKey.set(document.id, document.machine);
  walk(document.machine);
  return byKey;
}
