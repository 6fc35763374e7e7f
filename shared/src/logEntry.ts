import { z } from 'zod';
import { InjectChannel, InjectKind } from './scenario/document.ts';

/** Who caused a log entry. */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system') }),
  z.object({ kind: z.literal('controller'), id: z.string() }),
  z.object({ kind: z.literal('participant'), teamId: z.string() }),
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
});
export type ReleasedInject = z.infer<typeof ReleasedInject>;

/** What happened, as a tagged union; the envelope (seq, times, actor) is added on append. */
export const LogEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exercise.started'), speed: z.number().positive(), scenarioStartMs: z.number() }),
  z.object({ type: z.literal('exercise.paused') }),
  z.object({ type: z.literal('exercise.resumed') }),
  z.object({ type: z.literal('exercise.ended') }),
  z.object({ type: z.literal('state.entered'), states: z.array(z.string()) }),
  z.object({ type: z.literal('timer.fired'), timer: z.string(), dueExerciseMs: z.number() }),
  z.object({ type: z.literal('milestone.reached'), milestone: z.string() }),
  z.object({ type: z.literal('inject.released'), inject: ReleasedInject, lateByMs: z.number().optional() }),
  z.object({ type: z.literal('inject.delivered'), injectId: z.string(), teamId: z.string() }),
  z.object({ type: z.literal('inject.acknowledged'), injectId: z.string(), teamId: z.string() }),
  z.object({
    type: z.literal('action.taken'),
    actionId: z.string(),
    teamId: z.string(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
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
export const LogEntry: z.ZodType<LogEntry> = z.intersection(LogEnvelope, LogEvent) as z.ZodType<LogEntry>;
