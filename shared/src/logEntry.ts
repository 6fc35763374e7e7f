import { z } from 'zod';
import { Attachment, FieldValue, InjectChannel, InjectKind } from './scenario/document.ts';

/** Who caused a log entry. */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system') }),
  /** Exercise control staff: the user's id and name, and their role in the exercise. */
  z.object({ kind: z.literal('controller'), id: z.string(), name: z.string().optional(), role: z.enum(['director', 'controller']).optional() }),
  /** An evaluator recording observations. */
  z.object({ kind: z.literal('evaluator'), id: z.string(), name: z.string().optional() }),
  /** A team; `userId` when a signed-in participant rather than a shared tablet. */
  z.object({ kind: z.literal('participant'), teamId: z.string(), userId: z.string().optional() }),
]);
export type Actor = z.infer<typeof Actor>;

/** An inject as released: the copy participants see, frozen at release time. */
export const ReleasedInject = z.object({
  id: z.string(),
  number: z.number().int(),
  channel: InjectChannel,
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  kind: InjectKind,
  /** Written by a controller during play rather than taken from the scenario. */
  adHoc: z.boolean().optional(),
  attachments: z.array(Attachment).optional(),
});
export type ReleasedInject = z.infer<typeof ReleasedInject>;

/** Who a message is from: a team, a simulated organisation played by the SimCell, or exercise control. */
export const Party = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team'), teamId: z.string() }),
  z.object({ kind: z.literal('simcell'), organisationId: z.string() }),
  z.object({ kind: z.literal('control') }),
]);
export type Party = z.infer<typeof Party>;

/** Recipients of a message: teams and simulated organisations, or everyone. */
export const Recipients = z.object({
  all: z.boolean().optional(),
  teams: z.array(z.string()),
  organisations: z.array(z.string()),
});
export type Recipients = z.infer<typeof Recipients>;

const reason = z.string();

/** HSEEP's four-level rating: Performed without challenges, with Some, with Major challenges, Unable. */
export const Rating = z.enum(['P', 'S', 'M', 'U']);
export type Rating = z.infer<typeof Rating>;
export const ObservationKind = z.enum(['strength', 'area-for-improvement', 'note']);
export type ObservationKind = z.infer<typeof ObservationKind>;
/** What an evaluator rates: a capability target, or a capability (a scenario objective). */
export const RatingSubject = z.object({ kind: z.enum(['target', 'capability']), id: z.string() });
export type RatingSubject = z.infer<typeof RatingSubject>;

/** What happened, as a tagged union; the envelope (seq, times, actor) is added on append. */
/** What an evaluator records about play; the log entry and the review's observations share it. */
export const ObservationFields = z.object({
  observationId: z.string(),
  /** Exercise time the evaluator saw it (may be before the entry's own time). */
  observedAtMs: z.number(),
  teamId: z.string().optional(),
  injectId: z.string().optional(),
  objectiveId: z.string().optional(),
  taskId: z.string().optional(),
  kind: ObservationKind,
  rating: Rating.optional(),
  text: z.string(),
});

export const LogEvent = z.discriminatedUnion('type', [
  // Lifecycle and clock
  z.object({ type: z.literal('exercise.readied') }),
  z.object({ type: z.literal('exercise.started'), speed: z.number().positive(), scenarioStartMs: z.number() }),
  z.object({ type: z.literal('exercise.paused') }),
  /** `reason`: why play may go on after a real-world emergency halt (required then; absent in older logs). */
  z.object({ type: z.literal('exercise.resumed'), reason: reason.optional() }),
  /** Real-world emergency: everything stops until the director resumes. */
  z.object({ type: z.literal('exercise.halted'), reason }),
  z.object({ type: z.literal('exercise.ended') }),
  z.object({ type: z.literal('exercise.closed') }),
  z.object({ type: z.literal('clock.jumped'), toExerciseMs: z.number() }),
  /** Control changed the speed: from this entry's exercise time the clock runs `speed` times the wall clock. */
  z.object({ type: z.literal('clock.speed.changed'), speed: z.number().positive() }),
  // The scenario machine
  z.object({ type: z.literal('state.entered'), states: z.array(z.string()) }),
  z.object({ type: z.literal('timer.fired'), timer: z.string(), dueExerciseMs: z.number() }),
  z.object({ type: z.literal('decision.made'), decision: z.string() }),
  z.object({ type: z.literal('milestone.reached'), milestone: z.string() }),
  // Injects
  /**
   * A scenario timer that fired late: `lateByWallMs`, wall-clock milliseconds between the moment it
   * was due and the release. Entries written before it carry `lateByMs` instead, in exercise
   * milliseconds (wall milliseconds x speed); read either with releaseLateByWallMs().
   */
  z.object({ type: z.literal('inject.released'), inject: ReleasedInject, lateByWallMs: z.number().optional(), lateByMs: z.number().optional() }),
  z.object({ type: z.literal('inject.held'), injectId: z.string(), reason }),
  z.object({ type: z.literal('inject.skipped'), injectId: z.string(), reason }),
  z.object({ type: z.literal('inject.edited'), injectId: z.string(), subject: z.string().optional(), body: z.string().optional() }),
  /** The scenario called for an inject that is held, skipped or already out. */
  z.object({ type: z.literal('inject.suppressed'), injectId: z.string(), because: z.enum(['held', 'skipped', 'already-released']) }),
  z.object({ type: z.literal('inject.delivered'), injectId: z.string(), teamId: z.string() }),
  z.object({ type: z.literal('inject.acknowledged'), injectId: z.string(), teamId: z.string() }),
  // Play and communication
  z.object({
    type: z.literal('action.taken'),
    actionId: z.string(),
    teamId: z.string(),
    fields: z.record(z.string(), FieldValue),
    /** The inject this action answers, when the participant took it from that inject. */
    injectId: z.string().optional(),
    idempotencyKey: z.string(),
  }),
  z.object({
    type: z.literal('message.sent'),
    messageId: z.string(),
    from: Party,
    to: Recipients,
    text: z.string(),
    replyTo: z.string().optional(),
    idempotencyKey: z.string().optional(),
  }),
  z.object({ type: z.literal('note.added'), text: z.string() }),
  // Communications check before StartEx: logged, but not part of play (MSEL, metrics, inject progress ignore it)
  z.object({ type: z.literal('commscheck.sent'), checkId: z.string(), teams: z.array(z.string()), text: z.string() }),
  z.object({ type: z.literal('commscheck.acknowledged'), checkId: z.string(), teamId: z.string() }),
  z.object({ type: z.literal('commscheck.confirmed'), checkId: z.string(), acknowledgedTeams: z.array(z.string()) }),
  // Evaluation
  ObservationFields.extend({ type: z.literal('observation.recorded'), idempotencyKey: z.string() }),
  /** An evaluator's rating of a target or capability; a later one by the same evaluator replaces it. */
  z.object({ type: z.literal('rating.recorded'), subject: RatingSubject, rating: Rating, reason: z.string(), idempotencyKey: z.string() }),
  /** The lead evaluator's final rating; the ratings considered (their seqs) stay in the log beside it. */
  z.object({
    type: z.literal('rating.reconciled'),
    subject: RatingSubject,
    rating: Rating,
    reason: z.string(),
    consideredSeqs: z.array(z.number().int()),
    idempotencyKey: z.string(),
  }),
  /** A participant's hot-wash after EndEx: what went well, what to improve, per objective. */
  z.object({
    type: z.literal('feedback.submitted'),
    teamId: z.string(),
    wentWell: z.string(),
    toImprove: z.string(),
    objectives: z.array(z.object({ objectiveId: z.string(), wentWell: z.string(), toImprove: z.string() })),
    idempotencyKey: z.string(),
  }),
]);
export type LogEvent = z.infer<typeof LogEvent>;
export type LogEventType = LogEvent['type'];

export const LogEnvelope = z.object({
  exerciseId: z.string(),
  /** Gapless per exercise, from 1. */
  seq: z.number().int().positive(),
  wallTime: z.number(),
  exerciseTimeMs: z.number(),
  scenarioTimeMs: z.number(),
  actor: Actor,
});
export type LogEnvelope = z.infer<typeof LogEnvelope>;

export type LogEntry = LogEnvelope & LogEvent;

/**
 * How late, in wall-clock milliseconds, a scenario timer released an inject (undefined: on time,
 * or not released by a timer). Older entries said it in exercise milliseconds; `speed`, the speed
 * in force when it was released (speedAfter), turns them into wall time.
 */
export function releaseLateByWallMs(release: { lateByWallMs?: number | undefined; lateByMs?: number | undefined }, speed: number): number | undefined {
  if (release.lateByWallMs !== undefined) return release.lateByWallMs;
  return release.lateByMs === undefined ? undefined : Math.round(release.lateByMs / speed);
}

/** The clock's speed once `entry` is applied: StartEx sets it, control may change it. */
export function speedAfter(speed: number, entry: LogEntry): number {
  return entry.type === 'exercise.started' || entry.type === 'clock.speed.changed' ? entry.speed : speed;
}
export const LogEntry: z.ZodType<LogEntry> = z.intersection(LogEnvelope, LogEvent) as z.ZodType<LogEntry>;
