import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { PlanView, SurveySent } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential } from '../harness.ts';
import { firstSignIn, pdfText } from '../planning/planningHelpers.ts';
import { account, type Person } from '../programme/programmeHelpers.ts';
import { violations } from './axe.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * The preparedness programme's whole cycle in real Chromium. The centre's programme manager enters
 * two agencies and their focal points and sends the customs focal point a needs survey; she answers it
 * from her own account, choosing her own password at first sign-in (and cannot see the police's); the centre accepts her row, adds a course to the
 * catalogue of training, and makes a two-year plan: a priority for her need, the course (held, with
 * attendance recorded), a tabletop exercise for the need and a later drill. The exercise is made from
 * the planned tabletop, played with a tablet, rated, and its AAR/IP finalised with a corrective action.
 * The customs dashboard then shows the need's new current level with a link to the rating, the
 * corrective action as an open need, and the next planned activity; the plan's PDF and calendar are
 * read back. Every programme view passes axe (the busiest ones in the dark theme too).
 */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const FROM_YEAR = Number(day(-30).slice(0, 4));
const COURSE = { start: day(-10), end: day(-8) };
const TABLETOP = day(60);
const CUSTOMS = 'Customs Department';
const POLICE = 'Police Department';
const NEED_LABEL = `${CUSTOMS}: Instrument alarm assessment (Lane officers at road crossings)`;
const RASA_OWN_PASSWORD = 'rasa chose this password herself';

let h: Harness;
let browser: Browser;
let centre: Person;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  centre = await account(h, ['programme-manager', 'planner'], 'centre-ona');
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const open = (name: string, url: string, who: StaffCredential | undefined, options: BrowserContextOptions = VIEWPORT.console): Promise<Page> =>
  openPage(browser, url, { name, options, cookie: who?.cookie, errors: pageErrors });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function tab(page: Page, name: string, testId: string): Promise<void> {
  await page.getByTestId(`programme-tab-${testId}`).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** The centre enters an agency with the planning directory's form, then names its focal point (an account is made, its password shown once). */
async function agencyWithFocalPoint(page: Page, agency: { name: string; kind: string; fn: string }, focal: { name: string; email: string }): Promise<string> {
  await page.getByRole('button', { name: '+ Add an agency' }).click();
  const form = page.getByRole('form', { name: 'New agency' });
  await form.getByLabel('Name', { exact: true }).fill(agency.name);
  await form.getByLabel('Kind').selectOption({ label: agency.kind });
  await form.getByRole('checkbox', { name: agency.fn }).check();
  await form.getByRole('button', { name: 'Save agency' }).click();
  const card = page.getByTestId(`agency-card-${agency.name}`);
  const naming = card.getByRole('form', { name: `Name a focal point: ${agency.name}` });
  await naming.getByLabel('Name', { exact: true }).fill(focal.name);
  await naming.getByLabel('E-mail').fill(focal.email);
  await naming.getByRole('button', { name: 'Name a focal point' }).click();
  const shown = await card.getByTestId('focal-account').textContent();
  const password = /initial password (\S+) \(shown once/.exec(shown ?? '')?.[1];
  if (!password) throw new Error(`no initial password in "${shown}"`);
  await card.getByText(`${focal.name} (${focal.email})`).waitFor();
  return password;
}

describe('the preparedness programme in real browsers', () => {
  it('goes from an agency\'s needs survey through the plan, training and an exercise back to the agency\'s dashboard', { timeout: 300_000 }, async () => {
    // The centre: two agencies, each with a focal point; a needs survey to customs.
    const desk = await open('centre', `${h.url}/`, centre);
    await desk.getByRole('link', { name: 'Preparedness programme' }).click();
    await desk.waitForURL(`${h.url}/programme`);
    await tab(desk, 'Partner agencies', 'agencies');
    const rasaPassword = await agencyWithFocalPoint(desk, { name: CUSTOMS, kind: 'Customs', fn: 'detection' }, { name: 'Rasa Petraitienė', email: 'rasa@customs.example.lt' });
    const tomasPassword = await agencyWithFocalPoint(desk, { name: POLICE, kind: 'Police', fn: 'response' }, { name: 'Tomas Žukas', email: 'tomas@police.example.lt' });
    const agencies = (await h.request('GET', '/api/programme/agencies', centre)).json() as { id: string; name: string }[];
    const customsId = agencies.find((a) => a.name === CUSTOMS)!.id;
    const policeId = agencies.find((a) => a.name === POLICE)!.id;
    const customsCard = desk.getByTestId(`agency-card-${CUSTOMS}`);
    const sending = customsCard.getByRole('form', { name: `Send a needs survey: ${CUSTOMS}` });
    await sending.getByLabel('Due date').fill(day(14));
    await sending.getByLabel('Message to the focal point').fill('Please list the needs of your lane officers for the next two years.');
    await sending.getByRole('button', { name: 'Send a needs survey' }).click();
    const surveyLink = (await customsCard.getByTestId('survey-link').getByRole('link').getAttribute('href'))!;
    expect(surveyLink).toMatch(/^\/programme\/surveys\/[^#]+$/);
    await desk.screenshot({ path: artifactPath('programme-agencies.png'), fullPage: true });

    // The customs focal point answers from her own account, and sees nothing of the police.
    const rasaPage = await open('focal point', `${h.url}${surveyLink}`, undefined);
    await signIn(rasaPage, 'rasa@customs.example.lt', rasaPassword);
    // The centre's system chose that password: she chooses her own before the survey opens.
    await rasaPage.getByRole('heading', { level: 1, name: 'Choose your own password' }).waitFor();
    await rasaPage.getByLabel('New password', { exact: true }).fill(RASA_OWN_PASSWORD);
    await rasaPage.getByLabel('New password again').fill(RASA_OWN_PASSWORD);
    await rasaPage.getByRole('button', { name: 'Save the new password' }).click();
    await rasaPage.getByRole('heading', { level: 1, name: `Needs survey: ${CUSTOMS}` }).waitFor();
    expect((await h.request('POST', '/api/auth/login', undefined, { username: 'rasa@customs.example.lt', password: rasaPassword })).statusCode).toBe(401);
    const row = rasaPage.getByTestId('survey-row-1');
    await row.getByLabel('Function').selectOption('detection');
    await row.getByLabel('Capability', { exact: true }).selectOption({ label: 'Instrument alarm assessment' });
    await row.getByLabel('Target group').fill('Lane officers at road crossings');
    await row.getByLabel('Headcount').fill('40');
    await row.getByLabel('Required level').selectOption('4');
    await row.getByLabel('Current level').selectOption('2');
    await row.getByLabel('Priority').selectOption('high');
    await row.getByLabel('Proposed intervention').selectOption('course');
    await rasaPage.getByRole('button', { name: 'Save the draft' }).click();
    await rasaPage.getByText('✓ Saved.').waitFor();
    await rasaPage.getByRole('button', { name: 'Submit to the centre' }).click();
    await expect.poll(() => rasaPage.getByTestId('survey-status').textContent()).toBe('submitted');
    await rasaPage.screenshot({ path: artifactPath('programme-survey-submitted.png'), fullPage: true });
    await rasaPage.goto(`${h.url}/`);
    const rasaLinks = rasaPage.getByTestId('programme-links');
    await rasaLinks.getByRole('link', { name: `${CUSTOMS}: needs, plan and progress` }).waitFor();
    expect(await rasaLinks.getByRole('link').count()).toBe(1);
    await rasaPage.goto(`${h.url}/programme/agencies/${policeId}`);
    await rasaPage.getByRole('alert').filter({ hasText: 'no part in the preparedness programme' }).waitFor();
    for (const url of [`/api/programme/needs?agency=${policeId}`, `/api/programme/agencies/${policeId}/dashboard`, `/api/programme/surveys?agency=${policeId}`]) {
      const refused = await rasaPage.request.get(`${h.url}${url}`);
      expect([url, refused.status(), (await refused.json()).code]).toEqual([url, 403, 'FORBIDDEN']);
    }

    // The centre accepts the row: an open need with the survey as its evidence.
    await desk.reload();
    await tab(desk, 'Needs of the partner agencies', 'needs');
    const review = desk.getByTestId(`review-${CUSTOMS}`);
    await review.getByRole('rowheader', { name: 'Instrument alarm assessment' }).waitFor();
    await review.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => desk.getByTestId(`review-${CUSTOMS}`).count()).toBe(0);
    const needRow = desk.locator('tr', { has: desk.getByRole('rowheader', { name: 'Instrument alarm assessment' }) });
    await expect.poll(() => needRow.textContent()).toContain('open');
    expect(await needRow.textContent()).toContain('from the survey');

    // Training: the course that gives the certificate the tabletop's players need.
    await tab(desk, 'Training', 'training');
    const courseForm = desk.getByRole('form', { name: 'Add a course' });
    await courseForm.getByLabel('Title').fill('Radiation detection instrument operator');
    await courseForm.getByLabel('Capability').selectOption({ label: 'Instrument alarm assessment' });
    await courseForm.getByLabel('Certificate it gives').fill('Instrument operator certificate');
    await courseForm.getByLabel('Valid for (months)').fill('24');
    await courseForm.getByRole('button', { name: 'Add a course' }).click();
    await desk.getByTestId('course-Radiation detection instrument operator').waitFor();

    // The two-year plan: a priority for the need, the course, the tabletop for the need, a later drill.
    await tab(desk, 'Integrated Preparedness Plan', 'plan');
    await desk.getByText('New plan').click();
    const newPlan = desk.getByRole('form', { name: 'New plan' });
    await newPlan.getByLabel('Title').fill(`Border detection ${FROM_YEAR}-${FROM_YEAR + 1}`);
    await newPlan.getByLabel('From year').fill(String(FROM_YEAR));
    await newPlan.getByLabel('To year').fill(String(FROM_YEAR + 1));
    await newPlan.getByRole('button', { name: 'Create the plan' }).click();
    const priority = desk.getByRole('form', { name: 'Add a priority' });
    await priority.getByLabel('Title').fill('Alarm assessment at the borders');
    await priority.getByLabel('Rationale').fill('Portal alarms at road crossings doubled; most officers have not run a secondary inspection.');
    await priority.getByRole('checkbox', { name: NEED_LABEL }).check();
    await priority.getByRole('button', { name: 'Add a priority' }).click();
    await desk.getByTestId('priorities').getByRole('heading', { name: '1. Alarm assessment at the borders' }).waitFor();
    // A high-priority need with nothing planned yet: the plan says so.
    await desk.getByTestId('plan-checks').getByText('High priority, nothing planned').waitFor();

    const activity = async (fill: (form: ReturnType<Page['getByRole']>) => Promise<void>, title: string) => {
      await desk.getByRole('button', { name: '+ Add an activity' }).click();
      const form = desk.getByRole('form', { name: 'Add an activity' });
      await fill(form);
      await form.getByRole('button', { name: 'Save' }).click();
      await desk.getByTestId(`activity-${title}`).waitFor();
    };
    await activity(async (form) => {
      await form.getByLabel('Kind').selectOption('course');
      await form.getByLabel('Title').fill('Instrument operator course');
      await form.getByRole('checkbox', { name: CUSTOMS }).check();
      await form.getByRole('checkbox', { name: NEED_LABEL }).check();
      await form.getByLabel('Start').fill(COURSE.start);
      await form.getByLabel('End').fill(COURSE.end);
      await form.getByLabel('Lead').fill('NSSC training unit');
      await form.getByLabel('Status').selectOption('done');
      await form.getByLabel('Course it runs').selectOption({ label: 'Radiation detection instrument operator' });
    }, 'Instrument operator course');
    await activity(async (form) => {
      await form.getByLabel('Kind').selectOption('tabletop');
      await form.getByLabel('Title').fill('Border alarm tabletop');
      await form.getByRole('checkbox', { name: CUSTOMS }).check();
      await form.getByRole('checkbox', { name: POLICE }).check();
      await form.getByRole('checkbox', { name: NEED_LABEL }).check();
      await form.getByLabel('Start').fill(TABLETOP);
      await form.getByLabel('End').fill(TABLETOP);
      await form.getByLabel('Lead').fill('NSSC exercise unit');
      await form.getByRole('checkbox', { name: 'Radiation detection instrument operator (Instrument operator certificate)' }).check();
    }, 'Border alarm tabletop');
    await activity(async (form) => {
      await form.getByLabel('Kind').selectOption('drill');
      await form.getByLabel('Title').fill('Lane drill');
      await form.getByRole('checkbox', { name: CUSTOMS }).check();
      await form.getByRole('radio', { name: 'A quarter only' }).check();
      await form.getByLabel('Year').fill(String(FROM_YEAR + 1));
      await form.getByLabel('Quarter', { exact: true }).selectOption('4');
      await form.getByLabel('Lead').fill('Customs training officer');
    }, 'Lane drill');
    await desk.getByTestId('plan-checks').getByText(/No warnings/).waitFor();
    await desk.getByTestId('gantt').getByLabel('Year').selectOption(String(FROM_YEAR + 1));
    await desk.getByTestId('gantt').getByText(/Drill “Lane drill”/).waitFor();
    await expect.poll(() => desk.getByTestId('gantt-chart').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await desk.screenshot({ path: artifactPath('programme-plan.png'), fullPage: true });

    // The course was held: a person of customs attended and completed it.
    await tab(desk, 'Training', 'training');
    const course = desk.getByTestId('course-Radiation detection instrument operator');
    const session = course.getByRole('form', { name: 'Add a session: Radiation detection instrument operator' });
    await session.getByLabel('Start').fill(COURSE.start);
    await session.getByLabel('End').fill(COURSE.end);
    await session.getByLabel('Location').fill('NSSC training hall, Vilnius');
    await session.getByLabel('Planned activity it delivers').selectOption({ label: `Instrument operator course (${COURSE.start})` });
    await session.getByRole('button', { name: 'Add a session' }).click();
    const person = desk.getByRole('form', { name: 'Add a person' });
    await person.getByLabel('Agency').selectOption({ label: CUSTOMS });
    await person.getByLabel('Name').fill('Jonas Jonaitis');
    await person.getByLabel('E-mail').fill('jonas@customs.example.lt');
    await person.getByLabel('Position').fill('Lane officer');
    await person.getByRole('button', { name: 'Add a person' }).click();
    const attendance = desk.getByTestId(`session-${COURSE.start}`);
    await attendance.getByRole('checkbox', { name: 'Completed: Jonas Jonaitis' }).check();
    expect(await attendance.getByRole('checkbox', { name: 'Attended: Jonas Jonaitis' }).isChecked()).toBe(true);
    await attendance.getByRole('button', { name: 'Save the attendance' }).click();
    await attendance.getByText('✓ Saved.').waitFor();
    const jonas = ((await h.request('GET', '/api/programme/people', centre)).json() as { id: string; name: string }[]).find((p) => p.name === 'Jonas Jonaitis')!;
    const record = (await h.request('GET', `/api/programme/people/${jonas.id}`, centre)).json();
    expect(record.certificates.map((c: { name: string; issuedOn: string }) => [c.name, c.issuedOn])).toEqual([['Instrument operator certificate', COURSE.end]]);

    // The exercise made from the planned tabletop: the demo scenario, with the tabletop's title and date.
    await tab(desk, 'Integrated Preparedness Plan', 'plan');
    const tabletopRow = desk.getByTestId('activity-Border alarm tabletop');
    await tabletopRow.getByLabel('Scenario').selectOption({ label: 'Demo: portal monitor alarm' });
    await tabletopRow.getByRole('button', { name: 'Create the exercise' }).click();
    const opened = tabletopRow.getByRole('link', { name: 'Open the exercise' });
    await opened.waitFor();
    const exerciseId = decodeURIComponent((await opened.getAttribute('href'))!.split('/')[2]!);
    await tabletopRow.getByRole('link', { name: 'Needs it serves' }).click();
    await desk.getByTestId('exercise-needs').getByRole('rowheader', { name: 'Instrument alarm assessment' }).waitFor();
    expect(await desk.getByLabel('Verify a radiation alarm and report it').inputValue()).toBe('instrument-alarm-assessment');
    const plannedExercise = (await h.request('GET', `/api/exercises/${exerciseId}/plan`, { ...centre, exerciseId })).json();
    expect([plannedExercise.settings.title, plannedExercise.settings.date, plannedExercise.settings.exerciseType, plannedExercise.teams[0].agencyId]).toEqual(['Border alarm tabletop', TABLETOP, 'tabletop', customsId]);

    // Played with a tablet: StartEx, the alarm, the customs report, EndEx; an evaluator rates it.
    const host = await h.server.runtime.get(exerciseId);
    await host.command({ type: 'ready' }, { kind: 'system' });
    // Creating it gave Ona no role in it: she is made its director on its members list.
    await h.server.identity.setMembership('test', { exerciseId, userId: centre.userId, role: 'director' });
    const director = await h.login('centre-ona', 'centre-ona password 123', exerciseId);
    const control = client(h.url, director);
    const tablet = client(h.url, (await h.server.identity.createJoinCode('test', { exerciseId, role: 'participant', teamId: 'customs' })).token);
    await Promise.all([connected(control.socket), connected(tablet.socket)]);
    const ok = async (socket: typeof tablet.socket, event: Parameters<typeof call>[1], payload: unknown) => expect(await call(socket, event, payload)).toMatchObject({ ok: true });
    await ok(control.socket, 'command', { type: 'start' });
    await ok(control.socket, 'command', { type: 'release', injectId: 'portal_alarm' });
    await ok(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' });
    await ok(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
    await ok(tablet.socket, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 2.4, vehicle_held: true }, injectId: 'portal_alarm', idempotencyKey: 'programme-report' });
    await ok(control.socket, 'command', { type: 'end' });
    for (const s of [control.socket, tablet.socket]) s.disconnect();
    const evaluator = await h.member('evaluator', { exerciseId, username: 'programme-evaluator' });
    expect((await h.request('POST', `/api/exercises/${exerciseId}/review/ratings`, evaluator, { subject: { kind: 'capability', id: 'verify_alarm' }, rating: 'S', reason: 'Reported in time; the dose rate was measured at 3 m, not 1 m.', idempotencyKey: 'programme-rating' })).statusCode).toBe(201);
    const action = await h.request('POST', `/api/exercises/${exerciseId}/improvement-plan`, director, {
      capability: 'Protection of responders and the public',
      issue: 'Officers stood next to the truck without a cordon',
      recommendation: 'Teach the 30 m cordon for an unshielded source',
      correctiveAction: 'Cordon drill at lane 3',
      capabilityElement: 'exercises',
      responsibleAgency: CUSTOMS,
      pointOfContact: 'Shift supervisor',
      startDate: day(1),
      dueDate: day(90),
    });
    expect(action.statusCode).toBe(201);

    // The AAR/IP finalised in the browser.
    await desk.goto(`${h.url}/report/${exerciseId}`);
    await desk.getByRole('button', { name: 'Finalise…' }).click();
    await desk.getByRole('alertdialog', { name: 'Finalise version 1?' }).getByRole('button', { name: 'Finalise version 1' }).click();
    await desk.getByRole('status').filter({ hasText: 'Version 1 finalised.' }).waitFor();

    // The tabletop is done; the drill is next.
    await desk.goto(`${h.url}/programme#plan`);
    await desk.getByRole('button', { name: 'Edit: Border alarm tabletop' }).click();
    const edit = desk.getByRole('form', { name: 'Edit: Border alarm tabletop' });
    await edit.getByLabel('Status').selectOption('done');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => desk.getByTestId('activity-Border alarm tabletop').textContent()).toContain('done');

    // The customs dashboard, as its focal point sees it.
    await rasaPage.goto(`${h.url}/programme/agencies/${customsId}`);
    const needs = rasaPage.getByTestId('agency-needs');
    const alarmNeed = needs.locator('tr', { has: rasaPage.getByRole('rowheader', { name: 'Instrument alarm assessment' }) });
    await expect.poll(() => alarmNeed.getByTestId('current-level').textContent()).toMatch(/^3rated S in Border alarm tabletop$/);
    const cordonNeed = needs.locator('tr', { has: rasaPage.getByRole('rowheader', { name: 'Protection of responders and the public' }) });
    expect(await cordonNeed.textContent()).toMatch(/openfrom a corrective action$/);
    await rasaPage.getByTestId('agency-actions').getByText('Cordon drill at lane 3').waitFor();
    expect(await rasaPage.getByTestId('agency-upcoming').locator('li').first().textContent()).toMatch(/^Next: .*Drill: Lane drill \(planned\)$/);
    await rasaPage.getByTestId('agency-heatmap').getByRole('link', { name: 'S: Performed with some challenges' }).waitFor();
    const drawn = (page: Page, testId: string) => page.getByTestId(testId).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    await expect.poll(() => drawn(rasaPage, 'heatmap-chart')).toBe(true);
    await expect.poll(() => drawn(rasaPage, 'training-chart')).toBe(true);
    await rasaPage.screenshot({ path: artifactPath('programme-agency-dashboard.png'), fullPage: true });
    // She subscribes her agency's calendar: a calendar program fetches the address without her session.
    await rasaPage.getByRole('button', { name: 'Make a calendar subscription address' }).click();
    const feedUrl = (await rasaPage.getByTestId('calendar-feed').locator('code').textContent())!;
    // The address names her interface's language: the calendar program asks for nothing itself.
    expect(feedUrl).toMatch(/\/api\/programme\/calendar\/[A-Za-z0-9_-]{43}\.ics\?lang=en$/);
    const feed = await fetch(feedUrl);
    const subscribed = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(subscribed).toEqual(['Course: Instrument operator course', 'Tabletop exercise: Border alarm tabletop', 'Drill: Lane drill']);
    await alarmNeed.getByRole('link', { name: 'rated S in Border alarm tabletop' }).click();
    await rasaPage.getByRole('heading', { level: 1, name: 'Rating of Instrument alarm assessment' }).waitFor();
    expect(await rasaPage.getByTestId('rating').textContent()).toContain('Border alarm tabletop');
    const ratingPath = new URL(rasaPage.url()).pathname;

    // The plan as the centre submits it, and its calendar, read back.
    const plan = ((await h.request('GET', '/api/programme/plans', centre)).json() as PlanView[])[0]!;
    const pdf = await desk.request.get(`${h.url}/api/programme/plans/${plan.id}/exports/plan.pdf`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    const text = pdfText(Buffer.from(await pdf.body())).replace(/\s+/g, ' ');
    for (const expected of ['Integrated Preparedness Plan', 'Alarm assessment at the borders', 'Instrument operator course', 'Border alarm tabletop', 'Lane drill', `Q4 ${FROM_YEAR + 1}`]) expect(text).toContain(expected);
    const ics = await desk.request.get(`${h.url}/api/programme/plans/${plan.id}/exports/calendar.ics`);
    const events = new ICAL.Component(ICAL.parse(await ics.text())).getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return [event.summary, event.startDate.toString()];
    });
    expect(events).toEqual([
      ['Course: Instrument operator course', COURSE.start],
      ['Tabletop exercise: Border alarm tabletop', TABLETOP],
      ['Drill: Lane drill', `${FROM_YEAR + 1}-10-01`],
    ]);

    // Every programme view, for the centre and for a focal point: axe finds nothing.
    const tomas = await firstSignIn(h, { username: 'tomas@police.example.lt', password: tomasPassword }, exerciseId);
    const rasa = await h.login('rasa@customs.example.lt', RASA_OWN_PASSWORD);
    const tokenSurvey = (await h.request('POST', `/api/programme/agencies/${policeId}/surveys`, centre, { dueDate: day(20), token: true })).json() as SurveySent;
    const views: [string, StaffCredential | undefined, string, string][] = [
      ...['dashboard', 'agencies', 'needs', 'plan', 'training', 'catalogue'].map((name) => [`programme-${name}`, centre, `/programme#${name}`, `programme-${name}`] as [string, StaffCredential, string, string]),
      ['exercise', centre, `/programme/exercises/${exerciseId}`, 'exercise-needs'],
      ['person', centre, `/programme/people/${jonas.id}`, 'none'],
      ['agency-dashboard', rasa, `/programme/agencies/${customsId}`, 'agency-needs'],
      ['rating', rasa, ratingPath, 'rating'],
      ['survey-submitted', rasa, surveyLink, 'survey-rows'],
      ['survey-by-link', undefined, tokenSurvey.link, 'survey-row-1'],
      ['focal-point-home', tomas, '/programme', 'none'],
    ];
    const found: Record<string, unknown> = {};
    // Every view in the light theme; the dark theme's colours on the views with the most kinds of element.
    const DARK = new Set(['programme-plan', 'programme-training', 'agency-dashboard', 'survey-by-link']);
    for (const theme of ['light', 'dark'] as const) {
      for (const [name, who, path, ready] of views.filter(([name]) => theme === 'light' || DARK.has(name))) {
        const context = await browser.newContext({ ...VIEWPORT.console, bypassCSP: true });
        if (who) {
          const at = who.cookie.indexOf('=');
          await context.addCookies([{ name: who.cookie.slice(0, at), value: who.cookie.slice(at + 1), url: h.url }]);
        }
        await context.addInitScript((t) => localStorage.setItem('startex.theme', t), theme);
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
        await page.goto(h.url + path);
        await (ready === 'none' ? page.locator('main h1') : page.getByTestId(ready)).first().waitFor();
        await page.waitForLoadState('networkidle');
        if (theme === 'light') await page.screenshot({ path: artifactPath(`programme-axe-${name}.png`), fullPage: true });
        const problems = await violations(page);
        if (problems.length) found[`${name} (${theme})`] = problems;
        await context.close();
      }
    }
    expect(found).toEqual({});
    expect(pageErrors).toEqual([]);
  });
});
