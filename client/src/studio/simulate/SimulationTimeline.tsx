import { useTranslation } from 'react-i18next';
import type { Simulation, TimelineEvent } from '@startex/scenarios/browser';
import type { Names } from '../document/names.ts';

const minutes = (ms: number) => `T+${Math.round(ms / 60_000)}`;

/**
 * One play as a table of lanes: exercise control (branches taken, decisions, milestones, EndEx)
 * and one column per team (injects it receives, actions it takes), row by row in time.
 */
export function SimulationTimeline({ title, simulation, names, teamsOf, stateWords }: {
  title: string;
  simulation: Simulation;
  names: Names;
  teamsOf(rowId: string): string[];
  stateWords(states: string): string;
}) {
  const { t } = useTranslation('studio');
  const teams = names.teams;
  const lanes = (event: TimelineEvent): { control?: string; teams: Map<string, string> } => {
    const cells = new Map<string, string>();
    switch (event.kind) {
      case 'inject':
        for (const team of teamsOf(event.ref)) cells.set(team, `✉ ${names.row(event.ref)}`);
        return { teams: cells, ...(teamsOf(event.ref).length ? {} : { control: `✉ ${names.row(event.ref)}` }) };
      case 'action':
        if (event.team) cells.set(event.team, `▶ ${names.action(event.ref)}`);
        return { teams: cells };
      case 'acknowledgement':
        if (event.team) cells.set(event.team, `✓ ${names.row(event.ref)}`);
        return { teams: cells };
      case 'decision':
        return { control: t('simulate.decisionTaken', { decision: names.decision(event.ref) }), teams: cells };
      case 'states':
        return { control: t('simulate.branch', { states: stateWords(event.ref) }), teams: cells };
      case 'milestone':
        return { control: t('simulate.milestone', { milestone: event.ref }), teams: cells };
      case 'startex':
        return { control: 'StartEx', teams: cells };
      case 'endex':
        return { control: 'EndEx', teams: cells };
      default: {
        const exhaustive: never = event.kind;
        return exhaustive;
      }
    }
  };
  return (
    <section className="sim-timeline" aria-labelledby="sim-heading">
      <h3 id="sim-heading">{title}</h3>
      <p>
        {simulation.ended ? t('simulate.ended', { minutes: Math.round(simulation.durationMs / 60_000) }) : t('simulate.stopped', { why: t(`simulate.why.${simulation.stoppedBecause ?? 'no-more-events'}`) })}
        {' · '}
        {t('simulate.releasedCount', { count: simulation.released.length })}
      </p>
      {simulation.problems.length > 0 && (
        <ul className="hint">{simulation.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="sim-heading">
        <table className="studio-table lanes">
          <thead>
            <tr>
              <th scope="col">{t('simulate.time')}</th>
              <th scope="col">{t('simulate.control')}</th>
              {teams.map((team) => (
                <th key={team.id} scope="col">{team.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {simulation.timeline.map((event, i) => {
              const cells = lanes(event);
              return (
                <tr key={i} className={`event-${event.kind}`}>
                  <th scope="row">{minutes(event.atMs)}</th>
                  <td>{cells.control ?? ''}</td>
                  {teams.map((team) => (
                    <td key={team.id}>{cells.teams.get(team.id) ?? ''}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
