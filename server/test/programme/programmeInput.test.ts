import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { API_ROUTES, SURVEY_TOKEN_HEADER, type CapabilityView, type NeedView, type PlanDetail, type SurveySent, type SurveyView } from '@startex/shared';
import { LIBRARY_CAPABILITIES } from '../../src/programme/libraryCapabilities.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { MiB, spaces, zip } from '../planning/hostileZip.ts';
import { firstSignIn } from '../planning/planningHelpers.ts';
import { databaseFile, dumpDatabase } from '../security/databaseDump.ts';
import { account, need, nextYear, ok, thisYear, twoAgencies, type Person } from './programmeHelpers.ts';

/** Bad input to the programme: every refusal has its catalogue code and changes nothing. */
let h: Harness;
let manager: Person;
let customs: string;
let police: string;
beforeAll(async () => {
  h = await startServer();
  manager = await account(h, ['programme-manager', 'planner'], 'input-manager');
  ({ customs, police } = await twoAgencies(h, manager));
});
afterAll(async () => h.close());

const snapshot = () => dumpDatabase(databaseFile(h.dataDir), ['audit_log', 'sessions']);
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
async function xlsx(rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Needs');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** The refusal a request gets, and proof that the database did not change. */
async function refused(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, who: StaffCredential = manager) {
  const before = snapshot();
  const response = await h.request(method, url, who, body);
  expect(snapshot()).toEqual(before);
  return { status: response.statusCode, code: response.json().code as string, body: response.json() };
}

describe('needs', () => {
  it('refuses a need without evidence, with an unknown capability or without capability or competence, and keeps evidence on edit', async () => {
    expect(await refused('POST', '/api/programme/needs', need(customs, { evidence: [] }))).toMatchObject({ status: 400, code: 'NEED_WITHOUT_EVIDENCE' });
    expect(await refused('POST', '/api/programme/needs', need(customs, { capabilityId: 'telepathy' }))).toMatchObject({ status: 400, code: 'UNKNOWN_CAPABILITY' });
    expect(await refused('POST', '/api/programme/needs', need(customs, { capabilityId: undefined }))).toMatchObject({ status: 400, code: 'MISSING_VALUE' });
    expect(await refused('POST', '/api/programme/needs', need('no-such-agency'))).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND' });
    expect(await refused('POST', '/api/programme/needs', need(customs, { requiredLevel: 5 }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const made: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs));
    // A partial edit keeps what it does not name (the evidence above all).
    const edited: NeedView = await ok(h, 200, 'PATCH', `/api/programme/needs/${made.id}`, manager, { headcount: 55, currentLevel: 3 });
    expect([edited.headcount, edited.evidence, edited.currentLevel, edited.gap, edited.level?.source]).toEqual([55, made.evidence, 3, 1, 'centre']);
    expect(await refused('PATCH', `/api/programme/needs/${made.id}`, { evidence: [] })).toMatchObject({ status: 400, code: 'NEED_WITHOUT_EVIDENCE' });
    expect(await refused('PATCH', '/api/programme/needs/nothing-here', { headcount: 1 })).toMatchObject({ status: 404, code: 'NEED_NOT_FOUND' });
  });

  it('imports needs like the participant list: every row problem with its code, nothing saved until clean', async () => {
    const header = ['agency', 'function', 'capability', 'competence', 'target group', 'headcount', 'required level', 'current level', 'priority', 'evidence', 'evidence note', 'intervention', 'review date'];
    const bad = [
      header,
      ['Customs Department', 'detection', 'Expert reachback', '', 'Shift supervisors', '8', '3', '2', 'high', 'survey; interview', 'Survey 2026', 'course', `${nextYear}-06-30`],
      ['Ministry of Magic', 'detection', 'Telepathy', '', '', 'many', '7', '0', 'urgent', '', '', 'party', `${thisYear - 1}-01-01`],
      ['Police Department', 'sorcery', '', '', 'Patrol', '10', '3', '', 'low', 'rumour', '', '', 'tomorrow'],
    ];
    const before = snapshot();
    const dry = await ok(h, 200, 'POST', '/api/programme/needs/import', manager, { format: 'csv', content: csv(bad), dryRun: true });
    const problems = dry.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code]);
    expect(problems).toEqual([
      [3, 'agency', 'UNKNOWN_AGENCY'],
      [3, 'capability', 'UNKNOWN_CAPABILITY'],
      [3, 'target group', 'MISSING_VALUE'],
      [3, 'headcount', 'INVALID_VALUE'],
      [3, 'required level', 'INVALID_VALUE'],
      [3, 'current level', 'INVALID_VALUE'],
      [3, 'priority', 'INVALID_VALUE'],
      [3, 'evidence', 'NEED_WITHOUT_EVIDENCE'],
      [3, 'intervention', 'INVALID_VALUE'],
      [3, 'review date', 'DATE_IN_PAST'],
      [4, 'function', 'INVALID_VALUE'],
      [4, 'capability', 'MISSING_VALUE'],
      [4, 'evidence', 'INVALID_VALUE'],
      [4, 'review date', 'VALIDATION_FAILED'],
    ]);
    expect([dry.ok, dry.rows]).toEqual([false, 3]);
    const response = await h.request('POST', '/api/programme/needs/import', manager, { format: 'csv', content: csv(bad) });
    expect([response.statusCode, response.json().code, response.json().problems.length]).toEqual([422, 'IMPORT_INVALID', 14]);
    expect(snapshot()).toEqual(before);

    // Without an agency column the import is for one agency; the file's own agency must then agree.
    const noAgency = [header.slice(1), bad[1]!.slice(1)];
    expect((await ok(h, 200, 'POST', '/api/programme/needs/import', manager, { format: 'csv', content: csv(noAgency), dryRun: true })).problems).toEqual([
      { row: 1, column: 'agency', code: 'MISSING_COLUMN', message: 'The file has no "agency" column; add one or import for one agency.' },
    ]);
    const mismatch = await ok(h, 200, 'POST', '/api/programme/needs/import', manager, { format: 'csv', content: csv([header, bad[1]!]), agencyId: police, dryRun: true });
    expect(mismatch.problems.map((p: { code: string }) => p.code)).toEqual(['UNKNOWN_AGENCY']);

    // A clean XLSX file saves every row, with the agency's current level as the centre's evidence.
    const saved = await ok(h, 201, 'POST', '/api/programme/needs/import', manager, { format: 'xlsx', content: await xlsx([header, bad[1]!]) });
    expect(saved).toEqual({ ok: true, rows: 1, problems: [] });
    const imported = (await ok(h, 200, 'GET', `/api/programme/needs?agency=${customs}`, manager)).find((n: NeedView) => n.capabilityId === 'expert-reachback');
    expect(imported).toMatchObject({ targetGroup: 'Shift supervisors', headcount: 8, requiredLevel: 3, currentLevel: 2, gap: 1, priority: 'high', intervention: 'course', evidence: [{ kind: 'survey', note: 'Survey 2026' }, { kind: 'interview', note: '' }], status: 'open' });
    // The API document says so too: 200 for a dry run, 201 for an import.
    const document = (await h.request('GET', '/api/docs/json')).json();
    const responses = document.paths['/api/programme/needs/import'].post.responses;
    expect(Object.keys(responses)).toEqual(['200', '201', 'default']);
    expect(responses['200'].content['application/json'].schema.properties.problems).toMatchObject({ type: 'array' });
    expect(responses['200'].content).toEqual(responses['201'].content);
  });

  it('refuses hostile files before reading them, the zip bomb guard of the participant list included', async () => {
    const cases: [string, string, string][] = [
      ['a zip whose entry inflates past the cap', zip([{ name: 'xl/worksheets/sheet1.xml', content: spaces(40 * MiB) }]).toString('base64'), 'The XLSX file unpacks to more than 32 MB.'],
      ['a zip whose headers say it is small', zip([{ name: 'xl/worksheets/sheet1.xml', content: spaces(40 * MiB), declared: 100 }]).toString('base64'), 'The XLSX file unpacks to more than 32 MB.'],
      ['random bytes', Buffer.from('this is not a spreadsheet at all').toString('base64'), 'The XLSX file cannot be read.'],
    ];
    const session = await trainingSession();
    for (const [what, content, message] of cases) {
      expect([what, await refused('POST', '/api/programme/needs/import', { format: 'xlsx', content })]).toMatchObject([what, { status: 400, code: 'IMPORT_UNREADABLE', body: { message } }]);
      expect([what, await refused('POST', `/api/programme/sessions/${session}/attendance/import`, { format: 'xlsx', content })]).toMatchObject([what, { status: 400, code: 'IMPORT_UNREADABLE', body: { message } }]);
    }
    expect(await refused('POST', '/api/programme/needs/import', { format: 'csv', content: '"unterminated' })).toMatchObject({ status: 400, code: 'IMPORT_UNREADABLE' });
  });
});

let sessions = 0;
async function trainingSession(): Promise<string> {
  const course = await ok(h, 201, 'POST', '/api/programme/courses', manager, { title: `Operator course ${++sessions}`, capabilityIds: ['instrument-alarm-assessment'], certificate: { name: 'Radiation detection instrument operator', validityMonths: 12 } });
  return (await ok(h, 201, 'POST', `/api/programme/courses/${course.id}/sessions`, manager, { start: `${thisYear}-02-01`, end: `${thisYear}-02-03`, location: 'Vilnius' })).id;
}

describe('attendance', () => {
  it('imports a session\'s attendance with every row problem, then records new people and their completions', async () => {
    const session = await trainingSession();
    const header = ['name', 'email', 'agency', 'position', 'attended', 'completed', 'completed on'];
    const bad = [
      header,
      ['Rasa Petraitienė', 'rasa@customs.example.lt', 'Customs Department', 'Officer', 'yes', 'yes', `${thisYear}-02-03`],
      ['Rasa Again', 'RASA@customs.example.lt', 'Customs Department', '', 'yes', 'no', ''],
      ['', 'not-an-email', 'Ministry of Magic', '', 'maybe', 'yes', ''],
      ['Tomas Jonaitis', '', 'Police Department', '', 'no', 'yes', `${thisYear}-01-15`],
    ];
    const before = snapshot();
    const response = await h.request('POST', `/api/programme/sessions/${session}/attendance/import`, manager, { format: 'csv', content: csv(bad) });
    expect(response.statusCode).toBe(422);
    expect(response.json().problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, 'email', 'DUPLICATE_PERSON'],
      [4, 'name', 'MISSING_VALUE'],
      [4, 'email', 'INVALID_EMAIL'],
      [4, 'agency', 'UNKNOWN_AGENCY'],
      [4, 'attended', 'INVALID_VALUE'],
      [4, 'completed', 'INVALID_VALUE'],
      [5, 'completed', 'INVALID_VALUE'],
    ]);
    expect(snapshot()).toEqual(before);

    const good = [header, bad[1]!, ['Tomas Jonaitis', '', 'police department', 'Patrol officer', 'taip', 'ne', '']];
    expect(await ok(h, 201, 'POST', `/api/programme/sessions/${session}/attendance/import`, manager, { format: 'csv', content: csv(good) })).toEqual({ ok: true, rows: 2, problems: [] });
    const detail = await ok(h, 200, 'GET', `/api/programme/sessions/${session}`, manager);
    expect(detail.attendance.map((a: { personName: string; attended: boolean; completed: boolean; completedOn?: string }) => [a.personName, a.attended, a.completed, a.completedOn])).toEqual([
      ['Rasa Petraitienė', true, true, `${thisYear}-02-03`],
      ['Tomas Jonaitis', true, false, undefined],
    ]);
    // The same list again finds the same people and adds nobody.
    await ok(h, 201, 'POST', `/api/programme/sessions/${session}/attendance/import`, manager, { format: 'csv', content: csv(good) });
    expect((await ok(h, 200, 'GET', '/api/programme/people', manager)).filter((p: { name: string }) => p.name === 'Rasa Petraitienė')).toHaveLength(1);
    expect(await refused('PUT', `/api/programme/sessions/${session}/attendance`, { rows: [{ personId: 'nobody', attended: true, completed: false }] })).toMatchObject({ status: 404, code: 'TRAINEE_NOT_FOUND' });
  });
});

describe('the needs survey', () => {
  it('goes to the focal point, is answered as a draft and submitted, and the centre accepts and rejects rows', async () => {
    const focal = await ok(h, 201, 'POST', `/api/programme/agencies/${customs}/focal-points`, manager, { name: 'Rasa Petraitienė', email: 'rasa.focal@customs.example.lt' });
    expect(focal.account.username).toBe('rasa.focal@customs.example.lt');
    // Someone else chose that password: it opens nothing until Rasa chooses her own.
    const generated = await h.login(focal.account.username, focal.account.password);
    expect((await h.request('GET', `/api/programme/needs?agency=${customs}`, generated)).json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const rasa = await firstSignIn(h, focal.account, generated.exerciseId);
    expect(await refused('POST', `/api/programme/agencies/${customs}/surveys`, { dueDate: `${thisYear - 1}-12-31` })).toMatchObject({ status: 400, code: 'DATE_IN_PAST' });
    const sent: SurveySent = await ok(h, 201, 'POST', `/api/programme/agencies/${customs}/surveys`, manager, { dueDate: `${nextYear}-01-31`, message: 'Please list your needs.' });
    expect([sent.link, sent.token, sent.survey.status, sent.survey.tokenOpen]).toEqual([`/programme/surveys/${sent.survey.id}`, undefined, 'sent', false]);

    const rows = [
      { function: 'detection', capabilityId: 'instrument-alarm-assessment', targetGroup: 'Lane officers', headcount: 40, requiredLevel: 4, currentLevel: 2, priority: 'high', intervention: 'course' },
      { function: 'response', competence: 'Talking to drivers who refuse a search', targetGroup: 'Lane officers', headcount: 40, requiredLevel: 3, priority: 'low' },
    ];
    expect(await refused('PUT', `/api/programme/surveys/${sent.survey.id}/rows`, { rows: [{ ...rows[0], capabilityId: 'telepathy' }] }, rasa)).toMatchObject({ status: 400, code: 'UNKNOWN_CAPABILITY' });
    const draft: SurveyView = await ok(h, 200, 'PUT', `/api/programme/surveys/${sent.survey.id}/rows`, rasa, { rows });
    expect([draft.status, draft.rows.map((r) => r.status)]).toEqual(['draft', ['draft', 'draft']]);
    // A draft is the focal point's own: the centre's list of needs does not show it yet.
    expect((await ok(h, 200, 'GET', `/api/programme/needs?agency=${customs}`, manager)).some((n: NeedView) => n.surveyId === sent.survey.id)).toBe(false);
    const submitted: SurveyView = await ok(h, 200, 'POST', `/api/programme/surveys/${sent.survey.id}/submit`, rasa);
    expect([submitted.status, submitted.submittedBy, submitted.rows.map((r) => r.status)]).toEqual(['submitted', 'rasa.focal@customs.example.lt', ['submitted', 'submitted']]);
    expect(await refused('PUT', `/api/programme/surveys/${sent.survey.id}/rows`, { rows }, rasa)).toMatchObject({ status: 409, code: 'SURVEY_CLOSED' });

    const [alarm, talking] = submitted.rows;
    expect(await refused('POST', `/api/programme/surveys/${sent.survey.id}/review`, { accept: [alarm!.id], reject: [{ needId: alarm!.id, reason: 'Twice' }] })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const reviewed: SurveyView = await ok(h, 200, 'POST', `/api/programme/surveys/${sent.survey.id}/review`, manager, { accept: [alarm!.id], reject: [{ needId: talking!.id, reason: 'Covered by the police course' }] });
    expect(reviewed.status).toBe('reviewed');
    expect(reviewed.rows.map((r) => [r.status, r.rejectedReason, r.evidence.map((e) => e.kind), r.level?.source])).toEqual([
      ['open', undefined, ['survey'], 'survey'],
      ['rejected', 'Covered by the police course', [], undefined],
    ]);
    expect(await refused('POST', `/api/programme/surveys/${sent.survey.id}/review`, { accept: [alarm!.id] })).toMatchObject({ status: 409, code: 'NEED_NOT_EDITABLE' });
  });

  it('is answered once with a one-time token, which opens nothing after', async () => {
    const sent: SurveySent = await ok(h, 201, 'POST', `/api/programme/agencies/${police}/surveys`, manager, { dueDate: `${nextYear}-01-31`, token: true });
    expect(sent.link).toBe(`/programme/surveys/${sent.survey.id}#token=${sent.token}`);
    const withToken = (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) =>
      h.server.app.inject({ method, url: `/api/programme/surveys/${sent.survey.id}${path}`, headers: { [SURVEY_TOKEN_HEADER]: sent.token!, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    expect((await withToken('GET', '')).json().agencyName).toBe('Police Department');
    const empty = await withToken('POST', '/submit');
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await withToken('PUT', '/rows', { rows: [{ function: 'response', capabilityId: 'incident-command', targetGroup: 'Duty officers', headcount: 12, requiredLevel: 3, priority: 'medium' }] })).statusCode).toBe(200);
    const submitted = await withToken('POST', '/submit');
    expect([submitted.statusCode, submitted.json().submittedBy, submitted.json().tokenOpen]).toEqual([200, 'survey link', false]);
    const after = await withToken('GET', '');
    expect([after.statusCode, after.json().code]).toEqual([401, 'SURVEY_TOKEN_INVALID']);
  });
});

describe('the plan', () => {
  it('refuses an activity without an agency, outside the plan\'s years, or naming a need not accepted yet', async () => {
    const plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Input plan', fromYear: nextYear, toYear: nextYear + 1 });
    const activity = { kind: 'drill', title: 'Lane drill', agencyIds: [customs], when: { kind: 'dates', start: `${nextYear}-03-02`, end: `${nextYear}-03-02` }, lead: 'NSSC' };
    const url = `/api/programme/plans/${plan.id}/activities`;
    expect(await refused('POST', url, { ...activity, agencyIds: [] })).toMatchObject({ status: 400, code: 'ACTIVITY_WITHOUT_AGENCY' });
    expect(await refused('POST', url, { ...activity, agencyIds: ['gone'] })).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND' });
    expect(await refused('POST', url, { ...activity, when: { kind: 'quarter', year: nextYear + 2, quarter: 1 } })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused('POST', url, { ...activity, when: { kind: 'dates', start: `${nextYear}-03-02`, end: `${nextYear}-03-01` } })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused('POST', url, { ...activity, capabilityIds: ['telepathy'] })).toMatchObject({ status: 400, code: 'UNKNOWN_CAPABILITY' });
    expect(await refused('POST', url, { ...activity, needIds: ['nothing'] })).toMatchObject({ status: 404, code: 'NEED_NOT_FOUND' });
    const sent: SurveySent = await ok(h, 201, 'POST', `/api/programme/agencies/${customs}/surveys`, manager, { dueDate: `${nextYear}-01-31` });
    const draft: SurveyView = await ok(h, 200, 'PUT', `/api/programme/surveys/${sent.survey.id}/rows`, manager, { rows: [{ function: 'detection', capabilityId: 'expert-reachback', targetGroup: 'Analysts', headcount: 2, requiredLevel: 3, priority: 'low' }] });
    expect(await refused('POST', url, { ...activity, needIds: [draft.rows[0]!.id] })).toMatchObject({ status: 409, code: 'NEED_NOT_EDITABLE' });
    const policeNeed: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(police));
    expect(await refused('POST', url, { ...activity, needIds: [policeNeed.id] })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await refused('PUT', `/api/programme/plans/${plan.id}`, { title: 'Backwards', fromYear: nextYear, toYear: nextYear - 1 })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('warns of an agency booked twice, a full-scale exercise with nothing lighter before it, a high-priority need with nothing planned, and a start in the past', async () => {
    const { customs: c, police: p } = await twoAgencies(h, manager, ' (checks)');
    const urgent: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(c, { capabilityId: 'incident-command', function: 'response' }));
    const plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Checked plan', fromYear: thisYear - 1, toYear: nextYear });
    const url = `/api/programme/plans/${plan.id}/activities`;
    const codes = async () => ((await ok(h, 200, 'GET', `/api/programme/plans/${plan.id}`, manager)) as PlanDetail).checks.filter((x) => x.agencyId === c || x.agencyId === p || x.activityIds.length > 0).map((x) => x.code).sort();
    expect(await codes()).toEqual(['HIGH_PRIORITY_UNPLANNED']);

    const fullScale = await ok(h, 201, 'POST', url, { ...manager }, { kind: 'full-scale', title: 'City square full-scale', agencyIds: [c, p], capabilityIds: ['incident-command'], needIds: [urgent.id], when: { kind: 'dates', start: `${nextYear}-09-14`, end: `${nextYear}-09-15` }, lead: 'Police' });
    expect(fullScale.warnings.map((w: { code: string; message: string }) => [w.code, w.message])).toEqual([
      ['PROGRESSION_SKIPPED', `"City square full-scale" is a full-scale exercise on Incident command and scene management, but no lighter activity (course to functional) comes before it for Customs Department (checks).`],
      ['PROGRESSION_SKIPPED', `"City square full-scale" is a full-scale exercise on Incident command and scene management, but no lighter activity (course to functional) comes before it for Police Department (checks).`],
    ]);
    const clash = await ok(h, 201, 'POST', url, manager, { kind: 'course', title: 'Command course', agencyIds: [c], capabilityIds: ['incident-command'], when: { kind: 'dates', start: `${nextYear}-09-15`, end: `${nextYear}-09-16` }, lead: 'NSSC' });
    expect(clash.warnings.map((w: { code: string }) => w.code)).toEqual(['AGENCY_DOUBLE_BOOKED']);
    expect(clash.warnings[0].message).toBe(`Customs Department (checks) is booked for "City square full-scale" (${nextYear}-09-14 to ${nextYear}-09-15) and "Command course" (${nextYear}-09-15 to ${nextYear}-09-16) at the same time.`);
    // Moving the course before the full-scale exercise and adding a tabletop for the police clears both.
    await ok(h, 200, 'PUT', `/api/programme/activities/${clash.activity.id}`, manager, { kind: 'course', title: 'Command course', agencyIds: [c], capabilityIds: ['incident-command'], when: { kind: 'quarter', year: nextYear, quarter: 2 }, lead: 'NSSC' });
    await ok(h, 201, 'POST', url, manager, { kind: 'tabletop', title: 'Command tabletop', agencyIds: [p], capabilityIds: ['incident-command'], when: { kind: 'dates', start: `${nextYear}-06-01`, end: `${nextYear}-06-01` }, lead: 'NSSC' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const late = await ok(h, 201, 'POST', url, manager, { kind: 'seminar', title: 'Missed seminar', agencyIds: [p], when: { kind: 'dates', start: yesterday, end: yesterday }, lead: 'NSSC' });
    expect(late.warnings.map((w: { code: string }) => w.code)).toEqual(['DATE_IN_PAST']);
    expect(await codes()).toEqual(['DATE_IN_PAST']);
  });
});

describe('the catalogue', () => {
  it('is seeded from DOMAIN.md, maps every library objective, and refuses a taken name or removing a capability in use', async () => {
    const catalogue: CapabilityView[] = await ok(h, 200, 'GET', '/api/programme/capabilities', manager);
    expect(Object.fromEntries(['prevention', 'detection', 'response', 'cross-cutting'].map((f) => [f, catalogue.filter((c) => c.function === f).length]))).toEqual({ prevention: 6, detection: 6, response: 8, 'cross-cutting': 3 });
    const known = new Set(catalogue.map((c) => c.id));
    for (const [scenarioId, scenario] of Object.entries(LIBRARY)) {
      expect([scenarioId, scenario.objectives.filter((o) => !known.has(LIBRARY_CAPABILITIES[scenarioId]?.[o.id] ?? ''))]).toEqual([scenarioId, []]);
    }
    expect(await refused('POST', '/api/programme/capabilities', { function: 'detection', name: 'expert REACHBACK' })).toMatchObject({ status: 409, code: 'CAPABILITY_NAME_TAKEN' });
    const renamed = await ok(h, 200, 'PUT', '/api/programme/capabilities/expert-reachback', manager, { function: 'detection', name: 'Expert reachback and spectrum analysis' });
    expect(renamed).toMatchObject({ id: 'expert-reachback', name: 'Expert reachback and spectrum analysis' });
    await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs, { capabilityId: 'nuclear-forensics-sampling', function: 'response' }));
    expect(await refused('DELETE', '/api/programme/capabilities/nuclear-forensics-sampling')).toMatchObject({ status: 409, code: 'CAPABILITY_IN_USE' });
    expect(await refused('DELETE', '/api/programme/capabilities/no-such-capability')).toMatchObject({ status: 404, code: 'CAPABILITY_NOT_FOUND' });
    // The directory cannot lose an agency the programme holds needs of.
    expect(await refused('DELETE', `/api/agencies/${customs}`)).toMatchObject({ status: 409, code: 'AGENCY_IN_USE' });
  });
});

describe('a stranger', () => {
  it('is refused 401 on every programme route of the route table before a malformed body is read', async () => {
    // Every one but the calendar feed a calendar app fetches by its secret address (public: the secret is the access).
    const programme = Object.entries(API_ROUTES).filter(([, spec]) => spec.path.startsWith('/api/programme/') && spec.access !== 'public');
    const answers = [];
    for (const [name, spec] of programme) {
      const url = spec.path.replace(':kind', 'need').replace(/:\w+/g, 'someone');
      const response = await h.server.app.inject({ method: spec.method, url, ...(spec.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, payload: '{"bogus":1}' }) });
      answers.push([name, response.statusCode, response.json().code]);
    }
    expect(programme.length).toBe(57);
    expect(answers).toEqual(programme.map(([name]) => [name, 401, 'UNAUTHENTICATED']));
  });
});
