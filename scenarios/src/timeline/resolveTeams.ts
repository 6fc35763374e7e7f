import type { ScenarioDocument, TeamRef } from '@startex/shared';

/** The word that addresses every team. */
export const ALL_TEAMS = 'all';

/**
 * The team ids a reference stands for: a team, a team group, `all`, or a list of them, in the
 * order written (a group or `all` in the document's team order), each once. An unknown name stays
 * as it is, for the analyzer to report.
 */
export function resolveTeams(document: ScenarioDocument, ref: TeamRef): string[] {
  const names = typeof ref === 'string' ? [ref] : ref;
  const teamIds = document.teams.map((t) => t.id);
  const resolved = names.flatMap((name) => {
    if (teamIds.includes(name)) return [name];
    if (name === ALL_TEAMS) return teamIds;
    return document.teamGroups.find((g) => g.id === name)?.teams ?? [name];
  });
  return [...new Set(resolved)];
}

/** A sender named by id (simulated organisation or team) as people read it; any other text as written. */
export function senderName(document: ScenarioDocument, from: string): string {
  return document.simulatedOrganisations.find((o) => o.id === from)?.name ?? document.teams.find((t) => t.id === from)?.name ?? from;
}
