import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { RawData } from 'ws';
import {
  API_ROUTES,
  FEED_SUBPROTOCOL,
  FEED_TOKEN_PREFIX,
  FeedClientMessage,
  feedCloseCode,
  StartexError,
  type ErrorDetail,
  type FeedServerMessage,
  type LogEntry,
  type Viewer,
} from '@startex/shared';
import { connectionAccess, type ExerciseAccess } from '../auth/access.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import type { RateLimits } from '../auth/rateLimits.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { ConnectionRegistry } from './ConnectionRegistry.ts';
import type { FeedRooms } from './exerciseRooms.ts';
import { toErrorDetail } from './gateway.ts';

/** ws options for the feed: inbound messages are tiny, and the handshake never echoes the token. */
export const FEED_SOCKET_OPTIONS = {
  maxPayload: 4 * 1024,
  handleProtocols(offered: Set<string>): string | false {
    if (offered.has(FEED_SUBPROTOCOL)) return FEED_SUBPROTOCOL;
    // Answer another version with itself, so that the client opens and reads why it is refused.
    return [...offered].find((protocol) => !protocol.startsWith(FEED_TOKEN_PREFIX)) ?? false;
  },
};

export interface FeedDeps {
  runtime: ExerciseRuntime;
  identity: IdentityService;
  limits: RateLimits;
  connections: ConnectionRegistry;
  /** The rooms the gateway fans committed entries out to; a feed joins its viewer's. */
  feeds: FeedRooms;
}

/** The plain WebSocket feed of an exercise's log; the protocol is described in shared/src/feed.ts. */
export function feedRoutes(deps: FeedDeps) {
  return async (app: FastifyInstance) => {
    // The table's entry, served by @fastify/websocket's wsHandler rather than serve(): an upgrade, not a JSON answer.
    app.route({
      method: API_ROUTES.feed.method,
      url: API_ROUTES.feed.path,
      // Without an Upgrade the route answers like any other, with a catalogue error body.
      handler: async (request) => {
        throw new StartexError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]} without a WebSocket upgrade.`);
      },
      wsHandler: (socket, request) => serveFeed(socket, request, deps),
    });
  };
}

/**
 * One feed connection. The message listener is attached at once, so that a hello sent as the
 * socket opens waits for authentication instead of being lost; messages are handled one at a time.
 */
function serveFeed(socket: WebSocket, request: FastifyRequest, deps: FeedDeps): void {
  let stream: FeedStream | undefined;
  let unregister = () => {};
  const fail = (error: unknown) => refuse(socket, toErrorDetail(error, request.log));
  const authenticated = authenticate(socket, request, deps).then((access) => {
    if (socket.readyState !== socket.OPEN) return;
    stream = new FeedStream(deps.runtime, access.exerciseId, access.viewer, deps.feeds, (message) => send(socket, message));
    unregister = deps.connections.register(access, (reason) => refuse(socket, reason));
  }, fail);
  let inbox = authenticated;
  socket.on('message', (data: RawData, isBinary: boolean) => {
    inbox = inbox
      .then(async () => {
        if (!stream) return;
        const parsed = parseMessage(data, isBinary);
        if ('error' in parsed) send(socket, { type: 'error', error: parsed.error });
        else await stream.handle(parsed.message);
      })
      .catch(fail);
  });
  socket.on('close', () => {
    stream?.stop();
    unregister();
  });
}

/**
 * Who is behind the feed: a join code offered as subprotocol (tablets, wall displays, tools), or
 * else the browser's session cookie with a role in the exercise.
 */
async function authenticate(socket: WebSocket, request: FastifyRequest, deps: FeedDeps): Promise<ExerciseAccess> {
  const params = API_ROUTES.feed.params.safeParse(request.params);
  if (!params.success) throw new StartexError('VALIDATION_FAILED', 'The exercise id must be 1 to 64 characters.', 'params.id');
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
  const joinCode = offered.find((protocol) => protocol.startsWith(FEED_TOKEN_PREFIX))?.slice(FEED_TOKEN_PREFIX.length);
  if (socket.protocol !== FEED_SUBPROTOCOL) {
    throw new StartexError('PROTOCOL_VERSION_MISMATCH', `The feed speaks "${FEED_SUBPROTOCOL}", the client "${socket.protocol}".`);
  }
  const access = await connectionAccess(deps.identity, deps.limits, {
    ip: request.ip,
    joinCode,
    exerciseId: params.data.id,
    headers: { cookie: request.headers.cookie, origin: request.headers.origin, host: request.headers.host },
  });
  // A join code opens its own exercise's feed only; any other id, whether it names an exercise or
  // not, gets the same answer, so a code holder learns nothing about other ids.
  if (access.exerciseId !== params.data.id) throw new StartexError('FORBIDDEN', 'This join code opens the feed of its own exercise only.');
  await deps.runtime.get(access.exerciseId);
  return access;
}

/**
 * What one viewer is sent: the committed entries it may see, in seq order, each once. It is in
 * its viewer's room from the start (the gateway's fan-out) and holds what arrives while a hello's
 * backlog is read, so that an entry committed meanwhile is neither lost between backlog and live
 * nor sent twice. It reads the backlog through the runtime, not one host: on several nodes the
 * host is replaced when this node takes the exercise over or gives it up.
 */
class FeedStream {
  private firstSent: number | undefined;
  private sentThrough = 0;
  private saidHello = false;
  /** Live entries waiting for the backlog being read; undefined when live entries go straight out. */
  private held: LogEntry[] | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly runtime: ExerciseRuntime,
    private readonly exerciseId: string,
    private readonly viewer: Viewer,
    rooms: FeedRooms,
    private readonly send: (message: FeedServerMessage) => void,
  ) {
    this.unsubscribe = rooms.join(exerciseId, viewer, (entry) => {
      if (this.held) this.held.push(entry);
      else this.deliver(entry);
    });
  }

  async handle(message: FeedClientMessage): Promise<void> {
    switch (message.type) {
      case 'hello':
        return this.hello(message.afterSeq);
      default: {
        const exhaustive: never = message.type;
        return exhaustive;
      }
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  /**
   * Sends the entries after `afterSeq`, then lets live ones through again. A hello that arrives
   * after live entries went out is still served when none of its backlog comes before them;
   * otherwise it is refused, as serving it would break seq order.
   */
  private async hello(afterSeq: number): Promise<void> {
    if (this.saidHello) return this.sendError('Send hello once per connection.');
    this.saidHello = true;
    this.held = [];
    try {
      const backlog = await (await this.runtime.get(this.exerciseId)).entriesFor(this.viewer, afterSeq);
      const firstSent = this.firstSent;
      if (firstSent !== undefined && backlog.some((entry) => entry.seq < firstSent)) {
        this.sendError(`Entries from seq ${firstSent} on were sent before this hello; reconnect and send hello first.`);
      } else {
        this.sentThrough = Math.max(this.sentThrough, afterSeq);
        for (const entry of backlog) this.deliver(entry);
      }
      for (const entry of this.held) this.deliver(entry);
    } finally {
      this.held = undefined;
    }
  }

  private deliver(entry: LogEntry): void {
    if (entry.seq <= this.sentThrough) return;
    this.firstSent ??= entry.seq;
    this.sentThrough = entry.seq;
    this.send({ type: 'entry', entry });
  }

  private sendError(message: string): void {
    this.send({ type: 'error', error: { code: 'VALIDATION_FAILED', message, path: 'type' } });
  }
}

function parseMessage(data: RawData, isBinary: boolean): { message: FeedClientMessage } | { error: ErrorDetail } {
  const invalid = (message: string, path = '') => ({ error: { code: 'VALIDATION_FAILED' as const, message, path } });
  if (isBinary) return invalid('Send feed messages as JSON text frames.');
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return invalid('The feed message is not JSON.');
  }
  const parsed = FeedClientMessage.safeParse(json);
  if (parsed.success) return { message: parsed.data };
  const issue = parsed.error.issues[0];
  return invalid(`Invalid feed message: ${issue?.message ?? 'malformed'}.`, issue?.path.join('.') ?? '');
}

function send(socket: WebSocket, message: FeedServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Tells the client why in a message, then closes with the code's close code and the code as reason. */
function refuse(socket: WebSocket, error: ErrorDetail): void {
  send(socket, { type: 'error', error });
  if (socket.readyState === socket.OPEN) socket.close(feedCloseCode(error.code), error.code);
}
