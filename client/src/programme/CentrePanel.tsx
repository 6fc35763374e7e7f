import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { subjectOf } from './names.ts';
import { useLoad } from './useLoad.ts';
import { routeHref } from '../lib/api.ts';
import { fileLanguage } from './fileLanguage.ts';

/** The centre's overview: how far the plan covers its priorities, what is late, and each agency at a glance. */
export function CentrePanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const dashboard = useLoad(API_ROUTES.centreDashboard, { query: {} });
  if (dashboard.error) return <p role="alert" className="error">{errorText(dashboard.error)}</p>;
  if (!dashboard.data) return <p>{t('loading')}</p>;
  const data = dashboard.data;
  const late = data.late;
  const lateCount = late.activities.length + late.needs.length + late.actions.length + late.surveys.length;
  return (
    <section aria-labelledby="centre-heading">
      <h2 id="centre-heading">{t('dashboard.heading')}</h2>
      <div className="plan-card">
        <h3>{t('dashboard.coverage')}{data.plan ? `: ${data.plan.title}` : ''}</h3>
        {!data.plan ? (
          <p>{t('dashboard.noPlan')}</p>
        ) : data.coverage.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <>
            <img className="programme-chart" src={routeHref(API_ROUTES.programmeCoverageChart, { query: { plan: data.plan.id, lang: fileLanguage() } })} alt={t('dashboard.coverage')} />
            <ul className="programme-list" data-testid="coverage">
              {data.coverage.map((c) => <li key={c.priorityId}><strong>{c.title}</strong>: {t('dashboard.coverageRow', { planned: c.planned, needs: c.needs })}</li>)}
            </ul>
          </>
        )}
      </div>
      <div className="plan-card">
        <h3>{t('dashboard.late')}</h3>
        {lateCount === 0 && <p>{t('none')}</p>}
        {late.activities.length > 0 && (
          <>
            <h4>{t('dashboard.lateActivities')}</h4>
            <ul className="programme-list">{late.activities.map((a) => <li key={a.id}>{a.start}: {a.title} ({t(`activityStatus.${a.status}`)})</li>)}</ul>
          </>
        )}
        {late.needs.length > 0 && (
          <>
            <h4>{t('dashboard.lateNeeds')}</h4>
            <ul className="programme-list">{late.needs.map((n) => <li key={n.id}>{context.names.agency(n.agencyId)}: {subjectOf(context.names, n)} ({n.reviewDate})</li>)}</ul>
          </>
        )}
        {late.actions.length > 0 && (
          <>
            <h4>{t('dashboard.lateActions')}</h4>
            <ul className="programme-list">{late.actions.map((a) => <li key={a.id}>{a.responsibleAgency}: {a.correctiveAction} ({a.dueDate})</li>)}</ul>
          </>
        )}
        {late.surveys.length > 0 && (
          <>
            <h4>{t('dashboard.lateSurveys')}</h4>
            <ul className="programme-list">{late.surveys.map((s) => <li key={s.id}>{s.agencyName}: {s.dueDate} ({t(`surveyStatus.${s.status}`)})</li>)}</ul>
          </>
        )}
      </div>
      {data.agencies.length === 0 ? (
        <p className="empty">{t('dashboard.agencies')}: {t('none')}</p>
      ) : (
        <table className="plan-table" data-testid="centre-agencies">
          <caption>{t('dashboard.agencies')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.agency')}</th>
              <th scope="col">{t('dashboard.openNeeds')}</th>
              <th scope="col">{t('dashboard.highOpen')}</th>
              <th scope="col">{t('dashboard.openActions')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {data.agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{a.openNeeds}</td>
                <td>{a.highPriorityOpen}</td>
                <td>{a.openActions}</td>
                <td><a href={`/programme/agencies/${encodeURIComponent(a.id)}`}>{t('dashboard.openDashboard')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
