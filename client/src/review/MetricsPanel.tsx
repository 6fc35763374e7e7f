import { useTranslation } from 'react-i18next';
import { API_ROUTES, Rating, type ExerciseReview, type MetricResult, type MetricReview, type ReviewChartName } from '@startex/shared';
import { routeHref } from '../lib/api.ts';
import { clock, duration } from './format.ts';

/** Latencies, inject timeliness, the scenario's metrics against targets, and the charts with their figures. */
export function MetricsPanel({ exerciseId, review }: { exerciseId: string; review: ExerciseReview }) {
  const { t, i18n } = useTranslation('review');
  // Drawn by the server (the PDF has the same charts), in the viewer's language.
  const chart = (name: ReviewChartName) => (
    <img className="review-chart" src={routeHref(API_ROUTES.reviewChart, { params: { id: exerciseId, file: `${name}.svg` }, query: { seq: review.lastSeq, lang: i18n.language === 'lt' ? 'lt' : 'en' } })} alt={t(`metrics.chart.${name}`)} data-testid={`chart-${name}`} />
  );
  const teamName = (id: string | undefined) => (id === undefined ? t('metrics.exercise') : (review.teams.find((x) => x.teamId === id)?.name ?? id));
  return (
    <>
      <h2>{t('metrics.teams')}</h2>
      <div className="review-scroll">
        <table className="review-table" data-testid="team-metrics">
          <thead>
            <tr>
              {(['team', 'received', 'delivered', 'acknowledged', 'acted', 'actions', 'toDelivery', 'toAck', 'toAction'] as const).map((k) => <th key={k} scope="col">{t(`metrics.${k}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {review.teams.map((team) => (
              <tr key={team.teamId}>
                <th scope="row">{team.name}</th>
                <td>{team.injectsReceived}</td>
                <td>{team.delivered}</td>
                <td>{team.acknowledged}</td>
                <td>{team.actedUpon}</td>
                <td>{team.actions}</td>
                <td>{duration(team.releaseToDelivery.medianMs)}</td>
                <td>{duration(team.releaseToAcknowledge.medianMs)}</td>
                <td>{duration(team.releaseToAction.medianMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chart('response-times')}

      <h2>{t('metrics.scenarioMetrics')}</h2>
      <div className="review-scroll">
        <table className="review-table" data-testid="scenario-metrics">
          <thead>
            <tr>{(['metric', 'team', 'target', 'value', 'result'] as const).map((k) => <th key={k} scope="col">{t(`metrics.${k}`)}</th>)}</tr>
          </thead>
          <tbody>
            {review.metrics.flatMap((m) =>
              m.results.map((r) => (
                <tr key={`${m.metricId}-${r.teamId ?? ''}`}>
                  <th scope="row">{m.title}</th>
                  <td>{m.kind === 'every-team' && r.teamId === undefined ? t('metrics.allTeams') : teamName(r.teamId)}</td>
                  <td>{metricTarget(m, t)}</td>
                  <td>{metricValue(m, r, t)} {(r.fromSeq ?? r.toSeq) !== undefined && <span className="review-seq">{t('seq', { seq: r.fromSeq ?? r.toSeq })}{r.fromSeq !== undefined && r.toSeq !== undefined ? ` → ${r.toSeq}` : ''}</span>}</td>
                  <td className={`metric-${r.status}`}>{t(`metrics.status.${r.status}`)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>

      <h2>{t('metrics.injects')}</h2>
      <p>{t('metrics.contingency', { released: review.contingency.released.length, planned: review.contingency.planned })}</p>
      <div className="review-scroll">
        <table className="review-table" data-testid="inject-metrics">
          <thead>
            <tr>{(['number', 'subject', 'kind', 'scheduled', 'released', 'timeliness'] as const).map((k) => <th key={k} scope="col">{t(`metrics.${k}`)}</th>)}</tr>
          </thead>
          <tbody>
            {review.injects.map((i) => (
              <tr key={i.injectId}>
                <td>{i.number}</td>
                <th scope="row">{i.subject}</th>
                <td>{t(`metrics.kinds.${i.kind}`)}</td>
                <td>{clock(i.scheduledAtMs)}</td>
                <td>{clock(i.releasedAtMs)} {i.releasedSeq !== undefined && <span className="review-seq">{t('seq', { seq: i.releasedSeq })}</span>}</td>
                <td className={`timeliness-${i.timeliness}`}>{t(`metrics.timelinessValue.${i.timeliness}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('metrics.charts')}</h2>
      <div className="review-figure">
        {chart('phases')}
        <table className="review-table" data-testid="phase-table">
          <thead><tr><th scope="col">{t('metrics.phase')}</th><th scope="col">{t('metrics.from')}</th><th scope="col">{t('metrics.to')}</th></tr></thead>
          <tbody>
            {review.phases.map((p) => (
              <tr key={`${p.state}-${p.enteredSeq}`}><th scope="row">{p.title}</th><td>{clock(p.fromMs)}</td><td>{clock(p.toMs ?? review.endedAtMs)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="review-figure">
        {chart('ratings')}
        <table className="review-table">
          <thead><tr><th scope="col">{t('metrics.rating')}</th><th scope="col">{t('metrics.targets')}</th><th scope="col">{t('metrics.capabilities')}</th></tr></thead>
          <tbody>
            {Rating.options.map((r) => (
              <tr key={r}><th scope="row">{r} — {t(`common:rating.${r}.name`)}</th><td>{review.evaluation.distribution.targets[r]}</td><td>{review.evaluation.distribution.capabilities[r]}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A metric's target in words: "≤ 15 min", "yes", "≥ 3", "by T+30". */
function metricTarget(m: MetricReview, t: Translate): string {
  switch (m.kind) {
    case undefined:
      return `${t('metrics.targetAtMost', { target: m.target })} ${t(`metrics.unit.${m.unit}`)}`;
    case 'yes-no':
      return t(m.target === 1 ? 'metrics.yes' : 'metrics.no');
    case 'count':
      return m.comparison === 'between'
        ? t('metrics.targetBetween', { target: m.target, max: m.targetMax })
        : t(m.comparison === 'at-least' ? 'metrics.targetAtLeast' : 'metrics.targetAtMost', { target: m.target });
    case 'every-team':
      return t('metrics.targetBy', { target: m.target });
    default: {
      const exhaustive: never = m.kind;
      return exhaustive;
    }
  }
}

/** A result's value in words: "12.5 min", "no", "4", "T+12", or "6 of 7 teams" for every team together. */
function metricValue(m: MetricReview, r: MetricResult, t: Translate): string {
  if (r.value === undefined) return '—';
  switch (m.kind) {
    case undefined:
      return `${r.value} ${t(`metrics.unit.${m.unit}`)}`;
    case 'yes-no':
      return t(r.value === 1 ? 'metrics.yes' : 'metrics.no');
    case 'count':
      return String(r.value);
    case 'every-team':
      return r.teamId === undefined ? t('metrics.teamsDone', { done: r.value, of: m.results.length - 1 }) : t('metrics.doneAt', { minutes: r.value });
    default: {
      const exhaustive: never = m.kind;
      return exhaustive;
    }
  }
}
