import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyView, ImportCheck, PeopleAdded, PersonView } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';
import { databaseFile, dumpDatabase } from '../security/databaseDump.ts';
import { MiB, spaces, zip } from './hostileZip.ts';
import { planner, plannedExercise, type Planner } from './planningHelpers.ts';

let h: Harness;
let alice: Planner;
let as: Planner;
let exerciseId: string;
let customs: AgencyView;

beforeAll(async () => {
  h = await startServer();
  alice = await planner(h);
  customs = (await h.request('POST', '/api/agencies', alice, { name: 'Customs Department', type: 'customs', functions: ['detection'], contacts: [] })).json();
  await h.request('POST', '/api/agencies', alice, { name: 'Police Department', type: 'police', functions: ['response'], contacts: [] });
  ({ as, exercise: { id: exerciseId } } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } }));
});
afterAll(async () => h.close());

const GOOD = [
  ['name', 'email', 'role', 'agency', 'team', 'covers'],
  ['Rasa Petraitienė', 'rasa@customs.example.lt', 'participant', 'Customs Department', 'customs', ''],
  ['Tomas Jonaitis', 'tomas@police.example.lt', 'participant', 'police department', 'Police: border district duty unit', ''],
  ['Eglė Kazlauskienė', 'egle@nssc.example.lt', 'evaluator', '', '', 'verify_alarm customs'],
  ['Jonas Controller', 'jonas@nssc.example.lt', 'controller', '', '', ''],
];

/** Missing "role" column aside, every row has something wrong, some several things. */
const BAD = [
  ['name', 'email', 'agency', 'team'],
  ['Rasa Petraitienė', 'rasa@customs.example.lt', 'Customs Department', 'customs'],
  ['Rasa Again', 'RASA@customs.example.lt', 'Ministry of Magic', 'customs'],
  ['', 'not-an-email', 'Customs Department', 'astronauts'],
];

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

async function xlsx(rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Participants');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const BAD_PROBLEMS = [
  { row: 1, column: 'role', code: 'MISSING_COLUMN', message: expect.stringContaining('"role"') },
  { row: 2, column: 'role', code: 'MISSING_VALUE', message: 'The role is empty.' },
  { row: 3, column: 'email', code: 'DUPLICATE_PERSON', message: 'rasa@customs.example.lt is also on row 2.' },
  { row: 3, column: 'role', code: 'MISSING_VALUE', message: 'The role is empty.' },
  { row: 3, column: 'agency', code: 'UNKNOWN_AGENCY', message: 'No agency "Ministry of Magic" in the directory.' },
  { row: 4, column: 'name', code: 'MISSING_VALUE', message: 'The name is empty.' },
  { row: 4, column: 'email', code: 'INVALID_EMAIL', message: expect.stringContaining('"not-an-email"') },
  { row: 4, column: 'role', code: 'MISSING_VALUE', message: 'The role is empty.' },
  { row: 4, column: 'team', code: 'UNKNOWN_TEAM', message: expect.stringContaining('"astronauts"') },
];

describe.each([
  ['CSV', 'csv' as const, async (rows: string[][]) => csv(rows)],
  ['XLSX', 'xlsx' as const, xlsx],
])('importing a participant list as %s', (_name, format, encode) => {
  it('lists every problem of a bad file per row and saves nothing', async () => {
    const before = dumpDatabase(databaseFile(h.dataDir));
    const response = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await encode(BAD) });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      statusCode: 422,
      code: 'IMPORT_INVALID',
      error: 'Unprocessable Entity',
      message: 'The list has 9 problem(s); nothing was saved.',
      problems: BAD_PROBLEMS,
    });
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    const check = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await encode(BAD), dryRun: true });
    expect(check.json()).toEqual({ ok: false, rows: 3, problems: BAD_PROBLEMS });
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
  });

  it('saves a good file at once: participants on the roster, staff with accounts and roles', async () => {
    const emails = GOOD.slice(1).map((r) => r[1]!.replace('@', `.${format}@`));
    const rows = [GOOD[0]!, ...GOOD.slice(1).map((r, i) => [r[0]!, emails[i]!, ...r.slice(2)])];
    const check = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await encode(rows), dryRun: true });
    expect(check.json()).toEqual({ ok: true, rows: 4, problems: [] });

    const response = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await encode(rows) });
    expect(response.statusCode).toBe(201);
    const added = response.json() as PeopleAdded;
    expect(added.people.map((p) => ({ name: p.name, email: p.email, role: p.role, teamId: p.teamId, agencyId: p.agencyId, covers: p.covers, hasAccount: p.userId !== undefined }))).toEqual([
      { name: 'Rasa Petraitienė', email: emails[0], role: 'participant', teamId: 'customs', agencyId: customs.id, covers: undefined, hasAccount: false },
      { name: 'Tomas Jonaitis', email: emails[1], role: 'participant', teamId: 'police', agencyId: expect.any(String), covers: undefined, hasAccount: false },
      { name: 'Eglė Kazlauskienė', email: emails[2], role: 'evaluator', teamId: undefined, agencyId: undefined, covers: { objectives: ['verify_alarm'], teams: ['customs'] }, hasAccount: true },
      { name: 'Jonas Controller', email: emails[3], role: 'controller', teamId: undefined, agencyId: undefined, covers: undefined, hasAccount: true },
    ]);
    expect(added.accounts.map((a) => a.username)).toEqual([emails[2], emails[3]]);
    // The one-time password works once handed over, and is nowhere in the database in clear.
    const evaluator = await h.login(added.accounts[0]!.username, added.accounts[0]!.password, exerciseId);
    expect((await h.request('GET', '/api/auth/me', evaluator)).json().memberships).toEqual([{ exerciseId, userId: added.people[2]!.userId, role: 'evaluator' }]);
    expect(JSON.stringify(dumpDatabase(databaseFile(h.dataDir)))).not.toContain(added.accounts[0]!.password);

    const roster = (await h.request('GET', `/api/exercises/${exerciseId}/people`, as)).json() as PersonView[];
    expect(roster.filter((p) => emails.includes(p.email))).toHaveLength(4);
    // The same list again: every row is now a duplicate of the roster, and nothing changes.
    const again = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await encode(rows) });
    expect(again.json().problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([2, 3, 4, 5].map((row) => [row, 'DUPLICATE_PERSON']));
  });
});

describe('adding people by hand', () => {
  it('links an existing account, refuses a participant without a team, and removes a person with their role', async () => {
    // The controller the CSV import made an account for, now in a second exercise: linked, no new password.
    const { as: second, exercise } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    const account = ((await h.request('GET', '/api/admin/users', h.admin)).json() as { id: string; username: string }[]).find((u) => u.username === 'jonas.csv@nssc.example.lt');
    expect(account).toBeDefined();
    const added = await h.request('POST', `/api/exercises/${exercise.id}/people`, second, { name: 'Jonas', email: 'Jonas.CSV@nssc.example.lt', role: 'observer' });
    expect(added.json()).toMatchObject({ accounts: [], linked: ['jonas.csv@nssc.example.lt'], people: [{ role: 'observer', userId: account!.id }] });
    expect(await h.server.identity.viewerFor(account!.id, exercise.id)).toEqual({ role: 'observer' });
    const noTeam = await h.request('POST', `/api/exercises/${exercise.id}/people`, second, { name: 'Nobody', email: 'nobody@example.lt', role: 'participant' });
    expect(noTeam.json()).toMatchObject({ code: 'IMPORT_INVALID', problems: [{ row: 1, column: 'team', code: 'MISSING_VALUE', message: 'A participant needs a team.' }] });

    const personId = (added.json() as PeopleAdded).people[0]!.id;
    expect((await h.request('DELETE', `/api/exercises/${exercise.id}/people/${personId}`, second)).json()).toEqual({ ok: true });
    expect(await h.server.identity.viewerFor(account!.id, exercise.id)).toBeUndefined();
    expect(await h.server.identity.viewerFor(account!.id, exerciseId)).toEqual({ role: 'controller' });
    expect((await h.request('DELETE', `/api/exercises/${exercise.id}/people/${personId}`, second)).json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });
});

describe('hostile participant files', () => {
  const unreadable = (message: string) => ({ statusCode: 400, code: 'IMPORT_UNREADABLE', error: 'Bad Request', message });
  const CANNOT_READ = 'The XLSX file cannot be read.';
  const TOO_LARGE = 'The XLSX file unpacks to more than 32 MB.';
  const goodXlsxBytes = async () => Buffer.from(await xlsx(GOOD), 'base64');
  const rowsOf = (count: number) => [GOOD[0]!, ...Array.from({ length: count }, (_, i) => [`Player ${i}`, `player${i}@customs.example.lt`, 'participant', '', 'customs', ''])];

  const cases: [string, 'csv' | 'xlsx', () => Promise<string>, string][] = [
    ['text that is not base64', 'xlsx', async () => 'this is not a spreadsheet!', CANNOT_READ],
    ['random bytes', 'xlsx', async () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)).toString('base64'), CANNOT_READ],
    ['a zip cut in half', 'xlsx', async () => goodXlsxBytes().then((bytes) => bytes.subarray(0, bytes.length / 2).toString('base64')), CANNOT_READ],
    ['a zip with its middle cut out', 'xlsx', async () => goodXlsxBytes().then((bytes) => Buffer.concat([bytes.subarray(0, bytes.length * 0.4), bytes.subarray(-200)]).toString('base64')), CANNOT_READ],
    ['a zip whose entry inflates past the cap', 'xlsx', async () => zip([{ name: 'xl/worksheets/sheet1.xml', content: spaces(40 * MiB) }]).toString('base64'), TOO_LARGE],
    ['a zip whose headers say it is small', 'xlsx', async () => zip([{ name: 'xl/worksheets/sheet1.xml', content: spaces(40 * MiB), declared: 100 }]).toString('base64'), TOO_LARGE],
    ['a zip whose entries together inflate past the cap', 'xlsx', async () => zip([1, 2].map((n) => ({ name: `xl/worksheets/sheet${n}.xml`, content: spaces(20 * MiB) }))).toString('base64'), TOO_LARGE],
    ['2,001 rows of CSV', 'csv', async () => csv(rowsOf(2001)), 'The file has more than 2000 rows.'],
    ['2,001 rows of XLSX', 'xlsx', async () => xlsx(rowsOf(2001)), 'The file has more than 2000 rows.'],
  ];
  it.each(cases)('refuses %s with IMPORT_UNREADABLE and saves nothing', async (_what, format, content, message) => {
    const before = dumpDatabase(databaseFile(h.dataDir));
    for (const dryRun of [true, false]) {
      const response = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format, content: await content(), dryRun });
      expect(response.json()).toEqual(unreadable(message));
    }
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
  });

  it('reads a list of the largest size allowed, 2,000 rows, within the cap', async () => {
    const response = await h.request('POST', `/api/exercises/${exerciseId}/people/import`, as, { format: 'xlsx', content: await xlsx(rowsOf(2000)), dryRun: true });
    expect(response.json() as ImportCheck).toEqual({ ok: true, rows: 2000, problems: [] });
  });
});
