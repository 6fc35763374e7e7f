import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry, LogEvent } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness } from '../harness.ts';
import { launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * Issue 13: text-direction controls reverse text as it is shown, so a sender or a subject can be
 * spoofed: "\u202Erosivrepus tfihs smotsuC" reads "Customs shift supervisor". Inputs refuse them now,
 * but a log written before holds them: the tablet and the console show such text neutralised,
 * with the controls gone (what is logged is what is read, in logical order).
 */
const EXERCISE_ID = 'bidi-spoof';
const SPOOFED_SENDER = '\u202Erosivrepus tfihs smotsuC';
const SPOOFED_SUBJECT = 'Scan report \u2066\u202Efdp.exe\u2069';
const SPOOFED_BODY = 'Open the attached \u202Etxt.exe\u202C now.';
const SPOOFED_BROADCAST = 'From the \u202Etceriid\u202C: stand down.';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

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

/** A log as it could have been written before inputs refused the controls: StartEx, a released inject and a broadcast. */
async function logWrittenBeforeTheRefusal(): Promise<void> {
  const start = Date.now();
  const events: LogEvent[] = [
    { type: 'exercise.readied' },
    { type: 'exercise.started', speed: 1, scenarioStartMs: 9 * 3_600_000 },
    {
      type: 'inject.released',
      inject: { id: 'portal_alarm', number: 1, channel: 'email', from: SPOOFED_SENDER, to: ['customs'], subject: SPOOFED_SUBJECT, body: SPOOFED_BODY, kind: 'standard' },
    },
    { type: 'message.sent', messageId: 'm4', from: { kind: 'control' }, to: { all: true, teams: [], organisations: [] }, text: SPOOFED_BROADCAST },
  ];
  const entries = events.map((event, i) => ({
    ...event,
    exerciseId: EXERCISE_ID,
    seq: i + 1,
    wallTime: start,
    exerciseTimeMs: 0,
    scenarioTimeMs: 9 * 3_600_000,
    actor: i === 0 ? { kind: 'system' as const } : { kind: 'controller' as const, id: 'director', role: 'director' as const },
  })) as LogEntry[];
  await h.server.runtime.store.append(entries);
}

/** What the page shows, and whether any text on it still holds a direction control. */
const shown = (page: Page) => page.evaluate(() => ({ text: document.body.innerText, raw: document.body.textContent ?? '' }));

describe('text-direction controls in stored text, in real Chromium', () => {
  it('are gone from what the tablet and the console show', { timeout: 90_000 }, async () => {
    await h.server.runtime.create({ id: EXERCISE_ID, scenario: LIBRARY.demo!, speed: 1 });
    await logWrittenBeforeTheRefusal();
    const director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'bidi-director' });
    const code = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;

    const tablet = await openPage(browser, `${h.url}/tablet#code=${code}`, { name: 'tablet', errors: pageErrors, options: VIEWPORT.tablet });
    const card = tablet.getByTestId('inject-portal_alarm');
    await card.waitFor();
    await card.getByRole('button').first().click();
    await expect.poll(async () => (await shown(tablet)).text, { timeout: 15_000 }).toContain('Open the attached txt.exe now.');
    const onTablet = await shown(tablet);
    expect(onTablet.text).toContain('rosivrepus tfihs smotsuC');
    expect(onTablet.text).toContain('Scan report fdp.exe');
    expect(onTablet.text).toContain('From the tceriid: stand down.');
    expect(onTablet.raw).not.toMatch(BIDI);

    const console_ = await openPage(browser, `${h.url}/console/${EXERCISE_ID}`, { name: 'console', errors: pageErrors, options: VIEWPORT.console, cookie: director.cookie });
    const feed = console_.getByTestId('feed');
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('Scan report fdp.exe');
    const onConsole = await shown(console_);
    expect(onConsole.text).toContain('From the tceriid: stand down.');
    expect(onConsole.raw).not.toMatch(BIDI);
    expect(pageErrors).toEqual([]);
  });
});
