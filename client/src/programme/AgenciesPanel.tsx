import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type FocalPointAdded, type SurveySent } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { AgencyForm } from '../planning/AgencyForm.tsx';
import type { AgencyName } from './names.ts';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { useLoad } from './useLoad.ts';

/** The partner agencies: the directory (the planning form), each agency's focal points and its needs surveys. */
export function AgenciesPanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">{t('agencies.heading')}</h2>
      {context.agencies.length === 0 && <p>{t('agencies.noAgencies')}</p>}
      {context.agencies.map((agency) => <AgencyCard key={agency.id} agency={agency} manage={context.access.manage} />)}
      {adding ? (
        <AgencyForm
          agency={undefined}
          onDone={async (changed) => {
            setAdding(false);
            if (changed) await context.reloadAgencies();
          }}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>+ {t('agencies.add')}</button>
      )}
    </section>
  );
}

function AgencyCard({ agency, manage }: { agency: AgencyName; manage: boolean }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const focalPoints = useLoad(API_ROUTES.focalPoints, { params: { agencyId: agency.id } });
  const surveys = useLoad(API_ROUTES.surveys, { query: { agency: agency.id } });
  const [focal, setFocal] = useState({ name: '', email: '' });
  const [account, setAccount] = useState<FocalPointAdded['account']>();
  const [survey, setSurvey] = useState({ dueDate: '', message: '', token: false });
  const [sent, setSent] = useState<SurveySent | undefined>();
  const [error, setError] = useState<ApiError | undefined>();

  async function addFocalPoint() {
    const result = await call(API_ROUTES.addFocalPoint, { params: { agencyId: agency.id }, body: { name: focal.name.trim(), email: focal.email.trim() } });
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    setAccount(result.value.account);
    setFocal({ name: '', email: '' });
    await focalPoints.reload();
  }

  async function sendSurvey() {
    const result = await call(API_ROUTES.sendSurvey, { params: { agencyId: agency.id }, body: { dueDate: survey.dueDate, message: survey.message, token: survey.token } });
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    setSent(result.value);
    await surveys.reload();
  }

  return (
    <article className="plan-card" aria-labelledby={`${id}-h`} data-testid={`agency-card-${agency.name}`}>
      <div className="plan-card-head">
        <h3 id={`${id}-h`}>{agency.name}</h3>
        <a href={`/programme/agencies/${encodeURIComponent(agency.id)}`}>{t('dashboard.openDashboard')}</a>
      </div>
      <h4>{t('agencies.focalPoints')}</h4>
      {focalPoints.data?.length ? (
        <ul className="programme-list">{focalPoints.data.map((f) => <li key={f.userId}>{f.displayName} ({f.username})</li>)}</ul>
      ) : (
        <p>{t('none')}</p>
      )}
      {account && <p role="status" className="plan-ok" data-testid="focal-account">{t('agencies.newAccount', { username: account.username, password: account.password })}</p>}
      {manage && (
        <form
          className="plan-subform"
          aria-label={`${t('agencies.addFocalPoint')}: ${agency.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void addFocalPoint();
          }}
        >
          <div className="plan-grid">
            <div className="plan-field">
              <label htmlFor={`${id}-fname`}>{t('field.name')}</label>
              <input id={`${id}-fname`} value={focal.name} required maxLength={120} onChange={(e) => setFocal({ ...focal, name: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-femail`}>{t('field.email')}</label>
              <input id={`${id}-femail`} type="email" value={focal.email} required onChange={(e) => setFocal({ ...focal, email: e.target.value })} />
            </div>
          </div>
          <div className="plan-actions"><button type="submit">{t('agencies.addFocalPoint')}</button></div>
        </form>
      )}
      <h4>{t('agencies.surveys')}</h4>
      {surveys.data?.length ? (
        <ul className="programme-list" data-testid="surveys">
          {surveys.data.map((s) => (
            <li key={s.id}>
              {t('survey.due', { date: s.dueDate })} · <span>{t(`surveyStatus.${s.status}`)}</span> · <a href={`/programme/surveys/${encodeURIComponent(s.id)}`}>{t('agencies.openSurvey')}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('none')}</p>
      )}
      {manage && (
        <form
          className="plan-subform"
          aria-label={`${t('agencies.sendSurvey')}: ${agency.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void sendSurvey();
          }}
        >
          <div className="plan-grid">
            <div className="plan-field">
              <label htmlFor={`${id}-due`}>{t('field.dueDate')}</label>
              <input id={`${id}-due`} type="date" value={survey.dueDate} required onChange={(e) => setSurvey({ ...survey, dueDate: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-message`}>{t('field.message')}</label>
              <input id={`${id}-message`} value={survey.message} maxLength={5000} onChange={(e) => setSurvey({ ...survey, message: e.target.value })} />
            </div>
            <label className="check wide">
              <input type="checkbox" checked={survey.token} onChange={(e) => setSurvey({ ...survey, token: e.target.checked })} />
              {t('agencies.withToken')}
            </label>
          </div>
          <div className="plan-actions"><button type="submit">{t('agencies.sendSurvey')}</button></div>
        </form>
      )}
      {sent && (
        <p role="status" data-testid="survey-link">
          {t('agencies.sent')} <a className="programme-link" href={sent.link}>{`${window.location.origin}${sent.link}`}</a>
        </p>
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </article>
  );
}
