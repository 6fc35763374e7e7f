import {
  StartexError,
  type LogEvent,
  type RatingSubject,
  type ReconcileRatingBody,
  type RecordObservation,
  type RecordRatingBody,
  type ScenarioDocument,
  type SubmitFeedbackBody,
} from '@startex/shared';
import type { ExerciseState } from './ExerciseState.ts';
import { subjectKey } from './fold.ts';
import { checkRecipients } from './scenarioRefs.ts';

/*
 * Evaluation inputs (observations, ratings, reconciliations, hot-wash feedback), decided on the
 * scenario and the folded state. Each returns the event to log or throws a catalogue error.
 */

/** An evaluator's observation, during play or after it (post-exercise observations). */
export function observationRecorded(s: ExerciseState, input: RecordObservation): LogEvent {
  const { document } = s.scenario;
  if (s.status === 'draft' || s.status === 'ready' || s.status === 'closed') throw new StartexError('EXERCISE_NOT_LIVE');
  if (input.teamId !== undefined) checkRecipients(document, [input.teamId], []);
  if (input.injectId !== undefined && !s.injects.get(input.injectId)?.inject) throw new StartexError('INJECT_NOT_RELEASED', undefined, 'injectId');
  const objective = input.objectiveId === undefined ? undefined : document.objectives.find((o) => o.id === input.objectiveId);
  if (input.objectiveId !== undefined && !objective) throw new StartexError('VALIDATION_FAILED', `No objective "${input.objectiveId}".`, 'objectiveId');
  if (input.taskId !== undefined) {
    const tasks = (objective ? [objective] : document.objectives).flatMap((o) => o.capabilityTargets.flatMap((c) => c.criticalTasks));
    if (!tasks.some((t) => t.id === input.taskId)) throw new StartexError('VALIDATION_FAILED', `No critical task "${input.taskId}" here.`, 'taskId');
  }
  return { type: 'observation.recorded', observationId: `o${s.lastSeq + 1}`, ...input };
}

/** An evaluator's P/S/M/U rating of a capability target or capability, during play or after it. */
export function ratingRecorded(s: ExerciseState, input: RecordRatingBody): LogEvent {
  checkReviewOpen(s);
  checkRatingSubject(s.scenario.document, input.subject);
  return { type: 'rating.recorded', ...input };
}

/**
 * The director's final rating (StartEx has no lead-evaluator role): the evaluators' current ratings of
 * the subject are named beside it; where no evaluator has rated, the director rates it, considering none.
 */
export function ratingReconciled(s: ExerciseState, input: ReconcileRatingBody): LogEvent {
  checkReviewOpen(s);
  checkRatingSubject(s.scenario.document, input.subject);
  const consideredSeqs = Object.values(s.ratings.get(subjectKey(input.subject)) ?? {}).sort((a, b) => a - b);
  return { type: 'rating.reconciled', ...input, consideredSeqs };
}

/** A team's hot-wash feedback, after EndEx only. */
export function feedbackSubmitted(s: ExerciseState, teamId: string, input: SubmitFeedbackBody): LogEvent {
  const { document } = s.scenario;
  if (s.status !== 'ended') throw new StartexError('EXERCISE_NOT_ENDED');
  checkRecipients(document, [teamId], []);
  for (const o of input.objectives) {
    if (!document.objectives.some((x) => x.id === o.objectiveId)) {
      throw new StartexError('VALIDATION_FAILED', `No objective "${o.objectiveId}".`, 'objectives');
    }
  }
  return { type: 'feedback.submitted', teamId, ...input };
}

/** Evaluation goes on from StartEx until the exercise is closed (post-exercise ratings after EndEx). */
function checkReviewOpen(s: ExerciseState): void {
  if (s.status === 'draft' || s.status === 'ready' || s.status === 'closed') throw new StartexError('EXERCISE_NOT_LIVE');
}

/** A capability is a scenario objective; a target is one of an objective's capability targets. */
function checkRatingSubject(document: ScenarioDocument, subject: RatingSubject): void {
  const { objectives } = document;
  const known =
    subject.kind === 'capability'
      ? objectives.some((o) => o.id === subject.id)
      : objectives.some((o) => o.capabilityTargets.some((t) => t.id === subject.id));
  if (!known) throw new StartexError('UNKNOWN_RATING_SUBJECT', undefined, 'subject');
}
