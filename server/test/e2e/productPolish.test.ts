import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * The last of the product shell, in real Chromium on scenario B: a long exercise's evaluator feed
 * keeps every entry while drawing only those in view, every confirmation is the app's own dialog, the
 * pages inside the shell leave breadcrumbs, language and theme to it, and one evaluator's rating is
 * never called agreed while the director can rate what no evaluator has.
 */
const EXERCISE_ID = 'product-polish';
const SCENARIO = LIBRARY['detection-portal-alarm']!;
const MESSAGES = 300;
const radioCheck = (n: number) => `Radio check ${String(n).padStart(3, '0')} from lane 3`;

let h: Harness;
let browser: Browser;
let director: StaffCredential;
let evaluator: StaffCredential;
let customsCode: string;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });
const open = (name: string, url: string, options: BrowserContextOptions, who?: StaffCredential): Promise<Page> =>
  openPage(browser, `${h.url}${url}`, { name, options, cookie: who?.cookie, errors: pageErrors });

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  await h.server.runtime.create({ id: EXERCISE_ID, title: 'Lane 3 alarm drill', scenario: SCENARIO, speed: 1 });
  director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'polish-director' });
  evaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'polish-evaluator' });
  customsCode = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;
  await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
  const control = client(h.url, director).socket;
  const customs = client(h.url, customsCode).socket;
  await Promise.all([connected(control), connected(customs)]);
  expect(await call(control, 'command', { type: 'start' })).toMatchObject({ ok: true });
  // A long exercise: many more entries than the evaluator's feed ever drew before.
  for (let n = 1; n <= MESSAGES; n++) {
    expect(await call(customs, 'message.send', { to: { teams: ['police'], organisations: [] }, text: radioCheck(n), idempotencyKey: `polish-radio-${n}` })).toMatchObject({ ok: true });
  }
  for (const socket of [control, customs]) socket.disconnect();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the product shell, finished', () => {
  it('keeps a long exercise whole in the evaluator feed, drawing only the rows in view', { timeout: 90_000 }, async () => {
    const page = await open('evaluator', `/evaluate/${EXERCISE_ID}`, VIEWPORT.evaluator, evaluator);
    const feed = page.getByTestId('evaluator-feed');
    await feed.getByText(radioCheck(MESSAGES)).waitFor();
    const drawn = await feed.locator('li').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(60);

    // Scrolled to its end, the feed reaches the first radio check and StartEx itself, 300 entries back.
    const scroller = page.locator('.eval-feed-scroll');
    await eventually(async () => {
      await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      return feed.getByText(radioCheck(1)).count();
    }).toBe(1);
    expect(await feed.getByText(radioCheck(MESSAGES)).count()).toBe(0);
    expect(await feed.locator('li').count()).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.evaluator.viewport.width);
    await page.screenshot({ path: artifactPath('polish-evaluator-feed-end.png') });
    await page.context().close();
  });

  it('asks in the app’s own dialog before a tablet leaves the exercise, and leaves only when told', { timeout: 60_000 }, async () => {
    const tablet = await open('tablet', `/tablet#code=${customsCode}`, VIEWPORT.phone);
    let nativeDialogs = 0;
    tablet.on('dialog', (dialog) => {
      nativeDialogs++;
      void dialog.dismiss();
    });
    await tablet.getByTestId('connection').filter({ hasText: 'Online' }).waitFor();
    const leave = async () => {
      await tablet.getByRole('button', { name: 'Settings' }).click();
      await tablet.getByRole('button', { name: 'Leave this exercise on this tablet' }).click();
      return tablet.getByRole('dialog', { name: 'Please confirm' });
    };
    const asked = await leave();
    await asked.getByText('Leave the exercise on this tablet? Anything still waiting to be sent stays on the tablet.').waitFor();
    expect(await asked.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await tablet.keyboard.press('Escape');
    await asked.waitFor({ state: 'detached' });
    expect(await tablet.getByTestId('connection').textContent()).toContain('Online');

    await (await leave()).getByRole('button', { name: 'Leave', exact: true }).click();
    await tablet.getByLabel('Join code').waitFor();
    expect(nativeDialogs).toBe(0);
    await tablet.context().close();
  });

  it('leaves breadcrumbs, language and theme to the shell on the pages inside it', { timeout: 90_000 }, async () => {
    // EndEx first, so that the report page has a draft to show.
    const control = client(h.url, director).socket;
    await connected(control);
    expect(await call(control, 'command', { type: 'end' })).toMatchObject({ ok: true });
    control.disconnect();
    const admin = h.admin;
    for (const [path, who, ready] of [
      [`/plan/${EXERCISE_ID}`, director, (p: Page) => p.getByTestId('plan-status').waitFor()],
      ['/plan/new', admin, (p: Page) => p.getByRole('heading', { level: 1, name: 'New exercise' }).waitFor()],
      ['/actions', director, (p: Page) => p.getByRole('heading', { level: 1 }).waitFor()],
      [`/report/${EXERCISE_ID}`, director, (p: Page) => p.getByRole('heading', { level: 1, name: 'Lane 3 alarm drill' }).waitFor()],
      ['/programme', admin, (p: Page) => p.getByRole('heading', { level: 1, name: 'Preparedness programme' }).waitFor()],
    ] as const) {
      const page = await open(`shell ${path}`, path, VIEWPORT.console, who);
      await ready(page);
      const main = page.locator('.app-body');
      expect({ path, preferences: await main.locator('.preferences').count(), crumbs: await page.getByRole('navigation', { name: 'You are here' }).count(), homeLinks: await main.getByRole('link', { name: /^(Exercises|All exercises)$/ }).count() }).toEqual({ path, preferences: 0, crumbs: 1, homeLinks: 0 });
      await page.context().close();
    }
  });

  it('fits the wall display, the exercise navigation and the breadcrumb to a phone and a tablet', { timeout: 90_000 }, async () => {
    // The wall display's clock, status and counts stay inside their boxes, in one column below 1000 px.
    for (const [name, options] of [['phone', VIEWPORT.phone], ['tablet', VIEWPORT.tablet]] as const) {
      const wall = await open(`display ${name}`, `/display/${EXERCISE_ID}`, options, director);
      await wall.getByTestId('recent-injects').waitFor();
      const cut = await wall.locator('.wall-time, .wall-status, .wall-count dt, .wall-bar h1').evaluateAll((elements) =>
        elements.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth).map((e) => e.textContent),
      );
      expect({ name, cut }).toEqual({ name, cut: [] });
      expect(await wall.locator('.wall-grid').evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length)).toBe(1);
      await wall.screenshot({ path: artifactPath(`polish-display-${name}.png`) });
      await wall.context().close();
    }

    // On a phone the exercise's pages scroll sideways; the one open is in sight.
    const phone = await open('review phone', `/review/${EXERCISE_ID}`, VIEWPORT.phone, director);
    const current = phone.getByTestId('exercise-nav').getByRole('link', { name: 'Review', exact: true });
    await eventually(() => current.getAttribute('aria-current')).toBe('page');
    await eventually(() => current.evaluate((link) => {
      const box = link.getBoundingClientRect();
      return box.left >= 0 && box.right <= window.innerWidth;
    })).toBe(true);
    await phone.context().close();

    // A page of its own keeps its place in the breadcrumb at 1280 px (only an exercise's page leaves it to the exercise's navigation).
    const actions = await open('actions 1280', '/actions', VIEWPORT.console, director);
    await actions.getByRole('heading', { level: 1, name: 'Corrective actions' }).waitFor();
    await actions.getByRole('navigation', { name: 'You are here' }).getByText('Corrective actions', { exact: true }).waitFor({ state: 'visible' });
    await actions.context().close();
  });

  it('never calls one evaluator’s rating agreed, explains how a final rating comes about, and lets the director rate what no evaluator has', { timeout: 90_000 }, async () => {
    const rated = await h.request('POST', `/api/exercises/${EXERCISE_ID}/review/ratings`, evaluator, {
      subject: { kind: 'capability', id: 'verify_alarm' },
      rating: 'S',
      reason: 'Verified per procedure, slower than it could be.',
      idempotencyKey: 'polish-single-rating',
    });
    expect(rated.statusCode).toBe(201);

    const page = await open('director review', `/review/${EXERCISE_ID}/evaluation`, VIEWPORT.console, director);
    const how = page.getByRole('region', { name: 'How a final rating comes about' });
    await how.waitFor();
    expect(await how.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/evaluator/i),
      'When two or more evaluators give the same rating, that is the final rating.',
      'When only one evaluator has rated, their rating stands as theirs until the director confirms it or records another.',
      'When the ratings differ, or no evaluator has rated, the exercise director records the final rating with a reason. The evaluators’ ratings stay beside it, and everything is in the log.',
    ]);
    const single = page.getByTestId('final-capability-verify_alarm');
    await eventually(() => single.textContent()).toBe('S — Performed with some challenges (one evaluator’s rating: the director confirms it or records another)');
    expect(await page.locator('main').textContent()).not.toMatch(/evaluators agree/);

    // No evaluator rated protecting the officers: the director records the final rating, with a reason.
    const unrated = page.getByTestId('final-capability-protect_officers');
    await eventually(() => unrated.textContent()).toMatch(/not rated yet/);
    const fold = page.getByTestId('reconcile-fold-capability-protect_officers');
    await fold.locator('summary', { hasText: 'Record the final rating as director' }).click();
    await page.getByTestId('reconcile-picker-capability-protect_officers').getByRole('radio', { name: /^M / }).check();
    await page.getByTestId('reconcile-reason-capability-protect_officers').fill('Officers stood at the truck without a cordon; nobody rated it in play.');
    await page.getByTestId('reconcile-submit-capability-protect_officers').click();
    await eventually(() => unrated.textContent()).toBe('M — Performed with major challenges (reconciled by the director)');
    await page.screenshot({ path: artifactPath('polish-director-rates.png'), fullPage: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
