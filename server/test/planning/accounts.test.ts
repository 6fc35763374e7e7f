import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { PeopleAdded, PersonUpdated, SessionView } from '@startex/shared';
import { client, refused, startServer, type Harness, type StaffCredential } from '../harness.ts';
import { planner, plannedExercise, type Planner } from './planningHelpers.ts';

const B = LIBRARY['detection-portal-alarm']!;
let h: Harness;
let as: Planner;
let exerciseId: string;

beforeAll(async () => {
  h = await startServer();
  ({ as, exercise: { id: exerciseId } } = await plannedExercise(h, await planner(h), { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } }));
});
afterAll(async () => h.close());

/** Signs in over HTTP: the session view and the credential it gives. */
async function signIn(username: string, password: string): Promise<{ status: number; view: SessionView; who: StaffCredential }> {
  const response = await h.request('POST', '/api/auth/login', undefined, { username, password });
  const cookie = setCookie(response);
  const view = response.json() as SessionView;
  return { status: response.statusCode, view, who: { cookie, csrfToken: view.csrfToken, exerciseId } };
}

const setCookie = (response: unknown) => String((response as { headers: Record<string, unknown> }).headers['set-cookie']).split(';')[0]!;

const audit = async (action: string) => ((await h.request('GET', '/api/admin/audit?limit=1000', h.admin)).json().entries as { action: string; actor: string; target?: string; details?: unknown }[]).filter((e) => e.action === action);

describe('a generated password', () => {
  it('must be replaced at first sign-in: until then only the sign-in routes answer, and no realtime connection opens', async () => {
    const added = (await h.request('POST', `/api/exercises/${exerciseId}/people`, as, { name: 'Rūta Evaluator', email: 'ruta@nssc.example.lt', role: 'evaluator' })).json() as PeopleAdded;
    const { username, password } = added.accounts[0]!;
    const first = await signIn(username, password);
    expect(first.status).toBe(200);
    expect(first.view.passwordChangeRequired).toBe(true);
    expect((await h.request('GET', '/api/auth/me', first.who)).json()).toMatchObject({ passwordChangeRequired: true });
    for (const url of [`/api/exercises/${exerciseId}`, `/api/exercises/${exerciseId}/briefings/handbook`, `/api/exercises/${exerciseId}/review`]) {
      const response = await h.request('GET', url, first.who);
      expect([response.statusCode, response.json().code], url).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    }
    expect(await refused(client(h.url, first.who).socket)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

    // Refusals change nothing: a wrong current password, the same password, one too short.
    const change = (body: unknown) => h.request('POST', '/api/auth/password', first.who, body);
    expect((await change({ currentPassword: 'not the password', newPassword: 'ruta chose this password' })).json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG' });
    expect((await change({ currentPassword: password, newPassword: password })).json()).toMatchObject({ code: 'PASSWORD_UNCHANGED' });
    expect((await change({ currentPassword: password, newPassword: 'short' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await signIn(username, password)).status).toBe(200);

    const changed = await change({ currentPassword: password, newPassword: 'ruta chose this password' });
    expect(changed.statusCode).toBe(200);
    const view = changed.json() as SessionView;
    expect(view.passwordChangeRequired).toBeUndefined();
    const who: StaffCredential = { cookie: setCookie(changed), csrfToken: view.csrfToken, exerciseId };
    expect(who.cookie).not.toBe(first.who.cookie);
    // The sessions the generated password opened are over; the new one works everywhere.
    expect((await h.request('GET', '/api/auth/me', first.who)).statusCode).toBe(401);
    expect((await h.request('GET', `/api/exercises/${exerciseId}/briefings/handbook`, who)).statusCode).toBe(200);
    expect((await signIn(username, password)).status).toBe(401);
    expect((await signIn(username, 'ruta chose this password')).view.passwordChangeRequired).toBeUndefined();

    expect(await audit('password.changed')).toEqual([expect.objectContaining({ actor: username, target: username, details: { wasRequired: true } })]);
    expect(await audit('password.change-refused')).toEqual([expect.objectContaining({ actor: username, details: { reason: 'wrong current password' } })]);
    expect(JSON.stringify(await audit('password.changed'))).not.toContain('ruta chose this password');
  });

  it('can be changed later by anyone signed in, proving the current one', async () => {
    const member = await h.member('observer', { username: 'later-changer' });
    expect((await h.request('POST', '/api/auth/password', member, { currentPassword: 'later-changer password 123', newPassword: 'a new password of mine' })).statusCode).toBe(200);
    expect((await signIn('later-changer', 'a new password of mine')).status).toBe(200);
    expect((await h.request('POST', '/api/auth/password', undefined, { currentPassword: 'x', newPassword: 'a new password of mine' })).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('a person on the roster', () => {
  const path = () => `/api/exercises/${exerciseId}/people`;

  it('is edited in place: role, team and coverage; becoming staff makes an account, becoming a participant drops the exercise role', async () => {
    const added = (await h.request('POST', path(), as, { name: 'Tomas', email: 'tomas@customs.example.lt', role: 'participant', teamId: 'customs' })).json() as PeopleAdded;
    const id = added.people[0]!.id;
    const moved = (await h.request('PUT', `${path()}/${id}`, as, { name: 'Tomas K.', role: 'participant', teamId: 'police' })).json() as PersonUpdated;
    expect(moved).toEqual({ person: expect.objectContaining({ id, name: 'Tomas K.', email: 'tomas@customs.example.lt', role: 'participant', teamId: 'police' }), accounts: [] });

    const promoted = (await h.request('PUT', `${path()}/${id}`, as, { name: 'Tomas K.', role: 'evaluator', covers: { objectives: ['notify_on_time'], teams: ['customs'] } })).json() as PersonUpdated;
    expect(promoted.person).toMatchObject({ role: 'evaluator', covers: { objectives: ['notify_on_time'], teams: ['customs'] }, userId: expect.any(String) });
    expect(promoted.person.teamId).toBeUndefined();
    expect(promoted.accounts.map((a) => a.username)).toEqual(['tomas@customs.example.lt']);
    const members = (await h.request('GET', `/api/exercises/${exerciseId}/members`, as)).json() as { userId: string; role: string }[];
    expect(members).toContainEqual(expect.objectContaining({ userId: promoted.person.userId, role: 'evaluator' }));

    const demoted = (await h.request('PUT', `${path()}/${id}`, as, { name: 'Tomas K.', role: 'participant', teamId: 'customs' })).json() as PersonUpdated;
    expect(demoted.person.userId).toBeUndefined();
    expect(((await h.request('GET', `/api/exercises/${exerciseId}/members`, as)).json() as { userId: string }[]).map((m) => m.userId)).not.toContain(promoted.person.userId);
    expect((await audit('person.updated')).filter((e) => (e.details as { personId: string }).personId === id).map((e) => (e.details as { fields: string[] }).fields).sort()).toEqual([
      ['name', 'teamId'],
      ['role', 'teamId', 'covers'],
      ['role', 'teamId', 'covers'],
    ].sort());
  });

  it('refuses an edit that names nothing in the scenario, or comes too late, and changes nothing', async () => {
    const added = (await h.request('POST', path(), as, { name: 'Inga', email: 'inga@police.example.lt', role: 'evaluator' })).json() as PeopleAdded;
    const id = added.people[0]!.id;
    const before = (await h.request('GET', path(), as)).json();
    const unknown = await h.request('PUT', `${path()}/${id}`, as, { name: 'Inga', role: 'evaluator', covers: { objectives: ['no_such_objective'], teams: [] } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'IMPORT_INVALID']);
    expect((await h.request('PUT', `${path()}/${id}`, as, { name: 'Inga', role: 'participant' })).json()).toMatchObject({ code: 'IMPORT_INVALID' });
    expect((await h.request('PUT', `${path()}/nobody`, as, { name: 'Inga', role: 'observer' })).json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect((await h.request('GET', path(), as)).json()).toEqual(before);
  });

  it('covers objectives and teams named by title in a participant list (ids as before still work)', async () => {
    const [first, second] = B.objectives;
    const csv = [
      'name,email,role,covers',
      `Lina,lina@nssc.example.lt,evaluator,"${first!.title}; ${B.teams[1]!.name}"`,
      `Jonas,jonas@nssc.example.lt,evaluator,${second!.id} customs`,
    ].join('\n');
    const imported = (await h.request('POST', `${path()}/import`, as, { format: 'csv', content: csv })).json() as PeopleAdded;
    expect(imported.people.map((p) => p.covers)).toEqual([
      { objectives: [first!.id], teams: [B.teams[1]!.id] },
      { objectives: [second!.id], teams: ['customs'] },
    ]);
    const wrong = (await h.request('POST', `${path()}/import`, as, { format: 'csv', content: 'name,email,role,covers\nAl,al@nssc.example.lt,evaluator,Catch the moon' })).json();
    expect(wrong.problems).toEqual([{ row: 2, column: 'covers', code: 'UNKNOWN_OBJECTIVE', message: '"Catch the moon" is neither an objective nor a team of the scenario.' }]);
  });
});
