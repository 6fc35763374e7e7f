import { allows, allowsGlobal } from '@startex/scenarios/engine';
import type { ExerciseRole, GlobalRole } from '@startex/shared';

/** The pages of one exercise, in the order the shell's navigation shows them. */
export const EXERCISE_PAGES = ['plan', 'console', 'evaluate', 'display', 'review', 'report'] as const;
export type ExercisePage = (typeof EXERCISE_PAGES)[number];

/**
 * Which pages each role works on (the engine's permission table, policy.ts, decides what each may do there):
 * control staff run play, evaluators observe and rate, observers watch; participants play on tablets.
 * An evaluator's console is read-only, as is the director's evaluator page.
 */
const PAGES_OF: Record<ExerciseRole, readonly ExercisePage[]> = {
  director: ['plan', 'console', 'evaluate', 'display', 'review', 'report'],
  controller: ['console', 'evaluate', 'display', 'review', 'report'],
  evaluator: ['evaluate', 'console', 'display', 'review', 'report'],
  observer: ['display'],
  participant: [],
};

/**
 * The pages a person may open in one exercise: by their role in it; administrators and planners plan
 * every exercise and follow one they hold no role in on the wall display, as an observer (SECURITY.md).
 */
export function pagesFor(role: ExerciseRole | undefined, globalRoles: readonly GlobalRole[]): ExercisePage[] {
  const pages = new Set<ExercisePage>(role ? PAGES_OF[role] : []);
  const plans = globalRoles.some((global) => global === 'admin' || global === 'planner');
  if (plans) pages.add('plan');
  if (plans && !role) pages.add('display');
  return EXERCISE_PAGES.filter((page) => pages.has(page));
}

export function pagePath(page: ExercisePage, exerciseId: string): string {
  return `/${page}/${encodeURIComponent(exerciseId)}`;
}

/** The corrective actions across exercises: whoever the permission table lets read them, across agencies or for their own exercises. */
export function mayOpenActions(roles: readonly GlobalRole[], memberships: readonly { role: ExerciseRole }[]): boolean {
  return allowsGlobal(roles, 'corrective-actions.read') || memberships.some((m) => allows(m.role, 'corrective-actions.view'));
}

/** The scenario studio: those who may write scenarios (scenarios/src/engine/policy.ts, scenarios.write). */
export function mayAuthorScenarios(roles: readonly GlobalRole[]): boolean {
  return roles.includes('admin') || roles.includes('planner');
}
