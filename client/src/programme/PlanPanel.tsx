import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ActivityView, type NeedView, type PlanView } from '@startex/shared';
import { call, routeHref, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { CalendarSubscribe } from './CalendarSubscribe.tsx';
import { ExerciseFromActivity } from './ExerciseFromActivity.tsx';
import { subjectOf } from './names.ts';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { useLoad } from './useLoad.ts';
import { fileLanguage } from './fileLanguage.ts';

/** The Integrated Preparedness Plan: priorities, the multi-year schedule with its checks, calendars per year and agency, exports. */
export function PlanPanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const plans = useLoad(API_ROUTES.plans, {});
  const [chosen, setChosen] = useState<string | undefined>();
  const planId = chosen ?? plans.data?.at(-1)?.id;
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('plan.heading')}</h2>
      {plans.data && plans.data.length > 0 && (
        <div className="plan-field">
          <label htmlFor="plan-choice">{t('plan.choose')}</label>
          <select id="plan-choice" value={planId} onChange={(e) => setChosen(e.target.value)}>
            {plans.data.map((p) => <option key={p.id} value={p.id}>{p.title} ({p.fromYear}–{p.toYear})</option>)}
          </select>
        </div>
      )}
      {context.access.manage && (
        <NewPlan
          onCreated={async (plan) => {
            await plans.reload();
            setChosen(plan.id);
          }}
        />
      )}
      {planId && <Plan key={planId} planId={planId} context={context} />}
    </section>
  );
}

function NewPlan({ onCreated }: { onCreated: (plan: PlanView) => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const year = new Date().getFullYear() + 1;
  const [form, setForm] = useState({ title: '', fromYear: String(year), toYear: String(year + 1) });
  const [error, setError] = useState<ApiError | undefined>();
  async function create() {
    const result = await call(API_ROUTES.createPlan, { body: { title: form.title.trim(), fromYear: Number(form.fromYear), toYear: Number(form.toYear) } });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onCreated(result.value);
  }
  return (
    <details className="plan-card">
      <summary>{t('plan.new')}</summary>
      <form
        aria-label={t('plan.new')}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="plan-grid">
          <div className="plan-field wide">
            <label htmlFor={`${id}-title`}>{t('field.title')}</label>
            <input id={`${id}-title`} value={form.title} required maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          </div>
          <div className="plan-field">
            <label htmlFor={`${id}-from`}>{t('plan.fromYear')}</label>
            <input id={`${id}-from`} type="number" value={form.fromYear} onChange={(e) => setForm({ ...form, fromYear: e.target.value })} />
          </div>
          <div className="plan-field">
            <label htmlFor={`${id}-to`}>{t('plan.toYear')}</label>
            <input id={`${id}-to`} type="number" value={form.toYear} onChange={(e) => setForm({ ...form, toYear: e.target.value })} />
          </div>
        </div>
        <div className="plan-actions"><button type="submit">{t('plan.create')}</button></div>
        {error && <p role="alert" className="error">{errorText(error)}</p>}
      </form>
    </details>
  );
}

function Plan({ planId, context }: { planId: string; context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const detail = useLoad(API_ROUTES.programmePlan, { params: { planId } });
  const needs = useLoad(API_ROUTES.needs, { query: {} });
  const [editing, setEditing] = useState<ActivityView | 'new' | undefined>();
  if (detail.error) return <p role="alert" className="error">{errorText(detail.error)}</p>;
  if (!detail.data || !needs.data) return <p>{t('loading')}</p>;
  const { plan, priorities, activities, checks } = detail.data;
  const open = needs.data.filter((n) => n.status === 'open' || n.status === 'met');
  const reload = async () => {
    await detail.reload();
    await needs.reload();
  };
  return (
    <>
      <div className={checks.length > 0 ? 'programme-warnings plan-card' : 'plan-card'} data-testid="plan-checks">
        <h3>{t('plan.checks')}</h3>
        {checks.length === 0 ? (
          <p className="plan-ok">✓ {t('plan.noChecks')}</p>
        ) : (
          <ul className="programme-list">
            {checks.map((c, i) => {
              // The server's message is English; the same facts in the reader's language from the check's own fields.
              const need = c.needId ? needs.data!.find((n) => n.id === c.needId) : undefined;
              const text = t(`checkText.${c.code}`, {
                agency: c.agencyId ? context.names.agency(c.agencyId) : '',
                capability: c.capabilityId ? context.names.capability(c.capabilityId) : '',
                need: need ? `${subjectOf(context.names, need)} (${need.targetGroup})` : '',
                activities: c.activityIds.map((id) => `“${activities.find((a) => a.id === id)?.title ?? id}”`).join(', '),
              });
              return <li key={i}><strong>{t(`check.${c.code}`)}</strong>: {text}</li>;
            })}
          </ul>
        )}
      </div>

      <div className="plan-card" data-testid="priorities">
        <h3>{t('plan.priorities')}</h3>
        {priorities.length === 0 && <p>{t('none')}</p>}
        {priorities.map((p, i) => (
          <div key={p.id}>
            <h4>{i + 1}. {p.title}</h4>
            <p>{p.rationale}</p>
            <ul className="programme-list">
              {p.needIds.map((needId) => {
                const need = needs.data!.find((n) => n.id === needId);
                return <li key={needId}>{need ? `${context.names.agency(need.agencyId)}: ${subjectOf(context.names, need)} (${need.targetGroup})` : needId}</li>;
              })}
            </ul>
          </div>
        ))}
        {context.access.manage && <PriorityForm planId={planId} needs={open} context={context} onSaved={reload} />}
      </div>

      <div className="plan-card" data-testid="schedule">
        <h3>{t('plan.activities')}</h3>
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">{t('field.when')}</th>
              <th scope="col">{t('field.title')}</th>
              <th scope="col">{t('field.kind')}</th>
              <th scope="col">{t('field.agencies')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('plan.exercise')}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => (
              <tr key={a.id} data-testid={`activity-${a.title}`}>
                <td className="time">{a.when.kind === 'quarter' ? `Q${a.when.quarter} ${a.when.year}` : a.start === a.end ? a.start : `${a.start} – ${a.end}`}</td>
                <th scope="row">
                  {a.title}
                  {context.access.manage && (
                    <button type="button" className="small secondary" onClick={() => setEditing(a)} aria-label={`${t('plan.edit')}: ${a.title}`}>{t('plan.edit')}</button>
                  )}
                </th>
                <td>{t(`kind.${a.kind}`)}</td>
                <td>{a.agencyIds.map(context.names.agency).join(', ')}</td>
                <td>{t(`activityStatus.${a.status}`)}</td>
                <td>{a.kind === 'course' ? '—' : <ExerciseFromActivity activity={a} manage={context.access.manage} onCreated={reload} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {context.access.manage &&
          (editing ? (
            <ActivityForm
              plan={plan}
              activity={editing === 'new' ? undefined : editing}
              needs={open}
              context={context}
              onDone={async (changed) => {
                setEditing(undefined);
                if (changed) await reload();
              }}
            />
          ) : (
            <button type="button" onClick={() => setEditing('new')}>+ {t('plan.addActivity')}</button>
          ))}
      </div>

      <Gantt plan={plan} activities={activities} context={context} />

      <div className="plan-card">
        <h3>{t('plan.exports')}</h3>
        <ul className="plan-links">
          <li><a className="button-link" href={routeHref(API_ROUTES.programmePlanPdf, { params: { planId }, query: { lang: fileLanguage() } })}>{t('plan.pdf')}</a></li>
          <li><a className="button-link" href={routeHref(API_ROUTES.programmePlanDocx, { params: { planId }, query: { lang: fileLanguage() } })}>{t('plan.docx')}</a></li>
          <li><a className="button-link" href={routeHref(API_ROUTES.programmeWorkbook, { query: { lang: fileLanguage() } })}>{t('plan.xlsx')}</a></li>
          <li><a className="button-link" href={routeHref(API_ROUTES.programmePlanCalendar, { params: { planId }, query: { lang: fileLanguage() } })}>{t('plan.ics')}</a></li>
        </ul>
        <CalendarSubscribe planId={planId} />
      </div>
    </>
  );
}

function PriorityForm({ planId, needs, context, onSaved }: { planId: string; needs: NeedView[]; context: ProgrammeContext; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [form, setForm] = useState({ title: '', rationale: '', needIds: [] as string[] });
  const [error, setError] = useState<ApiError | undefined>();
  async function save() {
    const result = await call(API_ROUTES.addPriority, { params: { planId }, body: { title: form.title.trim(), rationale: form.rationale.trim(), needIds: form.needIds } });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setForm({ title: '', rationale: '', needIds: [] });
      await onSaved();
    }
  }
  return (
    <form
      className="plan-subform"
      aria-label={t('plan.addPriority')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{t('plan.addPriority')}</h4>
      <div className="plan-grid">
        <div className="plan-field wide">
          <label htmlFor={`${id}-title`}>{t('field.title')}</label>
          <input id={`${id}-title`} value={form.title} required maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </div>
        <div className="plan-field wide">
          <label htmlFor={`${id}-rationale`}>{t('field.rationale')}</label>
          <textarea id={`${id}-rationale`} value={form.rationale} maxLength={5000} onChange={(e) => setForm({ ...form, rationale: e.target.value })} />
        </div>
        <fieldset className="plan-field wide plan-checks-column">
          <legend>{t('field.needs')}</legend>
          {needs.map((n) => (
            <label key={n.id} className="check">
              <input type="checkbox" checked={form.needIds.includes(n.id)} onChange={(e) => setForm({ ...form, needIds: e.target.checked ? [...form.needIds, n.id] : form.needIds.filter((x) => x !== n.id) })} />
              {context.names.agency(n.agencyId)}: {subjectOf(context.names, n)} ({n.targetGroup})
            </label>
          ))}
        </fieldset>
      </div>
      <div className="plan-actions"><button type="submit">{t('plan.addPriority')}</button></div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}

/** The calendar of one year, for all agencies or one: the Gantt chart (drawn by the server) and the same as a list. */
function Gantt({ plan, activities, context }: { plan: PlanView; activities: ActivityView[]; context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [year, setYear] = useState(plan.fromYear);
  const [agency, setAgency] = useState('');
  useEffect(() => setYear(plan.fromYear), [plan.fromYear]);
  const years = Array.from({ length: plan.toYear - plan.fromYear + 1 }, (_, i) => plan.fromYear + i);
  const shown = activities.filter((a) => a.status !== 'cancelled' && a.start.slice(0, 4) <= String(year) && a.end.slice(0, 4) >= String(year) && (!agency || a.agencyIds.includes(agency)));
  return (
    <div className="plan-card" data-testid="gantt">
      <h3>{t('plan.gantt')}</h3>
      <div className="plan-grid">
        <div className="plan-field">
          <label htmlFor={`${id}-year`}>{t('plan.ganttYear')}</label>
          <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-agency`}>{t('plan.ganttAgency')}</label>
          <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{t('plan.allAgencies')}</option>
            {context.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
      </div>
      {shown.length > 0 && <img className="programme-chart" data-testid="gantt-chart" src={routeHref(API_ROUTES.programmeGantt, { params: { planId: plan.id }, query: { year, agency: agency || undefined, lang: fileLanguage() } })} alt={t('plan.ganttAlt', { year })} />}
      <ol className="programme-list">
        {shown.map((a) => <li key={a.id}>{a.start === a.end ? a.start : `${a.start} – ${a.end}`}: {t(`kind.${a.kind}`)} “{a.title}” ({a.agencyIds.map(context.names.agency).join(', ')})</li>)}
      </ol>
      {shown.length === 0 && <p>{t('none')}</p>}
    </div>
  );
}
