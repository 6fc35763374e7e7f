import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveWorker } from '../workerProcess.ts';

/**
 * The ingest and memory baseline: a bare socket.io server with StartEx's message size limit that
 * acknowledges every event at once and does nothing else (no validation, no log, no fan-out).
 * With `echoToTeam` it also sends each action, as a log-entry-sized message, to every device that
 * joined with the same code (a team), as StartEx does: the same frames per action, none of the work.
 */

const handlers = {
  /**
   * `releaseTemplate`: the fan-out baseline too: a `command` { injectId } broadcasts that release
   * entry to every other connection in one room emit (no log, no commit), then acknowledges.
   */
  async listen(options: { echoToTeam?: boolean; releaseTemplate?: Record<string, unknown> } = {}) {
    const http = createServer();
    const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
    let seq = 0;
    io.on('connection', (socket) => {
      const template = options.releaseTemplate;
      if (template) {
        socket.on('command', ({ injectId }: { injectId: string }, ack: (result: object) => void) => {
          const inject = { ...(template.inject as object), id: injectId };
          io.except(socket.id).emit('log', { ...template, inject, seq: ++seq, wallTime: Date.now() });
          ack({ ok: true, seq });
        });
      }
      const team = String((socket.handshake.auth as { joinCode?: unknown }).joinCode ?? '');
      if (options.echoToTeam) void socket.join(team);
      socket.on('sync', (_request: unknown, ack: (result: object) => void) => ack({ ok: true, exercise: { status: 'live', clock: null }, entries: [] }));
      socket.on('action.take', (action: { actionId: string; fields: object; idempotencyKey: string }, ack: (result: object) => void) => {
        const entry = { seq: ++seq, exerciseId: 'bench_play', wallTime: Date.now(), exerciseTimeMs: 0, scenarioTimeMs: 0, type: 'action.taken', actor: { kind: 'participant', teamId: team }, ...action };
        if (options.echoToTeam) io.to(team).emit('log', entry);
        ack({ ok: true, seq: entry.seq });
      });
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
