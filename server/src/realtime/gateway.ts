import { Server, type Socket } from 'socket.io';
import {
  CLIENT_EVENT_SCHEMAS,
  clientFrameBytes,
  frameTooLargeMessage,
  HandshakeAuth,
  MAX_CLIENT_FRAME_BYTES,
  PROTOCOL_VERSION,
  StartexError,
  type Ack,
  type Actor,
  type ClientToServerEvents,
  type CommitResult,
  type ErrorDetail,
  type LogEntry,
  type Presence,
  type ServerToClientEvents,
} from '@startex/shared';
import { connectionAccess, principalKey, type ExerciseAccess } from '../auth/access.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allows, allowsCommand, canSee, viewChange, type ExerciseInput, type ExerciseVerb } from '@startex/scenarios/engine';
import type { RateLimits } from '../auth/rateLimits.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { coalesceFrames } from './coalesceFrames.ts';
import type { ConnectionRegistry } from './ConnectionRegistry.ts';
import { exerciseRoom, roleRoom, roomsOf, STAFF_ROLES, viewerRoom, type FeedRooms } from './exerciseRooms.ts';

type SocketData = ExerciseAccess;

type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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
  /** The raw WebSocket feed's members of the same rooms: committed entries reach both transports from here. */
  feeds: FeedRooms;
  /** Unexpected errors go here with their stack (fastify's logger), answered with INTERNAL. */
  log: ErrorLog;
  /**
   * The transports served: both by default; only 'websocket' on several nodes (server/src/cluster),
   * where a long-polling client's requests could reach a node that does not know its session.
   */
  transports?: ('polling' | 'websocket')[] | undefined;
}

/**
 * The socket.io gateway: authenticates the handshake (join code, or session cookie and a role in
 * the exercise), checks the protocol version, validates every inbound payload with its schema,
 * asks the policy before every event, and fans committed log entries out, once each, to the rooms
 * whose viewers may see them (exerciseRooms.ts), on socket.io and the feed alike; the connection
 * that sent an input gets its entries in the acknowledgement instead. The upgrade dispatcher
 * attaches it to the http server.
 */
export function createGateway(deps: GatewayDeps): GatewayServer {
  const { runtime, identity, limits, connections, feeds, log } = deps;
  const io: GatewayServer = new Server({ maxHttpBufferSize: TRANSPORT_MAX_BYTES, serveClient: false, ...(deps.transports ? { transports: deps.transports } : {}) });

  io.use(async (socket, next) => {
    const fail = (error: unknown) => {
      const detail = toErrorDetail(error, log);
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

  const presence = coalesced((exerciseId) => broadcastPresence(io, exerciseId).catch((error: unknown) => log.error({ err: error, exerciseId }, 'Presence broadcast failed')));

  io.on('connection', (socket) => {
    const { exerciseId, viewer } = socket.data;
    coalesceFrames(socket);
    void socket.join([exerciseRoom(exerciseId), viewerRoom(exerciseId, viewer)]);
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

  // Each node sends the entries to its own sockets and feeds (io.local): on several nodes, every node
  // hears of each commit (server/src/cluster), so a broadcast through the adapter would send them twice.
  runtime.onCommit((exerciseId, entries, origin) => {
    for (const entry of entries) {
      const rooms = roomsOf(exerciseId, entry);
      (origin ? io.local.to(rooms).except(origin) : io.local.to(rooms)).emit('log', entry);
      feeds.deliver(rooms, entry);
    }
    // Status and clock are in everyone's view; scenario states, open decisions and the next timer
    // only in staff views, so a scenario step does not send a view to every tablet.
    const views = (rooms: string | string[]) =>
      broadcastViews(io, runtime, exerciseId, rooms).catch((error: unknown) => log.error({ err: error, exerciseId }, 'View broadcast failed'));
    if (entries.some((e) => e.type.startsWith('exercise.') || e.type.startsWith('clock.'))) {
      void views(exerciseRoom(exerciseId));
    } else if (entries.some((e) => e.type === 'state.entered' || e.type === 'timer.fired')) {
      void views(STAFF_ROLES.map((role) => roleRoom(exerciseId, role)));
    }
  });

  return io;
}

/** Which teams' devices and which staff roles are connected to an exercise now (also for the communications check). */
export async function presenceOf(io: GatewayServer, exerciseId: string): Promise<Presence> {
  const presence: Presence = { teams: {}, staff: {} };
  for (const socket of await io.in(exerciseRoom(exerciseId)).fetchSockets()) {
    const { viewer } = socket.data;
    if (viewer.role === 'participant') presence.teams[viewer.teamId] = (presence.teams[viewer.teamId] ?? 0) + 1;
    else presence.staff[viewer.role] = (presence.staff[viewer.role] ?? 0) + 1;
  }
  return presence;
}

/** Tells the exercise's staff which teams and roles are connected, after every (dis)connect. */
async function broadcastPresence(io: GatewayServer, exerciseId: string): Promise<void> {
  const presence = await presenceOf(io, exerciseId);
  io.to(STAFF_ROLES.map((role) => roleRoom(exerciseId, role))).emit('presence', presence);
}

/** Sends each connected viewer what changed in its view after a status, clock or scenario step (not the parts its sync sent). */
async function broadcastViews(io: GatewayServer, runtime: ExerciseRuntime, exerciseId: string, rooms: string | string[]): Promise<void> {
  const host = await runtime.get(exerciseId);
  // Many devices share a viewer (a team's tablets): build each distinct view once.
  const changes = new Map<string, ReturnType<typeof viewChange>>();
  for (const socket of await io.local.in(rooms).fetchSockets()) {
    const { viewer } = socket.data;
    const key = viewer.role === 'participant' ? `team:${viewer.teamId}` : viewer.role;
    let change = changes.get(key);
    if (!change) changes.set(key, (change = viewChange(host.view(viewer))));
    socket.emit('exercise', change);
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
        // On several nodes the count asks every node, and one that just died does not answer.
        work(key).catch((error: unknown) => console.error(`StartEx: could not update ${key}:`, error));
      }, delayMs).unref();
    },
  };
}

type Reply = (result: Ack) => void;

type Handlers = {
  [E in keyof ClientToServerEvents]: (
    payload: Parameters<ClientToServerEvents[E]>[0],
    socket: GatewaySocket,
    deps: GatewayDeps,
    /** Answers the event now (an input, the moment its entries are durable); the answer the handler returns is then not sent. */
    reply: Reply,
  ) => Promise<object>;
};

/** The log actor for whoever is behind a socket. */
function actorOf(socket: GatewaySocket): Actor {
  const { principal, viewer } = socket.data;
  if (viewer.role === 'participant') {
    return { kind: 'participant', teamId: viewer.teamId, ...(principal.kind === 'user' ? { userId: principal.user.id } : {}) };
  }
  if (principal.kind !== 'user' || (viewer.role !== 'director' && viewer.role !== 'controller')) throw new StartexError('FORBIDDEN');
  return { kind: 'controller', id: principal.user.id, name: principal.user.displayName, role: viewer.role };
}

function require(socket: GatewaySocket, verb: ExerciseVerb): void {
  if (!allows(socket.data.viewer.role, verb)) throw new StartexError('FORBIDDEN');
}

/** A participant's team, after the policy agrees. */
function team(socket: GatewaySocket): string {
  require(socket, 'play.participate');
  const { viewer } = socket.data;
  // The policy lets participants only through, and a participant always has a team.
  if (viewer.role !== 'participant') throw new StartexError('FORBIDDEN');
  return viewer.teamId;
}

/** A participant's team, after the policy and the flood limit agree. */
async function participant(socket: GatewaySocket, limits: RateLimits): Promise<string> {
  const teamId = team(socket);
  await limits.beforeAction(principalKey(socket.data.principal));
  return teamId;
}

/**
 * Commits an input from this socket: the acknowledgement carries the entries it committed that
 * the sender may see, and the fan-out leaves this socket out. It is sent the moment they are
 * durable, before any later entry reaches this socket, so that a connection receives its entries
 * in seq order (the resync point moves on with each: the engine's logSync.ts).
 */
async function commitFrom(socket: GatewaySocket, runtime: ExerciseRuntime, input: ExerciseInput, actor: Actor, reply: Reply): Promise<{ seq: number; entries: LogEntry[] }> {
  const host = await runtime.get(socket.data.exerciseId);
  const visible = (entries: LogEntry[]) => entries.filter((entry) => canSee(socket.data.viewer, entry));
  const durable = (entries: LogEntry[]) => {
    const answer: CommitResult = { ok: true, seq: entries[0]!.seq, entries: visible(entries) };
    reply(answer);
  };
  const { seq, entries } = await host.commit(input, actor, { id: socket.id, durable });
  return { seq, entries: visible(entries) };
}

const handlers: Handlers = {
  async sync({ afterSeq }, socket, { runtime }) {
    require(socket, 'exercise.view');
    const host = await runtime.get(socket.data.exerciseId);
    const entries = await host.entriesFor(socket.data.viewer, afterSeq);
    // The whole view, the scenario document included: later only what changes (viewChange).
    return { exercise: host.view(socket.data.viewer), entries };
  },
  async command(command, socket, { runtime }, reply) {
    const host = await runtime.get(socket.data.exerciseId);
    if (!allowsCommand(socket.data.viewer.role, command.type, host.status)) throw new StartexError('FORBIDDEN');
    return commitFrom(socket, runtime, { type: 'command', command }, actorOf(socket), reply);
  },
  async 'inject.delivered'({ injectId }, socket, { runtime }, reply) {
    const teamId = team(socket);
    return commitFrom(socket, runtime, { type: 'receipt', receipt: 'inject.delivered', teamId, injectId }, actorOf(socket), reply);
  },
  async 'inject.acknowledge'({ injectId }, socket, { runtime }, reply) {
    const teamId = team(socket);
    return commitFrom(socket, runtime, { type: 'receipt', receipt: 'inject.acknowledged', teamId, injectId }, actorOf(socket), reply);
  },
  async 'action.take'(action, socket, { runtime, limits }, reply) {
    const teamId = await participant(socket, limits);
    return commitFrom(socket, runtime, { type: 'action', teamId, action }, actorOf(socket), reply);
  },
  async 'commscheck.acknowledge'({ checkId }, socket, { runtime }, reply) {
    const teamId = team(socket);
    return commitFrom(socket, runtime, { type: 'commscheck.acknowledge', teamId, checkId }, actorOf(socket), reply);
  },
  async 'observation.record'(observation, socket, { runtime }, reply) {
    require(socket, 'evaluate');
    const { principal } = socket.data;
    if (principal.kind !== 'user') throw new StartexError('FORBIDDEN');
    return commitFrom(socket, runtime, { type: 'observation', observation }, { kind: 'evaluator', id: principal.user.id, name: principal.user.displayName }, reply);
  },
  async 'feedback.submit'(feedback, socket, { runtime, limits }, reply) {
    const teamId = await participant(socket, limits);
    return commitFrom(socket, runtime, { type: 'feedback', teamId, feedback }, actorOf(socket), reply);
  },
  async 'message.send'(message, socket, { runtime, limits }, reply) {
    const teamId = await participant(socket, limits);
    return commitFrom(socket, runtime, { type: 'message', teamId, message }, actorOf(socket), reply);
  },
};

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
      let answered = false;
      const answer: Reply = (result) => {
        if (answered) return;
        answered = true;
        (reply as Reply)(result);
      };
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
        const handler = handlers[event] as (p: unknown, s: GatewaySocket, d: GatewayDeps, r: Reply) => Promise<object>;
        answer({ ok: true, ...(await handler(parsed.data, socket, deps, answer)) });
      } catch (error) {
        answer({ ok: false, error: toErrorDetail(error, deps.log) });
      }
    });
  }
}

const invalid = (message: string, path: string): Ack => ({ ok: false, error: { code: 'VALIDATION_FAILED', message, path } });

/** Where unexpected errors are reported: fastify's logger (pino) fits. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

/** A refusal as the client is told it; anything but a catalogue error is unexpected, logged with its stack and answered INTERNAL. */
export function toErrorDetail(error: unknown, log: ErrorLog): ErrorDetail {
  if (error instanceof StartexError) return error.toDetail();
  log.error({ err: error }, 'Unexpected error in a socket event');
  return new StartexError('INTERNAL').toDetail();
}
