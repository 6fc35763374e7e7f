import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import { ScenarioDocument } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';
import { keysShown, scenarioKeys } from './scenarioKeys.ts';

/**
 * The product around the views, in real Chromium, on scenario B with team ids that cannot pass for
 * words (so a key that leaks into a page is found): each role's console, navigation by links alone,
 * deep links that survive a reload, pages that never grow wider than the screen, messages from
 * control the tablet cannot miss, and no scenario key in the text of any view.
 */
const EXERCISE_ID = 'product-shell';
const TEAM_IDS: Record<string, string> = { customs: 'customs_lane3', police: 'police_duty_unit', regulator: 'regulator_inspector' };
const SCENARIO = (() => {
  const original = LIBRARY['detection-portal-alarm']!;
  const renamed = JSON.parse(Object.entries(TEAM_IDS).reduce((text, [from, to]) => text.replaceAll(`"${from}"`, `"${to}"`), JSON.stringify(original)));
  // The same words are agency types: those stay.
  return ScenarioDocument.parse({ ...renamed, teams: renamed.teams.map((team: object, i: number) => ({ ...team, agency: original.teams[i]!.agency })) });
})();
const CUSTOMS = TEAM_IDS.customs!;
const POLICE = TEAM_IDS.police!;
const LONG = 'X'.repeat(4990);

let h: Harness;
let browser: Browser;
let director: StaffCredential;
let controller: StaffCredential;
let evaluator: StaffCredential;
let control: TestSocket;
let customsCode: string;
let policeCode: string;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });
const open = (name: string, url: string, options: BrowserContextOptions, who?: StaffCredential): Promise<Page> =>
  openPage(browser, `${h.url}${url}`, { name, options, cookie: who?.cookie, errors: pageErrors });

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  await h.server.runtime.create({ id: EXERCISE_ID, title: 'Border alarm drill', scenario: SCENARIO, speed: 1 });
  director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'shell-director' });
  controller = await h.member('controller', { exerciseId: EXERCISE_ID, username: 'shell-controller' });
  evaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'shell-evaluator' });
  const code = async (teamId: string) => (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId })).token;
  customsCode = await code(CUSTOMS);
  policeCode = await code(POLICE);
  await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
  control = client(h.url, director).socket;
  await connected(control);
  expect(await call(control, 'command', { type: 'start' })).toMatchObject({ ok: true });
  // Play: the alarm is acted upon, the timers move the story on, long unbroken texts go both ways.
  const customs = client(h.url, customsCode).socket;
  await connected(customs);
  expect(await call(customs, 'inject.acknowledge', { injectId: 'portal_alarm' })).toMatchObject({ ok: true });
  expect(await call(customs, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, injectId: 'portal_alarm', idempotencyKey: 'shell-hold' })).toMatchObject({ ok: true });
  expect(await call(control, 'command', { type: 'jump' })).toMatchObject({ ok: true });
  expect(await call(customs, 'message.send', { to: { teams: [POLICE], organisations: ['reachback'] }, text: LONG, idempotencyKey: 'shell-long-message' })).toMatchObject({ ok: true });
  expect(await call(control, 'command', { type: 'reply', organisationId: 'reachback', to: CUSTOMS, text: `Received: ${LONG}` })).toMatchObject({ ok: true });
  const judge = client(h.url, evaluator).socket;
  await connected(judge);
  expect(await call(judge, 'observation.record', { observedAtMs: 60_000, teamId: CUSTOMS, kind: 'strength', text: LONG, idempotencyKey: 'shell-long-observation' })).toMatchObject({ ok: true });
  for (const socket of [customs, judge]) socket.disconnect();
});
afterAll(async () => {
  control?.disconnect();
  await browser?.close();
  await h?.close();
});

/** The names of the buttons on the console's command bars. */
const commandButtons = (page: Page) => page.locator('.ops-bar button:visible, .selected-inject button:visible').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim()));

describe('the app shell around the views', () => {
  it('gives each role its own console: control commands by role, read-only for an evaluator, and a page that says where to go for a participant or observer', { timeout: 60_000 }, async () => {
    const directorConsole = await open('director', `/console/${EXERCISE_ID}`, VIEWPORT.console, director);
    await eventually(() => directorConsole.getByTestId('status').textContent()).toBe('live');
    expect(await commandButtons(directorConsole)).toEqual(expect.arrayContaining(['Pause', 'End exercise (EndEx)', 'REAL-WORLD EMERGENCY: halt', 'Ad hoc inject', 'Broadcast', 'Release']));

    const controllerConsole = await open('controller', `/console/${EXERCISE_ID}`, VIEWPORT.console, controller);
    await eventually(() => controllerConsole.getByTestId('status').textContent()).toBe('live');
    const controllerButtons = await commandButtons(controllerConsole);
    expect(controllerButtons).toEqual(expect.arrayContaining(['Pause', 'REAL-WORLD EMERGENCY: halt', 'Ad hoc inject', 'Broadcast']));
    expect(controllerButtons).not.toContain('End exercise (EndEx)');

    const evaluatorConsole = await open('evaluator', `/console/${EXERCISE_ID}`, VIEWPORT.console, evaluator);
    await eventually(() => evaluatorConsole.getByTestId('status').textContent()).toBe('live');
    await evaluatorConsole.getByTestId('feed').getByText(/Hold the vehicle/).first().waitFor();
    const evaluatorButtons = await commandButtons(evaluatorConsole);
    for (const name of ['Pause', 'End exercise (EndEx)', 'REAL-WORLD EMERGENCY: halt', 'Ad hoc inject', 'Broadcast', 'Release', 'Hold', 'Jump ahead']) expect(evaluatorButtons).not.toContain(name);
    expect(await evaluatorConsole.getByRole('textbox', { name: /Controller note/ }).count()).toBe(0);
    expect(await evaluatorConsole.getByRole('button', { name: 'Send reply' }).count()).toBe(0);
    await evaluatorConsole.screenshot({ path: artifactPath('shell-console-evaluator.png') });

    // In Lithuanian at 1280 px, no command's label wraps or is cut short.
    const lithuanian = await openPage(browser, `${h.url}/console/${EXERCISE_ID}`, { name: 'lithuanian', errors: pageErrors, cookie: director.cookie, options: VIEWPORT.console });
    await lithuanian.evaluate(() => localStorage.setItem('startex.language', 'lt'));
    await lithuanian.reload();
    await eventually(() => lithuanian.getByTestId('status').textContent()).toBe('vyksta');
    const squeezed = await lithuanian.locator('.ops-bar button:visible, .selected-inject button:visible').evaluateAll((buttons) =>
      buttons.flatMap((b) => {
        const lineHeight = parseFloat(getComputedStyle(b).lineHeight) || 20;
        const wrapped = b.getBoundingClientRect().height > 2.2 * lineHeight;
        return b.scrollWidth > b.clientWidth || wrapped ? [b.textContent!.trim()] : [];
      }),
    );
    expect(squeezed).toEqual([]);
    expect(await lithuanian.locator('.ops-bar button:visible').count()).toBeGreaterThan(4);
    await lithuanian.screenshot({ path: artifactPath('shell-console-lithuanian-1280.png') });
    await lithuanian.context().close();

    const participant = await h.member('participant', { exerciseId: EXERCISE_ID, teamId: CUSTOMS, username: 'shell-participant' });
    const participantConsole = await open('participant', `/console/${EXERCISE_ID}`, VIEWPORT.tablet, participant);
    const where = participantConsole.getByTestId('where-to-go');
    await where.getByRole('heading', { name: 'This page is for exercise control' }).waitFor();
    expect(await where.getByRole('link', { name: 'Open the tablet page' }).getAttribute('href')).toBe('/tablet');
    expect(await participantConsole.getByTestId('status').count()).toBe(0);
    const observer = await h.member('observer', { exerciseId: EXERCISE_ID, username: 'shell-observer' });
    const observerConsole = await open('observer', `/console/${EXERCISE_ID}`, VIEWPORT.console, observer);
    await observerConsole.getByTestId('where-to-go').getByRole('link', { name: 'Open the wall display' }).click();
    await observerConsole.waitForURL(`${h.url}/display/${EXERCISE_ID}`);
    await observerConsole.getByTestId('recent-injects').waitFor();
    for (const page of [directorConsole, controllerConsole, evaluatorConsole, participantConsole, observerConsole]) await page.context().close();
  });

  it('moves between every page of an exercise by links alone, and a deep link survives a reload', { timeout: 60_000 }, async () => {
    const page = await open('navigation', '/', VIEWPORT.console, director);
    await page.getByTestId(`exercise-${EXERCISE_ID}`).getByRole('link', { name: 'Border alarm drill', exact: true }).click();
    await page.waitForURL(`${h.url}/console/${EXERCISE_ID}`);
    const nav = page.getByTestId('exercise-nav');
    for (const [name, path] of [
      ['Plan', `/plan/${EXERCISE_ID}`],
      ['Evaluate', `/evaluate/${EXERCISE_ID}`],
      ['Wall display', `/display/${EXERCISE_ID}`],
      ['Review', `/review/${EXERCISE_ID}`],
      ['Report', `/report/${EXERCISE_ID}`],
      ['Console', `/console/${EXERCISE_ID}`],
    ] as const) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`${h.url}${path}`);
      await eventually(() => nav.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
    }
    // The breadcrumb names the exercise; the corrective actions and home are one click away.
    expect(await page.getByRole('navigation', { name: 'You are here' }).textContent()).toContain('Border alarm drill');
    await page.getByRole('link', { name: 'Corrective actions' }).click();
    await page.waitForURL(`${h.url}/actions`);
    await page.getByRole('link', { name: 'StartEx: Exercises' }).click();
    await page.waitForURL(`${h.url}/`);
    await page.getByTestId(`exercise-${EXERCISE_ID}`).waitFor();

    // A review tab is an address of its own, served again on a reload.
    await page.goto(`${h.url}/review/${EXERCISE_ID}/evaluation`);
    await page.getByRole('heading', { name: 'How a final rating comes about' }).waitFor();
    await page.reload();
    expect(await page.getByTestId('review-tab-evaluation').getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { name: 'How a final rating comes about' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('never grows wider than the screen with a 5,000-character unbroken message, at 390, 768 and 1280 px', { timeout: 120_000 }, async () => {
    const views: [string, string, StaffCredential | undefined][] = [
      ['sender tablet messages', `/tablet/messages#code=${customsCode}`, undefined],
      ['sender tablet log', `/tablet/log#code=${customsCode}`, undefined],
      ['receiver tablet messages', `/tablet/messages#code=${policeCode}`, undefined],
      ['evaluator', `/evaluate/${EXERCISE_ID}`, evaluator],
      ['console', `/console/${EXERCISE_ID}`, director],
    ];
    const overflow: string[] = [];
    for (const width of [390, 768, 1280]) {
      for (const [name, url, who] of views) {
        const page = await open(`${name} ${width}`, url, { viewport: { width, height: 900 } }, who);
        await page.locator('p:visible', { hasText: 'XXXXXXXXXX' }).first().waitFor();
        const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (size.scroll > size.client) overflow.push(`${name} at ${width}: ${size.scroll} px wide`);
        // A long message is folded until asked for.
        expect(await page.getByRole('button', { name: 'Show more' }).count(), `${name} at ${width}`).toBeGreaterThan(0);
        if (width === 390) await page.screenshot({ path: artifactPath(`shell-long-${name.replaceAll(' ', '-')}-390.png`) });
        await page.context().close();
      }
    }
    expect(overflow).toEqual([]);
  });

  it('raises a banner and an unread count on the tablet for a message from control, until it is read', { timeout: 60_000 }, async () => {
    const tablet = await open('banner', `/tablet#code=${policeCode}`, VIEWPORT.tablet);
    await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
    // Read what is there, so only the broadcast counts.
    await tablet.getByRole('tab', { name: /Messages/ }).click();
    await eventually(() => tablet.getByTestId('count-messages').count()).toBe(0);
    await tablet.getByRole('tab', { name: /Inbox/ }).click();
    expect(await tablet.getByTestId('control-banner').count()).toBe(0);

    expect(await call(control, 'command', { type: 'broadcast', text: 'All teams: hold positions, the weather is turning.' })).toMatchObject({ ok: true });
    const banner = tablet.getByTestId('control-banner');
    await banner.getByText('All teams: hold positions, the weather is turning.').waitFor();
    expect(await banner.getByRole('heading').textContent()).toContain('Message from exercise control');
    expect(await tablet.getByTestId('count-messages').textContent()).toBe('11 new');
    await tablet.screenshot({ path: artifactPath('shell-tablet-control-banner.png') });

    // Opening the messages reads it: the banner and the count go.
    await banner.getByRole('button', { name: 'Open messages' }).click();
    await tablet.waitForURL(/\/tablet\/messages/);
    await tablet.getByTestId('conversation').getByText('All teams: hold positions, the weather is turning.').waitFor();
    await eventually(() => tablet.getByTestId('control-banner').count()).toBe(0);
    expect(await tablet.getByTestId('count-messages').count()).toBe(0);
    // Read state is kept on the device across a reload.
    await tablet.reload();
    await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
    expect(await tablet.getByTestId('control-banner').count()).toBe(0);
    await tablet.context().close();
  });

  it("names the scenario's phases by their titles where staff without the scenario see them: wall display, evaluator's console, review", { timeout: 90_000 }, async () => {
    const title = (key: string) => SCENARIO.machine.states![key]!.title!;
    // Titles of their own, not the keys read as words.
    expect([title('primary_alarm'), title('driver_interview')]).toEqual(['Portal alarm on lane 3', 'Driver and his papers']);
    const observer = await h.member('observer', { exerciseId: EXERCISE_ID, username: 'shell-wall' });
    const display = await open('display titles', `/display/${EXERCISE_ID}`, VIEWPORT.display, observer);
    await eventually(() => display.getByTestId('phase').textContent()).toMatch(/^Driver and his papers · T\+00:05:00$/);
    expect(await display.locator('.wall-phase-history li').allTextContents()).toEqual(['T+00:00:00 Portal alarm on lane 3']);
    await display.context().close();

    const evaluatorConsole = await open('evaluator console titles', `/console/${EXERCISE_ID}`, VIEWPORT.console, evaluator);
    await evaluatorConsole.getByTestId('feed').getByText('Scenario phase: Driver and his papers').first().waitFor();
    await evaluatorConsole.context().close();

    const review = await open('review titles', `/review/${EXERCISE_ID}/metrics`, VIEWPORT.display, evaluator);
    const phases = review.getByTestId('phase-table').locator('tbody th');
    await eventually(() => phases.allTextContents()).toEqual(['Portal alarm on lane 3', 'Driver and his papers']);
    await review.context().close();
  });

  it('shows no key of the played scenario in the text of any view', { timeout: 120_000 }, async () => {
    const keys = scenarioKeys(SCENARIO);
    expect(keys).toEqual(expect.arrayContaining([CUSTOMS, 'hold_vehicle', 'supervisor_informed', 'primary_alarm.after.0']));
    const views: [string, string, StaffCredential | undefined, (page: Page) => Promise<unknown>][] = [
      ['home', '/', director, (p) => p.getByTestId(`exercise-${EXERCISE_ID}`).waitFor()],
      ['console', `/console/${EXERCISE_ID}`, director, (p) => p.locator('.state-node').first().waitFor()],
      ['evaluator', `/evaluate/${EXERCISE_ID}`, evaluator, (p) => p.getByTestId('evaluator-feed').getByText(/Hold the vehicle/).first().waitFor()],
      ['display', `/display/${EXERCISE_ID}`, director, (p) => p.getByTestId('recent-injects').locator('li').first().waitFor()],
      ...(['inbox', 'actions', 'messages', 'log'] as const).map((tab): [string, string, undefined, (page: Page) => Promise<unknown>] => [
        `tablet ${tab}`,
        `/tablet/${tab}#code=${customsCode}`,
        undefined,
        (p) => p.getByTestId('inject-portal_alarm').waitFor({ state: 'attached' }),
      ]),
      ...(['replay', 'metrics', 'evaluation', 'feedback'] as const).map((tab): [string, string, StaffCredential, (page: Page) => Promise<unknown>] => [
        `review ${tab}`,
        `/review/${EXERCISE_ID}/${tab}`,
        director,
        (p) => p.locator(`#review-panel-${tab} h2`).first().waitFor(),
      ]),
    ];
    const leakedIn = (page: Page) => keysShown(page, keys);
    // The scan finds keys where they are: in the raw log the API serves.
    const raw = await open('raw log', `/api/exercises/${EXERCISE_ID}/log`, VIEWPORT.display, director);
    expect(await leakedIn(raw)).toEqual(expect.arrayContaining([CUSTOMS, 'hold_vehicle', 'supervisor_informed']));
    await raw.context().close();
    const found: Record<string, string[]> = {};
    for (const [name, url, who, ready] of views) {
      const page = await open(name, url, VIEWPORT.display, who);
      await ready(page);
      await page.waitForLoadState('networkidle');
      const leaked = await leakedIn(page);
      if (leaked.length) found[name] = leaked;
      await page.context().close();
    }
    expect(found).toEqual({});
  });
});
