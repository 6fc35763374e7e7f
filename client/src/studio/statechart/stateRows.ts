import type { Effect, ScenarioDocument, ScenarioState } from '@startex/shared';

/**
 * Which injects each state releases (on entry, or on a way out of it), by the state's dotted path
 * as the statechart names its nodes: how selecting a state selects its MSEL rows, and back.
 */
export function releasesByState(expanded: ScenarioDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const released = (effects: Effect[] | undefined) => (effects ?? []).flatMap((e) => ('release' in e ? [e.release] : []));
  const walk = (state: ScenarioState, parent: string | undefined) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      const path = parent ? `${parent}.${key}` : key;
      const ways = [...(child.after ?? []), ...(child.on ?? []), ...(child.decisions ?? []), ...(child.always ?? [])];
      const injects = [...released(child.entry), ...ways.flatMap((w) => released(w.effects))];
      if (injects.length) out.set(path, [...new Set(injects)]);
      walk(child, path);
    }
  };
  walk(expanded.machine, undefined);
  return out;
}

/** The states that release an inject: the way back from a row to the statechart. */
export function statesReleasing(byState: ReadonlyMap<string, string[]>, injectId: string): string[] {
  return [...byState].filter(([, injects]) => injects.includes(injectId)).map(([state]) => state);
}
