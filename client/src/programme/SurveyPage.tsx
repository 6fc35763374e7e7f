import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, SURVEY_TOKEN_HEADER } from '@startex/shared';
import type { ApiError } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import { errorText } from '../i18n/errorText.ts';
import { draftOf, EMPTY_NEED, NeedFields, needFields, type NeedDraft } from './NeedFields.tsx';
import { callWithHeaders, useLoad } from './useLoad.ts';
import '../planning/strings.ts';
import './strings.ts';

/**
 * /programme/surveys/<id>: an agency's focal point answers its needs survey, signed in, or with
 * the one-time token the centre sent (in the URL fragment, which the browser never sends).
 */
export function SurveyPage({ surveyId, token }: { surveyId: string; token: string | undefined }) {
  const session = useSession();
  const { t } = useTranslation('programme');
  if (token) return <Survey surveyId={surveyId} headers={{ [SURVEY_TOKEN_HEADER]: token }} />;
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <Survey surveyId={surveyId} headers={undefined} />;
}

function Survey({ surveyId, headers }: { surveyId: string; headers: Record<string, string> | undefined }) {
  const { t } = useTranslation('programme');
  const survey = useLoad(API_ROUTES.survey, { params: { surveyId } }, headers);
  const capabilities = useLoad(API_ROUTES.capabilities, {}, headers);
  const [rows, setRows] = useState<NeedDraft[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (survey.data && rows === undefined) setRows(survey.data.rows.length > 0 ? survey.data.rows.map((r) => draftOf(r)) : [EMPTY_NEED]);
  }, [survey.data, rows]);
  useEffect(() => {
    document.title = survey.data ? `${t('survey.heading', { agency: survey.data.agencyName })} — StartEx` : 'StartEx';
  }, [survey.data, t]);

  if (survey.error) {
    return (
      <main className="page plan-page programme">
        <p role="alert" className="error">{survey.error.code === 'SURVEY_TOKEN_INVALID' ? t('survey.invalidLink') : errorText(survey.error)}</p>
      </main>
    );
  }
  if (!survey.data || !rows || !capabilities.data) return <main className="page"><p>{t('loading')}</p></main>;
  const open = survey.data.status === 'sent' || survey.data.status === 'draft';

  async function send(action: 'save' | 'submit') {
    setSaved(false);
    const written = await callWithHeaders(API_ROUTES.saveSurveyRows, { params: { surveyId }, body: { rows: rows!.map(needFields) } }, headers);
    if (!written.ok) return setError(written.error);
    const result = action === 'submit' ? await callWithHeaders(API_ROUTES.submitSurvey, { params: { surveyId } }, headers) : written;
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setSaved(action === 'save');
      setRows(result.value.rows.map((r) => draftOf(r)));
      await survey.reload();
    }
  }

  return (
    <main className="page plan-page programme">
      <header className="bar">
        <h1>{t('survey.heading', { agency: survey.data.agencyName })}</h1>
        <div className="bar-actions"><Preferences /></div>
      </header>
      <p className="subtitle">
        {t('survey.due', { date: survey.data.dueDate })} · <span data-testid="survey-status">{t(`surveyStatus.${survey.data.status}`)}</span>
      </p>
      {survey.data.message && <p className="plan-card">{survey.data.message}</p>}
      {open ? <p className="hint">{t('survey.intro')}</p> : <p role="status" className="notice">{survey.data.status === 'submitted' ? t('survey.submitted') : t('survey.closed', { status: t(`surveyStatus.${survey.data.status}`) })}</p>}
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send('submit');
          }}
        >
          {rows.map((row, index) => (
            <fieldset key={index} className="plan-card" data-testid={`survey-row-${index + 1}`}>
              <legend><h2>{t('survey.row', { n: index + 1 })}</h2></legend>
              <NeedFields value={row} onChange={(next) => setRows(rows.map((r, i) => (i === index ? next : r)))} capabilities={capabilities.data!} withEvidence={false} />
              {rows.length > 1 && (
                <button type="button" className="secondary small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>{t('survey.removeRow', { n: index + 1 })}</button>
              )}
            </fieldset>
          ))}
          <div className="plan-actions">
            <button type="button" className="secondary" onClick={() => setRows([...rows, EMPTY_NEED])}>+ {t('survey.addRow')}</button>
            <button type="button" className="secondary" onClick={() => void send('save')}>{t('survey.saveDraft')}</button>
            <button type="submit">{t('survey.submit')}</button>
          </div>
          <p role="status" className="plan-saved">{saved ? `✓ ${t('saved')}` : ''}</p>
          {error && <p role="alert" className="error">{errorText(error)}</p>}
        </form>
      ) : (
        <table className="plan-table" data-testid="survey-rows">
          <thead>
            <tr>
              <th scope="col">{t('field.capability')}</th>
              <th scope="col">{t('field.targetGroup')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {survey.data.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.capabilityId ? (capabilities.data!.find((c) => c.id === row.capabilityId)?.name ?? row.capabilityId) : row.competence}</th>
                <td>{row.targetGroup}</td>
                <td>{t(`needStatus.${row.status}`)}{row.rejectedReason ? `: ${row.rejectedReason}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
