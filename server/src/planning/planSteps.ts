import type { ExercisePlan, PlanStep } from '@startex/shared';
import type { AccessGrant } from '../store/ExerciseStore.ts';

/** Which planning steps are finished, from the plan and the exercise's join codes (see ExercisePlan.done). */
export function doneSteps(plan: Omit<ExercisePlan, 'done'>, grants: readonly AccessGrant[], now = Date.now()): PlanStep[] {
  const valid = grants.filter((g) => g.role === 'participant' && g.revokedAt === undefined && (g.expiresAt ?? Infinity) > now);
  const evaluators = plan.people.filter((p) => p.role === 'evaluator');
  // An evaluator whose coverage names no objective covers them all, as the handbook gives them every guide.
  const covered = (objectiveId: string) => evaluators.some((e) => !e.covers?.objectives.length || e.covers.objectives.includes(objectiveId));
  const steps: Record<PlanStep, boolean> = {
    settings: plan.settings.date !== undefined && plan.settings.startTime !== undefined,
    agencies: plan.teams.every((t) => t.agencyId !== undefined),
    people: plan.people.length > 0 && plan.objectives.every((o) => covered(o.id)),
    codes: plan.teams.every((t) => valid.some((g) => g.teamId === t.id)),
    comms: plan.status !== 'draft',
  };
  return (Object.keys(steps) as PlanStep[]).filter((step) => steps[step]);
}
