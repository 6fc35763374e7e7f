import { keyAsWords } from '../keyAsWords.ts';
import type { ScenarioDocument, ScenarioState } from './document.ts';

/** A state's title when the scenario gives one, else its key as words. */
export function stateTitle(state: ScenarioState | undefined, key: string): string {
  return state?.title?.trim() ? state.title : keyAsWords(key);
}

/** Each state's title by key (keys are unique across the machine), for everything that shows states to people. */
export function stateTitles(document: ScenarioDocument): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      titles.set(key, stateTitle(child, key));
      walk(child);
    }
  };
  walk(document.machine);
  return titles;
}

/** An active state path ("play.operations.outcome_safe") as people read it: its states' titles, "Play › Operations › Safe". */
export function statePathTitle(titles: ReadonlyMap<string, string>, path: string): string {
  return path
    .split('.')
    .map((key) => titles.get(key) ?? keyAsWords(key))
    .join(' › ');
}

/** Each decision's label by id (the branch control chooses: "A: the bomb squad renders the device safe"), for everything that shows decisions to people. */
export function decisionTitles(document: ScenarioDocument): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (state: ScenarioState) => {
    for (const d of state.decisions ?? []) if (!labels.has(d.decision)) labels.set(d.decision, d.label);
    for (const child of Object.values(state.states ?? {})) walk(child);
  };
  walk(document.machine);
  return labels;
}
