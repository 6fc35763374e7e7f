import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * Scenario B (portal monitor alarm) played end to end in real Chromium, every role on its own device:
 * the director's console, three agencies' tablets (customs and police on tablets, the regulator on a
 * phone), an evaluator's tablet and the wall display. Speed ×5 keeps the scenario's own timers from
 * racing the people; the director moves the story on with "Jump ahead", as in a compressed exercise.
 */
const EXERCISE_ID = 'live-interfaces';
const SCENARIO = LIBRARY['detection-portal-alarm']!;
const TEAM = {
  customs: 'Customs post Vilkupiai: officers on lane 3',
  police: 'Police: border district duty unit',
  regulator: 'Radiation Safety Inspectorate: duty inspector',
} as const;


let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Polls a page for what a person would wait to see; generous, never a timing assertion. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const open = (name: string, options: BrowserContextOptions, url: string, credential?: StaffCredential): Promise<Page> =>
  openPage(browser, url, { name, options, cookie: credential?.cookie, errors: pageErrors });

const log = () => h.server.runtime.store.readLog(EXERCISE_ID);
const ofType = <T extends LogEntry['type']>(entries: LogEntry[], type: T) => entries.filter((e): e is Extract<LogEntry, { type: T }> => e.type === type);

/** The inject ids on a tablet's inbox, top (newest) first. */
const inbox = (tablet: Page) =>
  tablet.getByTestId('inbox').locator(':scope > li').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')!.replace(/^inject-/, '')));

/** Opens a tab of the tablet (Inbox, Actions, Messages, Our log). */
const toTab = (tablet: Page, name: 'Inbox' | 'Actions' | 'Messages' | 'Our log') => tablet.getByRole('tab', { name: new RegExp(`^${name}`) }).click();

/** Opens an inject card (tapping its subject) unless it is open already. */
async function openCard(card: Locator): Promise<void> {
  const toggle = card.locator('.inject-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function acknowledge(tablet: Page, injectId: string): Promise<Locator> {
  await toTab(tablet, 'Inbox');
  const card = tablet.getByTestId(`inject-${injectId}`);
  await openCard(card);
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  return card;
}

/** "Respond" on an inject, then the chosen action's form, filled in by `fill`, sent. Returns the form. */
async function respond(tablet: Page, injectId: string, action: string, fill: (form: Locator) => Promise<void>): Promise<Locator> {
  await toTab(tablet, 'Inbox');
  const card = tablet.getByTestId(`inject-${injectId}`);
  await openCard(card);
  await card.getByRole('button', { name: /Respond$/ }).click();
  const subject = (await card.locator('.inject-toggle').textContent())!;
  await tablet.getByRole('status').filter({ hasText: `Responding to` }).getByText(subject).waitFor();
  const toggle = tablet.locator('.action-toggle', { hasText: action });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const form = tablet.getByRole('form', { name: action });
  await form.getByText(`In response to`).waitFor();
  await fill(form);
  await form.getByRole('button', { name: `Send: ${action}` }).click();
  return form;
}

/** "Jump ahead" on the console; waits until the jump and the timer it brought forward are in the log and at the top of the feed. */
async function jump(consolePage: Page): Promise<void> {
  const count = async (type: LogEntry['type']) => (await log()).filter((e) => e.type === type).length;
  const before = { jumped: await count('clock.jumped'), fired: await count('timer.fired') };
  await consolePage.getByRole('button', { name: /^Jump ahead/ }).click();
  await eventually(() => count('clock.jumped')).toBe(before.jumped + 1);
  await eventually(() => count('timer.fired')).toBeGreaterThan(before.fired);
  // The feed is newest first (and draws only the rows in view): the jump shows near its top.
  await consolePage.getByTestId('feed').getByText('Clock jumped to the next scheduled event').first().waitFor();
}

/** A recipient's chip on an MSEL row: its status, then the team's name. */
const chip = (status: string, team: keyof typeof TEAM) => `${status} · ${TEAM[team]}`;

/**
 * The chips of one MSEL row on the console, e.g. ["acted upon · Customs post ..."], without "⚠ late by n s":
 * whether a timer fires a second late depends on the machine, not on the exercise.
 */
const chips = async (consolePage: Page, injectId: string) =>
  (await consolePage.getByTestId(`inject-${injectId}`).locator('.chips > *').allTextContents()).filter((chip) => !chip.startsWith('⚠ late by'));

describe('live interfaces in real browsers', () => {
  it('plays scenario B to EndEx: console, three agencies’ tablets (one offline for a while), evaluator and wall display', { timeout: 60_000 }, async () => {
    await h.server.runtime.create({ id: EXERCISE_ID, scenario: SCENARIO, speed: 5 });
    const director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'live-director' });
    const evaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'live-evaluator' });
    const code = async (role: 'participant' | 'observer', teamId?: string) =>
      (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role, teamId })).token;
    await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });

    const [consolePage, customs, police, regulator, evaluatorPage, display] = await Promise.all([
      open('console', VIEWPORT.console, `${h.url}/console/${EXERCISE_ID}`, director),
      open('customs', VIEWPORT.tablet, `${h.url}/tablet#code=${await code('participant', 'customs')}`),
      open('police', VIEWPORT.tablet, `${h.url}/tablet#code=${await code('participant', 'police')}`),
      open('regulator', VIEWPORT.phone, `${h.url}/tablet#code=${await code('participant', 'regulator')}`),
      open('evaluator', VIEWPORT.evaluator, `${h.url}/evaluate/${EXERCISE_ID}`, evaluator),
      open('display', VIEWPORT.display, `${h.url}/display#code=${await code('observer')}`),
    ]);
    const tablets = { customs, police, regulator };

    // Everyone is connected and waiting for StartEx; each tablet knows its team.
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('ready');
    for (const [teamId, tablet] of Object.entries(tablets)) {
      await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
      expect(await tablet.getByRole('heading', { level: 1 }).textContent()).toBe(TEAM[teamId as keyof typeof TEAM]);
      await toTab(tablet, 'Actions');
      await tablet.getByText('Actions open at StartEx.').waitFor({ state: 'visible' });
      await toTab(tablet, 'Inbox');
    }
    await eventually(() => consolePage.getByTestId('team-regulator').locator('td').first().textContent()).toBe('● 1 online');
    await eventually(() => display.getByTestId('status').textContent()).toBe('○ ready');
    await display.getByText('No injects released yet.').waitFor({ state: 'visible' });

    // StartEx: the portal alarm goes to customs alone.
    await consolePage.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('live');
    await customs.getByTestId('inject-portal_alarm').waitFor();
    expect(await inbox(customs)).toEqual(['portal_alarm']);
    for (const other of [police, regulator]) {
      await eventually(() => other.getByTestId('status').textContent()).toBe('live');
      expect(await inbox(other)).toEqual([]);
      await other.getByText('No messages yet.').first().waitFor({ state: 'visible' });
    }

    // Customs acknowledges and holds the truck in response to the alarm; the console's MSEL follows.
    const alarm = await acknowledge(customs, 'portal_alarm');
    await alarm.getByText('✓ Acknowledged').waitFor();
    await eventually(() => chips(consolePage, 'portal_alarm')).toEqual([chip('acknowledged', 'customs')]);
    const hold = await respond(customs, 'portal_alarm', 'Hold the vehicle', async (form) => {
      await form.getByLabel('Re-scanned through the portal').check();
      await form.getByLabel('Supervisor informed').check();
    });
    await hold.getByText('Sent and logged.').waitFor();
    await customs.evaluate(() => window.scrollTo(0, 0));
    await customs.screenshot({ path: artifactPath('live-tablet-customs-alarm.png') });
    await eventually(() => chips(consolePage, 'portal_alarm')).toEqual([chip('acted upon', 'customs')]);
    await consolePage.getByTestId('feed').getByText(`${TEAM.customs}: Hold the vehicle (Re-scanned through the portal: yes · Supervisor informed: yes)`).waitFor();

    // The evaluator observes the hold from the play feed: team and inject come with the tap.
    await evaluatorPage.getByRole('button', { name: `Observe this: ${TEAM.customs}: Hold the vehicle (Re-scanned through the portal: yes · Supervisor informed: yes)` }).click();
    const observationForm = evaluatorPage.getByRole('form', { name: 'New observation' });
    expect(await observationForm.getByLabel('Team', { exact: true }).inputValue()).toBe('customs');
    expect(await observationForm.getByLabel('Inject', { exact: true }).inputValue()).toBe('portal_alarm');
    await observationForm.getByLabel('What you observed').fill('Lane 3 held the truck and re-scanned it within a minute of the alarm; supervisor informed by radio.');
    await observationForm.getByRole('radio', { name: 'Strength', exact: true }).check();
    await observationForm.getByRole('radio', { name: 'P Performed without challenges' }).check();
    await observationForm.getByLabel('Critical task', { exact: true }).selectOption({ label: 'Hold the vehicle, re-scan and inform the supervisor' });
    await observationForm.getByRole('button', { name: 'Record observation' }).click();
    const mine = evaluatorPage.getByTestId('my-observations').locator(':scope > li');
    await eventually(() => mine.locator('.eval-sync').allTextContents()).toEqual(['✓ Logged']);
    // The form's own confirmation follows the server's acknowledgement rather than staying "pending".
    await eventually(() => observationForm.getByTestId('observation-saved').textContent()).toBe('Logged: the server has recorded it; it is listed under My observations.');
    expect(await mine.locator('.eval-observation-text').textContent()).toBe(
      'Lane 3 held the truck and re-scanned it within a minute of the alarm; supervisor informed by radio.',
    );
    expect(await mine.locator('.hint').textContent()).toBe(
      `${TEAM.customs} · #1 Gamma alarm on lane 3 · Verify the alarm and run secondary inspection per procedure · Hold the vehicle, re-scan and inform the supervisor`,
    );

    // T+5: the driver's papers; the truck is held, so the driver does not try to leave at T+8.
    await jump(consolePage);
    await (await acknowledge(customs, 'driver_papers')).getByText('✓ Acknowledged').waitFor();
    await jump(consolePage);
    // T+12: secondary inspection; customs measures at the hotspot.
    await jump(consolePage);
    const dose = await respond(customs, 'secondary_order', 'Record a dose-rate measurement', async (form) => {
      await form.getByLabel(/^Dose rate \(µSv\/h\)/).fill('4.2');
      await form.getByLabel(/^Distance from the surface \(m\)/).fill('1');
      await form.getByLabel(/^Hotspot/).selectOption('Middle of the trailer');
    });
    await dose.getByText('Sent and logged.').waitFor();
    // T+20: the identifier result; customs sends the spectrum, so reachback does not chase it at T+25.
    await jump(consolePage);
    const reachback = await respond(customs, 'identifier_result', 'Send the spectrum to reachback', async (form) => {
      await form.getByLabel('Spectrum file attached').check();
      await form.getByLabel(/^Question to reachback/).fill('Cs-137 at medium confidence: please confirm.');
    });
    await reachback.getByText('Sent and logged.').waitFor();
    await jump(consolePage);
    // T+30: reachback confirms Cs-137.
    await jump(consolePage);
    await customs.getByTestId('inject-reachback_confirms').waitFor({ state: 'attached' });

    // Customs writes to a simulated organisation; the director answers as the SimCell.
    await toTab(customs, 'Messages');
    await customs.getByRole('checkbox', { name: /NSSC expert reachback \(duty physicist\)/ }).check();
    await customs.getByLabel('Message', { exact: true }).fill('Housing plate reads LG-2271-C with a trefoil and "Cs-137". Photos follow.');
    await customs.getByRole('button', { name: 'Send message' }).click();
    const simcell = consolePage.locator('.simcell-item');
    await eventually(() => simcell.count()).toBe(1);
    expect(await simcell.locator('.message-text').textContent()).toBe('Housing plate reads LG-2271-C with a trefoil and "Cs-137". Photos follow.');
    await simcell.getByLabel(`Reply to ${TEAM.customs}`).fill('Thank you, lane 3. We are checking the serial against the national register.');
    await simcell.getByRole('button', { name: 'Send reply' }).click();
    await eventually(() => simcell.locator('.chip').textContent()).toBe('✓ answered');
    const conversation = customs.getByTestId('conversation').locator(':scope > li');
    await eventually(() => conversation.count()).toBe(2);
    expect(await conversation.nth(1).locator('.bubble-head strong').textContent()).toBe('NSSC expert reachback (duty physicist)');
    expect(await conversation.nth(1).locator('.bubble-quote').textContent()).toBe(
      '↩ In reply to “Housing plate reads LG-2271-C with a trefoil and "Cs-137". Photos follow.”',
    );
    expect(await conversation.nth(1).locator('p:not(.bubble-head):not(.bubble-quote)').textContent()).toBe(
      'Thank you, lane 3. We are checking the serial against the national register.',
    );

    // T+45: nobody has notified the regulator, so Customs HQ chases. T+50: the register match goes to all three.
    await jump(consolePage);
    await toTab(customs, 'Inbox');
    await customs.getByTestId('inject-regulator_chases').waitFor();
    await jump(consolePage);
    for (const tablet of Object.values(tablets)) await tablet.getByTestId('inject-registry_match').waitFor({ state: 'attached' });
    expect(await inbox(police)).toEqual(['registry_match']);
    expect(await inbox(regulator)).toEqual(['registry_match']);

    // The director releases the prosecutor's request now rather than waiting for T+80.
    const custodyRow = consolePage.getByTestId('inject-custody_request');
    expect(await custodyRow.locator('.chips').textContent()).toContain('◷ not released');
    await custodyRow.getByRole('button', { name: /Chain-of-custody record needed/ }).click();
    await consolePage.getByRole('group', { name: 'Selected inject' }).getByRole('button', { name: /^Release/ }).click();
    await police.getByTestId('inject-custody_request').waitFor({ state: 'attached' });
    await customs.getByTestId('inject-custody_request').waitFor({ state: 'attached' });
    expect(await inbox(regulator)).toEqual(['registry_match']);
    await (await acknowledge(police, 'custody_request')).getByText('✓ Acknowledged').waitFor();
    const custody = await respond(police, 'custody_request', 'Record the chain of custody', async (form) => {
      await form.getByLabel(/^Items and seals/).fill('Truck KTR 418, trailer AX 902, gauge LG-2271-C; seals P-17 to P-20');
      await form.getByLabel('Seals applied').check();
    });
    await custody.getByText('Sent and logged.').waitFor();

    // The regulator's phone loses the network: acknowledgement and action wait on the phone, then go once.
    await regulator.context().setOffline(true);
    await eventually(() => regulator.getByTestId('connection').textContent()).toBe('Offline — reconnecting');
    const match = await acknowledge(regulator, 'registry_match');
    await match.getByText('◷ Acknowledgement waiting to be sent').waitFor();
    const classify = await respond(regulator, 'registry_match', 'Classify the event', async (form) => {
      await form.getByLabel('Material out of regulatory control').check();
    });
    await classify.getByText('◷ Waiting to be sent — saved on this tablet.').waitFor();
    expect(await regulator.getByTestId('queue-status').textContent()).toBe(
      '◷ 1 action, 1 acknowledgement waiting to be sent. They go out by themselves when the network returns.',
    );
    expect(await regulator.locator('.action-toggle', { hasText: 'Classify the event' }).textContent()).toBe('Classify the event ◷ 1 waiting');
    await regulator.screenshot({ path: artifactPath('live-phone-regulator-offline.png') });
    const regulatorActs = async () => ofType(await log(), 'action.taken').filter((e) => e.teamId === 'regulator' && e.actionId === 'classify_event');
    expect(await regulatorActs()).toEqual([]);

    await regulator.context().setOffline(false);
    await eventually(() => regulator.getByTestId('connection').textContent()).toBe('Online');
    await classify.getByText('Sent and logged.').waitFor();
    await toTab(regulator, 'Inbox');
    await match.getByText('✓ Acknowledged').waitFor();
    await eventually(() => regulator.getByTestId('queue-status').count()).toBe(0);
    const landed = await regulatorActs();
    expect(landed.map((e) => ({ teamId: e.teamId, actionId: e.actionId, injectId: e.injectId, fields: e.fields }))).toEqual([
      { teamId: 'regulator', actionId: 'classify_event', injectId: 'registry_match', fields: { classification: 'Material out of regulatory control' } },
    ]);
    expect(await regulator.getByTestId('team-log').locator('.log-label').allTextContents()).toEqual(['Classify the event']);
    await eventually(() => chips(consolePage, 'registry_match')).toEqual([chip('delivered', 'customs'), chip('acted upon', 'regulator'), chip('acted upon', 'police')]);

    // T+60: the shipper's demand; then (custody recorded, so no reminder at T+80) EndEx at T+120.
    await jump(consolePage);
    await customs.getByTestId('inject-shipper_demand').waitFor({ state: 'attached' });
    await jump(consolePage);
    await jump(consolePage);
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('ended');
    for (const tablet of Object.values(tablets)) {
      await eventually(() => tablet.getByTestId('status').textContent()).toBe('ended');
      await toTab(tablet, 'Actions');
      // The tab renders after the click returns: wait for the notice rather than sample it once.
      await tablet.getByText('EndEx: play has ended.').waitFor({ state: 'visible' });
    }
    await eventually(() => evaluatorPage.getByTestId('status').textContent()).toBe('ended');

    // Each tablet received exactly the injects addressed to its team, newest first.
    expect(await inbox(customs)).toEqual([
      'shipper_demand',
      'custody_request',
      'registry_match',
      'regulator_chases',
      'reachback_confirms',
      'identifier_result',
      'secondary_order',
      'driver_papers',
      'portal_alarm',
    ]);
    expect(await inbox(police)).toEqual(['custody_request', 'registry_match']);
    expect(await inbox(regulator)).toEqual(['registry_match']);
    expect(await customs.getByTestId('team-log').locator('.log-label').allTextContents()).toEqual([
      'Send the spectrum to reachback',
      'Record a dose-rate measurement',
      'Hold the vehicle',
    ]);
    expect(await police.getByTestId('team-log').locator('.log-label').allTextContents()).toEqual(['Record the chain of custody']);

    // The console's MSEL shows where each inject stands for each team.
    await eventually(() => chips(consolePage, 'shipper_demand')).toEqual([chip('delivered', 'customs')]);
    expect(await chips(consolePage, 'portal_alarm')).toEqual([chip('acted upon', 'customs')]);
    expect(await chips(consolePage, 'driver_papers')).toEqual([chip('acknowledged', 'customs')]);
    expect(await chips(consolePage, 'secondary_order')).toEqual([chip('acted upon', 'customs')]);
    expect(await chips(consolePage, 'identifier_result')).toEqual([chip('acted upon', 'customs')]);
    expect(await chips(consolePage, 'custody_request')).toEqual(['contingency', chip('delivered', 'customs'), chip('acted upon', 'police')]);
    expect(await chips(consolePage, 'driver_leaving')).toEqual(['◷ not released', 'contingency']);
    expect(await chips(consolePage, 'reachback_prompt')).toEqual(['◷ not released', 'contingency']);

    // The wall display: the stopped clock, EndEx, and the last five injects with each team's progress.
    const entries = await log();
    const ended = entries.find((e) => e.type === 'exercise.ended')!;
    await eventually(() => display.getByTestId('status').textContent()).toBe('■ ended');
    expect(await display.getByTestId('exercise-time').textContent()).toBe(exerciseTime(ended.exerciseTimeMs));
    const recent = display.getByTestId('recent-injects').locator(':scope > li');
    expect(await recent.locator('.wall-inject-subject').allTextContents()).toEqual([
      'Inject #11 Shipper demands the release of the truck',
      'Inject #13 Chain-of-custody record neededcontingency',
      'Inject #10 Register match: gauge reported lost six months ago',
      'Inject #9 Where is the notification?contingency',
      'Inject #7 Reachback: Cs-137 confirmed',
    ]);
    expect(await recent.nth(1).locator('.wall-recipient').allTextContents()).toEqual([
      `✉ ${TEAM.customs}: received`,
      `★ ${TEAM.police}: acted upon`,
    ]);

    // The log holds the whole story, each thing once.
    expect(ofType(entries, 'inject.released').map((e) => e.inject.id)).toEqual([
      'portal_alarm',
      'driver_papers',
      'secondary_order',
      'identifier_result',
      'reachback_confirms',
      'regulator_chases',
      'registry_match',
      'custody_request',
      'shipper_demand',
    ]);
    expect(ofType(entries, 'action.taken').map((e) => `${e.teamId} ${e.actionId} ← ${e.injectId}`)).toEqual([
      'customs hold_vehicle ← portal_alarm',
      'customs measure_dose_rate ← secondary_order',
      'customs request_reachback ← identifier_result',
      'police record_custody ← custody_request',
      'regulator classify_event ← registry_match',
    ]);
    expect(ofType(entries, 'inject.acknowledged').map((e) => `${e.teamId} ${e.injectId}`)).toEqual([
      'customs portal_alarm',
      'customs driver_papers',
      'police custody_request',
      'regulator registry_match',
    ]);
    expect(ofType(entries, 'message.sent').map(({ from, to, text }) => ({ from, to, text }))).toEqual([
      {
        from: { kind: 'team', teamId: 'customs' },
        to: { teams: [], organisations: ['reachback'] },
        text: 'Housing plate reads LG-2271-C with a trefoil and "Cs-137". Photos follow.',
      },
      {
        from: { kind: 'simcell', organisationId: 'reachback' },
        to: { teams: ['customs'], organisations: [] },
        text: 'Thank you, lane 3. We are checking the serial against the national register.',
      },
    ]);
    const [observation, ...moreObservations] = ofType(entries, 'observation.recorded');
    expect(moreObservations).toEqual([]);
    expect(observation).toMatchObject({
      actor: { kind: 'evaluator', id: evaluator.userId },
      teamId: 'customs',
      injectId: 'portal_alarm',
      objectiveId: 'verify_alarm',
      taskId: 'ct_hold_rescan',
      kind: 'strength',
      rating: 'P',
      text: 'Lane 3 held the truck and re-scanned it within a minute of the alarm; supervisor informed by radio.',
    });

    for (const [name, page] of Object.entries({ console: consolePage, 'tablet-customs': customs, 'tablet-police': police, 'phone-regulator': regulator, evaluator: evaluatorPage, display })) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: artifactPath(`live-${name}.png`) });
    }
    expect(pageErrors).toEqual([]);
  });
});

/** As the views print it: "T+01:02:03". */
function exerciseTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T+${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
