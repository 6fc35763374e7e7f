import { z } from 'zod';
import type { ErrorDetail } from './errors.ts';
import type { LogEntry } from './logEntry.ts';
import { ParticipantAction, Team } from './scenario/document.ts';

/** Bumped on any incompatible change to the events or bodies below; checked on connect. */
export const PROTOCOL_VERSION = 1;

const MAX_ID = 64;
const shortId = z.string().min(1).max(MAX_ID);

/** socket.io handshake `auth`. */
export const HandshakeAuth = z.object({
  protocolVersion: z.number().int(),
  /** A join code (participants) or a console token (controllers). */
  token: z.string().min(1).max(200),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const ExerciseStatus = z.enum(['ready', 'live', 'paused', 'ended']);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

export const ViewerRole = z.enum(['controller', 'participant']);
export type ViewerRole = z.infer<typeof ViewerRole>;

export const Viewer = z.object({ role: ViewerRole, teamId: z.string().optional() });
export type Viewer = z.infer<typeof Viewer>;

/** What a client needs to render an exercise, sent with every sync. */
export const ExerciseView = z.object({
  id: z.string(),
  title: z.string(),
  status: ExerciseStatus,
  viewer: Viewer,
  teams: z.array(Team),
  /** For participants: only their own team's actions. */
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
});
export type ExerciseView = z.infer<typeof ExerciseView>;

// Client -> server payloads
export const SyncRequest = z.object({ afterSeq: z.number().int().nonnegative() }).strict();
export const ControllerCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('end') }).strict(),
]);
export type ControllerCommand = z.infer<typeof ControllerCommand>;
export const InjectRef = z.object({ injectId: shortId }).strict();
export const TakeAction = z
  .object({
    actionId: shortId,
    fields: z.record(z.string().max(MAX_ID), z.union([z.string().max(5000), z.number(), z.boolean()])),
    idempotencyKey: z.string().min(8).max(100),
  })
  .strict();
export type TakeAction = z.infer<typeof TakeAction>;

export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: ErrorDetail };
export type SyncResult = Ack<{ exercise: ExerciseView; entries: LogEntry[] }>;
export type CommitResult = Ack<{ seq: number }>;

export interface ClientToServerEvents {
  sync: (request: z.infer<typeof SyncRequest>, ack: (result: SyncResult) => void) => void;
  command: (command: ControllerCommand, ack: (result: CommitResult) => void) => void;
  'inject.delivered': (ref: z.infer<typeof InjectRef>, ack: (result: CommitResult) => void) => void;
  'inject.acknowledge': (ref: z.infer<typeof InjectRef>, ack: (result: CommitResult) => void) => void;
  'action.take': (action: TakeAction, ack: (result: CommitResult) => void) => void;
}

export interface ServerToClientEvents {
  /** A newly committed log entry the viewer may see. */
  log: (entry: LogEntry) => void;
  /** The exercise summary changed (status or clock). */
  exercise: (view: ExerciseView) => void;
}

/** Payload schemas for every client event, so the gateway validates each one the same way. */
export const CLIENT_EVENT_SCHEMAS = {
  sync: SyncRequest,
  command: ControllerCommand,
  'inject.delivered': InjectRef,
  'inject.acknowledge': InjectRef,
  'action.take': TakeAction,
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

// REST bodies
export const ExerciseSummary = z.object({
  id: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  status: ExerciseStatus,
});
export type ExerciseSummary = z.infer<typeof ExerciseSummary>;
