import { useTranslation } from 'react-i18next';
import type { InjectProgress, RecipientStatus } from '@startex/scenarios/engine';
import type { ExerciseView } from '@startex/shared';

const REACHED: Record<'received' | 'acknowledged', RecipientStatus[]> = {
  received: ['delivered', 'acknowledged', 'acted'],
  acknowledged: ['acknowledged', 'acted'],
};

/** Per team: of the injects released to it, how many reached a device and how many were acknowledged. */
export function TeamStatus({ view, progress }: { view: ExerciseView | undefined; progress: InjectProgress[] }) {
  const { t } = useTranslation('display');
  const teams = view?.teams ?? [];
  return (
    <section className="wall-panel wall-teams" aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t('teams.heading')}</h2>
      {view && teams.length === 0 && <p className="wall-empty">{t('teams.empty')}</p>}
      <ul className="wall-team-list" data-testid="team-status">
        {teams.map((team) => {
          const statuses = progress.filter((p) => p.inject && !p.skipped && p.teams[team.id]).map((p) => p.teams[team.id]!.status);
          const total = statuses.length;
          const count = (key: keyof typeof REACHED) => statuses.filter((s) => REACHED[key].includes(s)).length;
          return (
            <li key={team.id} className="wall-team">
              <h3>{team.name}</h3>
              <dl className="wall-counts">
                {(Object.keys(REACHED) as (keyof typeof REACHED)[]).map((key) => (
                  <div key={key} className={`wall-count count-${key}`}>
                    <dt>{t(`teams.${key}`)}</dt>
                    <dd>
                      <strong>{t('teams.count', { count: count(key), total })}</strong>
                      <progress value={count(key)} max={Math.max(total, 1)} aria-hidden="true" />
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
