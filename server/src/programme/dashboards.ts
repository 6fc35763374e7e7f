import { StartexError, type AgencyDashboard, type CentreDashboard, type UpcomingActivity } from '@startex/shared';
import { calendarDay, isOverdue } from '../review/report/improvementPlan.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { ActivityRecord } from '../store/ProgrammeStore.ts';
import { needViews } from './needs.ts';
import { actionView, programmeGraph, ratingView, type ProgrammeGraph } from './trace.ts';
import { certificateAlerts, trainedCount } from './training.ts';

const upcoming = (a: ActivityRecord): UpcomingActivity => ({ id: a.id, title: a.title, kind: a.kind, start: a.start, end: a.end, status: a.status, planId: a.planId });
const OPEN_ACTION = new Set(['open', 'in-progress']);

/**
 * The corrective actions that are an agency's: those naming it (or a team it played) as
 * responsible, and those that became or joined one of its needs.
 */
async function agencyActions(store: Store, graph: ProgrammeGraph, agencyId: string, agencyName: string) {
  const teamNames = new Set<string>();
  for (const exercise of await store.listExercises()) {
    const mapping = await store.planning.teamAgencies(exercise.id);
    for (const team of exercise.scenario.teams) if (mapping[team.id] === agencyId) teamNames.add(`${exercise.id}#${team.name.toLowerCase()}`);
  }
  const mine = new Set(graph.needs.filter((n) => n.agencyId === agencyId).map((n) => n.id));
  return graph.items.filter(
    (item) =>
      item.responsibleAgency.toLowerCase() === agencyName.toLowerCase() ||
      teamNames.has(`${item.exerciseId}#${item.responsibleAgency.toLowerCase()}`) ||
      [...(graph.needsOfItem.get(item.id) ?? [])].some((needId) => mine.has(needId)),
  );
}

/** One agency's dashboard: its needs, its ratings over time, open corrective actions, trained headcount, what comes next. */
export async function agencyDashboard(store: Store, agencyId: string, now: number): Promise<AgencyDashboard> {
  const agency = await store.planning.getAgency(agencyId);
  if (!agency) throw new StartexError('AGENCY_NOT_FOUND');
  const today = calendarDay(now);
  const graph = await programmeGraph(store);
  const needs = graph.needs.filter((n) => n.agencyId === agencyId && n.status !== 'draft');
  const training: AgencyDashboard['training'] = [];
  const wanted = new Map<string, number>();
  for (const need of needs) if (need.capabilityId && need.status === 'open') wanted.set(need.capabilityId, (wanted.get(need.capabilityId) ?? 0) + need.headcount);
  for (const [capabilityId, target] of wanted) training.push({ capabilityId, target, trained: await trainedCount(store, agencyId, capabilityId, today) });
  return {
    agency: { id: agency.id, name: agency.name },
    needs: await needViews(store, needs),
    ratings: graph.ratings.filter((r) => r.agencyId === agencyId).map((r) => ratingView(graph, r)),
    openActions: (await agencyActions(store, graph, agencyId, agency.name)).filter((i) => OPEN_ACTION.has(i.status)).map((i) => actionView(graph, i, now)),
    training,
    upcoming: graph.activities
      .filter((a) => a.agencyIds.includes(agencyId) && (a.status === 'planned' || a.status === 'confirmed') && a.end >= today)
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, 10)
      .map(upcoming),
    alerts: (await certificateAlerts(store, today)).filter((a) => a.certificate.agencyId === agencyId),
  };
}

/** The centre's dashboard: how far the plan covers its priorities, and what is late across agencies. */
export async function centreDashboard(store: Store, planId: string | undefined, now: number): Promise<CentreDashboard> {
  const today = calendarDay(now);
  const plans = await store.programme.listPlans();
  const year = Number(today.slice(0, 4));
  const plan = planId !== undefined ? plans.find((p) => p.id === planId) : (plans.find((p) => p.fromYear <= year && year <= p.toYear) ?? plans.at(-1));
  if (planId !== undefined && !plan) throw new StartexError('PLAN_NOT_FOUND');
  const graph = await programmeGraph(store);
  const live = graph.activities.filter((a) => a.status !== 'cancelled');
  const needsById = new Map(graph.needs.map((n) => [n.id, n]));
  const coverage = plan
    ? (await store.programme.listPriorities(plan.id)).map((priority) => {
        const needs = priority.needIds.filter((id) => needsById.get(id)?.status === 'open');
        return { priorityId: priority.id, title: priority.title, needs: needs.length, planned: needs.filter((id) => live.some((a) => a.needIds.includes(id))).length };
      })
    : [];
  const agencies = await store.planning.listAgencies();
  const surveys = await store.programme.listSurveys();
  const openActions = new Map<string, number>();
  for (const agency of agencies) openActions.set(agency.id, (await agencyActions(store, graph, agency.id, agency.name)).filter((i) => OPEN_ACTION.has(i.status)).length);
  return {
    ...(plan ? { plan } : {}),
    coverage,
    late: {
      activities: live.filter((a) => (a.status === 'planned' || a.status === 'confirmed') && a.end < today).map(upcoming),
      needs: await needViews(store, graph.needs.filter((n) => n.status === 'open' && n.reviewDate !== undefined && n.reviewDate < today)),
      actions: graph.items.filter((i) => isOverdue(i, today)).map((i) => actionView(graph, i, now)),
      surveys: surveys
        .filter((s) => (s.status === 'sent' || s.status === 'draft') && s.dueDate < today)
        .map((s) => ({ id: s.id, agencyId: s.agencyId, agencyName: agencies.find((a) => a.id === s.agencyId)?.name ?? s.agencyId, dueDate: s.dueDate, status: s.status })),
    },
    agencies: agencies.map((agency) => {
      const open = graph.needs.filter((n) => n.agencyId === agency.id && n.status === 'open');
      return { id: agency.id, name: agency.name, openNeeds: open.length, highPriorityOpen: open.filter((n) => n.priority === 'high').length, openActions: openActions.get(agency.id) ?? 0 };
    }),
  };
}
