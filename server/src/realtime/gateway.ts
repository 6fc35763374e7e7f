import { Server, type Socket } from 'socket.io';
import {
  CLIENT_EVENT_SCHEMAS,
  HandshakeAuth,
  PROTOCOL_VERSION,
  StartexError,
  type ClientToServerEvents,
  type ErrorDetail,
  type ServerToClientEvents,
  type Viewer,
} from '@startex/shared';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { audienceOf } from '../runtime/visibility.ts';

interface SocketData {
  exerciseId: string;
  viewer: Viewer;
}

type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const controllersRoom = (exerciseId: string) => `exercise:${exerciseId}:controllers`;
const teamRoom = (exerciseId: string, teamId: string) => `exercise:${exerciseId}:team:${teamId}`;
const exerciseRoom = (exerciseId: string) => `exercise:${exerciseId}`;

/** Largest socket.io message accepted; larger ones close the connection before parsing. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The socket.io gateway: authenticates the handshake, checks the protocol version, validates
 * every inbound payload with its schema, and fans committed log entries out to the rooms whose
 * viewers may see them. The upgrade dispatcher attaches it to the http server.
 */
export function createGateway(runtime: ExerciseRuntime): GatewayServer {
  const io: GatewayServer = new Server({ maxHttpBufferSize: MAX_MESSAGE_BYTES, serveClient: false });

  io.use(async (socket, next) => {
    const fail = (code: ErrorDetail['code'], message?: string) => {
      const error = new StartexError(code, message);
      next(Object.assign(new Error(error.message), { data: error.toDetail() }));
    };
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return fail('VALIDATION_FAILED', 'The handshake needs { protocolVersion, token }.');
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return fail(
        'PROTOCOL_VERSION_MISMATCH',
        `Server speaks protocol ${PROTOCOL_VERSION}, client ${auth.data.protocolVersion}; reload the page.`,
      );
    }
    const grant = await runtime.store.findGrant(auth.data.token).catch(() => undefined);
    if (!grant) return fail('UNAUTHENTICATED', 'This join code or console link is not valid.');
    socket.data = { exerciseId: grant.exerciseId, viewer: { role: grant.role, teamId: grant.teamId } };
    next();
  });

  io.on('connection', (socket) => {
    const { exerciseId, viewer } = socket.data;
    void socket.join(exerciseRoom(exerciseId));
    void socket.join(viewer.role === 'controller' ? controllersRoom(exerciseId) : teamRoom(exerciseId, viewer.teamId!));
    registerHandlers(socket, runtime);
  });

  runtime.onCommit((exerciseId, entries) => {
    for (const entry of entries) {
      const audience = audienceOf(entry);
      if (audience === 'all') {
        io.to(exerciseRoom(exerciseId)).emit('log', entry);
      } else {
        io.to([controllersRoom(exerciseId), ...audience.map((team) => teamRoom(exerciseId, team))]).emit('log', entry);
      }
    }
    if (entries.some((e) => e.type.startsWith('exercise.'))) void broadcastViews(io, runtime, exerciseId);
  });

  return io;
}

/** Sends each connected viewer its fresh exercise view after a status or clock change. */
async function broadcastViews(io: GatewayServer, runtime: ExerciseRuntime, exerciseId: string): Promise<void> {
  const host = await runtime.get(exerciseId);
  for (const socket of await io.in(exerciseRoom(exerciseId)).fetchSockets()) {
    socket.emit('exercise', host.view(socket.data.viewer));
  }
}

type Handlers = {
  [E in keyof ClientToServerEvents]: (
    payload: Parameters<ClientToServerEvents[E]>[0],
    socket: GatewaySocket,
    runtime: ExerciseRuntime,
  ) => Promise<object>;
};

const handlers: Handlers = {
  async sync({ afterSeq }, socket, runtime) {
    const host = await runtime.get(socket.data.exerciseId);
    const entries = await host.entriesFor(socket.data.viewer, afterSeq);
    return { exercise: host.view(socket.data.viewer), entries };
  },
  async command(command, socket, runtime) {
    requireRole(socket, 'controller');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.command(command, { kind: 'controller', id: 'console' }) };
  },
  async 'inject.delivered'({ injectId }, socket, runtime) {
    const teamId = requireRole(socket, 'participant');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.markDelivered(teamId, injectId) };
  },
  async 'inject.acknowledge'({ injectId }, socket, runtime) {
    const teamId = requireRole(socket, 'participant');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.acknowledge(teamId, injectId) };
  },
  async 'action.take'(action, socket, runtime) {
    const teamId = requireRole(socket, 'participant');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.takeAction(teamId, action) };
  },
  async 'message.send'(message, socket, runtime) {
    const teamId = requireRole(socket, 'participant');
    const host = await runtime.get(socket.data.exerciseId);
    return { seq: await host.sendMessage(teamId, message) };
  },
};

function requireRole(socket: GatewaySocket, role: Viewer['role']): string {
  const { viewer } = socket.data;
  if (viewer.role !== role) throw new StartexError('FORBIDDEN');
  return viewer.teamId ?? '';
}

/**
 * Every event goes through here: the payload is parsed by its schema, the handler runs, and the
 * acknowledgement carries either the result or a catalogue error. Nothing thrown escapes.
 */
function registerHandlers(socket: GatewaySocket, runtime: ExerciseRuntime): void {
  for (const event of Object.keys(handlers) as (keyof ClientToServerEvents)[]) {
    socket.on(event, async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (result: object) => void) : () => {};
      const parsed = CLIENT_EVENT_SCHEMAS[event].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return reply({
          ok: false,
          error: {
            code: 'VALIDATION_FAILED',
            message: `Invalid "${event}" payload: ${issue?.message ?? 'malformed'}.`,
            path: issue?.path.join('.') ?? '',
          },
        });
      }
      try {
        const handler = handlers[event] as (p: unknown, s: GatewaySocket, r: ExerciseRuntime) => Promise<object>;
        reply({ ok: true, ...(await handler(parsed.data, socket, runtime)) });
      } catch (error) {
        reply({ ok: false, error: toErrorDetail(error) });
      }
    });
  }
}

export function toErrorDetail(error: unknown): ErrorDetail {
  if (error instanceof StartexError) return error.toDetail();
  return new StartexError('INTERNAL').toDetail();
}
