import type { Page } from 'playwright-core';
import type { ScenarioDocument, ScenarioState } from '@startex/shared';

/**
 * The ids a person must never read: states (keys and paths; a timeline's generated ones too, given
 * the expanded document), timers, actions and their fields, teams, organisations, decisions, injects.
 */
export function scenarioKeys(document: ScenarioDocument): string[] {
  const keys = new Set<string>();
  const walk = (state: ScenarioState, path: string[]) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      keys.add(key);
      keys.add([...path, key].join('.'));
      (child.after ?? []).forEach((_, i) => keys.add(`${key}.after.${i}`));
      for (const d of child.decisions ?? []) keys.add(d.decision);
      walk(child, [...path, key]);
    }
  };
  walk(document.machine, []);
  for (const action of document.actions) {
    keys.add(action.id);
    for (const field of action.fields) keys.add(field.name);
  }
  for (const team of document.teams) keys.add(team.id);
  for (const organisation of document.simulatedOrganisations) keys.add(organisation.id);
  for (const inject of document.injects) keys.add(inject.id);
  // Single words (a state "endex", an organisation "reachback") could be ordinary words in the text: the keys that cannot are checked.
  return [...keys].filter((key) => /[_.]|--/.test(key));
}

/** Those of `keys` the page's visible text shows, each as a whole id (not inside a longer one). */
export async function keysShown(page: Page, keys: readonly string[]): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return keys.filter((key) => new RegExp(`(?<![\\w.-])${key.replaceAll('.', '\\.')}(?![\\w-])`).test(text));
}
