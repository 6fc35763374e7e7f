import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * The participant tablet's details in real Chromium, on scenario B (three teams) at speed 1 so that
 * nothing moves unless the test moves it: joining by hand, unread and read, channels, form checks,
 * team-to-team messages, keyboard use and touch-target sizes; the evaluator's rating definitions
 * and the wall display's phase and team counts.
 */
const EXERCISE_ID = 'tablet-details';
const TEAM = {
  customs: 'Customs post Vilkupiai: officers on lane 3',
  police: 'Police: border district duty unit',
  regulator: 'Radiation Safety Inspectorate: duty inspector',
} as const;

let h: Harness;
let browser: Browser;
let director: StaffCredential;
let control: TestSocket;
const pageErrors: string[] = [];

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });
const open = (name: string, options: BrowserContextOptions, url: string, credential?: StaffCredential): Promise<Page> =>
  openPage(browser, url, { name, options, cookie: credential?.cookie, errors: pageErrors });
const code = async (role: 'participant' | 'observer', teamId?: string) =>
  (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role, teamId })).token;
const log = () => h.server.runtime.store.readLog(EXERCISE_ID);
const ofType = <T extends LogEntry['type']>(entries: LogEntry[], type: T) => entries.filter((e): e is Extract<LogEntry, { type: T }> => e.type === type);

/** Every visible button's size, for the touch-target rule (44 x 44 CSS px). */
async function smallButtons(page: Page): Promise<string[]> {
  const small: string[] = [];
  for (const button of await page.locator('button:visible').all()) {
    const box = await button.boundingBox();
    if (box && (box.width < 44 || box.height < 44)) small.push(`${(await button.textContent())?.trim()}: ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}

/** Presses Tab until the focused element reads `target.text` (inside `target.within`); every stop on the way must be on screen. */
async function tabTo(page: Page, target: { text: string; within?: string }, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(({ text, within }) => {
      const focused = document.activeElement;
      const box = focused?.getBoundingClientRect();
      return {
        reached: focused?.textContent === text && (within === undefined || focused.closest(within) !== null),
        visible: !!box && box.width > 0 && box.height > 0,
        name: focused?.textContent?.trim(),
      };
    }, target);
    expect(stop.visible, `focus stop "${stop.name}" is not visible`).toBe(true);
    if (stop.reached) return;
  }
  throw new Error(`not reached with ${limit} presses of Tab`);
}

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  await h.server.runtime.create({ id: EXERCISE_ID, scenario: LIBRARY['detection-portal-alarm']!, speed: 1 });
  director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'details-director' });
  await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
  control = client(h.url, director).socket;
  await connected(control);
  // StartEx: the portal alarm (a sensor inject) goes to customs at once.
  expect(await call(control, 'command', { type: 'start' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  control?.disconnect();
  await browser?.close();
  await h?.close();
});

describe('participant tablet details', () => {
  it('joins by a hand-typed code: empty and unknown codes get a clear message, the right one joins', async () => {
    const tablet = await open('join', VIEWPORT.phone, `${h.url}/tablet`);
    const codeField = tablet.getByLabel('Join code');
    await tablet.getByRole('button', { name: 'Join' }).click();
    expect(await tablet.locator('.field-error').textContent()).toBe('⚠ Type the join code.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');

    await codeField.fill('NOSUCHCODE');
    await tablet.getByRole('button', { name: 'Join' }).click();
    await eventually(() => tablet.getByRole('alert').textContent()).toBe('✕ This tablet could not join: This join code is not valid, has expired or was revoked.');
    // The refused code stays in the field to be corrected; the refusal follows the chosen language.
    expect(await codeField.inputValue()).toBe('NOSUCHCODE');
    await tablet.getByRole('combobox', { name: 'Language' }).selectOption('lt');
    await eventually(() => tablet.getByRole('alert').textContent()).toBe('✕ Planšetė negalėjo prisijungti: Šis prisijungimo kodas negalioja, baigė galioti arba buvo atšauktas.');
    await tablet.screenshot({ path: artifactPath('details-join-refused.png') });
    await tablet.getByRole('combobox', { name: 'Kalba' }).selectOption('en');

    await tablet.getByLabel('Join code').fill((await code('participant', 'regulator')).toLowerCase());
    await tablet.getByRole('button', { name: 'Join' }).click();
    await eventually(() => tablet.getByRole('heading', { level: 1 }).textContent()).toBe(TEAM.regulator);
    await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
    await tablet.context().close();
  });

  it('inbox: unread until opened (also after a reload), each channel as that channel, a form check that sends nothing, acknowledging by keyboard', { timeout: 60_000 }, async () => {
    const customsCode = await code('participant', 'customs');
    const tablet = await open('customs', VIEWPORT.tablet, `${h.url}/tablet#code=${customsCode}`);
    const alarm = tablet.getByTestId('inject-portal_alarm');
    await alarm.waitFor();
    // A radio call from the SimCell, released ad hoc on the radio channel.
    expect(await call(control, 'command', { type: 'adhoc', to: ['customs'], channel: 'radio', from: 'Border district dispatch', subject: 'Patrol on its way', body: 'Patrol 12 is ten minutes out.' })).toMatchObject({ ok: true });
    const adhocId = ofType(await log(), 'inject.released').at(-1)!.inject.id;
    const radio = tablet.getByTestId(`inject-${adhocId}`);
    await radio.waitFor();

    // Both unread: a "New" tag on each card, the count in the heading and the nav.
    expect(await tablet.locator('.inject-card.is-unread').count()).toBe(2);
    expect(await tablet.locator('#inbox-heading .count').textContent()).toBe('2 new');
    expect(await tablet.getByTestId('count-inbox').locator('[aria-hidden]').textContent()).toBe('2');
    await radio.locator('.inject-toggle').click();
    expect(await radio.locator('.tag-new').count()).toBe(0);
    expect(await alarm.locator('.tag-new').textContent()).toBe('New');
    expect(await tablet.locator('#inbox-heading .count').textContent()).toBe('1 new');

    // The radio call reads as a radio log; the portal alarm as an alarm panel.
    expect(await radio.locator('.inject-channel').textContent()).toBe(' Radio');
    expect(await radio.locator('.ch-radio .radio-head').textContent()).toMatch(/^BORDER DISTRICT DISPATCH → CUSTOMS POST VILKUPIAI: OFFICERS ON LANE 3 · /);
    expect(await radio.locator('.ch-radio .radio-text').textContent()).toBe('Patrol 12 is ten minutes out.');
    expect(await radio.locator('.ch-radio .radio-over').textContent()).toBe('— Over —');
    expect(await alarm.locator('.inject-channel').textContent()).toBe(' Sensor or alarm');

    // Read state is kept on the device.
    await tablet.reload();
    await alarm.waitFor();
    expect(await radio.locator('.tag-new').count()).toBe(0);
    expect(await alarm.locator('.tag-new').textContent()).toBe('New');

    // Keyboard only: Tab to the alarm's subject, Enter opens it, Tab to Acknowledge, Enter acknowledges.
    await tabTo(tablet, { text: 'Gamma alarm on lane 3' });
    await tablet.keyboard.press('Enter');
    await alarm.locator('.ch-sensor').waitFor();
    expect(await alarm.locator('.ch-sensor .alarm-title').textContent()).toBe('☢ ALARM · Radiation portal monitor, lane 3');
    await tabTo(tablet, { text: 'Acknowledge', within: '[data-testid="inject-portal_alarm"]' });
    // The focus is visible: a 3 px outline on :focus-visible, not only a colour change.
    expect(await tablet.evaluate(() => {
      const focused = document.activeElement!;
      const style = getComputedStyle(focused);
      return { focusVisible: focused.matches(':focus-visible'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    })).toEqual({ focusVisible: true, outline: 'solid 3px' });
    await tablet.screenshot({ path: artifactPath('details-tablet-keyboard-focus.png') });
    await tablet.keyboard.press('Enter');
    await alarm.getByText('✓ Acknowledged').waitFor();
    await eventually(async () => ofType(await log(), 'inject.acknowledged').map((e) => `${e.teamId} ${e.injectId}`)).toEqual(['customs portal_alarm']);

    // A number below the field's minimum and a blank required field: messages, nothing queued or sent.
    await tablet.getByRole('tab', { name: /^Actions/ }).click();
    await tablet.locator('.action-toggle', { hasText: 'Record a dose-rate measurement' }).click();
    const dose = tablet.getByRole('form', { name: 'Record a dose-rate measurement' });
    await dose.getByLabel(/^Dose rate \(µSv\/h\)/).fill('-2');
    await dose.getByRole('button', { name: 'Send: Record a dose-rate measurement' }).click();
    expect(await dose.locator('.field-error').allTextContents()).toEqual(['⚠ Must be at least 0.', '⚠ Fill this in.', '⚠ Fill this in.']);
    expect(await dose.getByRole('alert').textContent()).toBe('⚠ Check the fields marked ⚠ above.');
    expect(await tablet.evaluate(() => document.activeElement?.id)).toBe('action-measure_dose_rate-dose_rate_usvh');
    expect(await tablet.evaluate((key) => localStorage.getItem(key), `startex.tablet.outbox.${customsCode}`)).toBe('[]');
    expect(await tablet.getByTestId('queue-status').count()).toBe(0);
    expect(ofType(await log(), 'action.taken')).toEqual([]);
    await tablet.context().close();
  });

  it('every tablet button is at least 44 x 44 px on a tablet and on a phone', async () => {
    for (const [name, options] of [['tablet', VIEWPORT.tablet], ['phone', VIEWPORT.phone]] as const) {
      const tablet = await open(`size-${name}`, options, `${h.url}/tablet#code=${await code('participant', 'customs')}`);
      const alarm = tablet.getByTestId('inject-portal_alarm');
      await alarm.waitFor();
      await alarm.locator('.inject-toggle').click();
      // Every tab in turn: the inbox with the alarm open, the actions with a form open, messages, our log.
      const inbox = await smallButtons(tablet);
      let buttons = await tablet.locator('button:visible').count();
      await tablet.getByRole('tab', { name: /^Actions/ }).click();
      await tablet.locator('.action-toggle', { hasText: 'Hold the vehicle' }).click();
      await tablet.getByRole('form', { name: 'Hold the vehicle' }).waitFor();
      const actions = await smallButtons(tablet);
      buttons += await tablet.locator('button:visible').count();
      await tablet.getByRole('tab', { name: /^Messages/ }).click();
      const messages = await smallButtons(tablet);
      buttons += await tablet.locator('button:visible').count();
      expect(buttons).toBeGreaterThan(10);
      expect({ [name]: [...inbox, ...actions, ...messages] }).toEqual({ [name]: [] });
      await tablet.context().close();
    }
  });

  it('a message from one team reaches the team it is addressed to and not a third team', { timeout: 45_000 }, async () => {
    const [customs, police, regulator] = await Promise.all([
      open('msg-customs', VIEWPORT.tablet, `${h.url}/tablet#code=${await code('participant', 'customs')}`),
      open('msg-police', VIEWPORT.tablet, `${h.url}/tablet#code=${await code('participant', 'police')}`),
      open('msg-regulator', VIEWPORT.phone, `${h.url}/tablet#code=${await code('participant', 'regulator')}`),
    ]);
    for (const page of [customs, police, regulator]) await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
    await customs.getByRole('tab', { name: /^Messages/ }).click();
    const send = async (to: string, text: string) => {
      await customs.getByRole('checkbox', { name: new RegExp(to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
      await customs.getByLabel('Message', { exact: true }).fill(text);
      await customs.getByRole('button', { name: 'Send message' }).click();
    };
    await send(TEAM.police, 'Truck KTR 418 held at lane 3; please send a patrol.');
    const policeConversation = police.getByTestId('conversation').locator(':scope > li');
    await eventually(() => policeConversation.locator('p:not(.bubble-head):not(.bubble-quote)').allTextContents()).toEqual(['Truck KTR 418 held at lane 3; please send a patrol.']);
    expect(await policeConversation.locator('.bubble-head strong').textContent()).toBe(TEAM.customs);
    // A later message to the regulator arrives there; the one to the police never does.
    await customs.getByRole('checkbox', { name: new RegExp(TEAM.police.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).uncheck();
    await send(TEAM.regulator, 'FYI: gamma alarm on lane 3, truck held.');
    const regulatorConversation = regulator.getByTestId('conversation').locator(':scope > li');
    await eventually(() => regulatorConversation.locator('p:not(.bubble-head):not(.bubble-quote)').allTextContents()).toEqual(['FYI: gamma alarm on lane 3, truck held.']);
    expect(ofType(await log(), 'message.sent').map(({ from, to, text }) => ({ from, to, text }))).toEqual([
      { from: { kind: 'team', teamId: 'customs' }, to: { teams: ['police'], organisations: [] }, text: 'Truck KTR 418 held at lane 3; please send a patrol.' },
      { from: { kind: 'team', teamId: 'customs' }, to: { teams: ['regulator'], organisations: [] }, text: 'FYI: gamma alarm on lane 3, truck held.' },
    ]);
    await regulator.screenshot({ path: artifactPath('details-phone-regulator-message.png') });
    for (const page of [customs, police, regulator]) await page.context().close();
  });
});

describe('evaluator and wall display details', () => {
  it('the evaluator opens the P/S/M/U definitions with one tap and closes them', async () => {
    const evaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'details-evaluator' });
    const page = await open('evaluator', VIEWPORT.evaluator, `${h.url}/evaluate/${EXERCISE_ID}`, evaluator);
    const dialog = page.getByRole('dialog', { name: 'HSEEP performance ratings' });
    expect(await dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'What do P, S, M and U mean?' }).click();
    await dialog.waitFor();
    expect(await dialog.locator('dt').allTextContents()).toEqual([
      'P Performed without challenges',
      'S Performed with some challenges',
      'M Performed with major challenges',
      'U Unable to be performed',
    ]);
    expect(await dialog.locator('dd').first().textContent()).toMatch(/^The objective was met;/);
    await page.screenshot({ path: artifactPath('details-evaluator-ratings.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually(() => dialog.isVisible()).toBe(false);
    await page.context().close();
  });

  it('the wall display shows the current phase and, per team, how many injects were received and acknowledged', async () => {
    const display = await open('display', VIEWPORT.display, `${h.url}/display#code=${await code('observer')}`);
    await eventually(() => display.getByTestId('phase').textContent()).toMatch(/^Portal alarm on lane 3 · T\+00:00:00$/);
    const teams = display.getByTestId('team-status').locator(':scope > li');
    // Per team: its name, then "Received n of m" and "Acknowledged n of m".
    const counts = () =>
      teams.evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('h3')!.textContent,
          ...Array.from(item.querySelectorAll('.wall-count'), (count) => `${count.querySelector('dt')!.textContent} ${count.querySelector('strong')!.textContent}`),
        ]),
      );
    // Customs has the alarm (acknowledged) and the radio call (opened, not acknowledged); the others nothing.
    await eventually(counts).toEqual([
      [TEAM.customs, 'Received 2 of 2', 'Acknowledged 1 of 2'],
      [TEAM.police, 'Received 0 of 0', 'Acknowledged 0 of 0'],
      [TEAM.regulator, 'Received 0 of 0', 'Acknowledged 0 of 0'],
    ]);
    await display.screenshot({ path: artifactPath('details-display.png') });
    expect(pageErrors).toEqual([]);
    await display.context().close();
  });
});
