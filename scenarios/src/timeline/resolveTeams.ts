import type { ScenarioDocument, TeamRef } from '@startex/shared';

/** The word that addresses every team. */
export const ALL_TEAMS = 'all';

/**
 * The team ids a reference stands for: a team, a team group, `all`, or a list of them, in the
 * document's team order. An unknown name stays as it is, for the analyzer to report.
 */
export function resolveTeams(document: ScenarioDocument, ref: TeamRef): string[] {
  const names = typeof ref === 'string' ? [ref] : ref;
  const teamIds = document.teams.map((t) => t.id);
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    if (name === ALL_TEAMS) teamIds.forEach((t) => wanted.add(t));
    else if (teamIds.includes(name)) wanted.add(name);
    else {
      const group = document.teamGroups.find((g) => g.id === name);
      if (group) group.teams.forEach((t) => wanted.add(t));
      else unknown.push(name);
    }
  }
  return [...teamIds.filter((t) => wanted.has(t)), ...[...wanted].filter((t) => !teamIds.includes(t)), ...unknown];
}

/** A sender named by id (simulated organisation or team) as people read it; any other text as written. */
export function senderName(document: ScenarioDocument, from: string): string {
  return document.simulatedOrganisations.find((o) => o.id === from)?.name ?? document.teams.find((t) => t.id === from)?.name ?? from;
}
