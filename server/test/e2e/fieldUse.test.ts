import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { ExerciseView, LogEntry, PeopleAdded, SessionView } from '@startex/shared';
import { call, client, connected, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium, VIEWPORT } from './browser.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

/**
 * Field use with real network loss: the server process is stopped (and the browser set offline)
 * while a tablet and an evaluator work, each page is reloaded with nothing to answer it, and the
 * server is started again on the same data directory and port. What the device queued lands once.
 */
// Real time: after "Jump ahead" brings the alarm, the next timer (the supervisor's chaser) is ten minutes away.
const SPEED = '1';

let server: ServerProcess;
/** Where the server listens, before and after the restart. */
let base: string;
let browser: Browser;
let director: StaffCredential;
const pageErrors: string[] = [];

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

async function signIn(username: string, password: string): Promise<StaffCredential> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  const session = (await response.json()) as SessionView;
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken: session.csrfToken, exerciseId: 'demo' };
}

async function asDirector<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { cookie: director.cookie, 'x-csrf-token': director.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as T;
}

const log = async () => (await asDirector<{ entries: LogEntry[] }>('GET', '/api/exercises/demo/log')).entries;
const ofType = <T extends LogEntry['type']>(entries: LogEntry[], type: T) => entries.filter((e): e is Extract<LogEntry, { type: T }> => e.type === type);

/** The exercise as the director's socket sees it now. */
async function exerciseView(): Promise<ExerciseView> {
  const control = client(base, director);
  await connected(control.socket);
  const synced = await call(control.socket, 'sync', { afterSeq: 0 });
  control.socket.disconnect();
  if (!synced.ok) throw new Error(synced.error.message);
  return synced.exercise;
}

/** Stops the server process: every request of the page now meets a closed port. */
async function loseNetwork(page: Page): Promise<void> {
  await server.stop();
  await page.context().setOffline(true);
}

/** The same server again: same data directory, same port, so the pages find it where they left it. */
async function restoreNetwork(page: Page): Promise<void> {
  server = await startServerProcess({ dataDir: server.dataDir, env: { STARTEX_DEMO_SPEED: SPEED, PORT: new URL(base).port } });
  await page.context().setOffline(false);
}

async function openPage(url: string, name: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  await page.goto(url);
  return page;
}

/** Waits until the service worker has cached the app shell and controls the page. */
async function appShellCached(page: Page): Promise<void> {
  // The worker takes control (clientsClaim) only once it is active, i.e. after precaching succeeded.
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 60_000 });
}

beforeAll(async () => {
  server = await startServerProcess({ env: { STARTEX_DEMO_SPEED: SPEED } });
  base = server.url;
  browser = await launchChromium();
  director = await signIn(server.director.username, server.director.password!);
  const control = client(base, director);
  await connected(control.socket);
  expect(await call(control.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
  expect(await call(control.socket, 'command', { type: 'jump' })).toMatchObject({ ok: true });
  control.socket.disconnect();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('field use through a real network loss', () => {
  it('evaluator: records offline, reloads offline with the form and the pending observation, and it is logged once, stamped when recorded', { timeout: 240_000 }, async () => {
    const added = await asDirector<PeopleAdded>('POST', '/api/exercises/demo/people', { name: 'Field Evaluator', email: 'field.evaluator@example.org', role: 'evaluator' });
    const account = added.accounts[0]!;
    const page = await openPage(`${base}/evaluate/demo`, 'evaluator', VIEWPORT.evaluator);
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A roster account's password was generated: the evaluator chooses their own first.
    await page.getByLabel('New password', { exact: true }).fill('field evaluator chose this');
    await page.getByLabel('New password again').fill('field evaluator chose this');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await eventually(() => page.getByTestId('status').textContent()).toBe('live');
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
    await appShellCached(page);
    const { clock } = await exerciseView();
    expect(clock.running).toBe(true);
    const exerciseTimeAt = (wallMs: number) => clock.exerciseTimeMs + (wallMs - clock.atWallTime) * clock.speed;

    await loseNetwork(page);
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Offline — reconnecting');
    const form = page.getByRole('form', { name: 'New observation' });
    // The form reads the clock at most every 500 ms: the time it takes may be that much behind the wall clock.
    const writingFrom = Date.now() - 500;
    await form.getByLabel('What you observed').fill('Customs kept radio contact with the supervisor while the network was down.');
    await form.getByLabel('Team', { exact: true }).selectOption('customs');
    await form.getByRole('radio', { name: 'Strength', exact: true }).check();
    await form.getByRole('button', { name: 'Record observation' }).click();
    const recordedBy = Date.now();
    const mine = page.getByTestId('my-observations').locator(':scope > li');
    await eventually(() => mine.locator('.eval-sync').allTextContents()).toEqual(['○ Pending — saved on this device, not yet logged']);

    // Reloaded with the server gone: the service worker serves the app, the device its last view.
    await page.reload();
    await form.waitFor();
    expect(await page.getByTestId('from-cache').textContent()).toBe(' · showing what this device saved last');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Demo exercise: portal monitor alarm');
    expect(await form.getByRole('button', { name: 'Record observation' }).isEnabled()).toBe(true);
    expect(await mine.locator('.eval-sync').allTextContents()).toEqual(['○ Pending — saved on this device, not yet logged']);
    expect(await mine.locator('.eval-observation-text').allTextContents()).toEqual(['Customs kept radio contact with the supervisor while the network was down.']);
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Offline — reconnecting');
    await page.screenshot({ path: artifactPath('field-evaluator-offline-reload.png'), fullPage: true });

    await restoreNetwork(page);
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
    await eventually(() => mine.locator('.eval-sync').allTextContents()).toEqual(['✓ Logged']);
    expect(await page.getByTestId('from-cache').count()).toBe(0);
    const observations = ofType(await log(), 'observation.recorded');
    expect(observations.map(({ text, teamId, kind }) => ({ text, teamId, kind }))).toEqual([
      { text: 'Customs kept radio contact with the supervisor while the network was down.', teamId: 'customs', kind: 'strength' },
    ]);
    const [observation] = observations;
    // Stamped with the exercise time when the evaluator wrote it (whole seconds), not when it reached the server.
    expect(observation!.observedAtMs).toBeGreaterThanOrEqual(Math.floor(exerciseTimeAt(writingFrom) / 1000) * 1000);
    expect(observation!.observedAtMs).toBeLessThanOrEqual(exerciseTimeAt(recordedBy));
    expect(observation!.observedAtMs).toBeLessThan(observation!.exerciseTimeMs);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('tablet: acknowledges and acts offline, reloads offline with inbox and pending marks, and each lands once when the server is back', { timeout: 240_000 }, async () => {
    const page = await openPage(server.tabletUrl, 'tablet', VIEWPORT.tablet);
    const alarm = page.getByTestId('inject-portal_alarm');
    await alarm.waitFor();
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
    await appShellCached(page);

    await loseNetwork(page);
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Offline — reconnecting');
    await alarm.getByRole('button', { name: 'Gamma alarm on lane 3' }).click();
    await alarm.getByRole('button', { name: 'Acknowledge' }).click();
    await alarm.getByText('◷ Acknowledgement waiting to be sent').waitFor();
    await page.getByRole('tab', { name: /^Actions/ }).click();
    const report = page.getByRole('form', { name: 'Report the alarm to the supervisor' });
    await report.getByLabel('Dose rate at 1 m (µSv/h)').fill('3.5');
    await report.getByLabel('Vehicle held').check();
    await report.getByRole('button', { name: 'Send: Report the alarm to the supervisor' }).click();
    await report.getByText('◷ Waiting to be sent — saved on this tablet.').waitFor();

    await page.reload();
    await alarm.waitFor({ state: 'attached' });
    const queued = '◷ 1 action, 1 acknowledgement waiting to be sent. They go out by themselves when the network returns.';
    expect(await page.getByTestId('queue-status').textContent()).toBe(queued);
    expect(await report.locator('.submission').allTextContents()).toEqual(['◷ Waiting to be sent — saved on this tablet.']);
    await page.getByText('showing what this tablet saved last').waitFor({ state: 'visible' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Customs post Medininkai');
    // The reload kept the open tab (its address); the inbox is one tap away.
    expect(page.url()).toMatch(/\/tablet\/actions/);
    await page.getByRole('tab', { name: /^Inbox/ }).click();
    await alarm.getByRole('button', { name: 'Gamma alarm on lane 3' }).click();
    await alarm.getByText('◷ Acknowledgement waiting to be sent').waitFor({ state: 'visible' });
    expect(await page.getByTestId('connection').textContent()).not.toBe('Online');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('field-tablet-offline-reload.png'), fullPage: true });

    await restoreNetwork(page);
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Online');
    await eventually(() => page.getByTestId('queue-status').count()).toBe(0);
    await alarm.getByText('✓ Acknowledged').waitFor();
    await eventually(() => page.getByTestId('team-log').locator('.log-label').allTextContents()).toEqual(['Report the alarm to the supervisor']);
    expect(await report.locator('.submission').count()).toBe(0);
    const entries = await log();
    expect(ofType(entries, 'action.taken').map(({ teamId, actionId, fields }) => ({ teamId, actionId, fields }))).toEqual([
      { teamId: 'customs', actionId: 'report_alarm', fields: { dose_rate_usvh: 3.5, vehicle_held: true } },
    ]);
    expect(ofType(entries, 'inject.acknowledged').map(({ teamId, injectId }) => `${teamId} ${injectId}`)).toEqual(['customs portal_alarm']);
    await page.screenshot({ path: artifactPath('field-tablet-back-online.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
