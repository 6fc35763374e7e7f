import { z } from 'zod';
import { migrateScenarioDocument, SCENARIO_SCHEMA_VERSION } from './migrations.ts';
import { Metric } from './metrics.ts';
import { EndexRule, FlagDeclaration, TeamGroup, TimelineRow, Track } from './timeline.ts';
import {
  Agency,
  Condition,
  Effect,
  ExerciseType,
  FieldValue,
  id,
  InjectContent,
  longText,
  ScenarioClockTime,
  SecurityFunction,
  shortText,
} from './vocabulary.ts';

export * from './vocabulary.ts';
export * from './timeline.ts';
export * from './metrics.ts';
export { SCENARIO_SCHEMA_VERSION };

/**
 * The scenario document: what controllers author. It is data only and compiles to an xstate
 * machine whose actions, guards and delays are all named implementations the server provides,
 * so an uploaded document can never run code.
 */

export const Team = z.strictObject({ id, name: shortText, agency: Agency });
export const SimulatedOrganisation = z.strictObject({ id, name: shortText });

export const CriticalTask = z.strictObject({ id, title: shortText });
export const CapabilityTarget = z.strictObject({ id, title: shortText, criticalTasks: z.array(CriticalTask).max(50) });
export const Objective = z.strictObject({
  id,
  title: shortText,
  capabilityTargets: z.array(CapabilityTarget).max(50),
});

/** An inject the machine releases (a `release` effect); timeline rows become these too. */
export const Inject = z.strictObject({
  id,
  number: z.number().int().positive(),
  /** Planned story time, shown on the MSEL. StartEx computes it for timeline rows; written here, the analyzer checks it against the machine. */
  scenarioTime: ScenarioClockTime.optional(),
  ...InjectContent,
});

export const ActionField = z.strictObject({
  name: id,
  label: shortText,
  /** `multi-choice`: any number of the options; `team`: one of the scenario's teams; `time`: a time of day such as "14:05". */
  type: z.enum(['text', 'number', 'choice', 'boolean', 'multi-choice', 'team', 'time']),
  required: z.boolean().default(true),
  /** Choices (`choice`, `multi-choice`), or the team ids a `team` field offers (default: every team). */
  options: z.array(shortText).max(50).optional(),
  /** Number bounds; for `multi-choice`, how few and how many options may be picked. */
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

export const DelayTransition = z.strictObject({
  /** Scenario minutes after the state was entered. */
  minutes: z.number().positive().max(60 * 24 * 14),
  target: id.optional(),
  when: Condition.optional(),
  effects: z.array(Effect).max(50).default([]),
});
export const ActionTransition = z.strictObject({
  action: id,
  team: id.optional(),
  when: Condition.optional(),
  target: id.optional(),
  effects: z.array(Effect).max(50).default([]),
});
export const DecisionTransition = z.strictObject({
  decision: id,
  label: shortText,
  target: id.optional(),
  effects: z.array(Effect).max(50).default([]),
});
/** Taken as soon as the condition holds, after whatever input made it hold. */
export const ConditionTransition = z.strictObject({
  when: Condition,
  target: id,
  effects: z.array(Effect).max(50).default([]),
});

interface StateShape<E, D, A, C, W> {
  /** What a person sees for this state (console, display, replay, reports); its key as words otherwise. */
  title?: string | undefined;
  description?: string | undefined;
  type?: 'compound' | 'parallel' | 'final' | undefined;
  initial?: string | undefined;
  entry?: E[] | undefined;
  after?: D[] | undefined;
  on?: A[] | undefined;
  decisions?: C[] | undefined;
  always?: W[] | undefined;
  states?: Record<string, StateShape<E, D, A, C, W>> | undefined;
}
/** A phase of the scenario: a machine state with its entry effects and ways out. */
export type ScenarioState = StateShape<
  z.infer<typeof Effect>,
  z.infer<typeof DelayTransition>,
  z.infer<typeof ActionTransition>,
  z.infer<typeof DecisionTransition>,
  z.infer<typeof ConditionTransition>
>;
export type ScenarioStateInput = StateShape<
  z.input<typeof Effect>,
  z.input<typeof DelayTransition>,
  z.input<typeof ActionTransition>,
  z.input<typeof DecisionTransition>,
  z.input<typeof ConditionTransition>
>;
export const ScenarioState: z.ZodType<ScenarioState, ScenarioStateInput> = z.lazy(() =>
  z.strictObject({
    title: shortText.optional(),
    description: z.string().max(2000).optional(),
    type: z.enum(['compound', 'parallel', 'final']).optional(),
    initial: id.optional(),
    entry: z.array(Effect).max(50).optional(),
    after: z.array(DelayTransition).max(50).optional(),
    on: z.array(ActionTransition).max(50).optional(),
    decisions: z.array(DecisionTransition).max(20).optional(),
    always: z.array(ConditionTransition).max(20).optional(),
    states: z.record(id, ScenarioState).optional(),
  }),
);

/**
 * Effects applied whenever a team takes an action (or acknowledges an inject), whatever state play
 * is in and whatever else handles it: how facts that conditions read are recorded.
 */
export const Reaction = z.union([
  z.strictObject({ action: id, team: id.optional(), when: Condition.optional(), effects: z.array(Effect).min(1).max(20) }),
  z.strictObject({ acknowledged: id, team: id.optional(), when: Condition.optional(), effects: z.array(Effect).min(1).max(20) }),
]);
export type Reaction = z.infer<typeof Reaction>;

/**
 * A scripted player or controller response for headless play (simulate, dry run): something
 * done `delayMinutes` of scenario time after StartEx or after an inject was released.
 */
export const ScriptedResponse = z.union([
  z.strictObject({
    after: z.union([z.strictObject({ inject: id }), z.strictObject({ startex: z.literal(true) })]),
    delayMinutes: z.number().nonnegative().max(60 * 24 * 14),
    team: id,
    action: id,
    fields: z.record(id, FieldValue).default({}),
  }),
  z.strictObject({
    after: z.union([z.strictObject({ inject: id }), z.strictObject({ startex: z.literal(true) })]),
    delayMinutes: z.number().nonnegative().max(60 * 24 * 14),
    decision: id,
  }),
  /** A team acknowledges an inject it was sent (as a tablet's "Acknowledge"). */
  z.strictObject({
    after: z.union([z.strictObject({ inject: id }), z.strictObject({ startex: z.literal(true) })]),
    delayMinutes: z.number().nonnegative().max(60 * 24 * 14),
    team: id,
    acknowledge: id,
  }),
]);
export type ScriptedResponse = z.infer<typeof ScriptedResponse>;
export const ResponseScript = z.strictObject({ responses: z.array(ScriptedResponse).max(1000) });
export type ResponseScript = z.infer<typeof ResponseScript>;

/** The current version's document, without the migration of older versions in front of it (e.g. for a JSON Schema). */
export const ScenarioDocumentObject = z.strictObject({
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
  teamGroups: z.array(TeamGroup).max(50).default([]),
  simulatedOrganisations: z.array(SimulatedOrganisation).max(50).default([]),
  objectives: z.array(Objective).max(50).default([]),
  metrics: z.array(Metric).max(100).default([]),
  /** Flags conditions read, with their value at StartEx. */
  flags: z.array(FlagDeclaration).max(500).default([]),
  /** The MSEL: injects at times, under conditions (the timeline form). */
  timeline: z.array(TimelineRow).max(1000).default([]),
  tracks: z.array(Track).max(50).default([]),
  /** When a timeline scenario ends; a machine's top-level final state ends play too. */
  endex: z.array(EndexRule).max(20).default([]),
  /** Injects the machine releases (the statechart form). */
  injects: z.array(Inject).max(1000).default([]),
  actions: z.array(ParticipantAction).max(200).default([]),
  reactions: z.array(Reaction).max(1000).default([]),
  machine: ScenarioState.default({}),
  /** What players are expected to do, for a dry run before the exercise day. */
  defaultResponses: z.array(ScriptedResponse).max(1000).default([]),
});

/** A scenario document of any known version, migrated forward to the current one as it is read. */
export const ScenarioDocument = z.preprocess((raw) => {
  const migrated = migrateScenarioDocument(raw);
  // A document that cannot be migrated is left as it is: the schema then says what is wrong with it.
  return migrated.ok ? migrated.document : raw;
}, ScenarioDocumentObject);

export type ScenarioDocument = z.infer<typeof ScenarioDocumentObject>;
/**
 * A document as written in TypeScript, in the current version or an older one that reads the same
 * (1 and 2). It spells out the statechart parts: `injects: []` and `machine: {}` when a timeline
 * says everything.
 */
export type ScenarioDocumentInput = Omit<z.input<typeof ScenarioDocumentObject>, 'schemaVersion' | 'injects' | 'machine'> & {
  schemaVersion: 1 | 2 | typeof SCENARIO_SCHEMA_VERSION;
  injects: z.input<typeof Inject>[];
  machine: ScenarioStateInput;
};
export type Inject = z.infer<typeof Inject>;
export type Team = z.infer<typeof Team>;
export type ParticipantAction = z.infer<typeof ParticipantAction>;
export type ActionField = z.infer<typeof ActionField>;

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
