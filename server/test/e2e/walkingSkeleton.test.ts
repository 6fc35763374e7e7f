import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LogEntry } from '@startex/shared';
import { artifactPath, launchChromium } from './browser.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  // Speed 60: the alarm comes 2 s after StartEx, EndEx 3 s after the report.
  server = await startServerProcess({ env: { STARTEX_DEMO_SPEED: '60' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('walking skeleton in a real browser', () => {
  it('plays the demo: start, timed inject, acknowledge, action, second inject, EndEx', async () => {
    const controllerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tabletContext = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true });
    const consolePage = await controllerContext.newPage();
    const tabletPage = await tabletContext.newPage();

    await consolePage.goto(server.consoleUrl);
    await consolePage.getByLabel('Username').fill(server.director.username);
    await consolePage.getByLabel('Password').fill(server.director.password!);
    await consolePage.getByRole('button', { name: 'Sign in' }).click();
    await tabletPage.goto(server.tabletUrl);
    await expect.poll(() => consolePage.getByTestId('status').textContent()).toBe('ready');
    await expect.poll(() => tabletPage.getByTestId('connection').textContent()).toBe('Online');
    await expect.poll(() => tabletPage.getByRole('heading', { level: 1 }).textContent()).toBe('Customs post Medininkai');
    // Marks this page load: if the tablet reloaded, the marker would be gone.
    await tabletPage.evaluate(() => Object.assign(window, { __loadMarker: 'first-load' }));

    await consolePage.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    await expect.poll(() => consolePage.getByTestId('status').textContent()).toBe('live');

    const alarm = tabletPage.getByTestId('inject-portal_alarm');
    await alarm.waitFor({ timeout: 15_000 });
    expect(await alarm.getByRole('heading').textContent()).toBe('Gamma alarm on lane 3');
    expect(await tabletPage.evaluate(() => (window as unknown as { __loadMarker?: string }).__loadMarker)).toBe('first-load');
    await tabletPage.screenshot({ path: artifactPath('skeleton-tablet-alarm.png') });

    // Injects arrive closed in the inbox: the player opens one to read it, then acknowledges.
    await alarm.getByRole('button', { name: 'Gamma alarm on lane 3' }).click();
    // The portal's printout travels with the inject and is shown inline.
    const printout = alarm.getByTestId('attachment');
    expect(await printout.locator('figcaption').textContent()).toBe('RPM event printout.txt');
    expect(await printout.locator('pre').textContent()).toContain('Vehicle: LT-KPM-219, declared cargo: scrap metal');
    await alarm.getByRole('button', { name: 'Acknowledge' }).click();
    await alarm.getByText('✓ Acknowledged').waitFor();

    await tabletPage.getByRole('tab', { name: /^Actions/ }).click();
    const form = tabletPage.getByRole('form', { name: 'Report the alarm to the supervisor' });
    await form.getByLabel('Dose rate at 1 m (µSv/h)').fill('3.5');
    await form.getByLabel('Vehicle held').check();
    await form.getByRole('button', { name: 'Send: Report the alarm to the supervisor' }).click();
    await form.getByText('Sent and logged.').waitFor();

    await tabletPage.getByTestId('inject-supervisor_reply').waitFor({ state: 'attached' });
    await tabletPage.getByRole('tab', { name: /^Our log/ }).click();
    const logged = tabletPage.getByTestId('team-log').getByRole('listitem');
    expect(await logged.count()).toBe(1);
    expect(await logged.locator('.log-label').textContent()).toBe('Report the alarm to the supervisor');
    expect(await logged.locator('.log-fields').textContent()).toBe('Dose rate at 1 m (µSv/h): 3.5 · Vehicle held: yes');

    const feed = consolePage.getByTestId('feed');
    await feed.getByText('Inject #1 Gamma alarm on lane 3 acknowledged by Customs post Medininkai').waitFor();
    await feed.getByText('Customs post Medininkai: Report the alarm to the supervisor (Dose rate at 1 m (µSv/h): 3.5 · Vehicle held: yes)').waitFor();
    await feed.getByText('Inject #2 released to Customs post Medininkai: Start secondary inspection').waitFor();
    await expect.poll(() => consolePage.getByTestId('inject-portal_alarm').textContent()).toContain('acted upon · Customs post Medininkai');
    await consolePage.screenshot({ path: artifactPath('skeleton-console.png') });

    await expect.poll(() => consolePage.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('ended');
    await expect.poll(() => tabletPage.getByTestId('status').textContent()).toBe('ended');
    await feed.getByText('EndEx', { exact: true }).waitFor();

    const cookies = await controllerContext.cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${server.url}/api/exercises/demo/log`, { headers: { cookie } });
    const { entries } = (await response.json()) as { entries: LogEntry[] };
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.map((e) => e.type)).toEqual([
      'exercise.readied',
      'exercise.started',
      'state.entered',
      'timer.fired',
      'state.entered',
      'inject.released',
      'inject.delivered',
      'inject.acknowledged',
      'action.taken',
      'state.entered',
      'inject.released',
      'inject.delivered',
      'timer.fired',
      'state.entered',
      'exercise.ended',
    ]);
    const action = entries.find((e) => e.type === 'action.taken');
    expect(action).toMatchObject({ actor: { kind: 'participant', teamId: 'customs' }, fields: { dose_rate_usvh: 3.5, vehicle_held: true } });
    // Wall and exercise time never run backwards along the log; the clock starts at StartEx and
    // every scenario timer fires at or after the exercise time it was due.
    entries.slice(1).forEach((entry, i) => {
      expect(entry.wallTime).toBeGreaterThanOrEqual(entries[i]!.wallTime);
      expect(entry.exerciseTimeMs).toBeGreaterThanOrEqual(entries[i]!.exerciseTimeMs);
    });
    expect(entries.find((e) => e.type === 'exercise.started')!.exerciseTimeMs).toBe(0);
    for (const fired of entries.filter((e): e is Extract<LogEntry, { type: 'timer.fired' }> => e.type === 'timer.fired')) {
      expect(fired.exerciseTimeMs).toBeGreaterThanOrEqual(fired.dueExerciseMs);
    }
    expect(action!.exerciseTimeMs).toBeGreaterThan(entries.find((e) => e.type === 'inject.released')!.exerciseTimeMs);
    // Release to screen, for the note (not asserted: timings belong to the benchmarks).
    const released = entries.find((e) => e.type === 'inject.released')!;
    const delivered = entries.find((e) => e.type === 'inject.delivered')!;
    console.log(`alarm released -> delivered on the tablet: ${delivered.wallTime - released.wallTime} ms`);
  });
});
