import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, NEED_IMPORT_COLUMNS, REQUIRED_NEED_COLUMNS, type NeedView, type SurveyView, type UpdateNeedBody } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { ImportRows } from './ImportRows.tsx';
import { EMPTY_NEED, NeedFields, needFields, type NeedDraft } from './NeedFields.tsx';
import { subjectOf } from './names.ts';
import { NeedsTable } from './NeedsTable.tsx';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { useLoad } from './useLoad.ts';

/** Every agency's needs; survey answers waiting for the centre; a need entered or imported by the centre. */
export function NeedsPanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [agency, setAgency] = useState('');
  const needs = useLoad(API_ROUTES.needs, { query: { agency: agency || undefined } });
  const surveys = useLoad(API_ROUTES.surveys, { query: {} });
  const reload = async () => {
    await needs.reload();
    await surveys.reload();
  };
  const submitted = (surveys.data ?? []).filter((s) => s.status === 'submitted');
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('needs.heading')}</h2>
      {context.access.manage && submitted.map((survey) => <SurveyReview key={survey.id} survey={survey} context={context} onDone={reload} />)}
      <div className="plan-field">
        <label htmlFor={`${id}-agency`}>{t('needs.filter')}</label>
        <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
          <option value="">{t('needs.all')}</option>
          {context.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      {needs.error && <p role="alert" className="error">{errorText(needs.error)}</p>}
      {needs.data && (
        <NeedsTable
          needs={needs.data.filter((n) => n.status !== 'rejected')}
          names={context.names}
          showAgency
          {...(context.access.manage ? { actions: (need: NeedView) => <NeedStatus need={need} label={subjectOf(context.names, need)} onChanged={reload} /> } : {})}
        />
      )}
      {context.access.manage && (
        <>
          <AddNeed context={context} onAdded={reload} />
          <ImportRows
            heading={t('needs.import')}
            importFile={(sheet) => call(API_ROUTES.importNeeds, { body: { ...sheet, ...(agency ? { agencyId: agency } : {}) } })}
            columns={NEED_IMPORT_COLUMNS}
            required={REQUIRED_NEED_COLUMNS}
            onImported={reload}
          />
        </>
      )}
    </section>
  );
}

/** The centre marks an accepted need met or closed (or open again). */
/** The statuses the centre sets by hand. */
type SetStatus = NonNullable<UpdateNeedBody['status']>;

function NeedStatus({ need, label, onChanged }: { need: NeedView; label: string; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [error, setError] = useState<ApiError | undefined>();
  if (need.status !== 'open' && need.status !== 'met' && need.status !== 'closed') return null;
  async function change(status: SetStatus) {
    const result = await call(API_ROUTES.updateNeed, { params: { needId: need.id }, body: { status } });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onChanged();
  }
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>{`${t('field.status')}: ${label}`}</label>
      <select id={id} value={need.status} onChange={(e) => void change(e.target.value as SetStatus)}>
        {(['open', 'met', 'closed'] as const).map((s) => <option key={s} value={s}>{t(`needStatus.${s}`)}</option>)}
      </select>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </>
  );
}

/** A submitted survey's rows: each accepted (it becomes an open need) or rejected with a reason. */
function SurveyReview({ survey, context, onDone }: { survey: SurveyView; context: ProgrammeContext; onDone: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | undefined>();
  async function review(needId: string, accept: boolean) {
    const body = accept ? { accept: [needId] } : { reject: [{ needId, reason: reasons[needId] ?? '' }] };
    const result = await call(API_ROUTES.reviewSurvey, { params: { surveyId: survey.id }, body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onDone();
  }
  const waiting = survey.rows.filter((r) => r.status === 'submitted');
  return (
    <div className="plan-card" role="region" aria-labelledby={`${id}-h`} data-testid={`review-${survey.agencyName}`}>
      <h3 id={`${id}-h`}>{t('needs.review')}: {survey.agencyName}</h3>
      <NeedsTable
        needs={waiting}
        names={context.names}
        showAgency={false}
        actions={(need) => (
          <>
            <button type="button" className="small" onClick={() => void review(need.id, true)}>{t('needs.accept')}</button>
            <label className="visually-hidden" htmlFor={`${id}-${need.id}`}>{t('needs.rejectReason')}</label>
            <input id={`${id}-${need.id}`} placeholder={t('needs.rejectReason')} value={reasons[need.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [need.id]: e.target.value })} />
            <button type="button" className="small secondary" onClick={() => void review(need.id, false)}>{t('needs.reject')}</button>
          </>
        )}
      />
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </div>
  );
}

function AddNeed({ context, onAdded }: { context: ProgrammeContext; onAdded: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [agencyId, setAgencyId] = useState(context.agencies[0]?.id ?? '');
  const [draft, setDraft] = useState<NeedDraft>(EMPTY_NEED);
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);
  async function save() {
    const result = await call(API_ROUTES.createNeed, { body: { agencyId, ...needFields(draft) } });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
    if (result.ok) {
      setDraft(EMPTY_NEED);
      await onAdded();
    }
  }
  return (
    <form
      className="plan-card"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-h`}>{t('needs.add')}</h3>
      <div className="plan-field">
        <label htmlFor={`${id}-agency`}>{t('field.agency')}</label>
        <select id={`${id}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
          {context.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <NeedFields value={draft} onChange={setDraft} capabilities={context.capabilities} withEvidence />
      <div className="plan-actions">
        <button type="submit">{t('needs.add')}</button>
        <p role="status" className="plan-saved">{saved ? `✓ ${t('saved')}` : ''}</p>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}
