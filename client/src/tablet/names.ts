import type { TFunction } from 'i18next';
import { keyAsWords, type ExerciseView, type Party, type Recipients } from '@startex/shared';

export interface Names {
  /** A team as others name it, this one included. */
  teamName: (id: string) => string;
  /** A team, this one as "our team". */
  team: (id: string) => string;
  organisation: (id: string) => string;
  party: (party: Party) => string;
  recipients: (to: Pick<Recipients, 'teams' | 'organisations'> & { all?: boolean | undefined }) => string;
}

/** Display names for teams, simulated organisations and message parties; this team is "us". */
export function names(view: ExerciseView | undefined, teamId: string | undefined, t: TFunction): Names {
  const teamName = (id: string) => view?.teams.find((x) => x.id === id)?.name ?? keyAsWords(id);
  const team = (id: string) => (id === teamId ? t('tablet:messages.us') : teamName(id));
  const organisation = (id: string) => view?.simulatedOrganisations.find((x) => x.id === id)?.name ?? keyAsWords(id);
  return {
    teamName,
    team,
    organisation,
    party: (p) => (p.kind === 'team' ? team(p.teamId) : p.kind === 'simcell' ? organisation(p.organisationId) : t('tablet:messages.control')),
    recipients: (to) => (to.all ? t('tablet:messages.everyone') : [...to.teams.map(team), ...to.organisations.map(organisation)].join(', ')),
  };
}
