import type { FastifyBaseLogger } from 'fastify';
import { Server, type Socket } from 'socket.io';
import {
  CLIENT_EVENT_SCHEMAS,
  clientFrameBytes,
  EXERCISE_ROLES,
  frameTooLargeMessage,
  HandshakeAuth,
  MAX_CLIENT_FRAME_BYTES,
  PROTOCOL_VERSION,
  StartexError,
  type Ack,
  type Actor,
  type ClientToServerEvents,
  type ErrorDetail,
  type ExerciseRole,
  type Presence,
  type ServerToClientEvents,
} from '@startex/shared';
import { connectionAccess, principalKey, type ExerciseAccess } from '../auth/access.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allows, commandVerb, type ExerciseVerb } from '../auth/policy.ts';
import type { RateLimits } from '../auth/rateLimits.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { audienceOf, canSee } from '../runtime/visibility.ts';
import { coalesceFrames } from './coalesceFrames.ts';
import type { ConnectionRegistry } from './ConnectionRegistry.ts';

type SocketData = ExerciseAccess;

type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const exerciseRoom = (exerciseId: string) => `exercise:${exerciseId}`;
const roleRoom = (exerciseId: string, role: ExerciseRole) => `exercise:${exerciseId}:role:${role}`;
const teamRoom = (exerciseId: string, teamId: string) => `exercise:${exerciseId}:team:${teamId}`;
const STAFF_ROLES = EXERCISE_ROLES.filter((role) => role !== 'participant');

/**
 * What socket.io itself accepts in one message (maxHttpBufferSize): twice the protocol's limit, so
 * that a frame over MAX_CLIENT_FRAME_BYTES is read and answered PAYLOAD_TOO_LARGE; only a frame
 * over this one makes socket.io close the connection unread (it has no way to answer it).
 */
const TRANSPORT_MAX_BYTES = 2 * MAX_CLIENT_FRAME_BYTES;

export interface GatewayDeps {
  runtime: ExerciseRuntime;
  identity: IdentityService;
  limits: RateLimits;
  connections: ConnectionRegistry;
  /** Where unexpected errors are logged (the app's logger). */
  log?: FastifyBaseLogger;
}

/**
 * The socket.io gateway: authenticates the handshake (join code, or session cookie and a role in
 * the exercise), checks the protocol version, validates every inbound payload with its schema,
 * asks the policy before every event, and fans committed log entries out to the rooms whose
 * viewers may see them. The upgrade dispatcher attaches it to the http server.
 */
export function createGateway(deps: GatewayDeps): GatewayServer {
  const { runtime, identity, limits, connections } = deps;
  const io: GatewayServer = new Server({ maxHttpBufferSize: TRANSPORT_MAX_BYTES, serveClient: false });

  io.use(async (socket, next) => {
    const fail = (error: unknown) => {
      const detail = toErrorDetail(error);
      next(Object.assign(new Error(detail.message), { data: detail }));
    };
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return fail(new StartexError('VALIDATION_FAILED', 'The handshake needs { protocolVersion, joinCode } or { protocolVersion, exerciseId }.'));
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return fail(
        new StartexError('PROTOCOL_VERSION_MISMATCH', `Server speaks protocol ${PROTOCOL_VERSION}, client ${auth.data.protocolVersion}; reload the page.`),
      );
    }
    try {
      const access = await connectionAccess(identity, limits, {
        ip: socket.handshake.address,
        joinCode: 'joinCode' in auth.data ? auth.data.joinCode : undefined,
        exerciseId: 'exerciseId' in auth.data ? auth.data.exerciseId : undefined,
        headers: { cookie: socket.handshake.headers.cookie, origin: socket.handshake.headers.origin, host: socket.handshake.headers.host },
      });
      await runtime.get(access.exerciseId);
      socket.data = access;
      next();
    } catch (error) {
      fail(error);
    }
  });

  const presence = coalesced((exerciseId) => broadcastPresence(io, exerciseId));

  io.on('connection', (socket) => {
    const { exerciseId, viewer } = socket.data;
    coalesceFrames(socket);
    void socket.join(exerciseRoom(exerciseId));
    void socket.join(viewer.role === 'participant' ? teamRoom(exerciseId, viewer.teamId ?? '') : roleRoom(exerciseId, viewer.role));
    const unregister = connections.register(socket.data, (reason) => {
      socket.emit('refused', reason);
      socket.disconnect(true);
    });
    socket.on('disconnect', () => {
      unregister();
      presence.schedule(exerciseId);
    });
    registerHandlers(socket, deps);
    presence.schedule(exerciseId);
  });

  runtime.onCommit((exerciseId, entries) => {
    for (const entry of entries) {
      const audience = audienceOf(entry);
      if (audience === 'all') {
        io.to(exerciseRoom(exerciseId)).emit('log', entry);
        continue;
      }
      const rooms = [
        ...STAFF_ROLES.filter((role) => canSee({ role }, entry)).map((role) => roleRoom(exerciseId, role)),
        ...audience.map((team) => teamRoom(exerciseId, team)),
      ];
      io.to(rooms).emit('log', entry);
    }
    // Status and clock are in everyone's view; scenario states, open decisions and the next timer
    // only in staff views, so a scenario step does not send a view to every tablet.
    if (entries.some((e) => e.type.startsWith('exercise.') || e.type.startsWith('clock.'))) {
      void broadcastViews(io, runtime, exerciseId, exerciseRoom(exerciseId));
    } else if (entries.some((e) => e.type === 'state.entered' || e.type === 'timer.fired')) {
      void broadcastViews(io, runtime, exerciseId, STAFF_ROLES.map((role) => roleRoom(exerciseId, role)));
    }
  });

  return io;
}

/** Which teams' devices and which staff roles are connected to an exercise now (also for the communications check). */
export async function presenceOf(io: GatewayServer, exerciseId: string): Promise<Presence> {
  const presence: Presence = { teams: {}, staff: {} };
  for (const socket of await io.in(exerciseRoom(exerciseId)).fetchSockets()) {
    const { viewer } = socket.data;
    if (viewer.role === 'participant') presence.teams[viewer.teamId ?? ''] = (presence.teams[viewer.teamId ?? ''] ?? 0) + 1;
    else presence.staff[viewer.role] = (presence.staff[viewer.role] ?? 0) + 1;
  }
  return presence;
}

/** Tells the exercise's staff which teams and roles are connected, after every (dis)connect. */
async function broadcastPresence(io: GatewayServer, exerciseId: string): Promise<void> {
  const presence = await presenceOf(io, exerciseId);
  io.to(STAFF_ROLES.map((role) => roleRoom(exerciseId, role))).emit('presence', presence);
}

/** Sends each connected viewer its fresh exercise view after a status or clock change. */
async function broadcastViews(io: GatewayServer, runtime: ExerciseRuntime, exerciseId: string, rooms: string | string[]): Promise<void> {
  const host = await runtime.get(exerciseId);
  // Many devices share a viewer (a team's tablets): build each distinct view once.
  const views = new Map<string, ReturnType<typeof host.view>>();
  for (const socket of await io.in(rooms).fetchSockets()) {
    const { viewer } = socket.data;
    const key = `${viewer.role}:${viewer.teamId ?? ''}`;
    let view = views.get(key);
    if (!view) views.set(key, (view = host.view(viewer)));
    socket.emit('exercise', view);
  }
}

/**
 * Runs `work` once per key shortly after the first request, however many requests come meanwhile:
 * two hundred tablets reconnecting after a restart give one presence count, not two hundred.
 */
function coalesced(work: (key: string) => Promise<void>, delayMs = 100): { schedule(key: string): void } {
  const pending = new Set<string>();
  return {
    schedule(key) {
      if (pending.has(key)) return;
      pending.add(key);
      setTimeout(() => {
        pending.delete(key);
        void work(key);
      }, delayMs).unref();
    },
  };
}

type Handlers = {
  [E in keyof ClientToServerEvents]: (
    payload: Parameters<ClientToServerEvents[E]>[0],
    socket: GatewaySocket,
    deps: GatewayDeps,
  ) => Promise<object>;
};

/** The log actor for whoever is behind a socket. */
function actorOf(socket: GatewaySocket): Actor {
  const { principal, viewer } = socket.data;
  if (viewer.role === 'participant') {
    return { kind: 'participant', teamId: viewer.teamId ?? '', ...(principal.kind === 'user' ? { userId: principal.user.id } : {}) };
  }
  if (principal.kind !== 'user' || (viewer.role !== 'director' && viewer.role !== 'controller')) throw new StartexError('FORBIDDEN');
  return { kind: 'controller', id: principal.user.id, name: principal.user.displayName, role: viewer.role };
}

function require(socket: GatewaySocket, verb: ExerciseVerb): void {
  if (!allows(socket.data.viewer.role, verb)) throw new StartexError('FORBIDDEN');
}

/** A participant's team, after the policy and the flood limit agree. */
async function participant(socket: GatewaySocket, limits: RateLimits): Promise<string> {
  require(socket, 'play.participate');
  await limits.beforeAction(principalKey(socket.data.principal));
  return socket.data.viewer.teamId ?? '';
}

const handlers: Handlers = {
  async sync({ afterSeq }, socket, { runtime }) {
    require(socket, 'exercise.view');
    const host = await runtime.get(socket.data.exerciseId);
    const entries = await host.entriesFor(socket.data.viewer, afterSeq);
    return { exercise: host.view(socket.data.viewer), entries };
  },
  async command(command, socket, { runtime }) {
    const host = await runtime.get(socket.data.exerciseId);
    require(socket, commandVerb(command, host.status));
    return { seq: await host.command(command, actorOf(socket)) };
  },
  async 'inject.delivered'({ injectId }, socket, { runtime }) {
    require(socket, 'play.participate');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.markDelivered(socket.data.viewer.teamId ?? '', injectId, actorOf(socket)) };
  },
  async 'inject.acknowledge'({ injectId }, socket, { runtime }) {
    require(socket, 'play.participate');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.acknowledge(socket.data.viewer.teamId ?? '', injectId, actorOf(socket)) };
  },
  async 'action.take'(action, socket, { runtime, limits }) {
    const teamId = await participant(socket, limits);
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.takeAction(teamId, action, actorOf(socket)) };
  },
  async 'commscheck.acknowledge'({ checkId }, socket, { runtime }) {
    require(socket, 'play.participate');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.acknowledgeCommsCheck(socket.data.viewer.teamId ?? '', checkId, actorOf(socket)) };
  },
  async 'observation.record'(observation, socket, { runtime }) {
    require(socket, 'evaluate');
    const { principal } = socket.data;
    if (principal.kind !== 'user') throw new StartexError('FORBIDDEN');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.recordObservation(observation, { kind: 'evaluator', id: principal.user.id, name: principal.user.displayName }) };
  },
  async 'feedback.submit'(feedback, socket, { runtime, limits }) {
    const teamId = await participant(socket, limits);
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.submitFeedback(teamId, feedback, actorOf(socket)) };
  },
  async 'message.send'(message, socket, { runtime, limits }) {
    const teamId = await participant(socket, limits);
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.sendMessage(teamId, message, actorOf(socket)) };
  },
};

type Reply = (result: Ack) => void;

/**
 * Every event goes through here, and each one that can be answered gets exactly one answer: the
 * acknowledgement is the last argument when it is a function, whatever comes before it; exactly
 * one payload must come before it, parsed by its event's schema; then the handler runs, and the
 * answer carries its result or a catalogue error. An event without an acknowledgement is dropped
 * before anything is done: a commit its sender never hears of would come back as a new one.
 */
function registerHandlers(socket: GatewaySocket, deps: GatewayDeps): void {
  socket.use(([event, ...args], next) => {
    const reply = args.at(-1);
    if (Object.hasOwn(handlers, event) || typeof reply !== 'function') return next();
    (reply as Reply)(invalid(`There is no event "${event}".`, 'event'));
  });
  for (const event of Object.keys(handlers) as (keyof ClientToServerEvents)[]) {
    socket.on(event, async (...args: unknown[]) => {
      const reply = args.at(-1);
      if (typeof reply !== 'function') return;
      const answer = reply as Reply;
      const payloads = args.slice(0, -1);
      const bytes = clientFrameBytes(event, payloads);
      if (bytes > MAX_CLIENT_FRAME_BYTES) return answer({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: frameTooLargeMessage(bytes) } });
      if (payloads.length !== 1) {
        return answer(invalid(`Send "${event}" with one payload and then the acknowledgement callback; it came with ${payloads.length} payloads.`, ''));
      }
      const parsed = CLIENT_EVENT_SCHEMAS[event].safeParse(payloads[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return answer(invalid(`Invalid "${event}" payload: ${issue?.message ?? 'malformed'}.`, issue?.path.join('.') ?? ''));
      }
      try {
        const handler = handlers[event] as (p: unknown, s: GatewaySocket, d: GatewayDeps) => Promise<object>;
        answer({ ok: true, ...(await handler(parsed.data, socket, deps)) });
      } catch (error) {
        if (!(error instanceof StartexError)) deps.log?.error({ err: error, event }, 'socket event failed');
        answer({ ok: false, error: toErrorDetail(error) });
      }
    });
  }
}

const invalid = (message: string, path: string): Ack => ({ ok: false, error: { code: 'VALIDATION_FAILED', message, path } });

export function toErrorDetail(error: unknown): ErrorDetail {
  if (error instanceof StartexError) return error.toDetail();
  return new StartexError('INTERNAL').toDetail();
}
