import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { errorText } from '../i18n/errorText.ts';
import { CalendarSubscribe } from './CalendarSubscribe.tsx';
import { NeedsTable } from './NeedsTable.tsx';
import { namer } from './names.ts';
import { useLoad } from './useLoad.ts';
import './programme.css';
import '../planning/strings.ts';
import './strings.ts';
import { routeHref } from '../lib/api.ts';
import { fileLanguage } from './fileLanguage.ts';

/**
 * /programme/agencies/<id>: one agency's progress, for its focal point and for the centre: its needs
 * with their current level (an exercise's rating links to it), ratings over time, open corrective
 * actions, trained people against the headcount needed, and what comes next.
 */
export function AgencyDashboardPage({ agencyId }: { agencyId: string }) {
  const session = useSession();
  const { t } = useTranslation('programme');
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <Dashboard agencyId={agencyId} />;
}

function Dashboard({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation('programme');
  const dashboard = useLoad(API_ROUTES.agencyDashboard, { params: { agencyId } });
  const capabilities = useLoad(API_ROUTES.capabilities, {});
  const surveys = useLoad(API_ROUTES.surveys, { query: { agency: agencyId } });
  useEffect(() => {
    document.title = dashboard.data ? `${dashboard.data.agency.name}: ${t('title')} — StartEx` : 'StartEx';
  }, [dashboard.data, t]);

  if (dashboard.error) return <main className="page plan-page programme"><p role="alert" className="error">{dashboard.error.code === 'FORBIDDEN' ? t('forbidden') : errorText(dashboard.error)}</p></main>;
  if (!dashboard.data || !capabilities.data) return <main className="page"><p>{t('loading')}</p></main>;
  const data = dashboard.data;
  const names = namer([data.agency], capabilities.data);
  const planId = data.upcoming[0]?.planId;
  const version = `${data.ratings.length}-${data.training.map((x) => x.trained).join('.')}`;
  return (
    <main className="page plan-page programme">
      <header className="bar">
        <div>
          <p className="plan-crumb"><a href="/programme">{t('title')}</a></p>
          <h1>{data.agency.name}</h1>
        </div>
      </header>

      <section aria-labelledby="agency-upcoming" className="plan-card" data-testid="agency-upcoming">
        <h2 id="agency-upcoming">{t('agency.upcoming')}</h2>
        {data.upcoming.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ol className="programme-list">
            {data.upcoming.map((a, i) => (
              <li key={a.id}>
                {i === 0 && <strong>{t('agency.next')}: </strong>}
                {a.start === a.end ? a.start : `${a.start} – ${a.end}`} · {t(`kind.${a.kind}`)}: {a.title} ({t(`activityStatus.${a.status}`)})
              </li>
            ))}
          </ol>
        )}
        {planId && (
          <>
            <p><a href={routeHref(API_ROUTES.programmePlanCalendar, { params: { planId }, query: { agency: agencyId, lang: fileLanguage() } })}>{t('agency.calendar')}</a></p>
            <CalendarSubscribe planId={planId} agencyId={agencyId} />
          </>
        )}
      </section>

      <section aria-labelledby="agency-needs" data-testid="agency-needs">
        <h2 id="agency-needs">{t('agency.needs')}</h2>
        <NeedsTable needs={data.needs} names={names} showAgency={false} />
      </section>

      {surveys.data && surveys.data.length > 0 && (
        <section aria-labelledby="agency-surveys" className="plan-card">
          <h2 id="agency-surveys">{t('agency.surveys')}</h2>
          <ul className="programme-list">
            {surveys.data.map((s) => (
              <li key={s.id}>
                {t('survey.due', { date: s.dueDate })} · {t(`surveyStatus.${s.status}`)} ·{' '}
                <a href={`/programme/surveys/${encodeURIComponent(s.id)}`}>{s.status === 'sent' || s.status === 'draft' ? t('agency.answer') : t('agencies.openSurvey')}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="agency-heatmap" data-testid="agency-heatmap">
        <h2 id="agency-heatmap">{t('agency.heatmap')}</h2>
        {data.ratings.length === 0 ? (
          <p>{t('agency.noRatings')}</p>
        ) : (
          <>
            <img className="programme-chart" data-testid="heatmap-chart" src={routeHref(API_ROUTES.programmeAgencyChart, { params: { agencyId, file: 'heatmap.svg' }, query: { v: version, lang: fileLanguage() } })} alt={t('agency.heatmapAlt', { agency: data.agency.name })} />
            <table className="plan-table">
              <caption className="visually-hidden">{t('chartTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.capability')}</th>
                  <th scope="col">{t('rating.exercise')}</th>
                  <th scope="col">{t('rating.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {data.ratings.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{names.capability(r.capabilityId)}</th>
                    <td>{r.exerciseTitle} (v{r.version})</td>
                    <td><a href={`/programme/ratings/${encodeURIComponent(r.id)}`}>{r.rating}: {t(`common:rating.${r.rating}.name`)}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="agency-actions" data-testid="agency-actions">
        <h2 id="agency-actions">{t('agency.actions')}</h2>
        {data.openActions.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="programme-list">
            {data.openActions.map((a) => (
              <li key={a.id} className={a.overdue ? 'bad' : undefined}>
                <strong>{a.correctiveAction}</strong> — {a.capability} · {a.exerciseTitle} · {t('field.dueDate')} {a.dueDate} · {t(`actionStatus.${a.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="agency-training">
        <h2 id="agency-training">{t('agency.training')}</h2>
        {data.training.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <>
            <img className="programme-chart" data-testid="training-chart" src={routeHref(API_ROUTES.programmeAgencyChart, { params: { agencyId, file: 'training.svg' }, query: { v: version, lang: fileLanguage() } })} alt={t('agency.trainingAlt')} />
            <table className="plan-table">
              <caption className="visually-hidden">{t('chartTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.capability')}</th>
                  <th scope="col">{t('agency.needed')}</th>
                  <th scope="col">{t('agency.trained')}</th>
                </tr>
              </thead>
              <tbody>
                {data.training.map((x) => (
                  <tr key={x.capabilityId}>
                    <th scope="row">{names.capability(x.capabilityId)}</th>
                    <td>{x.target}</td>
                    <td>{x.trained}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {data.alerts.length > 0 && (
          <div role="note" className="plan-problems">
            <h3>{t('training.alerts')}</h3>
            <ul>
              {data.alerts.map((a) => (
                <li key={`${a.certificate.personId}-${a.certificate.courseId}-${a.activity.id}`}>
                  {t('training.alert', { person: a.certificate.personName, certificate: a.certificate.name, expires: a.certificate.expiresOn, activity: a.activity.title, start: a.activity.start })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </main>
  );
}
