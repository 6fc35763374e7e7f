import { useTranslation } from 'react-i18next';
import type { ExerciseRole, PlannedExerciseSummary } from '@startex/shared';

/** Where each role works in an exercise. */
const VIEW_OF: Record<ExerciseRole, (exerciseId: string) => string> = {
  director: (id) => `/console/${id}`,
  controller: (id) => `/console/${id}`,
  evaluator: (id) => `/evaluate/${id}`,
  observer: (id) => `/display/${id}`,
  participant: () => '/tablet',
};

/**
 * The next step for a planner: plan it before StartEx; run it in the console, or follow it on the
 * wall display without a role in it (SECURITY.md); review it after EndEx with a role that may.
 */
function nextLinks(exercise: PlannedExerciseSummary, role: ExerciseRole | undefined): { href: string; label: 'plan' | 'console' | 'review' | 'open' }[] {
  const id = encodeURIComponent(exercise.id);
  const control = role === 'director' || role === 'controller';
  const follow = { href: role ? VIEW_OF[role](id) : `/display/${id}`, label: control ? ('console' as const) : ('open' as const) };
  switch (exercise.status) {
    case 'draft':
      return [{ href: `/plan/${id}`, label: 'plan' }];
    case 'ready':
      return [{ href: `/plan/${id}`, label: 'plan' as const }, ...(control ? [follow] : [])];
    case 'live':
    case 'paused':
    case 'halted':
      return [follow];
    case 'ended':
    case 'closed':
      return control || role === 'evaluator' ? [{ href: `/review/${id}`, label: 'review' }] : [follow];
  }
}

/** One exercise: title, status, your role, when it is planned, and the links to where to go next. */
export function ExerciseRow({ exercise, role, planner }: { exercise: PlannedExerciseSummary; role: ExerciseRole | undefined; planner: boolean }) {
  const { t } = useTranslation('home');
  // After EndEx, staff who may read the review (not observers or participants) open it first.
  const reviewFirst = (exercise.status === 'ended' || exercise.status === 'closed') && (role === 'director' || role === 'controller' || role === 'evaluator');
  const links = planner
    ? nextLinks(exercise, role)
    : role
      ? [...(reviewFirst ? [{ href: `/review/${encodeURIComponent(exercise.id)}`, label: 'review' as const }] : []), { href: VIEW_OF[role](encodeURIComponent(exercise.id)), label: 'open' as const }]
      : [];
  const when = [exercise.settings?.date, exercise.settings?.startTime].filter(Boolean).join(' ');
  return (
    <li data-testid={`exercise-${exercise.id}`}>
      <span className="exercise-title">
        {!planner && links[0] ? <a href={links[0].href}>{exercise.title}</a> : <strong>{exercise.title}</strong>}
        {planner && <span className="hint"> {[when, exercise.scenarioId].filter(Boolean).join(' · ')}</span>}
      </span>
      <span className="status">{t(`common:status.${exercise.status}`)}</span>
      {role && <span className="role">{t(`roles.${role}`)}</span>}
      {planner && (
        <span className="exercise-links">
          {links.map((link) => (
            <a key={link.label} className="button-link small" href={link.href} aria-label={`${t(`next.${link.label}`)}: ${exercise.title}`}>
              {t(`next.${link.label}`)}
            </a>
          ))}
        </span>
      )}
    </li>
  );
}
