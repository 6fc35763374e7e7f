import WebSocket, { WebSocketServer } from 'ws';
import { serveWorker } from '../workerProcess.ts';

/**
 * The fan-out baseline: a bare `ws` server that, when its controller connection asks, broadcasts
 * one serialised log entry (the same inject release StartEx sends) to every other connection.
 * No authentication, no log, no commit, no rooms.
 */

let template: Record<string, unknown> = {};
let seq = 0;

const handlers = {
  async listen(args: { template: Record<string, unknown> }) {
    template = args.template;
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket, request) => {
      if (!request.url?.includes('controller')) return;
      socket.on('message', (data) => {
        const { injectId } = JSON.parse(data.toString()) as { injectId: string };
        const inject = { ...(template.inject as object), id: injectId };
        const payload = JSON.stringify({ ...template, inject, seq: ++seq, wallTime: Date.now() });
        for (const client of server.clients) {
          if (client !== socket && client.readyState === WebSocket.OPEN) client.send(payload);
        }
      });
    });
    return { port: (server.address() as { port: number }).port };
  },
};

export type RawWsServerHandlers = typeof handlers;
serveWorker(handlers);
