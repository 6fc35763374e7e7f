import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveWorker } from '../workerProcess.ts';

/**
 * The ingest and memory baseline: a bare socket.io server with StartEx's message size limit that
 * acknowledges every event at once and does nothing else (no validation, no log, no fan-out).
 */

const handlers = {
  async listen() {
    const http = createServer();
    const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
    let seq = 0;
    io.on('connection', (socket) => {
      socket.on('sync', (_request: unknown, ack: (result: object) => void) => ack({ ok: true, exercise: { status: 'live', clock: null }, entries: [] }));
      socket.on('action.take', (_action: unknown, ack: (result: object) => void) => ack({ ok: true, seq: ++seq }));
      socket.on('inject.delivered', (_ref: unknown, ack: (result: object) => void) => ack({ ok: true, seq: ++seq }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { port: (http.address() as { port: number }).port };
  },
  /** Heap in use after a full collection (the process runs with --expose-gc). */
  heapUsedAfterGc() {
    globalThis.gc?.();
    globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  },
};

export type BareSocketIoHandlers = typeof handlers;
serveWorker(handlers);
