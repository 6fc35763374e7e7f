import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { BIDI_MESSAGE, ScenarioDocument } from '@startex/shared';
import { DEMO_EXERCISE_ID } from '../src/seedDemo.ts';
import { call, client, connected, startServer, until, type Harness, type TestSocket } from './harness.ts';
import { download, pdfText } from './planning/planningHelpers.ts';

/**
 * Issue 13: text-direction controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) reverse
 * text as it is shown, so a sender or a subject can be spoofed. Every input refuses them with a
 * message saying so (socket events, REST bodies, roster files, scenario names), and text stored
 * before the refusal loads and is rendered into documents without them.
 */
const RLO = '\u202E';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const REFUSED = `The text ${BIDI_MESSAGE}.`; // the gateway ends the schema's message with a full stop

let h: Harness;
let director: TestSocket;
let tablet: TestSocket;
let evaluator: TestSocket;

beforeAll(async () => {
  h = await startServer({ speed: 1 });
  const judge = await h.member('evaluator');
  director = client(h.url, h.controllerToken).socket;
  const customs = client(h.url, h.joinCode('customs'));
  tablet = customs.socket;
  evaluator = client(h.url, judge).socket;
  await Promise.all([director, tablet, evaluator].map(connected));
  expect(await call(director, 'command', { type: 'start' })).toMatchObject({ ok: true });
  await until(() => customs.received.some((e) => e.type === 'exercise.started'), 'StartEx on the tablet');
});
afterAll(async () => {
  for (const socket of [director, tablet, evaluator]) socket.disconnect();
  await h.close();
});

const lastSeq = async () => (await h.server.runtime.get(DEMO_EXERCISE_ID)).lastSeq;

describe('inputs refuse text-direction controls', () => {
  it('in socket events: ids, names, subjects and free text; nothing is committed', async () => {
    const before = await lastSeq();
    const refusals: [TestSocket, Parameters<typeof call>[1], unknown, string][] = [
      [director, 'command', { type: 'adhoc', to: ['customs'], channel: 'email', from: `Customs HQ ${RLO}retsinim`, subject: 'Orders', body: 'Hold.' }, 'from'],
      [director, 'command', { type: 'adhoc', to: ['customs'], channel: 'email', from: 'Customs HQ', subject: `Scan ${RLO}fdp.exe`, body: 'Hold.' }, 'subject'],
      [director, 'command', { type: 'note', text: `Note \u2067reversed\u2069` }, 'text'],
      [director, 'command', { type: 'release', injectId: `portal_alarm${RLO}` }, 'injectId'],
      [tablet, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: `Report \u200Fdone`, idempotencyKey: 'bidi-message-1' }, 'text'],
      [evaluator, 'observation.record', { observedAtMs: 0, kind: 'note', text: `Seen \u061Cthis`, idempotencyKey: 'bidi-observation-1' }, 'text'],
    ];
    for (const [socket, event, payload, path] of refusals) {
      expect(await call(socket, event, payload), `${event} ${path}`).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid "${event}" payload: ${REFUSED}`, path } });
    }
    expect(await lastSeq()).toBe(before);
  });

  it('in REST bodies and roster files: people, agencies, accounts', async () => {
    const refused = { statusCode: 400, code: 'VALIDATION_FAILED' };
    expect((await h.request('POST', '/api/admin/users', h.admin, { username: 'spoofer', displayName: `Director ${RLO}`, password: 'a long enough password' })).json()).toMatchObject(refused);
    expect((await h.request('POST', '/api/agencies', h.admin, { name: `Customs ${RLO}lacol`, type: 'customs', functions: [], contacts: [] })).json()).toMatchObject(refused);
    const created = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'library', scenarioId: 'demo' } });
    const exerciseId = created.json().id as string;
    const admin = { ...h.admin, exerciseId };
    expect((await h.request('POST', `/api/exercises/${exerciseId}/people`, admin, { name: `Rasa ${RLO}`, email: 'rasa@nssc.example', role: 'controller' })).json()).toMatchObject(refused);
    const csv = `name,email,role,agency,team,covers\nJonas ${RLO}sanoJ,jonas@nssc.example,controller,,,\n`;
    const imported = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, admin, { format: 'csv', content: csv, dryRun: true });
    expect(imported.json()).toMatchObject({ ok: false, problems: [{ row: 2, column: 'name', code: 'VALIDATION_FAILED', message: `The name ${BIDI_MESSAGE}.` }] });
  });

  it('in uploaded scenarios: team names and inject subjects', async () => {
    const demo = LIBRARY.demo!;
    const spoofed = { ...demo, id: 'spoofed', teams: [{ ...demo.teams[0]!, name: `Customs ${RLO}tsop` }], injects: demo.injects.map((i) => ({ ...i, subject: `${i.subject} ${RLO}` })) };
    const response = await h.request('POST', '/api/scenarios', h.admin, spoofed);
    expect(response.statusCode).toBe(422);
    const problems = (response.json() as { problems: { rule: string; path: string; message: string }[] }).problems;
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'schema', path: '$.teams[0].name', message: expect.stringContaining(BIDI_MESSAGE) }));
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'schema', path: '$.injects[0].subject' }));
  });
});

describe('text stored before the refusal', () => {
  it('loads without the controls, and briefings render it without them', async () => {
    const demo = ScenarioDocument.parse(LIBRARY.demo);
    // Written straight to the store, as an exercise pinned before names refused the controls.
    const scenario = { ...demo, teams: [{ ...demo.teams[0]!, name: `Customs post ${RLO}iakninideM` }], simulatedOrganisations: [{ id: 'supervisor', name: `${RLO}rosivrepus tfihs smotsuC` }] };
    await h.server.runtime.store.createExercise({ id: 'pinned-before', title: 'Pinned before', scenario, speed: 1, createdAt: Date.now() });
    const host = await h.server.runtime.get('pinned-before');
    expect(host.record.scenario.teams[0]!.name).toBe('Customs post iakninideM');
    expect(host.record.scenario.simulatedOrganisations[0]!.name).toBe('rosivrepus tfihs smotsuC');

    const staff = await h.member('director', { exerciseId: 'pinned-before' });
    const briefing = pdfText((await download(h, '/api/exercises/pinned-before/briefings/player/customs', staff)).bytes);
    expect(briefing).toContain('iakninideM');
    expect(briefing).not.toMatch(BIDI);
  });
});
