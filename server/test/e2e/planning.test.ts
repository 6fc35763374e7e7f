import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { ExercisePlan, JoinCodeView, LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * A centre that has just installed StartEx plans its own exercise from the UI alone, in real Chromium:
 * a planner creates an exercise from library scenario B, fills in the settings, builds the agency
 * directory and maps the teams to it, imports a participant list (a bad one first: every problem shown,
 * nothing saved), issues join codes and reads the printed QR sheet back with pdftotext, runs a dry run,
 * runs the communications check with two tablets and confirms it; the imported director then signs in
 * with the one-time password the planner was shown, starts the exercise, and a tablet gets the first inject.
 */
const TEAM = {
  customs: 'Customs post Vilkupiai: officers on lane 3',
  police: 'Police: border district duty unit',
  regulator: 'Radiation Safety Inspectorate: duty inspector',
} as const;
const AGENCIES = [
  { name: 'Customs Department — Vilkupiai post', kind: 'Customs', functions: ['detection'], team: 'customs' },
  { name: 'Police Department — border district', kind: 'Police', functions: ['response'], team: 'police' },
  { name: 'Radiation Protection Centre', kind: 'Regulator', functions: ['prevention', 'detection'], team: 'regulator' },
] as const;
const SECTIONS = ['settings', 'agencies', 'people', 'codes', 'briefings', 'comms', 'dryrun'] as const;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PLANNER = { username: 'planner-ona', password: 'planner ona password 123' };

const BAD_LIST = [
  'name,email,role,agency,team',
  'Jonas Petraitis,jonas.petraitis@customs.example,participant,Customs Department — Vilkupiai post,customs',
  'Ieva Kazlauskė,not-an-address,participant,Customs Department — Vilkupiai post,customs',
  'Tomas Žukas,tomas.zukas@police.example,participant,Border Police Unit 7,police',
  'Jonas Petraitis,jonas.petraitis@customs.example,participant,Customs Department — Vilkupiai post,customs',
  ',rasa@nssc.example,controller,,',
].join('\n');
const GOOD_LIST = [
  'name,email,role,agency,team,covers',
  'Rasa Vaitkienė,rasa.vaitkiene@nssc.example,director,,,',
  'Marius Jankus,marius.jankus@nssc.example,controller,,,',
  'Dalia Stankevičienė,dalia.stankeviciene@nssc.example,evaluator,,,verify_alarm notify_on_time; customs',
  'Jonas Petraitis,jonas.petraitis@customs.example,participant,Customs Department — Vilkupiai post,customs,',
  'Ieva Kazlauskė,ieva.kazlauske@customs.example,participant,Customs Department — Vilkupiai post,customs,',
  'Tomas Žukas,tomas.zukas@police.example,participant,Police Department — border district,police,',
  'Aistė Bielskė,aiste.bielske@rsc.example,participant,Radiation Protection Centre,regulator,',
].join('\n');


let h: Harness;
let browser: Browser;
let work: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  work = mkdtempSync(join(tmpdir(), 'startex-planning-'));
  const created = await h.request('POST', '/api/admin/users', h.admin, { username: PLANNER.username, displayName: 'Ona Planner', password: PLANNER.password, roles: ['planner'] });
  if (created.statusCode !== 201) throw new Error(`creating the planner failed: ${JSON.stringify(created.json())}`);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const open = (name: string, options: BrowserContextOptions, url: string): Promise<Page> => openPage(browser, url, { name, options, errors: pageErrors });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens a planning step from the side navigation and waits for its heading. */
async function step(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Planning steps' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** Text of a PDF the page links to, fetched with the page's session and read back by pdftotext. */
async function pdfText(page: Page, href: string, file: string): Promise<string> {
  const response = await page.request.get(new URL(href, h.url).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
  const path = join(work, file);
  writeFileSync(path, await response.body());
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('planning an exercise in real browsers', () => {
  it('from library scenario B to a ready exercise, started by the director the planner imported', { timeout: 180_000 }, async () => {
    let planner: StaffCredential | undefined;
    const plan = async () => (await h.request('GET', `/api/exercises/${exerciseId}/plan`, planner)).json() as ExercisePlan;
    const log = () => h.server.runtime.store.readLog(exerciseId);

    // The planner signs in and creates an exercise from the library scenario B.
    const desk = await open('planner', VIEWPORT.console, h.url);
    await signIn(desk, PLANNER.username, PLANNER.password);
    await desk.getByRole('link', { name: /New exercise/ }).click();
    await desk.getByRole('radio', { name: /Portal monitor alarm at a road border crossing/ }).check();
    await desk.screenshot({ path: artifactPath('planning-new-exercise.png') });
    await desk.getByRole('button', { name: 'Create exercise' }).click();
    await desk.waitForURL(/\/plan\/[^/#]+#settings$/);
    const exerciseId = decodeURIComponent(new URL(desk.url()).pathname.split('/')[2]!);
    planner = await h.login(PLANNER.username, PLANNER.password, exerciseId);
    expect((await plan()).scenario).toMatchObject({ id: 'detection-portal-alarm', version: expect.any(Number) });
    expect(await desk.getByTestId('plan-status').textContent()).toBe('draft');

    // Settings: the day, the wall-clock start, the story start, the speed, the place.
    await desk.getByLabel('Date').fill('2026-11-27');
    await desk.getByLabel('Wall-clock start (StartEx)').fill('09:30');
    await desk.getByLabel('Scenario start').fill('Day 1 02:30');
    await desk.getByLabel('Speed factor').fill('5');
    await desk.getByLabel('Time zone').fill('Europe/Vilnius');
    await desk.getByLabel('Exercise type').selectOption('functional');
    await desk.getByLabel('Locations').fill('Vilkupiai road border crossing, lane 3\nNSSC reachback room');
    await desk.getByRole('button', { name: 'Save settings' }).click();
    await desk.getByText('✓ Saved.').waitFor();
    await desk.screenshot({ path: artifactPath('planning-settings.png'), fullPage: true });
    expect((await plan()).settings).toMatchObject({
      date: '2026-11-27',
      startTime: '09:30',
      scenarioStartMs: 9_000_000,
      speed: 5,
      timeZone: 'Europe/Vilnius',
      exerciseType: 'functional',
      locations: ['Vilkupiai road border crossing, lane 3', 'NSSC reachback room'],
    });

    // Agencies: the directory gets the three partner agencies, then each team is mapped to one.
    await step(desk, 'Agencies');
    for (const agency of AGENCIES) {
      await desk.getByRole('button', { name: '+ Add agency' }).click();
      const form = desk.getByRole('form', { name: 'New agency' });
      await form.getByLabel('Name', { exact: true }).fill(agency.name);
      await form.getByLabel('Kind').selectOption({ label: agency.kind });
      for (const f of agency.functions) await form.getByRole('checkbox', { name: f }).check();
      await form.getByLabel('Contact name').fill(`${agency.kind} duty officer`);
      await form.getByLabel('E-mail').fill(`duty@${agency.team}.example`);
      await form.getByRole('button', { name: 'Save agency' }).click();
      await desk.getByTestId('agency-directory').getByRole('rowheader', { name: agency.name }).waitFor();
    }
    for (const agency of AGENCIES) {
      await desk.getByLabel(`Agency playing ${TEAM[agency.team]}`).selectOption({ label: agency.name });
    }
    await desk.getByRole('button', { name: 'Save mapping' }).click();
    await desk.getByText('✓ Saved.').waitFor();
    await desk.screenshot({ path: artifactPath('planning-agencies.png'), fullPage: true });
    const mapped = await plan();
    const agencyId = (name: string) => mapped.agencies.find((a) => a.name === name)!.id;
    expect(Object.fromEntries(mapped.teams.map((team) => [team.id, team.agencyId]))).toEqual(
      Object.fromEntries(AGENCIES.map((agency) => [agency.team, agencyId(agency.name)])),
    );

    // People: a list with problems is refused whole, every problem shown by row; nothing is saved.
    await step(desk, 'People and roles');
    const fileInput = desk.getByLabel('Participant list (CSV or XLSX)');
    await fileInput.setInputFiles({ name: 'participants-draft.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_LIST) });
    const problems = desk.getByTestId('import-problems');
    await problems.waitFor();
    await desk.getByText(/Nothing was saved/).waitFor();
    const problemRows = await problems.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent)));
    // The header is row 1: the bad address is row 3, the unknown agency row 4, the duplicate row 5, the missing name row 6.
    expect(new Set(problemRows.map((row) => row[0]))).toEqual(new Set(['3', '4', '5', '6']));
    expect(problemRows.find((row) => row[0] === '3')![1]).toBe('email');
    expect(problemRows.find((row) => row[0] === '4')![1]).toBe('agency');
    expect(problemRows.find((row) => row[0] === '6')![1]).toBe('name');
    expect(await desk.getByRole('button', { name: /^Import \d+ (person|people)$/ }).count()).toBe(0);
    await desk.screenshot({ path: artifactPath('planning-people-import-problems.png'), fullPage: true });
    expect((await plan()).people).toEqual([]);
    expect(await desk.getByText('Nobody yet').count()).toBe(1);

    // The corrected list: checked, then imported at once; staff accounts' one-time passwords are shown once.
    await fileInput.setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_LIST) });
    await desk.getByText('participants.csv: 7 rows, no problems.').waitFor();
    await desk.getByRole('button', { name: 'Import 7 people' }).click();
    await desk.getByText('✓ 7 people imported.').waitFor();
    const accounts = desk.getByTestId('new-accounts');
    await accounts.waitFor();
    const accountRows = await accounts.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')!.textContent!, row.querySelector('code')!.textContent!]));
    expect(accountRows).toHaveLength(3);
    const roster = await plan();
    expect(roster.people.map((p) => [p.name, p.role, p.teamId ?? null]).sort()).toEqual(
      [
        ['Rasa Vaitkienė', 'director', null],
        ['Marius Jankus', 'controller', null],
        ['Dalia Stankevičienė', 'evaluator', null],
        ['Jonas Petraitis', 'participant', 'customs'],
        ['Ieva Kazlauskė', 'participant', 'customs'],
        ['Tomas Žukas', 'participant', 'police'],
        ['Aistė Bielskė', 'participant', 'regulator'],
      ].sort(),
    );
    expect(roster.people.find((p) => p.role === 'evaluator')!.covers).toEqual({ objectives: ['verify_alarm', 'notify_on_time'], teams: ['customs'] });
    const directorPerson = roster.people.find((p) => p.role === 'director')!;
    const users = (await h.request('GET', '/api/admin/users', h.admin)).json() as { id: string; username: string }[];
    const directorUsername = users.find((u) => u.id === directorPerson.userId)!.username;
    const directorAccount = accountRows.find(([username]) => username === directorUsername)!;
    expect(await desk.getByTestId('roster').locator('tbody tr').count()).toBe(7);
    await desk.screenshot({ path: artifactPath('planning-people.png'), fullPage: true });
    await desk.getByRole('button', { name: 'I have noted these passwords' }).click();
    expect(await accounts.count()).toBe(0);

    // Join codes: one per team, the police code reissued (a lost tablet), and the printed QR sheet.
    await step(desk, 'Join codes');
    await desk.getByRole('button', { name: 'Generate codes for all teams' }).click();
    const codeOf = async (teamId: string) => (await desk.getByTestId(`codes-${teamId}`).locator('code').allTextContents());
    await eventually(async () => (await codeOf('regulator')).length).toBe(1);
    const firstPolice = (await codeOf('police'))[0]!;
    await desk.getByRole('button', { name: `Reissue the code of ${TEAM.police}` }).click();
    await eventually(async () => (await codeOf('police'))[0]).not.toBe(firstPolice);
    const codes = Object.fromEntries(await Promise.all(Object.keys(TEAM).map(async (teamId) => [teamId, (await codeOf(teamId))] as const)));
    for (const list of Object.values(codes)) expect(list).toHaveLength(1);
    const stored = (await h.request('GET', `/api/exercises/${exerciseId}/join-codes`, planner)).json() as JoinCodeView[];
    expect(stored.find((c) => c.code === firstPolice)!.revokedAt).toEqual(expect.any(Number));
    await desk.screenshot({ path: artifactPath('planning-join-codes.png'), fullPage: true });
    const sheetHref = (await desk.getByRole('link', { name: /Open the QR sheet/ }).getAttribute('href'))!;
    const sheet = await pdfText(desk, sheetHref, 'qr-sheet.pdf');
    for (const [teamId, name] of Object.entries(TEAM)) {
      expect(sheet).toContain(name);
      expect(sheet).toContain(codes[teamId]![0]);
    }
    expect(sheet).not.toContain(firstPolice);

    // Briefings: a pack per team, the handbook and the observer briefing.
    await step(desk, 'Briefings');
    await desk.screenshot({ path: artifactPath('planning-briefings.png'), fullPage: true });
    const playerBriefing = await pdfText(desk, (await desk.getByTestId('briefing-customs').getAttribute('href'))!, 'briefing-customs.pdf');
    expect(playerBriefing).toContain(TEAM.customs);
    await pdfText(desk, (await desk.getByTestId('briefing-handbook').getAttribute('href'))!, 'handbook.pdf');

    // Dry run: the whole scenario at high speed, shown as a timeline; the exercise's log is untouched.
    await step(desk, 'Dry run');
    const logBefore = (await log()).length;
    await desk.getByRole('button', { name: 'Run a dry run' }).click();
    const timeline = desk.getByTestId('dry-run-timeline');
    await timeline.waitFor();
    expect(await timeline.getByText(/^#1 .+ → Customs post Vilkupiai/).count()).toBeGreaterThan(0);
    // Phases by the scenario's titles, never as state keys.
    await timeline.getByText('Now in Portal alarm on lane 3', { exact: true }).waitFor();
    expect(await timeline.textContent()).not.toMatch(/primary_alarm|driver_interview|hold_vehicle/);
    await desk.screenshot({ path: artifactPath('planning-dry-run.png'), fullPage: true });
    expect((await log()).length).toBe(logBefore);

    // Communications check: two tablets join with their codes, receive the test message and acknowledge it.
    const [customs, police] = await Promise.all([
      open('customs', VIEWPORT.tablet, `${h.url}/tablet#code=${codes.customs![0]}`),
      open('police', VIEWPORT.tablet, `${h.url}/tablet#code=${codes.police![0]}`),
    ]);
    for (const tablet of [customs, police]) await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
    await step(desk, 'Communications check');
    await eventually(() => desk.getByTestId('comms-customs').locator('td').first().textContent()).toBe('● 1 tablet');
    await eventually(() => desk.getByTestId('comms-police').locator('td').first().textContent()).toBe('● 1 tablet');
    expect(await desk.getByTestId('comms-regulator').locator('td').first().textContent()).toBe('✕ none');
    await desk.getByRole('button', { name: 'Send the test message to all teams' }).click();
    for (const tablet of [customs, police]) {
      const card = tablet.getByTestId('comms-check');
      await card.getByText('This is a test message from exercise control').waitFor();
      await card.getByRole('button', { name: 'Acknowledge the check' }).click();
      await card.getByText('✓ Check acknowledged').waitFor();
    }
    await customs.screenshot({ path: artifactPath('planning-tablet-comms-check.png') });
    await eventually(() => desk.getByTestId('comms-summary').textContent()).toBe('2 of 3 teams acknowledged.');
    expect(await desk.getByTestId('comms-regulator').locator('td').nth(1).textContent()).toBe('◷ waiting');
    await desk.screenshot({ path: artifactPath('planning-comms-check.png'), fullPage: true });
    // The regulator's tablet never came: the planner is asked, confirms anyway, and the exercise is ready.
    await desk.getByRole('button', { name: 'Confirm check — exercise ready' }).click();
    const asked = desk.getByRole('dialog', { name: 'Please confirm' });
    expect(await asked.getByText(`Not acknowledged yet: ${TEAM.regulator}. Confirm the check anyway?`).count()).toBe(1);
    await asked.getByRole('button', { name: 'Confirm check — exercise ready' }).click();
    await desk.getByTestId('comms-ready').getByText('Check confirmed').waitFor();
    await eventually(() => desk.getByTestId('plan-status').textContent()).toBe('ready');
    const checkEntries = (await log()).filter((e) => e.type.startsWith('commscheck.') || e.type === 'exercise.readied');
    expect(checkEntries.map((e) => e.type)).toEqual(['commscheck.sent', 'commscheck.acknowledged', 'commscheck.acknowledged', 'commscheck.confirmed', 'exercise.readied']);
    const confirmed = checkEntries[3] as Extract<LogEntry, { type: 'commscheck.confirmed' }>;
    expect([...confirmed.acknowledgedTeams].sort()).toEqual(['customs', 'police']);
    await desk.screenshot({ path: artifactPath('planning-ready.png'), fullPage: true });

    // The planner's home page lists it as ready for StartEx.
    await desk.goto(h.url);
    await desk.getByTestId('group-ready').getByText(mapped.settings.title).waitFor();
    await desk.screenshot({ path: artifactPath('planning-home.png'), fullPage: true });

    // The imported director signs in with the one-time password and starts the exercise in the console.
    const consolePage = await open('director', VIEWPORT.console, `${h.url}/console/${encodeURIComponent(exerciseId)}`);
    await signIn(consolePage, directorAccount[0]!, directorAccount[1]!);
    // The password was generated for her: she chooses her own before the console opens.
    await consolePage.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await consolePage.getByLabel('New password', { exact: true }).fill('rasa chose her own password');
    await consolePage.getByLabel('New password again').fill('rasa chose her own password');
    await consolePage.getByRole('button', { name: 'Save the new password' }).click();
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('ready');
    await consolePage.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('live');
    await customs.getByTestId('inject-portal_alarm').waitFor();
    expect(await customs.getByTestId('comms-check').count()).toBe(0);
    await customs.screenshot({ path: artifactPath('planning-tablet-first-inject.png') });
    expect((await log()).some((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm')).toBe(true);

    expect(pageErrors).toEqual([]);
  });

  it('an uploaded scenario document: errors are listed and nothing is stored; a valid one is pinned by the new exercise', { timeout: 60_000 }, async () => {
    const planner = await h.login(PLANNER.username, PLANNER.password);
    const page = await openPage(browser, `${h.url}/plan/new`, { name: 'upload', options: VIEWPORT.console, cookie: planner.cookie, errors: pageErrors });
    const uploaded = async () => ((await h.request('GET', '/api/scenarios', planner)).json() as { source: string; id: string }[]).filter((s) => s.source === 'uploaded');
    const before = await uploaded();

    const file = page.getByLabel('Or upload a scenario document (JSON or YAML)');
    await file.setInputFiles({ name: 'drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from('schemaVersion: 2\nid: Centre Drill\ntitle: Centre drill\n') });
    const alert = page.getByRole('alert');
    await alert.getByText(/error/).first().waitFor();
    expect(await alert.locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('planning-new-upload-problems.png'), fullPage: true });
    expect(await uploaded()).toEqual(before);
    // In Lithuanian the refusal is its catalogue code's translation (common.ts), the problems still listed.
    await page.getByRole('button', { name: 'Account and preferences' }).click();
    await page.getByRole('menuitemradio', { name: 'Lietuvių' }).click();
    await alert.getByText('Scenarijaus dokumente yra klaidų; žr. problemas.').waitFor();
    await page.getByRole('button', { name: 'Paskyra ir nuostatos' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();

    const drill = { ...LIBRARY.demo!, id: 'centre-drill', title: 'Centre drill: portal alarm' };
    await file.setInputFiles({ name: 'centre-drill.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(drill)) });
    await page.getByText('Uploaded: Centre drill: portal alarm, version 1.').waitFor();
    expect(await page.getByRole('radio', { name: /Centre drill: portal alarm/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create exercise' }).click();
    await page.waitForURL(/\/plan\/[^/#]+#settings$/);
    await page.getByText('Scenario: Centre drill: portal alarm (version 1, pinned)').waitFor();

    // A later version of the document leaves the planned exercise on the version it pinned.
    const v2 = await h.server.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { cookie: planner.cookie, 'x-csrf-token': planner.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...drill, title: 'Centre drill, revised' }),
    });
    expect(v2.statusCode).toBe(201);
    await page.reload();
    await page.getByText('Scenario: Centre drill: portal alarm (version 1, pinned)').waitFor();
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('%s theme: every planning step has no WCAG 2.1 A/AA violations (axe-core), in English and Lithuanian', { timeout: 120_000 }, async (theme) => {
    // A planned exercise with something in every step, made through the API as the administrator (a planner).
    const created = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const agency = await h.request('POST', '/api/agencies', h.admin, { name: `Customs service (${theme})`, type: 'customs', functions: ['detection'], contacts: [] });
    expect(agency.statusCode).toBe(201);
    await h.request('PUT', `/api/exercises/${id}/team-agencies`, h.admin, { mapping: { customs: (agency.json() as { id: string }).id } });
    await h.request('POST', `/api/exercises/${id}/people`, h.admin, { name: 'Paulius Jonaitis', email: `paulius.${theme}@customs.example`, role: 'participant', teamId: 'customs' });
    await h.request('POST', `/api/exercises/${id}/join-codes/teams`, h.admin, {});
    await h.request('POST', `/api/exercises/${id}/comms-check`, h.admin);

    const context = await browser.newContext({ ...VIEWPORT.console, bypassCSP: true }); // axe is injected as a script
    const at = h.admin.cookie.indexOf('=');
    await context.addCookies([{ name: h.admin.cookie.slice(0, at), value: h.admin.cookie.slice(at + 1), url: h.url }]);
    await context.addInitScript((t) => localStorage.setItem('startex.theme', t), theme);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`axe ${theme}: ${error.message}`));
    const found: Record<string, unknown[]> = {};
    const audit = async (name: string) => {
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      });
      if (violations.length) found[name] = violations;
    };

    await page.goto(`${h.url}/plan/new`);
    await page.getByRole('radio', { name: /Portal monitor alarm/ }).waitFor();
    await audit('new');
    await page.goto(`${h.url}/plan/${id}#settings`);
    for (const section of SECTIONS) {
      await page.evaluate((hash) => (window.location.hash = hash), section);
      await page.getByTestId(`section-${section}`).waitFor();
      if (section === 'dryrun') {
        await page.getByRole('button', { name: 'Run a dry run' }).click();
        await page.getByTestId('dry-run-timeline').waitFor();
      }
      if (section === 'comms') await page.getByTestId('comms-sent').waitFor();
      await audit(section);
    }
    await page.goto(h.url);
    await page.getByTestId('group-draft').waitFor();
    await audit('home');

    // Lithuanian: the same steps, every string translated.
    await page.evaluate(() => localStorage.setItem('startex.language', 'lt'));
    await page.goto(`${h.url}/plan/${id}#people`);
    await page.getByRole('heading', { level: 2, name: 'Žmonės ir vaidmenys' }).waitFor();
    await page.screenshot({ path: artifactPath(`planning-people-lt-${theme}.png`), fullPage: true });
    await page.evaluate(() => (window.location.hash = 'comms'));
    await page.getByRole('heading', { level: 2, name: 'Ryšio patikra' }).waitFor();
    await audit('comms (lt)');
    await page.screenshot({ path: artifactPath(`planning-comms-lt-${theme}.png`), fullPage: true });
    await context.close();

    expect(found).toEqual({});
    expect(pageErrors).toEqual([]);
  });
});
