import { z } from 'zod';
import { noBidiControls } from '../text.ts';

/** The words every part of a scenario document is written in: ids, texts, enums, conditions and effects. */

export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-", starting with a letter');
/** Names, titles, senders and subjects: shown as they are, so no text-direction controls (they can spoof them). */
export const shortText = noBidiControls(z.string().min(1).max(200));
export const longText = z.string().max(20_000);

export const ExerciseType = z.enum(['seminar', 'workshop', 'tabletop', 'game', 'drill', 'functional', 'full-scale', 'field']);
export const SecurityFunction = z.enum(['prevention', 'detection', 'response']);
export const Agency = z.enum([
  'regulator',
  'police',
  'customs',
  'border-guard',
  'fire-rescue',
  'health',
  'crisis-centre',
  'security-service',
  'facility-operator',
  'nssc',
  'other',
]);
export const InjectChannel = z.enum(['email', 'phone', 'radio', 'fax', 'news', 'social', 'sensor', 'document', 'face-to-face']);
export const InjectKind = z.enum(['standard', 'contingency', 'adaptive']);

/** Scenario time written as controllers do: "Day 1 02:30" (minutes since Day 1 00:00 once parsed). */
export const ScenarioClockTime = z
  .string()
  .regex(/^Day [1-9][0-9]? ([01][0-9]|2[0-3]):[0-5][0-9]$/, 'write scenario time as "Day 1 02:30"');

/** A time of day on a form, "14:05" (24-hour clock). */
export const TimeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'write a time of day as "14:05"');

/** A value a participant enters in an action field: text, number, yes/no, or the options picked. */
export const FieldValue = z.union([z.string().max(5000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]);
export type FieldValue = z.infer<typeof FieldValue>;

/** A threshold of a number or time-of-day field. */
const Threshold = z.union([z.number(), TimeOfDay]);

/** Conditions on the machine's context; a closed set evaluated by one named guard. */
export type Condition =
  | { flag: string; equals?: boolean }
  | { counter: string; atLeast: number }
  | { teams: string; atLeast: number }
  | {
      field: string;
      equals?: string | number | boolean;
      atLeast?: number | string;
      atMost?: number | string;
      includes?: string;
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ flag: id, equals: z.boolean().optional() }),
    z.strictObject({ counter: id, atLeast: z.number().int() }),
    /** How many teams a team set holds (see the `addTeam` effect). */
    z.strictObject({ teams: id, atLeast: z.number().int().positive() }),
    z.strictObject({
      field: id,
      equals: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
      atLeast: Threshold.optional(),
      atMost: Threshold.optional(),
      /** A multi-choice field's picks include this option. */
      includes: z.string().max(200).optional(),
    }),
    z.strictObject({ all: z.array(Condition).min(1).max(50) }),
    z.strictObject({ any: z.array(Condition).min(1).max(50) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Effect = z.union([
  z.strictObject({ release: id }),
  z.strictObject({ setFlag: id, value: z.boolean().default(true) }),
  z.strictObject({ increment: id }),
  z.strictObject({ milestone: id }),
  /** Adds the team that took the action (or acknowledged the inject) to a named team set. */
  z.strictObject({ addTeam: id }),
]);
export type Effect = z.infer<typeof Effect>;

/** A file that travels with an inject and is shown inline: a picture or a short text document. */
export const Attachment = z.strictObject({
  name: shortText,
  mediaType: z.enum(['image/png', 'image/jpeg', 'text/plain']),
  /** Base64 of the file's bytes (at most about 300 KB of file). */
  data: z
    .string()
    .max(400_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'attachment data must be base64'),
});
export type Attachment = z.infer<typeof Attachment>;

/** What an inject says and to whom: the columns an MSEL row and a machine-released inject share. */
export const InjectContent = {
  channel: InjectChannel,
  /** A simulated organisation or a team by id (shown by its name), or the sender's name as text. */
  from: shortText,
  /** Team ids, `all`, or team group ids. */
  to: z.array(id).min(1).max(50),
  subject: shortText,
  body: longText,
  expectedActions: z.array(shortText).max(20).default([]),
  criticalTasks: z.array(id).max(20).default([]),
  kind: InjectKind.default('standard'),
  attachments: z.array(Attachment).max(10).default([]),
};
