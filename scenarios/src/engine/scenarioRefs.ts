import { StartexError, type ScenarioDocument } from '@startex/shared';

/** Teams and simulated organisations an input names must be the scenario's own. */
export function checkRecipients(document: ScenarioDocument, teams: readonly string[], organisations: readonly string[]): void {
  for (const team of teams) {
    if (!document.teams.some((t) => t.id === team)) throw new StartexError('UNKNOWN_TEAM', `The exercise has no team "${team}".`);
  }
  for (const org of organisations) {
    if (!document.simulatedOrganisations.some((o) => o.id === org)) {
      throw new StartexError('UNKNOWN_ORGANISATION', `The scenario has no simulated organisation "${org}".`);
    }
  }
}
