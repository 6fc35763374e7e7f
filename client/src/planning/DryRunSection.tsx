import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type DryRun, type DryRunEvent } from '@startex/shared';
import { formatStoryTime } from '../i18n/index.ts';
import { formatExerciseTime } from '../lib/clock.ts';
import { call, type ApiError } from '../lib/api.ts';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

/** Plays the exercise headlessly with the scenario's default responses and shows the timeline. */
export function DryRunSection({ context }: { context: PlanContext }) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const [run, setRun] = useState<DryRun | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const teamName = (teamId: string) => context.plan.teams.find((x) => x.id === teamId)?.name ?? teamId;

  async function start() {
    setBusy(true);
    const result = await call(API_ROUTES.dryRun, { params: { id: context.exerciseId } });
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    if (result.ok) setRun(result.value);
  }

  const wall = (ms: number) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: context.plan.settings.timeZone }).format(ms);
  const what = (event: DryRunEvent) => {
    if (event.inject) return t('dryRun.inject', { number: event.inject.number, subject: event.inject.subject, to: event.inject.to.map(teamName).join(', ') });
    const team = event.team ? teamName(event.team) : '';
    if (event.kind === 'action') return t('dryRun.action', { action: event.label, team });
    if (event.kind === 'acknowledgement') return t('dryRun.acknowledgement', { inject: event.label, team });
    if (event.kind === 'decision') return t('dryRun.decision', { label: event.label });
    if (event.kind === 'states') return t('dryRun.states', { states: event.label });
    return event.label ?? event.ref;
  };

  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.dryrun')}</h2>
      <p className="hint">{t('dryRun.intro')}</p>
      <div className="plan-actions">
        <button type="button" disabled={busy} onClick={() => void start()}>{busy ? t('dryRun.running') : run ? t('dryRun.again') : t('dryRun.run')}</button>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {run && (
        <>
          <dl className="plan-facts" data-testid="dry-run-summary">
            <div>
              <dt>{t('dryRun.outcome')}</dt>
              <dd className={run.ended ? 'ok' : 'warn'}>{run.ended ? `✓ ${t('dryRun.ended')}` : `⚠ ${t('dryRun.notEnded', { reason: run.stoppedBecause ?? '' })}`}</dd>
            </div>
            <div>
              <dt>{t('dryRun.duration')}</dt>
              <dd>{formatExerciseTime(run.durationMs)}</dd>
            </div>
            <div>
              <dt>{t('dryRun.wallDuration', { speed: run.speed })}</dt>
              <dd>{formatExerciseTime(run.wallDurationMs)}</dd>
            </div>
            <div>
              <dt>{t('dryRun.released')}</dt>
              <dd>{t('dryRun.releasedCount', { released: run.releasedInjects.length, total: run.releasedInjects.length + run.notReleased.length })}</dd>
            </div>
          </dl>
          {run.notReleased.length > 0 && <p className="hint">{t('dryRun.notReleased', { injects: run.notReleased.map((i) => `#${i.number} ${i.subject}`).join(', ') })}</p>}
          <table className="plan-table plan-timeline" data-testid="dry-run-timeline">
            <caption className="visually-hidden">{t('dryRun.timeline')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dryRun.exerciseTime')}</th>
                <th scope="col">{t('dryRun.scenarioTime')}</th>
                {run.timeline.some((e) => e.wallTime !== undefined) && <th scope="col">{t('dryRun.wallTime')}</th>}
                <th scope="col">{t('dryRun.kind')}</th>
                <th scope="col">{t('dryRun.what')}</th>
              </tr>
            </thead>
            <tbody>
              {run.timeline.map((event, index) => (
                <tr key={index} className={`kind-${event.kind}`}>
                  <td className="time">{formatExerciseTime(event.exerciseTimeMs)}</td>
                  <td className="time">{formatStoryTime(event.scenarioTimeMs, true)}</td>
                  {run.timeline.some((e) => e.wallTime !== undefined) && <td className="time">{event.wallTime !== undefined ? wall(event.wallTime) : ''}</td>}
                  <td><span className={`plan-kind kind-${event.kind}`}>{t(`dryRun.kinds.${event.kind}`)}</span></td>
                  <td>{what(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
