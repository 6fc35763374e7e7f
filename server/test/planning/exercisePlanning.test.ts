import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { AgencyView, ExercisePlan, LogEntry, PlannedExerciseSummary } from '@startex/shared';
import { call, client, connected, startServer, type Harness } from '../harness.ts';
import { planner, plannedExercise, type Planner } from './planningHelpers.ts';

let h: Harness;
let alice: Planner;
beforeAll(async () => {
  h = await startServer();
  alice = await planner(h);
});
afterAll(async () => h.close());

const DAY1_0230 = (2 * 60 + 30) * 60_000;

describe('creating an exercise', () => {
  it('pins the library scenario, gives the creator no role in it (they plan it as a planner) and lists it with its settings', async () => {
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    const scenario = LIBRARY['detection-portal-alarm']!;
    expect(exercise).toEqual({
      id: expect.any(String),
      title: scenario.title,
      scenarioId: 'detection-portal-alarm',
      status: 'draft',
      scenarioVersion: scenario.version,
      createdAt: expect.any(Number),
      settings: {
        title: scenario.title,
        scenarioStartMs: 10 * 3_600_000,
        speed: 1,
        timeZone: 'Europe/Vilnius',
        language: 'en',
        exerciseType: 'functional',
        locations: [],
        requireCommsCheck: true,
      },
    });
    const listed = (await h.request('GET', '/api/exercises', alice)).json() as PlannedExerciseSummary[];
    expect(listed.find((e) => e.id === exercise.id)).toEqual(exercise);
    const members = (await h.request('GET', `/api/exercises/${exercise.id}/members`, as)).json();
    expect(members).toEqual([]);
    expect((await h.server.runtime.store.getExercise(exercise.id))!.scenario).toEqual(scenario);
  });

  it('pins an uploaded scenario version: a later upload of the scenario does not change the exercise', async () => {
    const first = { ...LIBRARY.demo!, id: 'pinned-upload', title: 'Pinned upload, first version' };
    expect((await h.request('POST', '/api/scenarios', alice, first)).statusCode).toBe(201);
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'uploaded', scenarioId: 'pinned-upload' } });
    expect(exercise).toMatchObject({ scenarioId: 'pinned-upload', scenarioVersion: 1 });
    const second = { ...first, title: 'Pinned upload, second version', injects: first.injects.map((i) => ({ ...i, subject: `${i.subject} (edited)` })) };
    expect((await h.request('POST', '/api/scenarios', alice, second)).json()).toMatchObject({ version: 2 });

    const stored = await h.server.runtime.store.getExercise(exercise.id);
    expect(stored!.scenario.title).toBe('Pinned upload, first version');
    expect(stored!.scenario.injects.map((i) => i.subject)).toEqual(LIBRARY.demo!.injects.map((i) => i.subject));
    const plan = (await h.request('GET', `/api/exercises/${exercise.id}/plan`, as)).json() as ExercisePlan;
    expect(plan.scenario).toEqual({ id: 'pinned-upload', version: 1, title: 'Pinned upload, first version' });
    // A new exercise of the same scenario takes the new version.
    expect((await plannedExercise(h, alice, { source: { kind: 'uploaded', scenarioId: 'pinned-upload' } })).exercise.scenarioVersion).toBe(2);
    expect((await plannedExercise(h, alice, { source: { kind: 'uploaded', scenarioId: 'pinned-upload', version: 1 } })).exercise.scenarioVersion).toBe(1);
  });

  it('refuses an unknown scenario and an invalid inline document, creating nothing', async () => {
    const before = (await h.server.runtime.store.listExercises()).length;
    const unknown = await h.request('POST', '/api/exercises', alice, { source: { kind: 'library', scenarioId: 'no-such-scenario' } });
    expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'SCENARIO_NOT_FOUND' });
    const invalid = await h.request('POST', '/api/exercises', alice, { source: { kind: 'inline', document: { ...LIBRARY.demo!, teams: [] } } });
    expect(invalid.json()).toMatchObject({ statusCode: 422, code: 'SCENARIO_INVALID' });
    expect((await h.server.runtime.store.listExercises()).length).toBe(before);
    const inline = await h.request('POST', '/api/exercises', alice, { source: { kind: 'inline', document: { ...LIBRARY.demo!, id: 'inline-one' } }, settings: { title: 'Inline' } });
    expect(inline.json()).toMatchObject({ scenarioId: 'inline-one', title: 'Inline', status: 'draft' });
  });
});

describe('settings', () => {
  it('drive the exercise clock at StartEx, and are locked once play began', async () => {
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'demo' } });
    const settings = {
      title: 'Border drill, November',
      date: '2026-11-27',
      startTime: '09:30',
      scenarioStartMs: DAY1_0230,
      speed: 50,
      timeZone: 'Europe/Vilnius',
      language: 'lt',
      exerciseType: 'drill',
      locations: ['Vilkupiai road crossing', 'NSSC, Vilnius'],
    };
    const saved = await h.request('PUT', `/api/exercises/${exercise.id}/settings`, as, settings);
    expect(saved.statusCode).toBe(200);
    expect((saved.json() as ExercisePlan).settings).toEqual({ ...settings, requireCommsCheck: true });
    expect(((await h.request('GET', '/api/exercises', alice)).json() as PlannedExerciseSummary[]).find((e) => e.id === exercise.id)!.title).toBe('Border drill, November');

    const bad = await h.request('PUT', `/api/exercises/${exercise.id}/settings`, as, { ...settings, timeZone: 'Mars/Olympus' });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    // To run play the planner gives themselves the director's role, in the members list for all to see.
    expect((await h.request('PUT', `/api/exercises/${exercise.id}/members/${alice.userId}`, as, { role: 'director' })).statusCode).toBe(200);
    const director = client(h.url, as);
    await connected(director.socket);
    try {
      expect(await call(director.socket, 'command', { type: 'ready' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMS_CHECK_REQUIRED' }) });
      expect((await h.request('POST', `/api/exercises/${exercise.id}/comms-check`, as)).statusCode).toBe(200);
      expect((await h.request('POST', `/api/exercises/${exercise.id}/comms-check/confirm`, as)).json()).toMatchObject({ status: 'ready' });
      expect(await call(director.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
      const sync = await call(director.socket, 'sync', { afterSeq: 0 });
      if (!sync.ok) throw new Error('sync refused');
      expect(sync.exercise.clock).toMatchObject({ speed: 50, scenarioStartMs: DAY1_0230, running: true });
      const started = sync.entries.find((e): e is Extract<LogEntry, { type: 'exercise.started' }> => e.type === 'exercise.started');
      expect(started).toMatchObject({ speed: 50, scenarioStartMs: DAY1_0230 });
      expect(started!.scenarioTimeMs).toBe(DAY1_0230);
    } finally {
      director.socket.disconnect();
    }
    const locked = await h.request('PUT', `/api/exercises/${exercise.id}/settings`, as, { ...settings, speed: 2 });
    expect(locked.json()).toEqual({ statusCode: 409, code: 'PLAN_LOCKED', error: 'Conflict', message: 'The exercise has started: its plan can no longer change.' });
    expect((await h.server.runtime.store.getExercise(exercise.id))!.settings!.speed).toBe(50);
  });
});

describe('agencies and team mapping', () => {
  it('keeps a directory, maps teams to agencies, and refuses deleting an agency in use', async () => {
    const make = async (name: string, type: string, functions: string[]) => {
      const response = await h.request('POST', '/api/agencies', alice, { name, type, functions, contacts: [{ name: 'Duty officer', phone: '+370 5 000 0000', email: 'duty@example.lt' }] });
      expect(response.statusCode).toBe(201);
      return response.json() as AgencyView;
    };
    const customs = await make('Customs Department', 'customs', ['detection']);
    const police = await make('Police Department', 'police', ['detection', 'response']);
    expect((await h.request('POST', '/api/agencies', alice, { name: 'customs department', type: 'customs', functions: [] })).json()).toMatchObject({ code: 'AGENCY_NAME_TAKEN' });
    const listed = (await h.request('GET', '/api/agencies', alice)).json() as AgencyView[];
    expect(listed.map((a) => a.name)).toEqual(expect.arrayContaining(['Customs Department', 'Police Department']));
    const renamed = await h.request('PUT', `/api/agencies/${police.id}`, alice, { name: 'Police Department of Lithuania', type: 'police', functions: ['response'], contacts: [] });
    expect(renamed.json()).toMatchObject({ id: police.id, name: 'Police Department of Lithuania', functions: ['response'], createdAt: police.createdAt });

    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    const mapped = await h.request('PUT', `/api/exercises/${exercise.id}/team-agencies`, as, { mapping: { customs: customs.id, police: police.id } });
    expect((mapped.json() as ExercisePlan).teams).toEqual([
      { id: 'customs', name: expect.any(String), agencyType: 'customs', agencyId: customs.id },
      { id: 'police', name: expect.any(String), agencyType: 'police', agencyId: police.id },
      { id: 'regulator', name: expect.any(String), agencyType: 'regulator' },
    ]);
    expect((await h.request('PUT', `/api/exercises/${exercise.id}/team-agencies`, as, { mapping: { nobody: customs.id } })).json()).toMatchObject({ code: 'UNKNOWN_TEAM' });
    expect((await h.request('PUT', `/api/exercises/${exercise.id}/team-agencies`, as, { mapping: { customs: 'missing' } })).json()).toMatchObject({ code: 'AGENCY_NOT_FOUND' });
    expect((await h.request('DELETE', `/api/agencies/${customs.id}`, alice)).json()).toMatchObject({ code: 'AGENCY_IN_USE' });
    const spare = await make('Spare agency', 'other', []);
    expect((await h.request('DELETE', `/api/agencies/${spare.id}`, alice)).json()).toEqual({ ok: true });
    expect(((await h.request('GET', '/api/agencies', alice)).json() as AgencyView[]).some((a) => a.id === spare.id)).toBe(false);
  });
});

describe('the planning steps', () => {
  it('are marked done as the plan fills in: settings, agencies, people, codes, and the confirmed communications check', async () => {
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    const path = `/api/exercises/${exercise.id}`;
    const done = async () => ((await h.request('GET', `${path}/plan`, as)).json() as ExercisePlan).done;
    expect(await done()).toEqual([]);

    await h.request('PUT', `${path}/settings`, as, { ...exercise.settings, requireCommsCheck: undefined, date: '2026-12-10', startTime: '09:00' });
    expect(await done()).toEqual(['settings']);
    const agency = (await h.request('POST', '/api/agencies', as, { name: 'Steps agency', type: 'customs', functions: ['detection'], contacts: [] })).json() as AgencyView;
    await h.request('PUT', `${path}/team-agencies`, as, { mapping: Object.fromEntries(LIBRARY['detection-portal-alarm']!.teams.map((t) => [t.id, agency.id])) });
    expect(await done()).toEqual(['settings', 'agencies']);
    // An evaluator covering one objective leaves the others uncovered; one who names none covers them all.
    await h.request('POST', `${path}/people`, as, { name: 'One', email: 'one@steps.example.lt', role: 'evaluator', covers: { objectives: ['verify_alarm'], teams: [] } });
    expect(await done()).toEqual(['settings', 'agencies']);
    await h.request('POST', `${path}/people`, as, { name: 'All', email: 'all@steps.example.lt', role: 'evaluator' });
    expect(await done()).toEqual(['settings', 'agencies', 'people']);
    await h.request('POST', `${path}/join-codes/teams`, as, { teams: ['customs'] });
    expect(await done()).toEqual(['settings', 'agencies', 'people']);
    await h.request('POST', `${path}/join-codes/teams`, as, {});
    expect(await done()).toEqual(['settings', 'agencies', 'people', 'codes']);
    await h.request('POST', `${path}/comms-check`, as);
    await h.request('POST', `${path}/comms-check/confirm`, as);
    expect(await done()).toEqual(['settings', 'agencies', 'people', 'codes', 'comms']);
  });
});
