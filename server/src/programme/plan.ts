import { randomUUID } from 'node:crypto';
import { StartexError, type ActivityBody, type ActivitySaved, type ActivityView, type PlanBody, type PlanCheck, type PlanDetail, type PlanView, type PriorityBody, type PriorityView } from '@startex/shared';
import { calendarDay } from '../review/report/improvementPlan.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { ActivityRecord, NeedRecord } from '../store/ProgrammeStore.ts';
import { requireCapabilities } from './catalogue.ts';
import { activitySpan, checkPlan, type CheckNames } from './planChecks.ts';

/** Agency and capability names for messages and documents; an id nobody knows any more shows as itself. */
export async function programmeNames(store: Store): Promise<CheckNames & { agencies: Map<string, string>; capabilities: Map<string, string> }> {
  const agencies = new Map((await store.planning.listAgencies()).map((a) => [a.id, a.name]));
  const capabilities = new Map((await store.programme.listCapabilities()).map((c) => [c.id, c.name]));
  return { agencies, capabilities, agency: (id) => agencies.get(id) ?? id, capability: (id) => capabilities.get(id) ?? id };
}

export async function createPlan(store: Store, body: PlanBody, now: number): Promise<PlanView> {
  const plan: PlanView = { id: randomUUID(), ...body, createdAt: now, updatedAt: now };
  await store.programme.savePlan(plan);
  return plan;
}

export async function updatePlan(store: Store, planId: string, body: PlanBody, now: number): Promise<PlanView> {
  const plan = await requirePlan(store, planId);
  const outside = (await store.programme.listActivities(planId)).find((a) => a.start.slice(0, 4) < String(body.fromYear) || a.end.slice(0, 4) > String(body.toYear));
  if (outside) throw new StartexError('VALIDATION_FAILED', `"${outside.title}" (${outside.start}) would fall outside ${body.fromYear}-${body.toYear}.`, 'body.toYear');
  const next: PlanView = { ...plan, ...body, updatedAt: now };
  await store.programme.savePlan(next);
  return next;
}

export async function requirePlan(store: Store, planId: string): Promise<PlanView> {
  const plan = await store.programme.getPlan(planId);
  if (!plan) throw new StartexError('PLAN_NOT_FOUND');
  return plan;
}

/** Activities as the API shows them: with the exercise made from each. */
export async function activityViews(store: Store, records: readonly ActivityRecord[]): Promise<ActivityView[]> {
  const exercises = new Map((await store.programme.listExerciseLinks()).flatMap((l) => (l.activityId ? [[l.activityId, l.exerciseId] as const] : [])));
  return records.map((a) => ({ ...a, ...(exercises.has(a.id) ? { exerciseId: exercises.get(a.id)! } : {}) }));
}

/** Every check over every plan's activities (an agency's two plans can collide too). */
export async function planChecks(store: Store, now: number): Promise<PlanCheck[]> {
  return checkPlan({
    activities: await store.programme.listActivities(),
    needs: await store.programme.listNeeds(),
    rated: await store.programme.listRatings(),
    today: calendarDay(now),
    names: await programmeNames(store),
  });
}

export async function planDetail(store: Store, planId: string, now: number): Promise<PlanDetail> {
  const plan = await requirePlan(store, planId);
  const activities = await store.programme.listActivities(planId);
  const mine = new Set(activities.map((a) => a.id));
  const checks = (await planChecks(store, now)).filter((c) => c.activityIds.length === 0 || c.activityIds.some((id) => mine.has(id)));
  return { plan, priorities: await store.programme.listPriorities(planId), activities: await activityViews(store, activities), checks };
}

/** Needs a plan may name: accepted ones (a survey's draft, submitted or rejected rows are not needs yet). */
async function requireNeeds(store: Store, needIds: readonly string[], path: string): Promise<NeedRecord[]> {
  const found: NeedRecord[] = [];
  for (const [i, needId] of needIds.entries()) {
    const need = await store.programme.getNeed(needId);
    if (!need) throw new StartexError('NEED_NOT_FOUND', `No need "${needId.slice(0, 64)}".`, `${path}.${i}`);
    if (need.status === 'draft' || need.status === 'submitted' || need.status === 'rejected') {
      throw new StartexError('NEED_NOT_EDITABLE', `That need is ${need.status}: accept it first.`, `${path}.${i}`);
    }
    found.push(need);
  }
  return found;
}

export async function savePriority(store: Store, planId: string, body: PriorityBody, now: number, priorityId?: string): Promise<PriorityView> {
  await requirePlan(store, planId);
  await requireNeeds(store, body.needIds, 'body.needIds');
  const existing = priorityId === undefined ? undefined : await store.programme.getPriority(priorityId);
  if (priorityId !== undefined && !existing) throw new StartexError('PRIORITY_NOT_FOUND');
  const position = existing?.position ?? (await store.programme.listPriorities(planId)).length;
  const priority: PriorityView = { id: existing?.id ?? randomUUID(), planId, ...body, position, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await store.programme.savePriority(priority);
  return priority;
}

export async function deletePriority(store: Store, priorityId: string): Promise<void> {
  if (!(await store.programme.getPriority(priorityId))) throw new StartexError('PRIORITY_NOT_FOUND');
  await store.programme.deletePriority(priorityId);
}

/**
 * Checks every reference (agencies, capabilities, needs, courses) and that the activity falls
 * within the plan's years, then saves it; the plan's checks that concern it come back as warnings.
 * The capabilities of the needs it serves are added to its own.
 */
export async function saveActivity(store: Store, planId: string, body: ActivityBody, now: number, activityId?: string): Promise<ActivitySaved> {
  const plan = await requirePlan(store, planId);
  const existing = activityId === undefined ? undefined : await store.programme.getActivity(activityId);
  if (activityId !== undefined && (!existing || existing.planId !== planId)) throw new StartexError('ACTIVITY_NOT_FOUND');
  if (body.agencyIds.length === 0) throw new StartexError('ACTIVITY_WITHOUT_AGENCY', undefined, 'body.agencyIds');
  for (const [i, agencyId] of body.agencyIds.entries()) {
    if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND', `No agency "${agencyId.slice(0, 64)}".`, `body.agencyIds.${i}`);
  }
  await requireCapabilities(store, body.capabilityIds, 'body.capabilityIds');
  const needs = await requireNeeds(store, body.needIds, 'body.needIds');
  const elsewhere = needs.find((n) => !body.agencyIds.includes(n.agencyId));
  if (elsewhere) throw new StartexError('VALIDATION_FAILED', 'A need it serves belongs to an agency the activity does not include.', `body.needIds.${body.needIds.indexOf(elsewhere.id)}`);
  for (const [i, courseId] of [...(body.courseId ? [body.courseId] : []), ...body.requiredCourseIds].entries()) {
    if (!(await store.programme.getCourse(courseId))) throw new StartexError('COURSE_NOT_FOUND', undefined, i === 0 && body.courseId ? 'body.courseId' : 'body.requiredCourseIds');
  }
  if (body.courseId && body.kind !== 'course') throw new StartexError('VALIDATION_FAILED', 'Only a course activity runs a course.', 'body.courseId');
  const span = activitySpan(body.when);
  if (Number(span.start.slice(0, 4)) < plan.fromYear || Number(span.end.slice(0, 4)) > plan.toYear) {
    throw new StartexError('VALIDATION_FAILED', `The activity (${span.start} to ${span.end}) falls outside the plan's years ${plan.fromYear}-${plan.toYear}.`, 'body.when');
  }
  const capabilityIds = [...new Set([...body.capabilityIds, ...needs.flatMap((n) => (n.capabilityId ? [n.capabilityId] : []))])];
  const { courseId, ...rest } = body;
  const activity: ActivityRecord = {
    id: existing?.id ?? randomUUID(),
    planId,
    ...rest,
    ...(courseId ? { courseId } : {}),
    capabilityIds,
    ...span,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await store.programme.saveActivity(activity);
  const warnings = (await planChecks(store, now)).filter((c) => c.activityIds.includes(activity.id));
  return { activity: (await activityViews(store, [activity]))[0]!, warnings };
}
