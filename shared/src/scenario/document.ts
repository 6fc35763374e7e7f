import { z } from 'zod';
import { noBidiControls } from '../text.ts';

/**
 * The scenario document: what controllers author. It is data only and compiles to an xstate
 * machine whose actions, guards and delays are all named implementations the server provides,
 * so an uploaded document can never run code.
 */
export const SCENARIO_SCHEMA_VERSION = 2;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-", starting with a letter');
/** Names, titles, senders and subjects: shown as they are, so no text-direction controls (they can spoof them). */
const shortText = noBidiControls(z.string().min(1).max(200));
const longText = z.string().max(20_000);

export const ExerciseType = z.enum([
  'seminar',
  'workshop',
  'tabletop',
  'game',
  'drill',
  'functional',
  'full-scale',
  'field',
]);
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
export const InjectChannel = z.enum([
  'email',
  'phone',
  'radio',
  'fax',
  'news',
  'social',
  'sensor',
  'document',
  'face-to-face',
]);
export const InjectKind = z.enum(['standard', 'contingency', 'adaptive']);

/** Scenario time written as controllers do: "Day 1 02:30" (minutes since Day 1 00:00 once parsed). */
export const ScenarioClockTime = z
  .string()
  .regex(/^Day [1-9][0-9]? ([01][0-9]|2[0-3]):[0-5][0-9]$/, 'write scenario time as "Day 1 02:30"');

export const Team = z.strictObject({ id, name: shortText, agency: Agency });
export const SimulatedOrganisation = z.strictObject({ id, name: shortText });

export const CriticalTask = z.strictObject({ id, title: shortText });
export const CapabilityTarget = z.strictObject({ id, title: shortText, criticalTasks: z.array(CriticalTask).max(50) });
export const Objective = z.strictObject({
  id,
  title: shortText,
  capabilityTargets: z.array(CapabilityTarget).max(50),
});

/** An event a metric measures from or to: the first occurrence of it in the log. */
export const MetricEvent = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('inject.released'), inject: id }),
  z.strictObject({ on: z.literal('inject.acknowledged'), inject: id }),
  z.strictObject({ on: z.literal('action.taken'), action: id }),
  z.strictObject({ on: z.literal('milestone'), milestone: id }),
  z.strictObject({ on: z.literal('startex') }),
]);
export const Metric = z.strictObject({
  id,
  title: shortText,
  from: MetricEvent,
  to: MetricEvent,
  target: z.number().nonnegative(),
  unit: z.enum(['minutes', 'seconds']),
  perTeam: z.boolean().default(true),
});

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

export const Inject = z.strictObject({
  id,
  number: z.number().int().positive(),
  /** Planned story time, for the MSEL; the machine decides when it is actually released. */
  scenarioTime: ScenarioClockTime.optional(),
  channel: InjectChannel,
  from: shortText,
  to: z.array(id).min(1).max(50),
  subject: shortText,
  body: longText,
  expectedActions: z.array(shortText).max(20).default([]),
  criticalTasks: z.array(id).max(20).default([]),
  kind: InjectKind.default('standard'),
  attachments: z.array(Attachment).max(10).default([]),
});

export const ActionField = z.strictObject({
  name: id,
  label: shortText,
  type: z.enum(['text', 'number', 'choice', 'boolean']),
  required: z.boolean().default(true),
  options: z.array(shortText).max(50).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().max(5000).optional(),
});
export const ParticipantAction = z.strictObject({
  id,
  label: shortText,
  teams: z.array(id).min(1).max(50),
  fields: z.array(ActionField).max(30).default([]),
  criticalTasks: z.array(id).max(20).default([]),
});

/** Conditions on the machine's context; a closed set evaluated by one named guard. */
export type Condition =
  | { flag: string; equals?: boolean }
  | { counter: string; atLeast: number }
  | { field: string; equals?: string | number | boolean; atLeast?: number; atMost?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ flag: id, equals: z.boolean().optional() }),
    z.strictObject({ counter: id, atLeast: z.number().int() }),
    z
      .strictObject({
        field: id,
        equals: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
        atLeast: z.number().optional(),
        atMost: z.number().optional(),
      })
      ,
    z.strictObject({ all: z.array(Condition).min(1).max(20) }),
    z.strictObject({ any: z.array(Condition).min(1).max(20) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Effect = z.union([
  z.strictObject({ release: id }),
  z.strictObject({ setFlag: id, value: z.boolean().default(true) }),
  z.strictObject({ increment: id }),
  z.strictObject({ milestone: id }),
]);

export const DelayTransition = z.strictObject({
  /** Scenario minutes after the state was entered. */
  minutes: z.number().positive().max(60 * 24 * 14),
  target: id.optional(),
  when: Condition.optional(),
  effects: z.array(Effect).max(20).default([]),
});
export const ActionTransition = z.strictObject({
  action: id,
  team: id.optional(),
  when: Condition.optional(),
  target: id.optional(),
  effects: z.array(Effect).max(20).default([]),
});
export const DecisionTransition = z.strictObject({
  decision: id,
  label: shortText,
  target: id.optional(),
  effects: z.array(Effect).max(20).default([]),
});

interface StateShape<E, D, A, C> {
  description?: string | undefined;
  type?: 'compound' | 'parallel' | 'final' | undefined;
  initial?: string | undefined;
  entry?: E[] | undefined;
  after?: D[] | undefined;
  on?: A[] | undefined;
  decisions?: C[] | undefined;
  states?: Record<string, StateShape<E, D, A, C>> | undefined;
}
/** A phase of the scenario: a machine state with its entry effects and ways out. */
export type ScenarioState = StateShape<
  z.infer<typeof Effect>,
  z.infer<typeof DelayTransition>,
  z.infer<typeof ActionTransition>,
  z.infer<typeof DecisionTransition>
>;
export type ScenarioStateInput = StateShape<
  z.input<typeof Effect>,
  z.input<typeof DelayTransition>,
  z.input<typeof ActionTransition>,
  z.input<typeof DecisionTransition>
>;
export const ScenarioState: z.ZodType<ScenarioState, ScenarioStateInput> = z.lazy(() =>
  z
    .strictObject({
      description: z.string().max(2000).optional(),
      type: z.enum(['compound', 'parallel', 'final']).optional(),
      initial: id.optional(),
      entry: z.array(Effect).max(50).optional(),
      after: z.array(DelayTransition).max(20).optional(),
      on: z.array(ActionTransition).max(50).optional(),
      decisions: z.array(DecisionTransition).max(20).optional(),
      states: z.record(id, ScenarioState).optional(),
    })
    ,
);

const FieldValue = z.union([z.string().max(5000), z.number(), z.boolean()]);

/**
 * A scripted player or controller response for headless play (simulate, dry run): something
 * done `delayMinutes` of scenario time after StartEx or after an inject was released.
 */
export const ScriptedResponse = z.union([
  z
    .strictObject({
      after: z.union([z.strictObject({ inject: id }), z.strictObject({ startex: z.literal(true) })]),
      delayMinutes: z.number().nonnegative().max(60 * 24 * 14),
      team: id,
      action: id,
      fields: z.record(id, FieldValue).default({}),
    })
    ,
  z
    .strictObject({
      after: z.union([z.strictObject({ inject: id }), z.strictObject({ startex: z.literal(true) })]),
      delayMinutes: z.number().nonnegative().max(60 * 24 * 14),
      decision: id,
    })
    ,
]);
export type ScriptedResponse = z.infer<typeof ScriptedResponse>;
export const ResponseScript = z.strictObject({ responses: z.array(ScriptedResponse).max(1000) });
export type ResponseScript = z.infer<typeof ResponseScript>;

export const ScenarioDocument = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  id,
  version: z.number().int().positive().default(1),
  title: shortText,
  summary: longText,
  exerciseType: ExerciseType,
  functions: z.array(SecurityFunction).min(1),
  expectedDurationMinutes: z.number().int().positive().max(60 * 24 * 14),
  language: z.enum(['en', 'lt']).default('en'),
  /** Story time at StartEx. */
  scenarioStart: ScenarioClockTime.default('Day 1 00:00'),
  teams: z.array(Team).min(1).max(50),
  simulatedOrganisations: z.array(SimulatedOrganisation).max(50).default([]),
  objectives: z.array(Objective).max(50).default([]),
  metrics: z.array(Metric).max(100).default([]),
  injects: z.array(Inject).max(1000),
  actions: z.array(ParticipantAction).max(200).default([]),
  machine: ScenarioState,
  /** What players are expected to do, for a dry run before the exercise day. */
  defaultResponses: z.array(ScriptedResponse).max(1000).default([]),
});

export type ScenarioDocument = z.infer<typeof ScenarioDocument>;
export type ScenarioDocumentInput = z.input<typeof ScenarioDocument>;
export type Inject = z.infer<typeof Inject>;
export type Team = z.infer<typeof Team>;
export type ParticipantAction = z.infer<typeof ParticipantAction>;
export type ActionField = z.infer<typeof ActionField>;
export type Effect = z.infer<typeof Effect>;

/** Minutes since Day 1 00:00 for a "Day N HH:MM" string. */
export function parseScenarioClockTime(text: string): number {
  const match = /^Day (\d+) (\d\d):(\d\d)$/.exec(text);
  if (!match) throw new Error(`Not a scenario time: ${text}`);
  return (Number(match[1]) - 1) * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

/** "Day 1 02:30:05" for milliseconds since Day 1 00:00. */
export function formatScenarioTime(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const day = Math.floor(totalSeconds / 86_400) + 1;
  const hh = String(Math.floor((totalSeconds % 86_400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0');
  const ss = String(totalSeconds % 60).padStart(2, '0');
  return `Day ${day} ${hh}:${mm}:${ss}`;
}
