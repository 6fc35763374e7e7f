import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, ATTENDANCE_IMPORT_COLUMNS, REQUIRED_ATTENDANCE_COLUMNS, type ActivityView, type AttendanceRow, type CourseSessionView, type CourseView, type TraineeView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { ImportRows } from './ImportRows.tsx';
import type { ProgrammeContext } from './ProgrammePage.tsx';
import { useLoad } from './useLoad.ts';

/** Courses with their sessions and attendance, the agencies' people, and certificates running out before planned exercises. */
export function TrainingPanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const courses = useLoad(API_ROUTES.courses, {});
  const people = useLoad(API_ROUTES.trainees, { query: {} });
  const alerts = useLoad(API_ROUTES.certificateAlerts, { query: {} });
  const plans = useLoad(API_ROUTES.plans, {});
  const [activities, setActivities] = useState<ActivityView[]>([]);
  useEffect(() => {
    // Course activities of every plan, for a session to deliver.
    void Promise.all((plans.data ?? []).map((p) => call(API_ROUTES.programmePlan, { params: { planId: p.id } }))).then((details) =>
      setActivities(details.flatMap((d) => (d.ok ? d.value.activities.filter((a) => a.kind === 'course') : []))),
    );
  }, [plans.data]);
  const reloadPeople = async () => {
    await people.reload();
    await alerts.reload();
  };
  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">{t('training.heading')}</h2>
      {alerts.data && alerts.data.length > 0 && (
        <div role="note" className="plan-problems" data-testid="certificate-alerts">
          <h3>{t('training.alerts')}</h3>
          <ul>
            {alerts.data.map((a) => (
              <li key={`${a.certificate.personId}-${a.certificate.courseId}-${a.activity.id}`}>
                {t('training.alert', { person: a.certificate.personName, certificate: a.certificate.name, expires: a.certificate.expiresOn, activity: a.activity.title, start: a.activity.start })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('training.courses')}</h3>
      {(courses.data ?? []).map((course) => <Course key={course.id} course={course} people={people.data ?? []} activities={activities} context={context} onChange={reloadPeople} />)}
      {context.access.train && <CourseForm context={context} onSaved={courses.reload} />}
      <People people={people.data ?? []} context={context} onAdded={reloadPeople} />
    </section>
  );
}

function CourseForm({ context, onSaved }: { context: ProgrammeContext; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const empty = { title: '', capabilityIds: [] as string[], certificate: '', months: '24' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<ApiError | undefined>();
  async function save() {
    const body = { title: form.title.trim(), capabilityIds: form.capabilityIds, ...(form.certificate.trim() ? { certificate: { name: form.certificate.trim(), validityMonths: Number(form.months) } } : {}) };
    const result = await call(API_ROUTES.createCourse, { body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setForm(empty);
      await onSaved();
    }
  }
  return (
    <form
      className="plan-subform"
      aria-label={t('training.addCourse')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{t('training.addCourse')}</h4>
      <div className="plan-grid">
        <div className="plan-field wide">
          <label htmlFor={`${id}-title`}>{t('field.title')}</label>
          <input id={`${id}-title`} value={form.title} required maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-capability`}>{t('field.capability')}</label>
          <select id={`${id}-capability`} value={form.capabilityIds[0] ?? ''} onChange={(e) => setForm({ ...form, capabilityIds: e.target.value ? [e.target.value] : [] })}>
            <option value="">—</option>
            {context.capabilities.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-certificate`}>{t('training.certificateName')}</label>
          <input id={`${id}-certificate`} value={form.certificate} maxLength={200} onChange={(e) => setForm({ ...form, certificate: e.target.value })} />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-months`}>{t('training.validity')}</label>
          <input id={`${id}-months`} type="number" min={1} max={240} value={form.months} onChange={(e) => setForm({ ...form, months: e.target.value })} />
        </div>
      </div>
      <div className="plan-actions"><button type="submit">{t('training.addCourse')}</button></div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}

function Course({ course, people, activities, context, onChange }: { course: CourseView; people: TraineeView[]; activities: ActivityView[]; context: ProgrammeContext; onChange: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const detail = useLoad(API_ROUTES.course, { params: { courseId: course.id } });
  const [session, setSession] = useState({ start: '', end: '', location: '', trainer: '', activityId: '' });
  const [error, setError] = useState<ApiError | undefined>();
  const mine = activities.filter((a) => !a.courseId || a.courseId === course.id);
  async function addSession() {
    const body = { start: session.start, end: session.end || session.start, location: session.location, trainer: session.trainer, ...(session.activityId ? { activityId: session.activityId } : {}) };
    const result = await call(API_ROUTES.addCourseSession, { params: { courseId: course.id }, body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await detail.reload();
  }
  return (
    <article className="plan-card" aria-labelledby={`${id}-h`} data-testid={`course-${course.title}`}>
      <h4 id={`${id}-h`}>{course.title}</h4>
      <p className="hint">
        {course.capabilityIds.map(context.names.capability).join(', ')}
        {course.certificate ? ` · ${course.certificate.name} (${t('training.validity')}: ${course.certificate.validityMonths})` : ''}
      </p>
      {(detail.data?.sessions ?? []).map((s) => <Session key={s.id} session={s} people={people} context={context} onChange={onChange} />)}
      {context.access.train && (
        <form
          className="plan-subform"
          aria-label={`${t('training.addSession')}: ${course.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            void addSession();
          }}
        >
          <div className="plan-grid">
            <div className="plan-field">
              <label htmlFor={`${id}-start`}>{t('field.start')}</label>
              <input id={`${id}-start`} type="date" required value={session.start} onChange={(e) => setSession({ ...session, start: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-end`}>{t('field.end')}</label>
              <input id={`${id}-end`} type="date" value={session.end} onChange={(e) => setSession({ ...session, end: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-location`}>{t('field.location')}</label>
              <input id={`${id}-location`} value={session.location} maxLength={200} onChange={(e) => setSession({ ...session, location: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-activity`}>{t('training.activity')}</label>
              <select id={`${id}-activity`} value={session.activityId} onChange={(e) => setSession({ ...session, activityId: e.target.value })}>
                <option value="">{t('training.noActivity')}</option>
                {mine.map((a) => <option key={a.id} value={a.id}>{a.title} ({a.start})</option>)}
              </select>
            </div>
          </div>
          <div className="plan-actions"><button type="submit">{t('training.addSession')}</button></div>
          {error && <p role="alert" className="error">{errorText(error)}</p>}
        </form>
      )}
    </article>
  );
}

/** One session's attendance: who attended and completed (a completion gives the course's certificate). */
function Session({ session, people, context, onChange }: { session: CourseSessionView; people: TraineeView[]; context: ProgrammeContext; onChange: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const detail = useLoad(API_ROUTES.courseSession, { params: { sessionId: session.id } });
  const [rows, setRows] = useState<Record<string, AttendanceRow>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    if (detail.data) setRows(Object.fromEntries(detail.data.attendance.map((a) => [a.personId, { personId: a.personId, attended: a.attended, completed: a.completed, ...(a.completedOn ? { completedOn: a.completedOn } : {}) }])));
  }, [detail.data]);
  const row = (personId: string): AttendanceRow => rows[personId] ?? { personId, attended: false, completed: false };
  const set = (personId: string, patch: Partial<AttendanceRow>) => setRows({ ...rows, [personId]: { ...row(personId), ...patch } });
  async function save() {
    setSaved(false);
    const body = { rows: Object.values(rows).filter((r) => r.attended || r.completed || detail.data?.attendance.some((a) => a.personId === r.personId)) };
    const result = await call(API_ROUTES.recordAttendance, { params: { sessionId: session.id }, body });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
    if (result.ok) {
      await detail.reload();
      await onChange();
    }
  }
  const label = `${session.start}${session.end !== session.start ? ` – ${session.end}` : ''}${session.location ? `, ${session.location}` : ''}`;
  return (
    <form
      className="plan-card"
      aria-label={`${t('training.attendance')}: ${label}`}
      data-testid={`session-${session.start}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h5>{t('training.attendance')}: {label}</h5>
      <table className="plan-table">
        <thead>
          <tr>
            <th scope="col">{t('training.person')}</th>
            <th scope="col">{t('field.agency')}</th>
            <th scope="col">{t('training.attended')}</th>
            <th scope="col">{t('training.completed')}</th>
            <th scope="col">{t('training.completedOn')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row"><a href={`/programme/people/${encodeURIComponent(p.id)}`}>{p.name}</a></th>
              <td>{context.names.agency(p.agencyId)}</td>
              <td><input type="checkbox" aria-label={`${t('training.attended')}: ${p.name}`} checked={row(p.id).attended} onChange={(e) => set(p.id, { attended: e.target.checked, ...(e.target.checked ? {} : { completed: false, completedOn: undefined }) })} /></td>
              <td><input type="checkbox" aria-label={`${t('training.completed')}: ${p.name}`} checked={row(p.id).completed} onChange={(e) => set(p.id, { completed: e.target.checked, ...(e.target.checked ? { attended: true } : { completedOn: undefined }) })} /></td>
              <td><input type="date" aria-label={`${t('training.completedOn')}: ${p.name}`} value={row(p.id).completedOn ?? ''} disabled={!row(p.id).completed} onChange={(e) => set(p.id, e.target.value ? { completedOn: e.target.value } : { completedOn: undefined })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {context.access.train && (
        <div className="plan-actions">
          <button type="submit">{t('training.saveAttendance')}</button>
          <p role="status" className="plan-saved">{saved ? `✓ ${t('saved')}` : ''}</p>
        </div>
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {context.access.train && (
        <ImportRows
          heading={t('training.importAttendance')}
          importFile={(sheet) => call(API_ROUTES.importAttendance, { params: { sessionId: session.id }, body: sheet })}
          columns={ATTENDANCE_IMPORT_COLUMNS}
          required={REQUIRED_ATTENDANCE_COLUMNS}
          onImported={async () => {
            await detail.reload();
            await onChange();
          }}
        />
      )}
    </form>
  );
}

function People({ people, context, onAdded }: { people: TraineeView[]; context: ProgrammeContext; onAdded: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const empty = { agencyId: context.agencies[0]?.id ?? '', name: '', email: '', position: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<ApiError | undefined>();
  async function add() {
    const body = { agencyId: form.agencyId, name: form.name.trim(), position: form.position.trim(), ...(form.email.trim() ? { email: form.email.trim() } : {}) };
    const result = await call(API_ROUTES.addTrainee, { body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setForm({ ...empty, agencyId: form.agencyId });
      await onAdded();
    }
  }
  return (
    <div className="plan-card" role="region" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('training.people')}</h3>
      <ul className="programme-list">
        {people.map((p) => <li key={p.id}><a href={`/programme/people/${encodeURIComponent(p.id)}`}>{p.name}</a> — {context.names.agency(p.agencyId)}{p.position ? `, ${p.position}` : ''}</li>)}
      </ul>
      {context.access.train && (
        <form
          className="plan-subform"
          aria-label={t('training.addPerson')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="plan-grid">
            <div className="plan-field">
              <label htmlFor={`${id}-agency`}>{t('field.agency')}</label>
              <select id={`${id}-agency`} value={form.agencyId} onChange={(e) => setForm({ ...form, agencyId: e.target.value })}>
                {context.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </select>
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-name`}>{t('field.name')}</label>
              <input id={`${id}-name`} value={form.name} required maxLength={120} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-email`}>{t('field.email')}</label>
              <input id={`${id}-email`} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
            </div>
            <div className="plan-field">
              <label htmlFor={`${id}-position`}>{t('field.position')}</label>
              <input id={`${id}-position`} value={form.position} maxLength={120} onChange={(e) => setForm({ ...form, position: e.target.value })} />
            </div>
          </div>
          <div className="plan-actions"><button type="submit">{t('training.addPerson')}</button></div>
          {error && <p role="alert" className="error">{errorText(error)}</p>}
        </form>
      )}
    </div>
  );
}
