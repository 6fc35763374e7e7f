import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, API_ROUTES, type ActivityBody, type ActivityView, type NeedView, type PlanView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { subjectOf } from './names.ts';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { useLoad } from './useLoad.ts';

/** Adds a planned activity or edits one: kind, agencies, the needs it serves, when (dates or a quarter), lead, status. */
export function ActivityForm({ plan, activity, needs, context, onDone }: { plan: PlanView; activity: ActivityView | undefined; needs: NeedView[]; context: ProgrammeContext; onDone: (changed: boolean) => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const courses = useLoad(API_ROUTES.courses, {});
  const [form, setForm] = useState({
    kind: activity?.kind ?? ('tabletop' as ActivityBody['kind']),
    title: activity?.title ?? '',
    agencyIds: activity?.agencyIds ?? ([] as string[]),
    needIds: activity?.needIds ?? ([] as string[]),
    capabilityIds: activity?.capabilityIds ?? ([] as string[]),
    whenKind: activity?.when.kind ?? ('dates' as 'dates' | 'quarter'),
    start: activity?.when.kind === 'dates' ? activity.when.start : '',
    end: activity?.when.kind === 'dates' ? activity.when.end : '',
    year: String(activity?.when.kind === 'quarter' ? activity.when.year : plan.fromYear),
    quarter: String(activity?.when.kind === 'quarter' ? activity.when.quarter : 1),
    lead: activity?.lead ?? '',
    status: activity?.status ?? ('planned' as ActivityBody['status']),
    courseId: activity?.courseId ?? '',
    requiredCourseIds: activity?.requiredCourseIds ?? ([] as string[]),
  });
  const [error, setError] = useState<ApiError | undefined>();
  const toggle = (key: 'agencyIds' | 'needIds' | 'capabilityIds' | 'requiredCourseIds', value: string, on: boolean) =>
    setForm({ ...form, [key]: on ? [...form[key], value] : form[key].filter((x) => x !== value) });

  async function save() {
    const body: ActivityBody = {
      kind: form.kind,
      title: form.title.trim(),
      agencyIds: form.agencyIds,
      capabilityIds: form.capabilityIds,
      needIds: form.needIds,
      when: form.whenKind === 'dates' ? { kind: 'dates', start: form.start, end: form.end || form.start } : { kind: 'quarter', year: Number(form.year), quarter: Number(form.quarter) },
      lead: form.lead.trim(),
      status: form.status,
      ...(form.kind === 'course' && form.courseId ? { courseId: form.courseId } : {}),
      requiredCourseIds: form.kind === 'course' ? [] : form.requiredCourseIds,
      notes: activity?.notes ?? '',
    };
    const result = activity
      ? await call(API_ROUTES.updateActivity, { params: { activityId: activity.id }, body })
      : await call(API_ROUTES.addActivity, { params: { planId: plan.id }, body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onDone(true);
  }

  const heading = activity ? `${t('plan.edit')}: ${activity.title}` : t('plan.addActivity');
  const checkList = (legend: string, key: 'agencyIds' | 'needIds' | 'capabilityIds' | 'requiredCourseIds', options: { id: string; label: string }[]) => (
    <fieldset className="plan-field wide plan-checks-column">
      <legend>{legend}</legend>
      {options.length === 0 && <p>{t('none')}</p>}
      {options.map((o) => (
        <label key={o.id} className="check">
          <input type="checkbox" checked={form[key].includes(o.id)} onChange={(e) => toggle(key, o.id, e.target.checked)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
  return (
    <form
      className="plan-subform"
      aria-label={heading}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{heading}</h4>
      <div className="plan-grid">
        <div className="plan-field">
          <label htmlFor={`${id}-kind`}>{t('field.kind')}</label>
          <select id={`${id}-kind`} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ActivityBody['kind'] })}>
            {ACTIVITY_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-title`}>{t('field.title')}</label>
          <input id={`${id}-title`} value={form.title} required maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </div>
        {checkList(t('field.agencies'), 'agencyIds', context.agencies.map((a) => ({ id: a.id, label: a.name })))}
        {checkList(t('field.needs'), 'needIds', needs.filter((n) => form.agencyIds.includes(n.agencyId)).map((n) => ({ id: n.id, label: `${context.names.agency(n.agencyId)}: ${subjectOf(context.names, n)} (${n.targetGroup})` })))}
        <fieldset className="plan-field wide plan-checks">
          <legend>{t('field.when')}</legend>
          <label className="check"><input type="radio" name={`${id}-when`} checked={form.whenKind === 'dates'} onChange={() => setForm({ ...form, whenKind: 'dates' })} />{t('plan.dates')}</label>
          <label className="check"><input type="radio" name={`${id}-when`} checked={form.whenKind === 'quarter'} onChange={() => setForm({ ...form, whenKind: 'quarter' })} />{t('plan.quarterOnly')}</label>
        </fieldset>
        {form.whenKind === 'dates' ? (
          <>
            <div className="plan-field">
              <label htmlFor={`${id}-start`}>{t('field.start')}</label>
              <input id={`${id}-start`} type="date" value={form.start} required onChange={(e) => setForm({ ...form, start: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-end`}>{t('field.end')}</label>
              <input id={`${id}-end`} type="date" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />
            </div>
          </>
        ) : (
          <>
            <div className="plan-field">
              <label htmlFor={`${id}-year`}>{t('field.year')}</label>
              <input id={`${id}-year`} type="number" value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-quarter`}>{t('field.quarter')}</label>
              <select id={`${id}-quarter`} value={form.quarter} onChange={(e) => setForm({ ...form, quarter: e.target.value })}>
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>Q{q}</option>)}
              </select>
            </div>
          </>
        )}
        <div className="plan-field">
          <label htmlFor={`${id}-lead`}>{t('field.lead')}</label>
          <input id={`${id}-lead`} value={form.lead} required maxLength={200} onChange={(e) => setForm({ ...form, lead: e.target.value })} />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-status`}>{t('field.status')}</label>
          <select id={`${id}-status`} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as ActivityBody['status'] })}>
            {ACTIVITY_STATUSES.map((s) => <option key={s} value={s}>{t(`activityStatus.${s}`)}</option>)}
          </select>
        </div>
        {form.kind === 'course' ? (
          <div className="plan-field">
            <label htmlFor={`${id}-course`}>{t('field.course')}</label>
            <select id={`${id}-course`} value={form.courseId} onChange={(e) => setForm({ ...form, courseId: e.target.value })}>
              <option value="">—</option>
              {(courses.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </select>
          </div>
        ) : (
          checkList(t('field.requiredCourses'), 'requiredCourseIds', (courses.data ?? []).filter((c) => c.certificate).map((c) => ({ id: c.id, label: `${c.title} (${c.certificate!.name})` })))
        )}
      </div>
      <div className="plan-actions">
        <button type="submit">{t('save')}</button>
        <button type="button" className="secondary" onClick={() => void onDone(false)}>{t('cancel')}</button>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}
