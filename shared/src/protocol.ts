import { z } from 'zod';
import { ExerciseRole } from './auth.ts';
import type { ErrorDetail } from './errors.ts';
import { ObservationKind, Rating, type LogEntry } from './logEntry.ts';
import { SubmitFeedbackBody } from './review.ts';
import { InjectChannel, Objective, ParticipantAction, ScenarioDocument, SimulatedOrganisation, Team } from './scenario/document.ts';
import { inputId, inputText, inputTextRule } from './text.ts';

/** Bumped on any incompatible change to the events or bodies below; checked on connect. */
export const PROTOCOL_VERSION = 2;

/**
 * How a client retries after losing the server (socket.io manager options): the first retry
 * after 250 ms, doubling to at most 500 ms, each +/-50 %. A restarted server listens again within
 * about a second (several on a loaded machine); a tablet that just missed it waits at most
 * 0.75 s more (with a 1 s cap, 1.5 s: most of a quiet recovery's time after listening; with
 * socket.io's default, 1 s doubling to 5 s, up to 7.5 s). Retries to a server that is down are
 * refused by its host at once, even from hundreds of tablets.
 */
export const RECONNECTION = { reconnectionDelay: 250, reconnectionDelayMax: 500, randomizationFactor: 0.5 } as const;

/**
 * WebSocket first, which several nodes need (they serve no long-polling: its requests could reach
 * a node that does not know the session); long-polling only where a WebSocket cannot open, on one node.
 */
export const TRANSPORTS: { transports: ('websocket' | 'polling')[]; tryAllTransports: boolean } = { transports: ['websocket', 'polling'], tryAllTransports: true };

const MAX_ID = 64;
const shortId = inputId(MAX_ID);
/** An action field's value as a tablet sends it: a FieldValue whose texts refuse text-direction and control characters. */
const InputFieldValue = z.union([inputTextRule(z.string().max(5000)), z.number(), z.boolean(), z.array(inputTextRule(z.string().max(200))).max(50)]);
/** Chosen by the sender (a UUID); a retry repeats it (server/README.md, idempotency keys). */
const idempotencyKey = inputTextRule(z.string().min(8).max(100));

/**
 * socket.io handshake `auth`. A tablet or wall display joins with its join code; a signed-in
 * person names the exercise and is identified by the session cookie the browser sends.
 */
export const HandshakeAuth = z.union([
  z.strictObject({ protocolVersion: z.number().int(), joinCode: z.string().min(1).max(64) }),
  z.strictObject({ protocolVersion: z.number().int(), exerciseId: z.string().min(1).max(64) }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const ExerciseStatus = z.enum(['draft', 'ready', 'live', 'paused', 'halted', 'ended', 'closed']);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

/** Who is looking at an exercise: a participant always with their team, staff by role. */
export const Viewer = z.discriminatedUnion('role', [
  z.object({ role: z.literal('participant'), teamId: z.string() }),
  z.object({ role: ExerciseRole.exclude(['participant']) }),
]);
export type Viewer = z.infer<typeof Viewer>;

/** What a client needs to render an exercise, sent with every sync. */
export const ExerciseView = z.object({
  id: z.string(),
  title: z.string(),
  status: ExerciseStatus,
  viewer: Viewer,
  teams: z.array(Team),
  /** For participants only their own team's actions; staff see all. */
  actions: z.array(ParticipantAction),
  clock: z.object({
    running: z.boolean(),
    speed: z.number(),
    exerciseTimeMs: z.number(),
    scenarioStartMs: z.number(),
    /** Wall time at which exerciseTimeMs was read, so clients can run the clock locally. */
    atWallTime: z.number(),
  }),
  lastSeq: z.number().int().nonnegative(),
  /** Set while a real-world emergency halts play: every client shows it as a banner. */
  halt: z.object({ reason: z.string() }).optional(),
  simulatedOrganisations: z.array(SimulatedOrganisation),
  /** Evaluators and control staff: the objectives, capability targets and critical tasks to rate. */
  evaluation: z.object({ objectives: z.array(Objective) }).optional(),
  /** Participants after EndEx: the objectives their hot-wash feedback can speak to. */
  hotWash: z.object({ objectives: z.array(z.object({ id: z.string(), title: z.string() })) }).optional(),
  /** Everyone but participants (they see the scenario's phases): each state's title by key (stateTitles). */
  stateTitles: z.record(z.string(), z.string()).optional(),
  /** The same roles: each decision's label by id, so a decision control made reads as its branch (decisionTitles). */
  decisionTitles: z.record(z.string(), z.string()).optional(),
  /** Controllers only: the pinned scenario, the branches they can choose now, injects held back. */
  control: z
    .object({
      scenario: ScenarioDocument,
      openDecisions: z.array(z.object({ decision: z.string(), label: z.string() })),
      states: z.array(z.string()),
      nextTimerExerciseMs: z.number().optional(),
    })
    .optional(),
});
export type ExerciseView = z.infer<typeof ExerciseView>;

/**
 * What changes in a view as play goes on, sent after a status, clock or scenario step: the view
 * of the sync minus what only the plan changes (names, teams, actions, objectives, the scenario
 * document, up to 1 MiB), which each connection is sent once, in its sync answer.
 */
export type ExerciseViewChange = Pick<ExerciseView, 'status' | 'clock' | 'lastSeq' | 'halt' | 'hotWash'> & {
  control?: Omit<NonNullable<ExerciseView['control']>, 'scenario'> | undefined;
};

/** Devices connected per team, and staff connected per role. */
export const Presence = z.object({
  teams: z.record(z.string(), z.number().int().nonnegative()),
  staff: z.record(z.string(), z.number().int().nonnegative()),
});
export type Presence = z.infer<typeof Presence>;

// Client -> server payloads
export const SyncRequest = z.object({ afterSeq: z.number().int().nonnegative() }).strict();
const text = inputText;
export const ControllerCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  /** From a real-world emergency halt a reason is required (HALT_RESUME_REASON_REQUIRED); it is logged. */
  z.object({ type: z.literal('resume'), reason: text(500).optional() }).strict(),
  z.object({ type: z.literal('halt'), reason: text(500) }).strict(),
  z.object({ type: z.literal('end') }).strict(),
  z.object({ type: z.literal('close') }).strict(),
  /** Move the exercise clock to the next scheduled scenario event. */
  /** To the next timed scenario event, or (`to: 'inject'`) past timers that only move the story on to the next one that releases an inject. */
  z.object({ type: z.literal('jump'), to: z.enum(['event', 'inject']).optional() }).strict(),
  /** Compress or stretch time during play: the exercise clock runs `speed` times the wall clock from now on. */
  z.object({ type: z.literal('speed'), speed: z.number().min(0.1).max(1000) }).strict(),
  z.object({ type: z.literal('release'), injectId: shortId }).strict(),
  z.object({ type: z.literal('hold'), injectId: shortId, reason: text(500) }).strict(),
  z.object({ type: z.literal('skip'), injectId: shortId, reason: text(500) }).strict(),
  z
    .object({ type: z.literal('edit'), injectId: shortId, subject: text(200).optional(), body: text(20_000).optional() })
    .strict()
    .refine((c) => c.subject !== undefined || c.body !== undefined, 'Give a new subject or body.'),
  z
    .object({
      type: z.literal('adhoc'),
      to: z.array(shortId).min(1).max(50),
      channel: InjectChannel,
      from: text(200),
      subject: text(200),
      body: text(20_000),
    })
    .strict(),
  z.object({ type: z.literal('decide'), decision: shortId }).strict(),
  z.object({ type: z.literal('broadcast'), text: text(5000), to: z.array(shortId).max(50).optional() }).strict(),
  /** SimCell: answer as a simulated organisation. */
  z.object({ type: z.literal('reply'), organisationId: shortId, to: shortId, text: text(5000), replyTo: shortId.optional() }).strict(),
  z.object({ type: z.literal('note'), text: text(5000) }).strict(),
]);
export type ControllerCommand = z.infer<typeof ControllerCommand>;

/** Which exercise statuses allow each command: the server enforces it, consoles enable buttons by it. */
export const COMMAND_ALLOWED_IN: Record<ControllerCommand['type'], readonly ExerciseStatus[]> = {
  ready: ['draft'],
  start: ['ready'],
  pause: ['live'],
  resume: ['paused', 'halted'],
  halt: ['live', 'paused'],
  end: ['live', 'paused', 'halted'],
  close: ['ended'],
  jump: ['live'],
  speed: ['live', 'paused'],
  release: ['live', 'paused'],
  hold: ['draft', 'ready', 'live', 'paused', 'halted'],
  skip: ['draft', 'ready', 'live', 'paused', 'halted'],
  edit: ['draft', 'ready', 'live', 'paused', 'halted'],
  adhoc: ['live', 'paused'],
  decide: ['live'],
  broadcast: ['ready', 'live', 'paused', 'halted'],
  reply: ['ready', 'live', 'paused', 'halted'],
  note: ['draft', 'ready', 'live', 'paused', 'halted', 'ended'],
};
export const InjectRef = z.object({ injectId: shortId }).strict();
export const CommsCheckRef = z.object({ checkId: shortId }).strict();
export const TakeAction = z
  .object({
    actionId: shortId,
    fields: z.record(z.string().max(MAX_ID), InputFieldValue),
    injectId: shortId.optional(),
    idempotencyKey,
  })
  .strict();
export type TakeAction = z.infer<typeof TakeAction>;
export const SendMessage = z
  .object({
    to: z.object({ teams: z.array(shortId).max(50), organisations: z.array(shortId).max(50) }).strict(),
    text: text(5000),
    replyTo: shortId.optional(),
    idempotencyKey,
  })
  .strict()
  .refine((m) => m.to.teams.length + m.to.organisations.length > 0, 'Choose at least one recipient.');
export type SendMessage = z.infer<typeof SendMessage>;
export const RecordObservation = z
  .object({
    observedAtMs: z.number().int().nonnegative().max(14 * 24 * 3_600_000),
    teamId: shortId.optional(),
    injectId: shortId.optional(),
    objectiveId: shortId.optional(),
    taskId: shortId.optional(),
    kind: ObservationKind,
    rating: Rating.optional(),
    text: text(5000),
    idempotencyKey,
  })
  .strict();
export type RecordObservation = z.infer<typeof RecordObservation>;

export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: ErrorDetail };
export type SyncResult = Ack<{ exercise: ExerciseView; entries: LogEntry[] }>;
/** A committed input: its first seq, and the entries it committed that the sender may see (sent to it only here, not again as `log`). */
export type CommitResult = Ack<{ seq: number; entries: LogEntry[] }>;

/**
 * Every client event is `emit(event, payload, ack)`: exactly one payload, then the acknowledgement
 * callback, which gets exactly one answer, `{ ok: true, ... }` or `{ ok: false, error }`. A missing,
 * extra or malformed payload is answered VALIDATION_FAILED; an event sent without an
 * acknowledgement is dropped unread (nothing is committed that nobody hears of).
 */
export interface ClientToServerEvents {
  sync: (request: z.infer<typeof SyncRequest>, ack: (result: SyncResult) => void) => void;
  command: (command: ControllerCommand, ack: (result: CommitResult) => void) => void;
  'inject.delivered': (ref: z.infer<typeof InjectRef>, ack: (result: CommitResult) => void) => void;
  'inject.acknowledge': (ref: z.infer<typeof InjectRef>, ack: (result: CommitResult) => void) => void;
  'action.take': (action: TakeAction, ack: (result: CommitResult) => void) => void;
  'message.send': (message: SendMessage, ack: (result: CommitResult) => void) => void;
  'observation.record': (observation: RecordObservation, ack: (result: CommitResult) => void) => void;
  /** A team acknowledges the communications check before StartEx (planning.ts). */
  'commscheck.acknowledge': (ref: z.infer<typeof CommsCheckRef>, ack: (result: CommitResult) => void) => void;
  /** A team's hot-wash after EndEx. */
  'feedback.submit': (feedback: SubmitFeedbackBody, ack: (result: CommitResult) => void) => void;
}

export interface ServerToClientEvents {
  /** A newly committed log entry the viewer may see (not one of its own inputs: those come in the acknowledgement). */
  log: (entry: LogEntry) => void;
  /** The exercise's status, clock or scenario step changed: the view of the sync changes this way. */
  exercise: (change: ExerciseViewChange) => void;
  /** Which teams have devices connected now (sent to exercise staff on every change). */
  presence: (presence: Presence) => void;
  /** Access ended (join code revoked or expired, signed out, role changed); the server disconnects next. */
  refused: (reason: ErrorDetail) => void;
}

/** Payload schemas for every client event, so the gateway validates each one the same way. */
export const CLIENT_EVENT_SCHEMAS = {
  sync: SyncRequest,
  command: ControllerCommand,
  'inject.delivered': InjectRef,
  'inject.acknowledge': InjectRef,
  'action.take': TakeAction,
  'message.send': SendMessage,
  'observation.record': RecordObservation,
  'feedback.submit': SubmitFeedbackBody,
  'commscheck.acknowledge': CommsCheckRef,
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

// REST bodies
export const ExerciseSummary = z.object({
  id: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  status: ExerciseStatus,
});
export type ExerciseSummary = z.infer<typeof ExerciseSummary>;

/** `GET /api/exercises/:id/log?afterSeq=n`: the viewer's entries after a seq (all from the start by default). */
export const LogQuery = z.object({ afterSeq: z.coerce.number().int().nonnegative().default(0) });
export type LogQuery = z.infer<typeof LogQuery>;
