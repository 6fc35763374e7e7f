import { useTranslation } from 'react-i18next';
import type { InjectProgress, RecipientStatus } from '@startex/scenarios/engine';
import type { ExerciseView } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import { formatStoryTime } from '../i18n/index.ts';

const SHOWN = 5;
const RECIPIENT_SYMBOL: Record<RecipientStatus, string> = { released: '→', delivered: '✉', acknowledged: '✓', acted: '★' };

/** The last five injects released, newest first: when, to whom, and how far each team has got. */
export function RecentInjects({ view, progress }: { view: ExerciseView | undefined; progress: InjectProgress[] }) {
  const { t } = useTranslation('display');
  const teamName = (id: string) => view?.teams.find((team) => team.id === id)?.name ?? id;
  const recent = progress
    .filter((p) => p.inject && p.releasedSeq !== undefined)
    .sort((a, b) => b.releasedSeq! - a.releasedSeq!)
    .slice(0, SHOWN);
  const scenarioAt = (exerciseMs: number) => (view ? formatStoryTime(view.clock.scenarioStartMs + exerciseMs, true) : '');

  return (
    <section className="wall-panel wall-injects" aria-labelledby="recent-injects-heading">
      <h2 id="recent-injects-heading">{t('injects.heading')}</h2>
      {recent.length === 0 && <p className="wall-empty">{t('injects.empty')}</p>}
      <ol className="wall-inject-list" data-testid="recent-injects">
        {recent.map(({ inject, releasedAtMs = 0, lateByWallMs, teams }) => (
          <li key={inject!.id} className={`wall-inject channel-${inject!.channel}`}>
            <div className="wall-inject-when">
              <strong>{formatExerciseTime(releasedAtMs)}</strong>
              <span>{scenarioAt(releasedAtMs)}</span>
            </div>
            <div className="wall-inject-what">
              <p className="wall-inject-subject">
                <span className="wall-inject-number">{t('injects.number', { number: inject!.number })}</span> {inject!.subject}
                {inject!.kind !== 'standard' && <span className="wall-tag">{t(`injects.${inject!.kind}`)}</span>}
                {inject!.adHoc && <span className="wall-tag">{t('injects.adHoc')}</span>}
              </p>
              <p className="wall-inject-meta">
                {t('injects.via', { channel: t(`channel.${inject!.channel}`), from: inject!.from })}
                {lateByWallMs ? ` · ${t('injects.late', { seconds: Math.round(lateByWallMs / 1000) })}` : ''}
              </p>
              <ul className="wall-recipients" aria-label={t('injects.to', { teams: inject!.to.map(teamName).join(', ') })}>
                {Object.entries(teams).map(([teamId, p]) => (
                  <li key={teamId} className={`wall-recipient is-${p.status}`}>
                    <span aria-hidden="true">{RECIPIENT_SYMBOL[p.status]} </span>
                    {teamName(teamId)}: {t(`recipient.${p.status}`)}
                  </li>
                ))}
              </ul>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
