import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ActivityView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';

/** GET /api/scenarios, as much of it as this form needs. */
interface ScenarioChoice {
  id: string;
  version: number;
  title: string;
  source: 'library' | 'uploaded';
}

/**
 * The exercise of a planned activity: a link to it once made; else a scenario to pick, and the
 * exercise is made with the activity's title, date and kind, then linked (the server maps its teams
 * to the activity's agencies and its objectives to catalogue capabilities).
 */
export function ExerciseFromActivity({ activity, manage, onCreated }: { activity: ActivityView; manage: boolean; onCreated: () => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [scenarios, setScenarios] = useState<ScenarioChoice[] | undefined>();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    if (manage && !activity.exerciseId) void call(API_ROUTES.scenarios).then((r) => (r.ok ? setScenarios(r.value) : setError(r.error)));
  }, [manage, activity.exerciseId]);

  if (activity.exerciseId) {
    return (
      <span className="plan-links">
        <a href={`/plan/${encodeURIComponent(activity.exerciseId)}`}>{t('plan.openExercise')}</a>
        <a href={`/programme/exercises/${encodeURIComponent(activity.exerciseId)}`}>{t('exercise.needs')}</a>
      </span>
    );
  }
  if (!manage) return <>—</>;

  async function create() {
    const scenario = scenarios?.find((s) => `${s.source}:${s.id}` === choice);
    if (!scenario) return;
    const source = scenario.source === 'library' ? { kind: 'library' as const, scenarioId: scenario.id } : { kind: 'uploaded' as const, scenarioId: scenario.id, version: scenario.version };
    // A course is not an exercise (PlanPanel offers no exercise for one): its kind is no exercise type.
    const settings = { title: activity.title, ...(activity.kind !== 'course' ? { exerciseType: activity.kind } : {}), ...(activity.when.kind === 'dates' ? { date: activity.start } : {}) };
    const made = await call(API_ROUTES.createExercise, { body: { source, settings } });
    if (!made.ok) return setError(made.error);
    const linked = await call(API_ROUTES.linkExercise, { params: { activityId: activity.id }, body: { exerciseId: made.value.id } });
    setError(linked.ok ? undefined : linked.error);
    if (linked.ok) await onCreated();
  }

  return (
    <form
      className="plan-actions"
      aria-label={`${t('plan.createExercise')}: ${activity.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-scenario`}>{t('plan.scenario')}</label>
      <select id={`${id}-scenario`} value={choice} required onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t('plan.scenario')}…</option>
        {(scenarios ?? []).map((s) => <option key={`${s.source}:${s.id}`} value={`${s.source}:${s.id}`}>{s.title}</option>)}
      </select>
      <button type="submit" className="small">{t('plan.createExercise')}</button>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}
