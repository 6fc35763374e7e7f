import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { ErrorDetail } from '@startex/shared';
import type { ExerciseAccess } from '../auth/access.ts';
import { IdentityService } from '../auth/IdentityService.ts';
import { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { SqliteStore } from '../store/SqliteStore.ts';
import { ConnectionRegistry } from './ConnectionRegistry.ts';

const HOUR = 3_600_000;
/** SECURITY.md: an expired join code or session loses its open connections within 15 s. */
const PROMISED_MS = 15_000;

let dir: string;
let store: SqliteStore;
let runtime: ExerciseRuntime;
/** The clock identity and registry read; the sweep's timer is moved with it. */
let clock: number;
let identity: IdentityService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'startex-registry-'));
  store = new SqliteStore(join(dir, 'startex.sqlite'));
  runtime = new ExerciseRuntime(store);
  clock = Date.parse('2026-11-27T09:00:00Z');
  identity = new IdentityService(store, { sessionHours: 2, now: () => clock });
});
afterEach(async () => {
  vi.useRealTimers();
  await runtime.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two open connections: a tablet's join code that expires in an hour, a person's session in two. */
async function openConnections() {
  const { id: exerciseId } = await runtime.create({ scenario: LIBRARY.demo!, speed: 1 });
  const grant = await identity.createJoinCode('test', { exerciseId, role: 'participant', teamId: 'customs', expiresInHours: 1 });
  await identity.createUser('test', { username: 'casey', displayName: 'Casey', password: 'casey password 123', roles: [] });
  const signedIn = (await identity.login('casey', 'casey password 123'))!;
  const tablet: ExerciseAccess = { exerciseId, viewer: { role: 'participant', teamId: 'customs' }, principal: { kind: 'code', grant } };
  const person: ExerciseAccess = { exerciseId, viewer: { role: 'observer' }, principal: { kind: 'user', user: signedIn.user, session: signedIn.session } };
  return { tablet, person, grant, session: signedIn.session };
}

describe('ConnectionRegistry: credentials that expire while connected', () => {
  it('closes a join code connection and a session connection once each expires, within the sweep interval', async () => {
    const { tablet, person, grant, session } = await openConnections();
    expect(grant.expiresAt).toBe(clock + HOUR);
    expect(session.expiresAt).toBe(clock + 2 * HOUR);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const registry = new ConnectionRegistry(identity, () => clock);
    const closed: { who: string; reason: ErrorDetail }[] = [];
    registry.register(tablet, (reason) => closed.push({ who: 'tablet', reason }));
    registry.register(person, (reason) => closed.push({ who: 'person', reason }));
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };

    advance(HOUR - 1);
    expect(closed).toEqual([]);
    advance(1 + PROMISED_MS);
    expect(closed).toEqual([{ who: 'tablet', reason: { code: 'JOIN_CODE_INVALID', message: 'This join code has expired.' } }]);

    advance(HOUR - 2 * PROMISED_MS);
    expect(closed).toHaveLength(1);
    advance(2 * PROMISED_MS);
    expect(closed).toEqual([
      { who: 'tablet', reason: { code: 'JOIN_CODE_INVALID', message: 'This join code has expired.' } },
      { who: 'person', reason: { code: 'SESSION_EXPIRED', message: 'Your session has ended; sign in again.' } },
    ]);
    // Each is closed once: a closed connection leaves the registry.
    advance(10 * PROMISED_MS);
    expect(closed).toHaveLength(2);
    registry.stop();
  });

  it('closes nothing once stopped, and nothing a connection unregistered itself', async () => {
    const { tablet, person } = await openConnections();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const registry = new ConnectionRegistry(identity, () => clock);
    const closed: string[] = [];
    const unregister = registry.register(tablet, () => closed.push('tablet'));
    registry.register(person, () => closed.push('person'));
    unregister();
    clock += HOUR + PROMISED_MS;
    vi.advanceTimersByTime(HOUR + PROMISED_MS);
    expect(closed).toEqual([]);
    registry.stop();
    clock += 2 * HOUR;
    vi.advanceTimersByTime(2 * HOUR);
    expect(closed).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
