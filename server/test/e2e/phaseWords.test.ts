import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expandTimeline, LIBRARY, parseScenarioText } from '@startex/scenarios';
import type { ExerciseReview, ScenarioDocument } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';
import { keysShown, scenarioKeys } from './scenarioKeys.ts';

/**
 * Phases as people follow them where the review and the plan show them, in real Chromium, on the
 * stadium-final fixture (the timeline form only: storylines, decisions, waited-for moments) and on
 * the demo (a hand-written statechart): the review's phase table and the plan's dry run read a
 * storyline's row ("T+15: Confirm your positions"), never a path of regions or a key; the wall
 * display says a row's time once and keeps the clock for a hand-written state; an evaluator reads
 * what each scenario timer did.
 */
const parsed = parseScenarioText(readFileSync(join(import.meta.dirname, '../../../scenarios/test/fixtures/stadiumFinal.yaml'), 'utf8'), 'yaml');
if (!parsed.ok) throw new Error('the stadium scenario does not parse');
const STADIUM_SCENARIO: ScenarioDocument = parsed.document;
const STADIUM = 'phase-stadium';
const DEMO = 'phase-demo';
/** A storyline's row as its title reads: its time, then its first inject. */
const ROW = /^(StartEx|T\+[\d.]+): [^›]+$/;
/** How phases read before: every region's path ("Play › Main timeline › T+…", "Before #4", "Open: …"). */
const REGIONS = /›|Play|Main timeline|Before #|Open:|Not yet/;

let h: Harness;
let browser: Browser;
let director: StaffCredential & { userId: string };
let evaluator: StaffCredential & { userId: string };
const sockets: TestSocket[] = [];
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** A page signed in as `who`, in `language`, at 1280x800. */
async function open(name: string, url: string, who: StaffCredential, language: 'en' | 'lt'): Promise<Page> {
  const page = await openPage(browser, 'about:blank', { name: `${name} (${language})`, options: VIEWPORT.console, cookie: undefined, errors: pageErrors });
  const at = who.cookie.indexOf('=');
  await page.context().addCookies([{ name: who.cookie.slice(0, at), value: who.cookie.slice(at + 1), url: h.url }]);
  await page.context().addInitScript((l) => localStorage.setItem('startex.language', l), language);
  await page.goto(`${h.url}${url}`);
  return page;
}

const review = async (id: string) => (await h.request('GET', `/api/exercises/${id}/review`, director)).json() as ExerciseReview;

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  await h.server.runtime.create({ id: STADIUM, title: 'Cup final alarm', scenario: STADIUM_SCENARIO, speed: 1 });
  await h.server.runtime.create({ id: DEMO, title: 'Demo alarm', scenario: LIBRARY.demo!, speed: 1 });
  director = await h.member('director', { exerciseId: STADIUM, username: 'phase-director' });
  evaluator = await h.member('evaluator', { exerciseId: STADIUM, username: 'phase-evaluator' });
  await h.server.identity.setMembership('test', { exerciseId: DEMO, userId: director.userId, role: 'director', teamId: undefined });
  await h.server.identity.setMembership('test', { exerciseId: DEMO, userId: evaluator.userId, role: 'evaluator', teamId: undefined });
  for (const id of [STADIUM, DEMO]) {
    await (await h.server.runtime.get(id)).command({ type: 'ready' }, { kind: 'system' });
    const socket = client(h.url, { ...director, exerciseId: id }).socket;
    sockets.push(socket);
    await connected(socket);
    expect(await call(socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
  }
  // The stadium final is played past T+25, where one of two guarded rows goes out: the T+15 state's three timers fire together.
  const stadium = sockets[0]!;
  for (let jumps = 0; !(await review(STADIUM)).injects.some((i) => i.injectId === 'threat_assessment' && i.releasedAtMs !== undefined); jumps++) {
    expect(jumps).toBeLessThan(20);
    expect(await call(stadium, 'command', { type: 'jump', to: 'inject' })).toMatchObject({ ok: true });
  }
  expect(await call(sockets[1]!, 'command', { type: 'jump', to: 'inject' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await h?.close();
});

describe('phases in words', () => {
  it('says a storyline row’s time once on the wall display, and keeps the clock beside a hand-written state', { timeout: 90_000 }, async () => {
    for (const language of ['en', 'lt'] as const) {
      const wall = await open('wall display', `/display/${STADIUM}`, director, language);
      const now = wall.getByTestId('phase');
      await eventually(() => now.textContent()).toMatch(/^T\+25: /);
      // The bug: "T+25: … · T+00:25:00", the row's time and the clock's.
      expect(await now.textContent()).toMatch(ROW);
      expect(await now.textContent()).not.toMatch(/T\+\d\d:\d\d:\d\d/);
      const earlier = await wall.locator('.wall-phase-history li').allTextContents();
      expect(earlier.length).toBeGreaterThan(0);
      for (const phase of earlier) expect(phase).toMatch(ROW);
      expect(earlier.join('\n')).not.toMatch(/T\+\d\d:\d\d:\d\d/);
      await wall.screenshot({ path: artifactPath(`phase-words-display-${language}.png`) });
      await wall.context().close();
    }
    const demo = await open('demo wall display', `/display/${DEMO}`, director, 'en');
    await eventually(() => demo.getByTestId('phase').textContent()).toMatch(/ · T\+\d\d:\d\d:\d\d$/);
    await demo.context().close();
  });

  it('tells an evaluator what each scenario timer did, so timers of one state read apart', { timeout: 90_000 }, async () => {
    for (const [language, timer, released] of [['en', 'Scenario timer (T+15: Confirm your positions)', 'released #'], ['lt', 'Scenarijaus laikmatis (T+15: Confirm your positions)', 'išsiųstas įvadas #']] as const) {
      const page = await open('evaluator console', `/console/${STADIUM}`, evaluator, language);
      await page.locator('.filters select').first().selectOption('scenario');
      const feed = page.getByTestId('feed');
      const lines = feed.locator('li', { hasText: timer });
      // The three timers of the T+15 state: one row's condition held, one did not, one moves on.
      await eventually(() => lines.count()).toBe(3);
      const texts = (await lines.allTextContents()).map((line) => line.slice(line.indexOf(timer)));
      // The bug: "Scenario timer: T+15: Confirm your positions", three times alike.
      expect(new Set(texts).size).toBe(3);
      expect(texts.filter((line) => line.includes(`${released}7 `))).toHaveLength(1);
      // A window's timer that did nothing people see is left out, as a step that keeps the phase is.
      expect(await feed.locator('li', { hasText: /\((Open|Not yet|Passed)\)/ }).count()).toBe(0);
      await page.screenshot({ path: artifactPath(`phase-words-evaluator-feed-${language}.png`) });
      await page.context().close();
    }
  });

  it('shows the review’s phases and the plan’s dry run as the phase people follow, with no key in either page', { timeout: 150_000 }, async () => {
    for (const socket of sockets) expect(await call(socket, 'command', { type: 'end' })).toMatchObject({ ok: true });
    const keys: Record<string, string[]> = { [STADIUM]: scenarioKeys(expandTimeline(STADIUM_SCENARIO)), [DEMO]: scenarioKeys(LIBRARY.demo!) };
    expect(keys[STADIUM]).toEqual(expect.arrayContaining(['stadium_security', 'tl--play', 'tl--play.tl--track--main']));
    const found: Record<string, string[]> = {};
    for (const id of [STADIUM, DEMO]) {
      for (const language of ['en', 'lt'] as const) {
        const metrics = await open('review metrics', `/review/${id}/metrics`, director, language);
        const phases = metrics.getByTestId('phase-table').locator('tbody th');
        await eventually(() => phases.count()).toBeGreaterThan(1);
        const titles = await phases.allTextContents();
        if (id === STADIUM) {
          // The bug: "Play › Main timeline › T+15: …" beside every decision's and moment's region.
          for (const title of titles.filter((t) => t !== 'EndEx')) expect(title).toMatch(ROW);
          expect(titles).toContain('T+15: Confirm your positions');
        }
        for (const title of titles) expect(title).not.toMatch(REGIONS);
        await metrics.getByTestId('phase-table').scrollIntoViewIfNeeded();
        await metrics.screenshot({ path: artifactPath(`phase-words-review-${id}-${language}.png`) });
        const reviewKeys = await keysShown(metrics, keys[id]!);
        if (reviewKeys.length) found[`review ${id} ${language}`] = reviewKeys;
        await metrics.context().close();

        const plan = await open('dry run', `/plan/${id}#dryrun`, director, language);
        await plan.locator('.plan-actions button').first().click();
        const timeline = plan.getByTestId('dry-run-timeline');
        await timeline.waitFor();
        const phasesRun = await timeline.locator('tr.kind-states td:last-child').allTextContents();
        expect(phasesRun.length).toBeGreaterThan(1);
        for (const phase of phasesRun) expect(phase).not.toMatch(REGIONS);
        if (id === STADIUM && language === 'en') expect(phasesRun).toContain('Now in T+15: Confirm your positions');
        const planKeys = await keysShown(plan, keys[id]!);
        if (planKeys.length) found[`dry run ${id} ${language}`] = planKeys;
        await plan.screenshot({ path: artifactPath(`phase-words-dry-run-${id}-${language}.png`), fullPage: true });
        await plan.context().close();
      }
    }
    expect(found).toEqual({});
    expect(pageErrors).toEqual([]);
  });

  it('shows no key of either scenario on any other tab of the review or section of the plan', { timeout: 150_000 }, async () => {
    const keys: Record<string, string[]> = { [STADIUM]: scenarioKeys(expandTimeline(STADIUM_SCENARIO)), [DEMO]: scenarioKeys(LIBRARY.demo!) };
    const found: Record<string, string[]> = {};
    for (const id of [STADIUM, DEMO]) {
      const views: [string, (page: Page) => Promise<unknown>][] = [
        ...['replay', 'evaluation', 'feedback'].map((tab): [string, (page: Page) => Promise<unknown>] => [`/review/${id}/${tab}`, (p) => p.locator(`#review-panel-${tab} h2`).first().waitFor()]),
        ...['settings', 'agencies', 'people', 'codes', 'briefings', 'comms'].map((section): [string, (page: Page) => Promise<unknown>] => [`/plan/${id}#${section}`, (p) => p.getByTestId(`section-${section}`).waitFor()]),
      ];
      for (const [url, ready] of views) {
        const page = await open('scan', url, director, 'en');
        await ready(page);
        await page.waitForLoadState('networkidle');
        const shown = await keysShown(page, keys[id]!);
        if (shown.length) found[url] = shown;
        await page.context().close();
      }
    }
    expect(found).toEqual({});
    expect(pageErrors).toEqual([]);
  });
});
