import type {
  Actor,
  CapabilityReview,
  CapabilityRollup,
  ExerciseReview,
  FeedbackReview,
  FinalRating,
  LogEntry,
  ObservationReview,
  Rated,
  RatingCounts,
  RatingRecord,
  RatingSubject,
  ScenarioDocument,
} from '@startex/shared';

type Evaluation = ExerciseReview['evaluation'];
type Reconciled = Extract<LogEntry, { type: 'rating.reconciled' }>;

const subjectKey = (subject: RatingSubject) => `${subject.kind}:${subject.id}`;
const actorId = (actor: Actor) => (actor.kind === 'system' ? 'system' : actor.kind === 'participant' ? (actor.userId ?? `team:${actor.teamId}`) : actor.id);
const actorName = (actor: Actor) => (actor.kind === 'controller' || actor.kind === 'evaluator' ? actor.name : undefined);
const noRatings = (): RatingCounts => ({ P: 0, S: 0, M: 0, U: 0 });

/**
 * The evaluation guide filled in from the log: observations placed under their critical task
 * (else their objective, else unlinked), each evaluator's current rating of every target and
 * capability (their latest; earlier ones kept as superseded), the final rating (agreed,
 * reconciled by the lead evaluator, or a conflict waiting for them), and the roll-ups
 * player -> team -> capability. A capability is a scenario objective.
 */
export function evaluation(
  scenario: ScenarioDocument,
  entries: readonly LogEntry[],
): { evaluation: Evaluation; rollups: CapabilityRollup[]; feedback: FeedbackReview[] } {
  const observations: ObservationReview[] = [];
  const ratings = new Map<string, RatingRecord[]>();
  const reconciled = new Map<string, Reconciled>();
  const feedback: FeedbackReview[] = [];
  const actionEntries: Extract<LogEntry, { type: 'action.taken' }>[] = [];
  const injectReleases = new Map<string, number>();
  let ended = false;
  for (const entry of entries) {
    switch (entry.type) {
      case 'exercise.ended':
        ended = true;
        break;
      case 'inject.released':
        if (!injectReleases.has(entry.inject.id)) injectReleases.set(entry.inject.id, entry.seq);
        break;
      case 'action.taken':
        actionEntries.push(entry);
        break;
      case 'observation.recorded': {
        const name = actorName(entry.actor);
        observations.push({
          seq: entry.seq,
          observationId: entry.observationId,
          observedAtMs: entry.observedAtMs,
          recordedAtMs: entry.exerciseTimeMs,
          evaluatorId: actorId(entry.actor),
          ...(name !== undefined ? { evaluatorName: name } : {}),
          ...(entry.teamId !== undefined ? { teamId: entry.teamId } : {}),
          ...(entry.injectId !== undefined ? { injectId: entry.injectId } : {}),
          ...(entry.objectiveId !== undefined ? { objectiveId: entry.objectiveId } : {}),
          ...(entry.taskId !== undefined ? { taskId: entry.taskId } : {}),
          kind: entry.kind,
          ...(entry.rating !== undefined ? { rating: entry.rating } : {}),
          text: entry.text,
          postExercise: ended,
        });
        break;
      }
      case 'rating.recorded': {
        const key = subjectKey(entry.subject);
        const name = actorName(entry.actor);
        const list = ratings.get(key) ?? [];
        list.push({
          seq: entry.seq,
          evaluatorId: actorId(entry.actor),
          ...(name !== undefined ? { evaluatorName: name } : {}),
          rating: entry.rating,
          reason: entry.reason,
          atMs: entry.exerciseTimeMs,
        });
        ratings.set(key, list);
        break;
      }
      case 'rating.reconciled':
        reconciled.set(subjectKey(entry.subject), entry);
        break;
      case 'feedback.submitted':
        feedback.push({
          seq: entry.seq,
          teamId: entry.teamId,
          ...(entry.actor.kind === 'participant' && entry.actor.userId !== undefined ? { userId: entry.actor.userId } : {}),
          atMs: entry.exerciseTimeMs,
          wentWell: entry.wentWell,
          toImprove: entry.toImprove,
          objectives: entry.objectives,
        });
        break;
      default:
        break;
    }
  }

  const rated = (subject: RatingSubject): Rated => {
    const all = ratings.get(subjectKey(subject)) ?? [];
    const latest = new Map<string, RatingRecord>();
    for (const r of all) latest.set(r.evaluatorId, r);
    const current = [...latest.values()].sort((a, b) => a.seq - b.seq);
    const superseded = all.filter((r) => !current.includes(r));
    return { ratings: current, superseded, final: finalRating(current, reconciled.get(subjectKey(subject))) };
  };

  // Where an observation goes: the task it names (within its objective, if it names one too).
  const taskHome = new Map<string, { objectiveId: string; targetId: string }>();
  for (const o of scenario.objectives) for (const t of o.capabilityTargets) for (const task of t.criticalTasks) taskHome.set(`${o.id}/${task.id}`, { objectiveId: o.id, targetId: t.id });
  const homeOf = (obs: ObservationReview): string | undefined => {
    if (obs.taskId === undefined) return undefined;
    const objective = obs.objectiveId ?? scenario.objectives.find((o) => o.capabilityTargets.some((t) => t.criticalTasks.some((c) => c.id === obs.taskId)))?.id;
    return objective !== undefined && taskHome.has(`${objective}/${obs.taskId}`) ? `${objective}/${obs.taskId}` : undefined;
  };
  const byTask = new Map<string, ObservationReview[]>();
  const byObjective = new Map<string, ObservationReview[]>();
  const unlinked: ObservationReview[] = [];
  for (const obs of observations) {
    const home = homeOf(obs);
    if (home) byTask.set(home, [...(byTask.get(home) ?? []), obs]);
    else if (obs.objectiveId !== undefined && scenario.objectives.some((o) => o.id === obs.objectiveId)) {
      byObjective.set(obs.objectiveId, [...(byObjective.get(obs.objectiveId) ?? []), obs]);
    } else unlinked.push(obs);
  }

  const actionTasks = new Map(scenario.actions.map((a) => [a.id, a.criticalTasks]));
  const injectTasks = new Map(scenario.injects.map((i) => [i.id, i.criticalTasks]));
  let covered = 0;
  let taskCount = 0;
  const capabilities: CapabilityReview[] = scenario.objectives.map((objective) => ({
    id: objective.id,
    title: objective.title,
    targets: objective.capabilityTargets.map((target) => ({
      id: target.id,
      title: target.title,
      tasks: target.criticalTasks.map((task) => {
        const taskObservations = byTask.get(`${objective.id}/${task.id}`) ?? [];
        taskCount++;
        if (taskObservations.length > 0) covered++;
        return {
          id: task.id,
          title: task.title,
          observations: taskObservations,
          evidence: {
            injectSeqs: [...injectReleases].filter(([id]) => injectTasks.get(id)?.includes(task.id)).map(([, s]) => s).sort((a, b) => a - b),
            actionSeqs: actionEntries.filter((a) => actionTasks.get(a.actionId)?.includes(task.id)).map((a) => a.seq),
          },
          covered: taskObservations.length > 0,
        };
      }),
      ...rated({ kind: 'target', id: target.id }),
    })),
    observations: byObjective.get(objective.id) ?? [],
    ...rated({ kind: 'capability', id: objective.id }),
  }));

  const distribution = { targets: noRatings(), capabilities: noRatings() };
  for (const c of capabilities) {
    if (c.final.rating) distribution.capabilities[c.final.rating]++;
    for (const t of c.targets) if (t.final.rating) distribution.targets[t.final.rating]++;
  }

  const rollups: CapabilityRollup[] = capabilities.map((capability) => {
    const objective = scenario.objectives.find((o) => o.id === capability.id)!;
    const tasks = new Set(objective.capabilityTargets.flatMap((t) => t.criticalTasks.map((c) => c.id)));
    const here = [...capability.observations, ...capability.targets.flatMap((t) => t.tasks.flatMap((task) => task.observations))].sort((a, b) => a.seq - b.seq);
    return {
      capabilityId: capability.id,
      final: capability.final,
      teams: scenario.teams.map((team) => {
        const acts = actionEntries.filter((a) => a.teamId === team.id && (actionTasks.get(a.actionId) ?? []).some((t) => tasks.has(t)));
        const players = new Map<string, number[]>();
        for (const a of acts) {
          const player = a.actor.kind === 'participant' && a.actor.userId !== undefined ? a.actor.userId : a.actor.kind === 'participant' ? 'tablet' : actorId(a.actor);
          players.set(player, [...(players.get(player) ?? []), a.seq]);
        }
        const teamObservations = here.filter((o) => o.teamId === team.id);
        const observationRatings = noRatings();
        for (const o of teamObservations) if (o.rating) observationRatings[o.rating]++;
        return {
          teamId: team.id,
          players: [...players].sort(([a], [b]) => a.localeCompare(b)).map(([playerId, seqs]) => ({ playerId, actions: seqs.length, actionSeqs: seqs })),
          actions: acts.length,
          observations: {
            strength: teamObservations.filter((o) => o.kind === 'strength').length,
            'area-for-improvement': teamObservations.filter((o) => o.kind === 'area-for-improvement').length,
            note: teamObservations.filter((o) => o.kind === 'note').length,
          },
          observationRatings,
          observationSeqs: teamObservations.map((o) => o.seq),
        };
      }),
    };
  });

  return { evaluation: { capabilities, unlinked, coverage: { covered, of: taskCount }, distribution }, rollups, feedback };
}

function finalRating(current: RatingRecord[], reconciliation: Reconciled | undefined): FinalRating {
  if (reconciliation) {
    const name = actorName(reconciliation.actor);
    return {
      status: 'reconciled',
      rating: reconciliation.rating,
      reconciliation: {
        seq: reconciliation.seq,
        by: actorId(reconciliation.actor),
        ...(name !== undefined ? { byName: name } : {}),
        reason: reconciliation.reason,
        consideredSeqs: reconciliation.consideredSeqs,
        atMs: reconciliation.exerciseTimeMs,
      },
    };
  }
  if (current.length === 0) return { status: 'unrated' };
  const distinct = new Set(current.map((r) => r.rating));
  return distinct.size === 1 ? { status: 'agreed', rating: current[0]!.rating } : { status: 'conflict' };
}
