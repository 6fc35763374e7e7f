import type { ScenarioDocument, ScenarioState } from './document.ts';

/** Each state's title by key (the key itself when a state has none), for views that show states to people. */
export function stateTitles(document: ScenarioDocument): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      titles.set(key, child.title ?? key);
      walk(child);
    }
  };
  walk(document.machine);
  return titles;
}

/** An active state path ("play.operations.outcome_safe") as people read it: its states' titles. */
export function statePathTitle(titles: ReadonlyMap<string, string>, path: string): string {
  return path
    .split('.')
    .map((key) => titles.get(key) ?? key)
    .join(' › ');
}
