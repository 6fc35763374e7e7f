import { z } from 'zod';
import { Fact, FieldMatch, TeamRef, TimelineTime } from './timeline.ts';
import { id, shortText } from './vocabulary.ts';

/** An event a duration metric measures from or to: the first occurrence of it in the log. */
export const MetricEvent = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('inject.released'), inject: id }),
  z.strictObject({ on: z.literal('inject.acknowledged'), inject: id }),
  /** The first time the action is taken (by `by`, with field values `where`, when given). */
  z.strictObject({ on: z.literal('action.taken'), action: id, by: TeamRef.optional(), where: z.record(id, FieldMatch).optional() }),
  z.strictObject({ on: z.literal('milestone'), milestone: id }),
  z.strictObject({ on: z.literal('startex') }),
]);
export type MetricEvent = z.infer<typeof MetricEvent>;

const common = { id, title: shortText, perTeam: z.boolean().default(true) };

/** Time from one event to another, against a target. */
export const DurationMetric = z.strictObject({
  ...common,
  kind: z.literal('duration').default('duration'),
  from: MetricEvent,
  to: MetricEvent,
  target: z.number().nonnegative(),
  unit: z.enum(['minutes', 'seconds']),
});

/** Whether something held by EndEx ("the innocent alarm was resolved without escalation"). Per team, facts without `by` mean the team's own. */
export const YesNoMetric = z.strictObject({
  ...common,
  kind: z.literal('yes-no'),
  holds: Fact,
  /** The answer that meets the target. */
  expected: z.boolean().default(true),
});

/** How many times an action was taken, against a target. */
export const CountMetric = z.strictObject({
  ...common,
  kind: z.literal('count'),
  counts: z.strictObject({ action: id, by: TeamRef.optional(), where: z.record(id, FieldMatch).optional() }),
  atLeast: z.number().int().nonnegative().optional(),
  atMost: z.number().int().nonnegative().optional(),
});

/** Every team (of `teams`, default those allowed to take the action) took the action by a time. */
export const EveryTeamMetric = z.strictObject({
  ...common,
  kind: z.literal('every-team'),
  action: id,
  where: z.record(id, FieldMatch).optional(),
  teams: TeamRef.optional(),
  by: TimelineTime,
});

export const Metric = z.union([DurationMetric, YesNoMetric, CountMetric, EveryTeamMetric]);
export type Metric = z.infer<typeof Metric>;

/** A metric's target in words, for documents and briefings: "15 minutes" (or less), "yes", "at least 3", "every team by T+30". */
export function metricTarget(metric: Metric): string {
  switch (metric.kind) {
    case 'duration':
      return `${metric.target} ${metric.unit}`;
    case 'yes-no':
      return metric.expected ? 'yes' : 'no';
    case 'count':
      return [metric.atLeast !== undefined ? `at least ${metric.atLeast}` : '', metric.atMost !== undefined ? `at most ${metric.atMost}` : ''].filter(Boolean).join(' and ');
    case 'every-team':
      return `every team by ${typeof metric.by === 'number' ? `T+${metric.by}` : metric.by}`;
    default: {
      const exhaustive: never = metric;
      return exhaustive;
    }
  }
}
