import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ErrorDetail,
  type LogEntry,
  type ServerToClientEvents,
} from '@startex/shared';
import { buildApp, type StartexApp } from '../src/app.ts';
import { seedDemo } from '../src/seedDemo.ts';
import type { AccessGrant } from '../src/store/ExerciseStore.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Harness {
  server: StartexApp;
  url: string;
  dataDir: string;
  grants: AccessGrant[];
  controllerToken: string;
  joinCode: (teamId: string) => string;
  close(): Promise<void>;
}

/** A real server on a loopback port over a real SQLite file, seeded with the demo exercise. */
export async function startServer(options: { speed?: number } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'startex-test-'));
  const server = await buildApp({ store: new SqliteStore(join(dataDir, 'startex.sqlite')) });
  const grants = await seedDemo(server.runtime, options.speed ?? 600);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  const sockets: TestSocket[] = [];
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    grants,
    controllerToken: grants.find((g) => g.role === 'controller')!.token,
    joinCode: (teamId) => grants.find((g) => g.teamId === teamId)!.token,
    async close() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket.io client that records every log entry it receives. */
export function client(url: string, token: string, protocolVersion = PROTOCOL_VERSION) {
  const socket: TestSocket = connect(url, {
    auth: { protocolVersion, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: LogEntry[] = [];
  socket.on('log', (entry) => received.push(entry));
  return { socket, received };
}

export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

export function refused(socket: TestSocket): Promise<ErrorDetail> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', (error) => resolve((error as Error & { data: ErrorDetail }).data));
  });
}

/** Emits and waits for the acknowledgement. */
export function call<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket as unknown as Socket).emit(event, payload, resolve);
  });
}

/** Polls until `check` returns a value, for events that arrive on their own time. */
export async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
