import { z } from 'zod';
import { Effect, id, InjectContent, shortText, TimeOfDay } from './vocabulary.ts';

/**
 * The timeline (MSEL) form of a scenario: rows of injects at exercise times, with the conditions,
 * decisions and storylines a controller writes in a spreadsheet. scenarios/src/timeline/ compiles
 * it into the statechart form (`machine`), so the runtime only ever plays one machine.
 */

/**
 * When something happens on the exercise clock: `T+45` (minutes after StartEx, `T+1:30` for an
 * hour and a half), a story time `Day 1 10:45` (or `D1 10:45`) against the document's
 * scenarioStart, or a number of minutes.
 */
export const TimelineTime = z.union([
  z.number().nonnegative().max(60 * 24 * 14),
  z.string().regex(/^(T\+\d+(\.\d+)?|T\+\d+:[0-5]\d|(Day ?|D)[1-9]\d? ([01]\d|2[0-3]):[0-5]\d)$/, 'write a time as "T+45", "T+1:30" or "Day 1 10:45"'),
]);
export type TimelineTime = z.infer<typeof TimelineTime>;

/** Minutes after StartEx of a timeline time; `startMinute` is scenarioStart in minutes since Day 1 00:00. */
export function timelineMinutes(time: TimelineTime, startMinute: number): number {
  if (typeof time === 'number') return time;
  const relative = /^T\+(\d+(?:\.\d+)?)(?::(\d\d))?$/.exec(time);
  if (relative) return relative[2] === undefined ? Number(relative[1]) : Number(relative[1]) * 60 + Number(relative[2]);
  const story = /^(?:Day ?|D)(\d+) (\d\d):(\d\d)$/.exec(time);
  if (!story) throw new Error(`Not a timeline time: ${time}`);
  return (Number(story[1]) - 1) * 1440 + Number(story[2]) * 60 + Number(story[3]) - startMinute;
}

/** Who: a team id, a team group id, `all`, or a list of them. */
export const TeamRef = z.union([id, z.array(id).min(1).max(50)]);
export type TeamRef = z.infer<typeof TeamRef>;

/** What an action field must hold: a value, or bounds, or (multi-choice) an option among the picks. */
export const FieldMatch = z.union([
  z.union([z.string().max(200), z.number(), z.boolean()]),
  z.strictObject({
    atLeast: z.union([z.number(), TimeOfDay]).optional(),
    atMost: z.union([z.number(), TimeOfDay]).optional(),
    includes: z.string().max(200).optional(),
    not: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
  }),
]);
export type FieldMatch = z.infer<typeof FieldMatch>;

const minutes = z.number().nonnegative().max(60 * 24 * 14);

/**
 * Something players or control do, from the first time it happens: a row's release, an action taken
 * (by a team, any team, or the last of every team; with field values), an inject acknowledged, a
 * controller decision settled (on an option). A row's clock (`after`) or a deadline (`within`)
 * counts from it.
 */
const MOMENT = {
  inject: { inject: id },
  action: {
    action: id,
    by: TeamRef.optional(),
    every: z.boolean().optional(),
    where: z.record(id, FieldMatch).optional(),
    /** Count the action only once this row has gone out, or from this time on. */
    since: z.union([id, TimelineTime]).optional(),
  },
  acknowledged: { acknowledged: id, by: TeamRef.optional(), every: z.boolean().optional() },
  decision: { decision: id, is: id.optional() },
};
export const Moment = z.union([z.strictObject(MOMENT.inject), z.strictObject(MOMENT.action), z.strictObject(MOMENT.acknowledged), z.strictObject(MOMENT.decision)]);
export type Moment = z.infer<typeof Moment>;

/**
 * When an action counts: only `since` row's release (the inject that asks for it), within
 * `within` minutes of row `of`'s release or of the moment `after`, or before a time.
 */
const Deadline = {
  since: z.union([id, TimelineTime]).optional(),
  within: z.number().positive().max(60 * 24 * 14).optional(),
  /** The row (inject) whose release starts the `within` minutes. */
  of: id.optional(),
  /** Or the moment (an action, an acknowledgement, a decision) whose first occurrence starts them. */
  after: Moment.optional(),
  before: TimelineTime.optional(),
};

/**
 * Something that did or did not happen in play, as a controller says it: "police set the cordon",
 * "every team confirmed its position", "the nuclide reported was I-131", "the director chose B".
 */
export type Fact =
  | {
      action: string;
      by?: TeamRef | undefined;
      every?: boolean | undefined;
      where?: Record<string, FieldMatch> | undefined;
      since?: string | TimelineTime | undefined;
      within?: number | undefined;
      of?: string | undefined;
      after?: Moment | undefined;
      before?: TimelineTime | undefined;
    }
  | { acknowledged: string; by?: TeamRef | undefined; every?: boolean | undefined; within?: number | undefined; after?: Moment | undefined; before?: TimelineTime | undefined }
  | { decision: string; is: string }
  | { released: string }
  | { flag: string; equals?: boolean | undefined }
  | { all: Fact[] }
  | { any: Fact[] }
  | { not: Fact };
export const Fact: z.ZodType<Fact> = z.lazy(() =>
  z.union([
    z.strictObject({ action: id, by: TeamRef.optional(), every: z.boolean().optional(), where: z.record(id, FieldMatch).optional(), ...Deadline }),
    z.strictObject({ acknowledged: id, by: TeamRef.optional(), every: z.boolean().optional(), within: Deadline.within, after: Deadline.after, before: Deadline.before }),
    z.strictObject({ decision: id, is: id }),
    z.strictObject({ released: id }),
    z.strictObject({ flag: id, equals: z.boolean().optional() }),
    z.strictObject({ all: z.array(Fact).min(1).max(50) }),
    z.strictObject({ any: z.array(Fact).min(1).max(50) }),
    z.strictObject({ not: Fact }),
  ]),
);

/** A moment that starts a row's clock, and the minutes after it the row goes out. */
export const Anchor = z.union([
  z.strictObject({ ...MOMENT.inject, minutes: minutes.default(0) }),
  z.strictObject({ ...MOMENT.action, minutes: minutes.default(0) }),
  z.strictObject({ ...MOMENT.acknowledged, minutes: minutes.default(0) }),
  z.strictObject({ ...MOMENT.decision, minutes: minutes.default(0) }),
]);
export type Anchor = z.infer<typeof Anchor>;

/** A controller decision offered when its row is released: options, a deadline, and what happens without a choice. */
export const RowDecision = z.strictObject({
  id,
  title: shortText,
  options: z.array(z.strictObject({ id, title: shortText })).min(2).max(10),
  /** Minutes after the row's release by which the controller must choose. */
  within: z.number().positive().max(60 * 24 * 14),
  /** The option taken when nobody chooses in time. */
  default: id,
});
export type RowDecision = z.infer<typeof RowDecision>;

/** One MSEL row: one inject, when it goes out, and under what condition. */
export const TimelineRow = z.strictObject({
  id,
  /** MSEL event number; by default the row's place among all injects. */
  number: z.number().int().positive().optional(),
  at: TimelineTime.optional(),
  after: Anchor.optional(),
  /** Released only if this holds at its time; `unless` is the opposite (a contingency). */
  when: Fact.optional(),
  unless: Fact.optional(),
  /** The storyline it belongs to (default: the main one). */
  track: id.optional(),
  decision: RowDecision.optional(),
  /** Flags set and milestones marked when the row is released. */
  effects: z.array(Effect).max(20).default([]),
  ...InjectContent,
});
export type TimelineRow = z.infer<typeof TimelineRow>;
export type TimelineRowInput = z.input<typeof TimelineRow>;

/** A storyline: rows that run side by side with the others. */
export const Track = z.strictObject({ id, title: shortText });

/** Named teams, usable wherever a team can be named (`to`, `by`). */
export const TeamGroup = z.strictObject({ id, title: shortText, teams: z.array(id).min(1).max(50) });

/** A flag declared up front with its value at StartEx. */
export const FlagDeclaration = z.strictObject({ id, title: shortText.optional(), initial: z.boolean().default(false) });

/** When play ends: at a time, or some minutes after a moment, when a condition holds; the first one that comes ends it. */
export const EndexRule = z.strictObject({ at: TimelineTime.optional(), after: Anchor.optional(), when: Fact.optional(), unless: Fact.optional() });
export type EndexRule = z.infer<typeof EndexRule>;

