import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from '../api/errors.ts';
import type { GatewayServer } from './gateway.ts';

const FEED_PATH = /^\/api\/exercises\/[^/]+\/feed$/;

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The one owner of the http server's 'upgrade' event.
 *
 * Left alone, both WebSocket libraries take every upgrade on the server: @fastify/websocket runs
 * each through fastify's router, so a socket.io upgrade gets fastify's 404 and a destroyed socket,
 * and engine.io ends any other upgrade that nobody answered within a second. Here each library
 * sees only its own paths:
 * - @fastify/websocket listens on `feedUpgrades`, a server that never listens, which is handed the
 *   feed's upgrades only;
 * - socket.io is attached to the real server, so its HTTP long-polling stays as it was, but the
 *   'upgrade' listener engine.io adds there is taken off and its upgrades go to `handleUpgrade`;
 * - any other upgrade is answered 404 and closed instead of hanging.
 */
export class UpgradeDispatcher {
  /** Pass to @fastify/websocket as `options.server`. */
  readonly feedUpgrades: HttpServer = createServer();
  private socketIo: { pathPrefix: string; handleUpgrade: UpgradeListener } | undefined;

  constructor(private readonly server: HttpServer) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.dispatch(request, socket, head));
  }

  /** Attaches socket.io to the server; its upgrades then come through the dispatcher only. */
  attachSocketIo(io: GatewayServer): void {
    const before = new Set(this.server.listeners('upgrade'));
    io.attach(this.server);
    // engine.io cannot be told to keep out of 'upgrade' while still serving long-polling requests.
    for (const listener of this.server.listeners('upgrade')) {
      if (!before.has(listener)) this.server.off('upgrade', listener as UpgradeListener);
    }
    // Same prefix test as engine.io's own listener.
    this.socketIo = { pathPrefix: `${io.path()}/`, handleUpgrade: (r, s, h) => io.engine.handleUpgrade(r, s, h) };
  }

  private dispatch(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = request.url ?? '/';
    const path = url.split('?')[0]!;
    if (this.socketIo && url.startsWith(this.socketIo.pathPrefix)) {
      this.socketIo.handleUpgrade(request, socket, head);
    } else if (FEED_PATH.test(path)) {
      this.feedUpgrades.emit('upgrade', request, socket, head);
    } else {
      refuse(socket, path);
    }
  }
}

function refuse(socket: Duplex, path: string): void {
  // Node leaves an upgrading socket without an error listener; a client reset must not crash us.
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify(errorBody('ROUTE_NOT_FOUND', `No WebSocket endpoint at ${path}.`));
  socket.end(
    'HTTP/1.1 404 Not Found\r\n' +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
