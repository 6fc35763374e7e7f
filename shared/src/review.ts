import { z } from 'zod';
import { ObservationFields, Rating, RatingSubject } from './logEntry.ts';
import { ExerciseStatus as ProtocolExerciseStatus } from './protocol.ts';
import { InjectKind } from './scenario/document.ts';
import { inputId, inputText, inputTextRule } from './text.ts';

// protocol.ts imports the bodies below (socket event schemas), so its values are read lazily.
const ExerciseStatus = z.lazy(() => ProtocolExerciseStatus);

/**
 * The after-action review: everything computed from an exercise's log by
 * server/src/review/computeReview.ts. Every figure names the log seqs it comes from, so that
 * anyone can check it against the log. Times are exercise time in ms (scenario-clock ms since
 * StartEx); durations are ms.
 */

/** A released inject is on time within this much of its scheduled scenario time. */
export const ON_TIME_TOLERANCE_MS = 60_000;

const seq = z.number().int().positive();

/** One recipient team of an inject: the chain released -> delivered -> acknowledged -> first action. */
export const InjectTeamLatency = z.object({
  teamId: z.string(),
  deliveredAtMs: z.number().optional(),
  deliveredSeq: seq.optional(),
  acknowledgedAtMs: z.number().optional(),
  acknowledgedSeq: seq.optional(),
  /** The team's first action taken from this inject, or answering one of its critical tasks. */
  firstActionAtMs: z.number().optional(),
  firstActionSeq: seq.optional(),
  releaseToDeliveryMs: z.number().optional(),
  releaseToAcknowledgeMs: z.number().optional(),
  releaseToActionMs: z.number().optional(),
});
export type InjectTeamLatency = z.infer<typeof InjectTeamLatency>;

export const Timeliness = z.enum(['on-time', 'late', 'early', 'unscheduled', 'not-released']);
export type Timeliness = z.infer<typeof Timeliness>;

export const InjectReview = z.object({
  injectId: z.string(),
  number: z.number().int(),
  subject: z.string(),
  kind: InjectKind,
  adHoc: z.boolean(),
  /** From the inject's planned scenario time (MSEL), in exercise time. */
  scheduledAtMs: z.number().optional(),
  releasedAtMs: z.number().optional(),
  releasedSeq: seq.optional(),
  /** How late (wall-clock milliseconds) the scenario timer that released it fired, when it was late (releaseLateByWallMs). */
  lateByWallMs: z.number().optional(),
  /** releasedAtMs - scheduledAtMs. */
  deviationMs: z.number().optional(),
  timeliness: Timeliness,
  held: z.object({ reason: z.string(), seq }).optional(),
  skipped: z.object({ reason: z.string(), seq }).optional(),
  teams: z.array(InjectTeamLatency),
});
export type InjectReview = z.infer<typeof InjectReview>;

/** Medians over a team's injects; `of` is how many values each median is over. */
export const LatencySummary = z.object({ medianMs: z.number().optional(), maxMs: z.number().optional(), of: z.number().int() });
export type LatencySummary = z.infer<typeof LatencySummary>;

export const TeamReview = z.object({
  teamId: z.string(),
  name: z.string(),
  injectsReceived: z.number().int(),
  delivered: z.number().int(),
  acknowledged: z.number().int(),
  actedUpon: z.number().int(),
  actions: z.number().int(),
  messagesSent: z.number().int(),
  releaseToDelivery: LatencySummary,
  releaseToAcknowledge: LatencySummary,
  releaseToAction: LatencySummary,
});
export type TeamReview = z.infer<typeof TeamReview>;

export const MetricStatus = z.enum(['met', 'not-met', 'no-data']);
export type MetricStatus = z.infer<typeof MetricStatus>;

/** A scenario metric for one team (or for the exercise when the metric is not per team). */
export const MetricResult = z.object({
  teamId: z.string().optional(),
  fromAtMs: z.number().optional(),
  fromSeq: seq.optional(),
  toAtMs: z.number().optional(),
  toSeq: seq.optional(),
  /** (to - from) in the metric's unit, rounded to 0.1. */
  value: z.number().optional(),
  status: MetricStatus,
});
export type MetricResult = z.infer<typeof MetricResult>;

export const MetricReview = z.object({
  metricId: z.string(),
  title: z.string(),
  /**
   * What a result's value is: a duration in `unit` (no kind); 1 (yes) or 0 (no); a count; or
   * (every-team) the minutes after StartEx a team first did it, with a result for all teams whose
   * value is how many did.
   */
  kind: z.enum(['yes-no', 'count', 'every-team']).optional(),
  unit: z.enum(['minutes', 'seconds']),
  target: z.number(),
  /** How a value meets the target, when not "at most" (`between`: from target to targetMax). */
  comparison: z.enum(['at-least', 'equals', 'between']).optional(),
  targetMax: z.number().optional(),
  perTeam: z.boolean(),
  results: z.array(MetricResult),
});
export type MetricReview = z.infer<typeof MetricReview>;

/** A scenario state (phase) active from one exercise time to another, for the Gantt; `title` is its path in the scenario's titles. */
export const PhaseSpan = z.object({ state: z.string(), title: z.string(), fromMs: z.number(), toMs: z.number().optional(), enteredSeq: seq });
export type PhaseSpan = z.infer<typeof PhaseSpan>;

export const ObservationReview = ObservationFields.extend({
  seq,
  recordedAtMs: z.number(),
  evaluatorId: z.string(),
  evaluatorName: z.string().optional(),
  /** Recorded after EndEx. */
  postExercise: z.boolean(),
});
export type ObservationReview = z.infer<typeof ObservationReview>;

export const RatingRecord = z.object({
  seq,
  evaluatorId: z.string(),
  evaluatorName: z.string().optional(),
  rating: Rating,
  reason: z.string(),
  atMs: z.number(),
});
export type RatingRecord = z.infer<typeof RatingRecord>;

/**
 * agreed: every current rating is the same; reconciled: the lead evaluator chose; conflict:
 * ratings differ and wait for the lead evaluator; unrated: none yet.
 */
export const FinalRatingStatus = z.enum(['agreed', 'reconciled', 'conflict', 'unrated']);
export const FinalRating = z.object({
  status: FinalRatingStatus,
  rating: Rating.optional(),
  /** The reconciliation entry, when reconciled. */
  reconciliation: z
    .object({ seq, by: z.string(), byName: z.string().optional(), reason: z.string(), consideredSeqs: z.array(seq), atMs: z.number() })
    .optional(),
});
export type FinalRating = z.infer<typeof FinalRating>;

/** Each evaluator's current rating (their latest) of one subject, and the final one. */
export const Rated = z.object({ ratings: z.array(RatingRecord), superseded: z.array(RatingRecord), final: FinalRating });
export type Rated = z.infer<typeof Rated>;

export const CriticalTaskReview = z.object({
  id: z.string(),
  title: z.string(),
  observations: z.array(ObservationReview),
  /** Released injects and actions taken that carry this critical task. */
  evidence: z.object({ injectSeqs: z.array(seq), actionSeqs: z.array(seq) }),
  /** At least one evaluator observation. */
  covered: z.boolean(),
});
export type CriticalTaskReview = z.infer<typeof CriticalTaskReview>;

export const CapabilityTargetReview = z.object({ id: z.string(), title: z.string(), tasks: z.array(CriticalTaskReview) }).merge(Rated);
export type CapabilityTargetReview = z.infer<typeof CapabilityTargetReview>;

/** A scenario objective, rated as a capability; observations linked to it but to no task sit here. */
export const CapabilityReview = z
  .object({ id: z.string(), title: z.string(), targets: z.array(CapabilityTargetReview), observations: z.array(ObservationReview) })
  .merge(Rated);
export type CapabilityReview = z.infer<typeof CapabilityReview>;

const RatingCounts = z.object({ P: z.number().int(), S: z.number().int(), M: z.number().int(), U: z.number().int() });
export type RatingCounts = z.infer<typeof RatingCounts>;
const KindCounts = z.object({ strength: z.number().int(), 'area-for-improvement': z.number().int(), note: z.number().int() });

/** Who acted in a team: a signed-in participant (userId), or the team's shared tablet. */
export const PlayerRollup = z.object({ playerId: z.string(), actions: z.number().int(), actionSeqs: z.array(seq) });
export const TeamRollup = z.object({
  teamId: z.string(),
  players: z.array(PlayerRollup),
  /** Actions carrying one of the capability's critical tasks. */
  actions: z.number().int(),
  observations: KindCounts,
  /** Ratings evaluators attached to observations of this team here. */
  observationRatings: RatingCounts,
  observationSeqs: z.array(seq),
});
export const CapabilityRollup = z.object({ capabilityId: z.string(), final: FinalRating, teams: z.array(TeamRollup) });
export type CapabilityRollup = z.infer<typeof CapabilityRollup>;

export const FeedbackReview = z.object({
  seq,
  teamId: z.string(),
  userId: z.string().optional(),
  /** The signed-in participant's display name, looked up when the review is served (not part of the log). */
  userName: z.string().optional(),
  atMs: z.number(),
  wentWell: z.string(),
  toImprove: z.string(),
  objectives: z.array(z.object({ objectiveId: z.string(), wentWell: z.string(), toImprove: z.string() })),
});
export type FeedbackReview = z.infer<typeof FeedbackReview>;

export const ExerciseReview = z.object({
  exerciseId: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.number().int(),
  /** The review covers the log up to this seq. */
  lastSeq: z.number().int().nonnegative(),
  status: ExerciseStatus,
  startedAtMs: z.number().optional(),
  endedAtMs: z.number().optional(),
  phases: z.array(PhaseSpan),
  injects: z.array(InjectReview),
  teams: z.array(TeamReview),
  contingency: z.object({ released: z.array(z.object({ injectId: z.string(), seq, atMs: z.number() })), planned: z.number().int() }),
  metrics: z.array(MetricReview),
  evaluation: z.object({
    capabilities: z.array(CapabilityReview),
    /** Observations linked to no objective or task. */
    unlinked: z.array(ObservationReview),
    /** Critical tasks with an observation, of all. */
    coverage: z.object({ covered: z.number().int(), of: z.number().int() }),
    /** Final ratings of targets and capabilities, counted. */
    distribution: z.object({ targets: RatingCounts, capabilities: RatingCounts }),
  }),
  rollups: z.array(CapabilityRollup),
  feedback: z.array(FeedbackReview),
});
export type ExerciseReview = z.infer<typeof ExerciseReview>;

export const REVIEW_CHARTS = ['response-times', 'phases', 'ratings'] as const;
export const ReviewChartName = z.enum(REVIEW_CHARTS);
export type ReviewChartName = z.infer<typeof ReviewChartName>;
/** The languages a chart or document is drawn in: the interface's (a page asks in its viewer's). */
export const ChartLanguage = z.enum(['en', 'lt']);
export type ChartLanguage = z.infer<typeof ChartLanguage>;

/** Replay: the exercise as the live host had it after the last entry at or before a moment. */
export const ReplayTeamState = z.object({
  teamId: z.string(),
  received: z.array(
    z.object({
      injectId: z.string(),
      number: z.number().int(),
      subject: z.string(),
      releasedSeq: seq,
      status: z.enum(['released', 'delivered', 'acknowledged', 'acted']),
    }),
  ),
  actions: z.array(z.object({ seq, atMs: z.number(), actionId: z.string(), injectId: z.string().optional() })),
  actionCount: z.number().int(),
});
export const ReplayMoment = z.object({
  atMs: z.number(),
  lastSeq: z.number().int().nonnegative(),
  /** Exercise time of the last entry folded (at or before atMs). */
  exerciseTimeMs: z.number(),
  status: ExerciseStatus,
  states: z.array(z.string()),
  flags: z.record(z.string(), z.boolean()),
  counters: z.record(z.string(), z.number()),
  timers: z.record(z.string(), z.number()),
  held: z.record(z.string(), z.string()),
  skipped: z.record(z.string(), z.string()),
  teams: z.array(ReplayTeamState),
  /** Controllers' and the director's entries up to the moment (the latest 30), and how many in all. */
  control: z.object({
    recent: z.array(z.object({ seq, atMs: z.number(), type: z.string(), by: z.string(), summary: z.string() })),
    count: z.number().int(),
  }),
  /** First and last exercise time of the log, for the slider. */
  span: z.object({ fromMs: z.number(), toMs: z.number(), lastSeq: z.number().int().nonnegative() }),
});
export type ReplayMoment = z.infer<typeof ReplayMoment>;

// Inbound bodies
const text = inputText;
/** Not trimmed, so that the total below counts what was sent (the tablet trims before sending). */
const optionalText = (max: number) => inputTextRule(z.string().max(max));
const key = inputTextRule(z.string().min(8).max(100));
const id = inputId(64);
/** All of a hot-wash together: what fits in one tablet message (MAX_CLIENT_FRAME_BYTES, 3 bytes a character). */
const FEEDBACK_MAX_CHARACTERS = 40_000;

export const ReplayQuery = z.union([
  z.strictObject({ atMs: z.coerce.number().int().nonnegative().max(60 * 24 * 3_600_000) }),
  z.strictObject({ atSeq: z.coerce.number().int().nonnegative() }),
]);
export type ReplayQuery = z.infer<typeof ReplayQuery>;

export const RecordRatingBody = z.strictObject({
  subject: z.strictObject({ kind: RatingSubject.shape.kind, id }),
  rating: Rating,
  reason: text(5000),
  idempotencyKey: key,
});
export type RecordRatingBody = z.infer<typeof RecordRatingBody>;

/** The director's reconciled rating has the same shape as an evaluator's rating. */
export const ReconcileRatingBody = RecordRatingBody;
export type ReconcileRatingBody = z.infer<typeof ReconcileRatingBody>;

export const SubmitFeedbackBody = z
  .strictObject({
    wentWell: optionalText(5000),
    toImprove: optionalText(5000),
    objectives: z.array(z.strictObject({ objectiveId: id, wentWell: optionalText(2000), toImprove: optionalText(2000) })).max(50),
    idempotencyKey: key,
  })
  .refine(
    (f) => [f.wentWell, f.toImprove, ...f.objectives.flatMap((o) => [o.wentWell, o.toImprove])].some((t) => t.trim().length > 0),
    'Write at least one thing that went well or could improve.',
  )
  .refine(
    (f) => [f.wentWell, f.toImprove, ...f.objectives.flatMap((o) => [o.wentWell, o.toImprove])].reduce((sum, t) => sum + t.length, 0) <= FEEDBACK_MAX_CHARACTERS,
    `Write at most ${FEEDBACK_MAX_CHARACTERS.toLocaleString('en')} characters in all; shorten the longest parts.`,
  );
export type SubmitFeedbackBody = z.infer<typeof SubmitFeedbackBody>;
