import { StartexError, type ImprovementItem, type ProgrammeAction, type ProgrammeRating, type TraceKind, type TraceView } from '@startex/shared';
import { calendarDay, isOverdue } from '../review/report/improvementPlan.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { ActivityRecord, NeedRecord, ProgrammeRatingRecord } from '../store/ProgrammeStore.ts';
import { needViews } from './needs.ts';
import { activityViews } from './plan.ts';

/** Every link of the programme, loaded once: need -> activity -> exercise -> rating -> need, exercise -> action -> need. */
export interface ProgrammeGraph {
  needs: NeedRecord[];
  activities: ActivityRecord[];
  /** Exercise id -> the activity it was made from. */
  activityOfExercise: Map<string, string>;
  ratings: ProgrammeRatingRecord[];
  /** Rating id -> the needs whose level it set. */
  needsOfRating: Map<string, Set<string>>;
  items: ImprovementItem[];
  /** Improvement item id -> the needs it became or joined. */
  needsOfItem: Map<string, Set<string>>;
  /** Exercise id -> title. */
  titles: Map<string, string>;
}

const add = (map: Map<string, Set<string>>, key: string, value: string) => map.set(key, (map.get(key) ?? new Set()).add(value));

export async function programmeGraph(store: Store): Promise<ProgrammeGraph> {
  const links = await store.programme.listExerciseLinks();
  const needsOfRating = new Map<string, Set<string>>();
  for (const level of await store.programme.listLevels()) if (level.ratingId) add(needsOfRating, level.ratingId, level.needId);
  const needsOfItem = new Map<string, Set<string>>();
  for (const action of await store.programme.listNeedActions()) add(needsOfItem, action.itemId, action.needId);
  const titles = new Map((await store.listExercises()).map((e) => [e.id, e.title]));
  return {
    needs: await store.programme.listNeeds(),
    activities: await store.programme.listActivities(),
    activityOfExercise: new Map(links.flatMap((l) => (l.activityId ? [[l.exerciseId, l.activityId] as const] : []))),
    ratings: await store.programme.listRatings(),
    needsOfRating,
    items: await store.review.listItems(),
    needsOfItem,
    titles,
  };
}

export function ratingView(graph: ProgrammeGraph, rating: ProgrammeRatingRecord): ProgrammeRating {
  return { ...rating, exerciseTitle: graph.titles.get(rating.exerciseId) ?? rating.exerciseId, needIds: [...(graph.needsOfRating.get(rating.id) ?? [])] };
}

export function actionView(graph: ProgrammeGraph, item: ImprovementItem, now: number): ProgrammeAction {
  return {
    id: item.id,
    exerciseId: item.exerciseId,
    exerciseTitle: graph.titles.get(item.exerciseId) ?? item.exerciseId,
    capability: item.capability,
    correctiveAction: item.correctiveAction,
    responsibleAgency: item.responsibleAgency,
    dueDate: item.dueDate,
    status: item.status,
    overdue: isOverdue(item, calendarDay(now)),
    needIds: [...(graph.needsOfItem.get(item.id) ?? [])],
  };
}

interface Found {
  needs: Set<string>;
  activities: Set<string>;
  exercises: Set<string>;
  ratings: Set<string>;
  actions: Set<string>;
}

/**
 * Everything linked to one item of the programme, both ways along the cycle:
 * - a need: the activities serving it, their exercises, the ratings that set its level, the
 *   corrective actions it came from or that joined it (and their exercises);
 * - an activity: its needs and its exercise, that exercise's ratings of those needs and its actions;
 * - an exercise: its activity and that activity's needs, its ratings and its actions, and the needs they fed;
 * - a rating: its exercise and activity, and the needs it fed;
 * - a corrective action: its exercise and activity, the needs it became or joined, and what is planned for them.
 */
export function traceFrom(graph: ProgrammeGraph, kind: TraceKind, id: string): Found {
  const found: Found = { needs: new Set(), activities: new Set(), exercises: new Set(), ratings: new Set(), actions: new Set() };
  const exerciseOf = (activityId: string) => [...graph.activityOfExercise].find(([, a]) => a === activityId)?.[0];
  const addExercise = (exerciseId: string) => {
    found.exercises.add(exerciseId);
    const activityId = graph.activityOfExercise.get(exerciseId);
    if (activityId) found.activities.add(activityId);
  };
  switch (kind) {
    case 'need': {
      if (!graph.needs.some((n) => n.id === id)) throw new StartexError('NEED_NOT_FOUND');
      found.needs.add(id);
      for (const activity of graph.activities.filter((a) => a.needIds.includes(id))) {
        found.activities.add(activity.id);
        const exerciseId = exerciseOf(activity.id);
        if (exerciseId) found.exercises.add(exerciseId);
      }
      for (const rating of graph.ratings.filter((r) => graph.needsOfRating.get(r.id)?.has(id))) {
        found.ratings.add(rating.id);
        found.exercises.add(rating.exerciseId);
      }
      for (const item of graph.items.filter((i) => graph.needsOfItem.get(i.id)?.has(id))) {
        found.actions.add(item.id);
        found.exercises.add(item.exerciseId);
      }
      break;
    }
    case 'activity': {
      const activity = graph.activities.find((a) => a.id === id);
      if (!activity) throw new StartexError('ACTIVITY_NOT_FOUND');
      found.activities.add(id);
      for (const needId of activity.needIds) found.needs.add(needId);
      const exerciseId = exerciseOf(id);
      if (exerciseId) {
        found.exercises.add(exerciseId);
        for (const rating of graph.ratings.filter((r) => r.exerciseId === exerciseId && [...(graph.needsOfRating.get(r.id) ?? [])].some((n) => found.needs.has(n)))) found.ratings.add(rating.id);
        for (const item of graph.items.filter((i) => i.exerciseId === exerciseId)) found.actions.add(item.id);
      }
      break;
    }
    case 'exercise': {
      if (!graph.titles.has(id)) throw new StartexError('EXERCISE_NOT_FOUND');
      addExercise(id);
      const activity = graph.activities.find((a) => a.id === graph.activityOfExercise.get(id));
      for (const needId of activity?.needIds ?? []) found.needs.add(needId);
      for (const rating of graph.ratings.filter((r) => r.exerciseId === id)) {
        found.ratings.add(rating.id);
        for (const needId of graph.needsOfRating.get(rating.id) ?? []) found.needs.add(needId);
      }
      for (const item of graph.items.filter((i) => i.exerciseId === id)) {
        found.actions.add(item.id);
        for (const needId of graph.needsOfItem.get(item.id) ?? []) found.needs.add(needId);
      }
      break;
    }
    case 'rating': {
      const rating = graph.ratings.find((r) => r.id === id);
      if (!rating) throw new StartexError('RATING_NOT_FOUND');
      found.ratings.add(id);
      addExercise(rating.exerciseId);
      for (const needId of graph.needsOfRating.get(id) ?? []) found.needs.add(needId);
      break;
    }
    case 'action': {
      const item = graph.items.find((i) => i.id === id);
      if (!item) throw new StartexError('IMPROVEMENT_ITEM_NOT_FOUND');
      found.actions.add(id);
      addExercise(item.exerciseId);
      for (const needId of graph.needsOfItem.get(id) ?? []) {
        found.needs.add(needId);
        for (const activity of graph.activities.filter((a) => a.needIds.includes(needId))) found.activities.add(activity.id);
      }
      break;
    }
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
  return found;
}

/** The trace of one item as the API answers it. */
export async function trace(store: Store, runtime: ExerciseRuntime, kind: TraceKind, id: string, now: number): Promise<TraceView> {
  const graph = await programmeGraph(store);
  const found = traceFrom(graph, kind, id);
  const exercises = [];
  for (const exerciseId of found.exercises) exercises.push({ id: exerciseId, title: graph.titles.get(exerciseId) ?? exerciseId, status: (await runtime.get(exerciseId)).status });
  return {
    from: { kind, id },
    needs: await needViews(store, graph.needs.filter((n) => found.needs.has(n.id))),
    activities: await activityViews(store, graph.activities.filter((a) => found.activities.has(a.id))),
    exercises,
    ratings: graph.ratings.filter((r) => found.ratings.has(r.id)).map((r) => ratingView(graph, r)),
    actions: graph.items.filter((i) => found.actions.has(i.id)).map((i) => actionView(graph, i, now)),
  };
}
