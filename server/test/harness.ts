import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { LIBRARY } from '@startex/scenarios';
import {
  PROTOCOL_VERSION,
  ScenarioDocument,
  type ClientToServerEvents,
  type ErrorDetail,
  type ExerciseRole,
  type ExerciseView,
  type ExerciseViewChange,
  type LogEntry,
  type ServerToClientEvents,
} from '@startex/shared';
import { connected as syncConnected, emptyLogSync, liveEntry, syncAnswered, withViewChange, type LogSync } from '@startex/scenarios/engine';
import { buildApp, type AppOptions, type StartexApp } from '../src/app.ts';
import { DEMO_EXERCISE_ID, seedDemo } from '../src/seedDemo.ts';
import type { AccessGrant, Store } from '../src/store/ExerciseStore.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signed-in person as a client holds them: the session cookie and the CSRF token for writes. */
export interface StaffCredential {
  cookie: string;
  csrfToken: string;
  exerciseId: string;
}

export type Credential = string | StaffCredential;

export interface Harness {
  server: StartexApp;
  url: string;
  dataDir: string;
  grants: AccessGrant[];
  /** The demo director, signed in. */
  controllerToken: StaffCredential;
  /** The administrator (also a planner), signed in. */
  admin: StaffCredential;
  adminPassword: string;
  joinCode: (teamId: string) => string;
  /** Signs in over HTTP and returns the session as a credential for the demo (or another) exercise. */
  login(username: string, password: string, exerciseId?: string): Promise<StaffCredential>;
  /** Creates a user (as the administrator) with a role in an exercise, signed in. */
  member(role: ExerciseRole, options?: { exerciseId?: string; teamId?: string; username?: string }): Promise<StaffCredential & { userId: string }>;
  /** An HTTP request as `who` (cookie and CSRF token), through fastify's inject. */
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who?: StaffCredential, body?: unknown): Promise<{ statusCode: number; body: string; json(): any }>;
  close(): Promise<void>;
}

const ADMIN_PASSWORD = 'correct horse battery staple';

/** A real server on a loopback port over a real SQLite file (or the store given), seeded with the demo exercise. */
export async function startServer(options: { speed?: number; store?: Store } & Partial<Omit<AppOptions, 'store'>> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'startex-test-'));
  const { speed, store = new SqliteStore(join(dataDir, 'startex.sqlite')), ...appOptions } = options;
  // Generous limits: tests sign in and act far faster than people do.
  const server = await buildApp({ store, limits: { loginsPerMinute: 10_000, actionsPerSecond: 10_000, joinsPerMinute: 10_000 }, ...appOptions });
  await server.identity.ensureAdministrator(ADMIN_PASSWORD);
  const demo = await seedDemo(server.runtime, server.identity, store, speed ?? 600);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;

  async function request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who?: StaffCredential, body?: unknown) {
    return server.app.inject({
      method,
      url,
      headers: {
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  }
  async function login(username: string, password: string, exerciseId = DEMO_EXERCISE_ID): Promise<StaffCredential> {
    const response = await request('POST', '/api/auth/login', undefined, { username, password });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    return { cookie, csrfToken: (response.json() as { csrfToken: string }).csrfToken, exerciseId };
  }
  const admin = await login('admin', ADMIN_PASSWORD);
  let members = 0;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    grants: demo.joinCodes,
    controllerToken: await login(demo.director.username, demo.director.password!),
    admin,
    adminPassword: ADMIN_PASSWORD,
    joinCode: (teamId) => demo.joinCodes.find((g) => g.teamId === teamId)!.token,
    login,
    request,
    async member(role, memberOptions = {}) {
      const exerciseId = memberOptions.exerciseId ?? DEMO_EXERCISE_ID;
      const username = memberOptions.username ?? `${role}-${++members}`;
      const password = `${username} password 123`;
      const created = await request('POST', '/api/admin/users', admin, { username, displayName: `Test ${role}`, password });
      if (created.statusCode !== 201) throw new Error(`creating ${username} failed: ${created.body}`);
      const userId = (created.json() as { id: string }).id;
      await server.identity.setMembership('test', { exerciseId, userId, role, teamId: memberOptions.teamId });
      return { ...(await login(username, password, exerciseId)), userId };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket.io client that records every log entry it receives. */
export function client(url: string, credential: Credential, protocolVersion = PROTOCOL_VERSION) {
  const socket: TestSocket = connect(url, {
    auth: typeof credential === 'string' ? { protocolVersion, joinCode: credential } : { protocolVersion, exerciseId: credential.exerciseId },
    ...(typeof credential === 'string' ? {} : { extraHeaders: { cookie: credential.cookie } }),
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

/**
 * The entries an acknowledgement carries (the sender's own, which the server does not send it
 * again as `log`) go to the socket's `log` listeners, as the real client's request() does.
 */
function heardFromAck(socket: TestSocket, result: unknown): void {
  const entries = (result as { ok?: boolean; entries?: unknown }).entries;
  if (!Array.isArray(entries)) return;
  for (const entry of entries as LogEntry[]) for (const listener of socket.listeners('log')) listener(entry);
}

/** Emits and waits for the acknowledgement. */
export function call<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket as unknown as Socket).emit(event, payload, (result: Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]) => {
      if (event !== 'sync') heardFromAck(socket, result);
      resolve(result);
    });
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

/** The acknowledgement an event gets. */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/**
 * Emits and waits for the acknowledgement, or resolves `undefined` if the connection drops first:
 * a request in flight when the server died, whose fate only the log can tell.
 */
export function callOrLost<E extends keyof ClientToServerEvents>(socket: TestSocket, event: E, payload: unknown): Promise<AckOf<E> | undefined> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve(undefined);
    const lost = () => resolve(undefined);
    socket.once('disconnect', lost);
    (socket as unknown as Socket).emit(event, payload, (result: AckOf<E>) => {
      socket.off('disconnect', lost);
      if (event !== 'sync') heardFromAck(socket, result);
      resolve(result);
    });
  });
}

/** Signs in over real HTTP (for a server in another process) and returns the session for one exercise. */
export async function loginAt(url: string, username: string, password: string, exerciseId: string): Promise<StaffCredential> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken, exerciseId };
}

export interface TestExercise {
  id: string;
  /** A director of this exercise (lifecycle and play commands), signed in. */
  director: StaffCredential & { userId: string };
  joinCode: (teamId: string) => string;
}

/** Another exercise on the harness's server: a signed-in director and one join code per team. */
export async function createExercise(
  h: Harness,
  scenario: ScenarioDocument,
  options: { speed: number; ready?: boolean },
): Promise<TestExercise> {
  const record = await h.server.runtime.create({ scenario, speed: options.speed });
  const director = await h.member('director', { exerciseId: record.id });
  const codes = new Map<string, string>();
  for (const team of scenario.teams) {
    const grant = await h.server.identity.createJoinCode('test', { exerciseId: record.id, role: 'participant', teamId: team.id });
    codes.set(team.id, grant.token);
  }
  if (options.ready) await (await h.server.runtime.get(record.id)).command({ type: 'ready' }, { kind: 'system' });
  return { id: record.id, director, joinCode: (teamId) => codes.get(teamId)! };
}

/**
 * The demo with two more teams (police, fire) and injects for them, so that who-gets-what can
 * be seen: police_call goes to police, fire_standby to fire, joint_briefing to both.
 */
export function multiTeamScenario(): ScenarioDocument {
  const demo = LIBRARY.demo!;
  const inject = (id: string, number: number, to: string[], subject: string) => ({
    id,
    number,
    channel: 'phone' as const,
    from: 'Regional dispatch',
    to,
    subject,
    body: `${subject}: details follow.`,
  });
  return ScenarioDocument.parse({
    ...demo,
    id: 'demo-multi-team',
    title: 'Demo with police and fire',
    teams: [
      ...demo.teams,
      { id: 'police', name: 'Police patrol', agency: 'police' },
      { id: 'fire', name: 'Fire and rescue', agency: 'fire-rescue' },
    ],
    injects: [
      ...demo.injects,
      inject('police_call', 3, ['police'], 'Secure the customs post'),
      inject('fire_standby', 4, ['fire'], 'Stand by at the border'),
      inject('joint_briefing', 5, ['police', 'fire'], 'Joint briefing at the post'),
    ],
    machine: {
      initial: 'quiet',
      states: {
        quiet: { after: [{ minutes: 2, target: 'alarm' }] },
        alarm: {
          entry: [{ release: 'portal_alarm' }],
          on: [{ action: 'report_alarm', team: 'customs', target: 'reported' }],
        },
        reported: {
          entry: [{ release: 'supervisor_reply' }, { release: 'police_call' }],
          after: [{ minutes: 3, target: 'joint' }],
        },
        joint: {
          entry: [{ release: 'fire_standby' }, { release: 'joint_briefing' }],
          after: [{ minutes: 5, target: 'endex' }],
        },
        endex: { type: 'final' },
      },
    },
  });
}

/**
 * A client that keeps its viewer's log by the real client's own rules (the engine's logSync.ts,
 * which useExercise.ts runs in the browser): after every (re)connect it sends `sync { afterSeq }`,
 * merges the answer and live `log` entries by seq, so an entry that arrives both ways shows once,
 * and moves its resync point on live entries only once the connection's sync has answered.
 */
export class LogMirror {
  private log: LogSync = emptyLogSync;
  private syncWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  view: ExerciseView | undefined;
  /** Every view received, by sync or as an 'exercise' event, oldest first. */
  readonly views: ExerciseView[] = [];
  socket: TestSocket | undefined;
  /** Seqs that arrived twice with different content: the live copy and the stored one must agree. */
  readonly conflicts: number[] = [];

  constructor(readonly credential: Credential) {}

  /** Every entry seen, in seq order, each once. */
  get entries(): LogEntry[] {
    return this.log.entries;
  }

  /** What the next sync asks after. */
  get lastSeq(): number {
    return this.log.lastSeq;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** A fresh socket.io client (a reloaded page, or after a server restart) that resumes from `lastSeq`. */
  async open(url: string): Promise<void> {
    this.close();
    const { socket } = client(url, this.credential);
    this.socket = socket;
    socket.on('log', (entry) => {
      this.checkAgainstKnown([entry]);
      this.log = liveEntry(this.log, entry);
    });
    socket.on('exercise', (change) => this.see(change));
    socket.on('connect', () => {
      this.log = syncConnected(this.log);
      socket.emit('sync', { afterSeq: this.log.lastSeq }, (result) => {
        const waiters = this.syncWaiters.splice(0);
        if (!result.ok) return waiters.forEach((w) => w.reject(new Error(`sync refused: ${result.error.code}`)));
        this.see(result.exercise);
        this.checkAgainstKnown(result.entries);
        this.log = syncAnswered(this.log, result.entries);
        waiters.forEach((w) => w.resolve());
      });
    });
    socket.on('connect_error', (error) => {
      const detail = (error as Error & { data?: ErrorDetail }).data;
      this.syncWaiters.splice(0).forEach((w) => w.reject(new Error(`connection refused: ${detail?.code ?? error.message}`)));
    });
    await this.nextSync();
  }

  /** Reconnects the same socket.io client and waits for its resync. */
  async reconnect(): Promise<void> {
    const synced = this.nextSync();
    this.socket!.connect();
    await synced;
  }

  /** A clean disconnect: the client says goodbye. */
  disconnect(): void {
    this.socket?.disconnect();
  }

  /** The transport breaks under the client (no goodbye): the server sees a transport close. */
  drop(): void {
    this.socket?.io.engine.close();
  }

  close(): void {
    // Disconnect first: requests in flight on this socket hear of it (see callOrLost).
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = undefined;
  }

  /** A sync's whole view, or a change to the last one (the scenario document came with the sync). */
  private see(view: ExerciseView | ExerciseViewChange): void {
    this.view = 'viewer' in view ? view : withViewChange(this.view!, view);
    this.views.push(this.view);
  }

  private nextSync(): Promise<void> {
    return new Promise((resolve, reject) => this.syncWaiters.push({ resolve, reject }));
  }

  private checkAgainstKnown(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    const bySeq = new Map(this.log.entries.filter((e) => e.seq >= entries[0]!.seq).map((e) => [e.seq, e]));
    for (const entry of entries) {
      const known = bySeq.get(entry.seq);
      if (known && !isDeepStrictEqual(known, entry)) this.conflicts.push(entry.seq);
    }
  }
}

/** A small seeded generator (mulberry32), so that a random schedule replays from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** Drops the envelope's times and exercise id, keeping what an entry says, its seq and who caused it, for whole-entry comparisons. */
export function withoutTimes(entry: LogEntry) {
  const { wallTime: _w, exerciseTimeMs: _e, scenarioTimeMs: _s, exerciseId: _x, ...rest } = entry;
  return rest;
}
