import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '@startex/shared';
import { call, client, connected, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';

/**
 * Issue 13: the halt dialog said only the director could resume, yet an administrator who had
 * created the exercise, and was on none of its lists, halted and resumed it: creating an exercise
 * silently made its creator director. Now creating gives no role; an administrator or planner
 * without one plans the exercise and reads it as an observer, and changes nothing in play
 * (SECURITY.md). The director, named on the exercise's members list, runs play.
 */
let h: Harness;
let exerciseId: string;
let admin: StaffCredential;
let adminSocket: TestSocket;
let directorSocket: TestSocket;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  h = await startServer({ speed: 1 });
  const created = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'library', scenarioId: 'demo' } });
  expect(created.statusCode).toBe(201);
  exerciseId = created.json().id;
  admin = { ...h.admin, exerciseId };
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await h.close();
});

const open = async (who: StaffCredential) => {
  const socket = client(h.url, who).socket;
  sockets.push(socket);
  await connected(socket);
  return socket;
};
const log = (): Promise<LogEntry[]> => h.server.runtime.store.readLog(exerciseId);

describe('an administrator who created an exercise and holds no role in it', () => {
  it('is on none of its lists, and plans it: roster, join codes, communications check', async () => {
    expect((await h.request('GET', `/api/exercises/${exerciseId}/members`, admin)).json()).toEqual([]);
    expect((await h.request('POST', `/api/exercises/${exerciseId}/join-codes`, admin, { role: 'participant', teamId: 'customs' })).statusCode).toBe(201);
    // The director is named on the members list, where everyone planning sees it.
    const rasa = await h.request('POST', '/api/admin/users', h.admin, { username: 'rasa', displayName: 'Rasa Vaitkienė', password: 'rasa password 123' });
    expect((await h.request('PUT', `/api/exercises/${exerciseId}/members/${rasa.json().id}`, admin, { role: 'director' })).statusCode).toBe(200);
    expect((await h.request('POST', `/api/exercises/${exerciseId}/comms-check`, admin)).statusCode).toBe(200);
    expect((await h.request('POST', `/api/exercises/${exerciseId}/comms-check/confirm`, admin)).json()).toMatchObject({ status: 'ready' });
    directorSocket = await open(await h.login('rasa', 'rasa password 123', exerciseId));
  });

  it('reads it as an observer does and cannot change play: no StartEx, halt or resume', async () => {
    adminSocket = await open(admin);
    const sync = await call(adminSocket, 'sync', { afterSeq: 0 });
    expect(sync).toMatchObject({ ok: true, exercise: { id: exerciseId, status: 'ready', viewer: { role: 'observer' } } });
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this.' } };
    const before = await log();
    expect(await call(adminSocket, 'command', { type: 'start' })).toEqual(forbidden);
    expect(await call(directorSocket, 'command', { type: 'start' })).toMatchObject({ ok: true });
    expect(await call(adminSocket, 'command', { type: 'halt', reason: 'Fire alarm in the building' })).toEqual(forbidden);
    expect(await call(directorSocket, 'command', { type: 'halt', reason: 'Fire alarm in the building' })).toMatchObject({ ok: true });
    expect(await call(adminSocket, 'command', { type: 'resume', reason: 'All clear' })).toEqual(forbidden);
    expect(await call(adminSocket, 'command', { type: 'note', text: 'Admin was here' })).toEqual(forbidden);
    const commanded = (await log()).slice(before.length).filter((e) => e.type.startsWith('exercise.'));
    expect(commanded.map((e) => [e.type, e.actor.kind === 'controller' && e.actor.role])).toEqual([
      ['exercise.started', 'director'],
      ['exercise.halted', 'director'],
    ]);
    // Only the director resumes, with a reason; the administrator sees it as the wall display would.
    expect(await call(directorSocket, 'command', { type: 'resume', reason: 'Fire brigade gave the all clear' })).toMatchObject({ ok: true });
    expect(await call(adminSocket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { status: 'live', viewer: { role: 'observer' } } });
    expect((await h.request('GET', `/api/exercises/${exerciseId}/review`, admin)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('a planner without a role is held to the same', async () => {
    const created = await h.request('POST', '/api/admin/users', h.admin, { username: 'paulius', displayName: 'Paulius', password: 'paulius password 123', roles: ['planner'] });
    expect(created.statusCode).toBe(201);
    const planner = await h.login('paulius', 'paulius password 123', exerciseId);
    const socket = await open(planner);
    expect(await call(socket, 'command', { type: 'pause' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.request('GET', `/api/exercises/${exerciseId}/plan`, planner)).statusCode).toBe(200);
  });
});
