import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, startServer, type Harness, type TestSocket } from '../harness.ts';
import { artifactPath, launchChromium, openPage } from './browser.ts';

/**
 * The controller console in real Chromium, driven the way a controller at a desk drives it: the
 * lifecycle, the MSEL commands and the clock by keyboard shortcut alone (destructive ones confirmed),
 * then the filters, the note form, the SimCell, the statechart and the team board following play from a
 * customs tablet (a socket.io participant), and the console in Lithuanian. Speed ×1: no timer of
 * scenario B fires during the test unless the controller jumps to it.
 */
const EXERCISE_ID = 'console-controls';
const SCENARIO = LIBRARY['detection-portal-alarm']!;
const CUSTOMS = 'Customs post Vilkupiai: officers on lane 3';

let h: Harness;
let browser: Browser;
let customs: TestSocket | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  customs?.close();
  await browser?.close();
  await h?.close();
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const log = () => h.server.runtime.store.readLog(EXERCISE_ID);
const ofType = <T extends LogEntry['type']>(entries: LogEntry[], type: T) => entries.filter((e): e is Extract<LogEntry, { type: T }> => e.type === type);
const typesIn = async (...types: LogEntry['type'][]) => (await log()).filter((e) => types.includes(e.type)).map((e) => e.type);

/** The MSEL rows on screen, by inject id, top to bottom. */
const mselIds = (page: Page) =>
  page.locator('.msel > li.msel-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.replace(/^inject-/, '')));
const chips = (page: Page, injectId: string) => page.getByTestId(`inject-${injectId}`).locator('.chips > *').allTextContents();
const status = (page: Page) => page.getByTestId('status').textContent();
/** Is the state drawn as active on the statechart (attribute and the "● now" text)? */
const activeState = (page: Page, key: string) =>
  page.locator(`.state-node[data-state="${key}"]`).evaluate((node) => `${node.getAttribute('data-active')} ${node.querySelector('.state-now')?.textContent ?? ''}`.trim());
/** Keyboard focus back on the page, as after clicking its background, so shortcuts apply again. */
const leaveField = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

describe('controller console controls', () => {
  it('runs the exercise by keyboard, filters the MSEL and the feed, follows the tablet on the team board, and speaks Lithuanian', { timeout: 120_000 }, async () => {
    await h.server.runtime.create({ id: EXERCISE_ID, scenario: SCENARIO, speed: 1 });
    const director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'controls-director' });
    const page = await openPage(browser, `${h.url}/console/${EXERCISE_ID}`, {
      name: 'console',
      errors: pageErrors,
      cookie: director.cookie,
      options: { viewport: { width: 1280, height: 800 } },
    });
    await eventually(() => status(page)).toBe('draft');
    await page.getByRole('heading', { name: 'MSEL timeline' }).waitFor();

    // "?" lists every shortcut, grouped, in a dialog; Escape closes it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const rows = (group: string) => help.getByTestId(`shortcuts-${group}`).locator('tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('kbd')!.textContent} ${tr.querySelector('td')!.textContent}`));
    expect(await rows('exercise')).toEqual([
      'Y Mark the exercise ready for StartEx',
      'G Start the exercise (StartEx)',
      'Space Pause or resume the exercise (after a halt, asks for a reason)',
      'N Jump the clock to the next timed event',
      'M Jump the clock to the next timed inject (events before it happen on the way)',
      'X End the exercise (EndEx; asks first)',
      'C Close the ended exercise (asks first)',
      'T Halt all play for a real-world emergency (asks for a reason)',
    ]);
    expect(await rows('inject')).toEqual([
      'J Select the next inject in the MSEL',
      'K Select the previous inject in the MSEL',
      'R Release the selected inject',
      'H Hold the selected inject (asks for a reason)',
      'S Skip the selected inject (asks for a reason)',
      'E Edit the selected inject before release',
    ]);
    expect(await rows('play')).toEqual([
      'A Write an ad hoc inject',
      'B Broadcast a message',
      '1–9 Take open decision 1–9 (asks first)',
      'L Write a controller note for the log',
      'I Answer the oldest waiting SimCell message',
      '? Show this list',
    ]);
    await page.screenshot({ path: artifactPath('console-help.png') });
    await page.keyboard.press('Escape');
    await eventually(() => help.count()).toBe(0);
    // While the dialog was open no key reached the console.
    expect(await status(page)).toBe('draft');

    // Y: ready; G: StartEx. The statechart lights the initial state.
    await page.keyboard.press('y');
    await eventually(() => status(page)).toBe('ready');
    await page.keyboard.press('g');
    await eventually(() => status(page)).toBe('live');
    expect(await typesIn('exercise.readied', 'exercise.started')).toEqual(['exercise.readied', 'exercise.started']);
    await eventually(() => activeState(page, 'primary_alarm')).toBe('true ● now');
    expect(await activeState(page, 'driver_interview')).toBe('false');

    // Customs plays on a tablet (here a socket.io participant with the team's join code).
    const joinCode = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;
    customs = client(h.url, joinCode).socket;
    await eventually(async () => customs!.connected).toBe(true);
    await eventually(() => page.getByTestId('team-customs').locator('td').first().textContent()).toBe('● 1 online');

    // J four times: #4. H: hold, with a reason typed and sent from the keyboard.
    const selected = page.getByRole('group', { name: 'Selected inject' }).locator('.selected-label');
    for (let i = 0; i < 4; i++) await page.keyboard.press('j');
    await eventually(() => selected.textContent()).toBe('Selected inject #4 Start secondary inspection');
    await page.keyboard.press('h');
    const holdDialog = page.getByRole('dialog', { name: 'Hold inject #4: Start secondary inspection' });
    await holdDialog.waitFor();
    await page.keyboard.type('Supervisor role not staffed yet');
    await page.keyboard.press('Tab'); // Cancel
    await page.keyboard.press('Tab'); // Hold
    await page.keyboard.press('Enter');
    await eventually(() => chips(page, 'secondary_order')).toEqual(['‖ held: Supervisor role not staffed yet']);
    expect(ofType(await log(), 'inject.held').map((e) => [e.injectId, e.reason])).toEqual([['secondary_order', 'Supervisor role not staffed yet']]);

    // K: #3. S: skip, with a reason.
    await page.keyboard.press('k');
    await eventually(() => selected.textContent()).toBe('Selected inject #3 The driver starts the engine');
    await page.keyboard.press('s');
    await page.getByRole('dialog', { name: 'Skip inject #3: The driver starts the engine' }).waitFor();
    await page.keyboard.type('The driver actor is not here today');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => chips(page, 'driver_leaving')).toEqual(['contingency', '↷ skipped: The driver actor is not here today']);
    expect(ofType(await log(), 'inject.skipped').map((e) => [e.injectId, e.reason])).toEqual([['driver_leaving', 'The driver actor is not here today']]);

    // J back to the held #4. R asks first; Enter on the focused Cancel leaves it held; Tab, Enter releases it.
    await page.keyboard.press('j');
    await eventually(() => selected.textContent()).toBe('Selected inject #4 Start secondary inspection');
    await page.keyboard.press('r');
    const confirm = page.getByRole('dialog', { name: 'Please confirm' });
    expect(await confirm.locator('p').first().textContent()).toBe('Inject #4 is held (Supervisor role not staffed yet). Release it now?');
    await page.keyboard.press('Enter');
    await eventually(() => confirm.count()).toBe(0);
    expect(ofType(await log(), 'inject.released').map((e) => e.inject.id)).toEqual(['portal_alarm']);
    expect(await chips(page, 'secondary_order')).toEqual(['‖ held: Supervisor role not staffed yet']);
    await page.keyboard.press('r');
    await confirm.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => chips(page, 'secondary_order')).toEqual([`released · ${CUSTOMS}`]);
    expect(ofType(await log(), 'inject.released').map((e) => e.inject.id)).toEqual(['portal_alarm', 'secondary_order']);

    // Space pauses and resumes the clock.
    await page.keyboard.press(' ');
    await eventually(() => status(page)).toBe('paused');
    await page.keyboard.press(' ');
    await eventually(() => status(page)).toBe('live');
    expect(await typesIn('exercise.paused', 'exercise.resumed')).toEqual(['exercise.paused', 'exercise.resumed']);

    // N jumps to T+5: the statechart's active node follows the state entered; the MSEL shows exercise time.
    await page.keyboard.press('n');
    await eventually(() => activeState(page, 'driver_interview')).toBe('true ● now');
    expect(await activeState(page, 'primary_alarm')).toBe('false');
    expect(ofType(await log(), 'state.entered').at(-1)!.states).toEqual(['driver_interview']);
    await eventually(() => chips(page, 'driver_papers')).toEqual([`released · ${CUSTOMS}`]);
    expect(await page.getByTestId('inject-driver_papers').locator('.msel-time').textContent()).toBe('T+00:05');
    expect(await page.getByTestId('inject-driver_papers').locator('.msel-scenario-time').textContent()).toBe('Day 1 10:05 · ');
    expect(await page.getByTestId('inject-identifier_result').locator('.msel-time').textContent()).toBe('T+00:20 planned');
    expect(await page.getByTestId('msel-now').textContent()).toMatch(/^Now · T\+00:0[5-9] · Day 1 10:0[5-9]$/);

    // The team board follows the tablet: three injects wait for customs (in MSEL order), none acknowledged, no messages.
    const board = page.getByTestId('team-customs').locator('td');
    const pendingInjects = () => board.nth(3).getByRole('button').allTextContents();
    expect(await board.nth(1).textContent()).toBe('—');
    expect(await board.nth(2).textContent()).toBe('none');
    expect(await pendingInjects()).toEqual(['#1', '#4', '#2']);
    expect(await call(customs, 'inject.acknowledge', { injectId: 'driver_papers' })).toMatchObject({ ok: true });
    await eventually(() => pendingInjects()).toEqual(['#1', '#4']);
    const acknowledged = ofType(await log(), 'inject.acknowledged');
    expect(acknowledged.map((e) => [e.teamId, e.injectId])).toEqual([['customs', 'driver_papers']]);
    expect(await board.nth(1).textContent()).toBe(exerciseTime(acknowledged[0]!.exerciseTimeMs));
    expect(
      await call(customs, 'message.send', { to: { teams: [], organisations: ['reachback'] }, text: 'Can you take a spectrum from lane 3?', idempotencyKey: 'controls-message-1' }),
    ).toMatchObject({ ok: true });
    await eventually(() => board.nth(2).textContent()).toBe('1 waiting');

    // I: the reply field of the waiting message; the SimCell answers as reachback from the keyboard.
    await page.keyboard.press('i');
    await eventually(() => page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.labels?.[0]?.textContent)).toBe(
      'Reply to Customs post Vilkupiai: officers on lane 3',
    );
    await page.keyboard.type('Yes: send it as soon as the identifier has one.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => board.nth(2).textContent()).toBe('none');
    expect(ofType(await log(), 'message.sent').map((e) => [e.from, e.text])).toEqual([
      [{ kind: 'team', teamId: 'customs' }, 'Can you take a spectrum from lane 3?'],
      [{ kind: 'simcell', organisationId: 'reachback' }, 'Yes: send it as soon as the identifier has one.'],
    ]);

    // L: the note field; Enter adds the note to the log and the feed.
    await leaveField(page);
    await page.keyboard.press('l');
    await page.keyboard.type('Lead controller plays the shift supervisor from now on.');
    await page.keyboard.press('Enter');
    const feed = page.getByTestId('feed');
    await feed.getByText('Note: Lead controller plays the shift supervisor from now on.').waitFor();
    expect(ofType(await log(), 'note.added').map((e) => e.text)).toEqual(['Lead controller plays the shift supervisor from now on.']);

    // The feed filter narrows the feed to controller notes, and back.
    const feedFilters = page.getByRole('search', { name: 'Feed filters' });
    const feedCount = await feed.locator(':scope > li').count();
    await feedFilters.getByLabel('Type').selectOption({ label: 'Controller notes' });
    await eventually(() => feed.locator(':scope > li').allTextContents()).toEqual([
      expect.stringMatching(/Note: Lead controller plays the shift supervisor from now on\.$/),
    ]);
    await feedFilters.getByLabel('Type').selectOption({ label: 'Injects' });
    await eventually(() => feed.locator(':scope > li').count()).toBe(6); // 3 released, 1 held, 1 skipped, 1 acknowledged
    await feedFilters.getByLabel('Type').selectOption({ label: 'All types' });
    await eventually(() => feed.locator(':scope > li').count()).toBe(feedCount);

    // MSEL filters: by team, by channel, and by search text.
    const filters = page.getByRole('search', { name: 'MSEL filters' });
    const everything = await mselIds(page);
    expect(everything).toHaveLength(SCENARIO.injects.length);
    await filters.getByLabel('Team').selectOption({ label: 'Police: border district duty unit' });
    await eventually(() => mselIds(page)).toEqual(['recall_order', 'registry_match', 'custody_request']);
    expect(await page.locator('.panel-msel .hint').first().textContent()).toBe(`3 of ${SCENARIO.injects.length} injects`);
    await filters.getByLabel('Channel').selectOption({ label: 'e-mail' });
    await eventually(() => mselIds(page)).toEqual(['registry_match']);
    await page.screenshot({ path: artifactPath('console-filters.png') });
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(() => mselIds(page)).toEqual(everything);
    await filters.getByLabel('Search').fill('custody');
    await eventually(() => mselIds(page)).toEqual(['custody_request']);
    await filters.getByLabel('Channel').selectOption({ label: 'sensor or alarm' });
    await eventually(() => mselIds(page)).toEqual([]);
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(() => mselIds(page)).toEqual(everything);

    // The clock shows wall (12-hour in English), exercise and scenario time.
    expect(await page.getByTestId('wall-time').textContent()).toMatch(/^\d\d:\d\d:\d\d\s?(AM|PM)$/);
    expect(await page.getByTestId('exercise-time').textContent()).toMatch(/^T\+00:\d\d:\d\d$/);
    expect(await page.getByTestId('scenario-time').textContent()).toMatch(/^Day 1 10:\d\d:\d\d$/);

    // X asks before EndEx: Enter on the focused Cancel keeps play live; Tab, Enter ends it. C closes, also asked.
    await leaveField(page);
    await page.keyboard.press('x');
    expect(await confirm.locator('p').first().textContent()).toBe('End the exercise for everyone (EndEx)? Play cannot be resumed afterwards.');
    await page.keyboard.press('Enter');
    await eventually(() => confirm.count()).toBe(0);
    expect(await status(page)).toBe('live');
    expect(await typesIn('exercise.ended')).toEqual([]);
    await page.keyboard.press('x');
    await confirm.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => status(page)).toBe('ended');
    expect(await typesIn('exercise.ended')).toEqual(['exercise.ended']);
    await page.keyboard.press('c');
    expect(await confirm.locator('p').first().textContent()).toBe('Close the exercise? No further commands or notes can be added.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => status(page)).toBe('closed');
    expect(await typesIn('exercise.ended', 'exercise.closed')).toEqual(['exercise.ended', 'exercise.closed']);

    // Lithuanian, chosen in the person's menu: labels, status and a 24-hour wall clock.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitemradio', { name: 'Lietuvių' }).click();
    await page.getByRole('heading', { name: 'PSĮS laiko juosta' }).waitFor();
    expect(await status(page)).toBe('uždarytos');
    const clock = page.getByRole('region', { name: 'Pratybų laikrodis' });
    expect(await clock.locator('.label').nth(1).textContent()).toBe('Tikrasis laikas');
    expect(await page.getByTestId('wall-time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(await page.getByTestId('inject-driver_papers').locator('.msel-time').textContent()).toBe('T+00:05');
    expect(await page.getByTestId('inject-identifier_result').locator('.msel-time').textContent()).toBe('planuota T+00:20');
    expect(await page.getByTestId('inject-identifier_result').locator('.msel-scenario-time').textContent()).toBe('Diena 1 10:20 · ');
    expect(await page.getByTestId('scenario-time').textContent()).toMatch(/^Diena 1 10:05:\d\d$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('console-lithuanian.png') });
    expect(pageErrors).toEqual([]);
  });
});

/** As the team board prints it: "T+00:05:02". */
function exerciseTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T+${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
