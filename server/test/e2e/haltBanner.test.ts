import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { CLIENT_DIST } from '../../src/app.ts';
import { DEMO_EXERCISE_ID } from '../../src/seedDemo.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential } from '../harness.ts';
import { launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * The "real-world emergency" stop seen as people see it, in real Chromium: the director halts
 * play, and the banner shows on the director's and a controller's consoles, a team's tablet and
 * the wall display while every clock stands still; resuming asks for a reason (Space or the
 * button alone does nothing); a controller is not offered resume (the server's permission table,
 * which the console reads, refuses it, and does so when sent anyway); the director resumes with a
 * reason, which is logged, and the banner is gone everywhere and the clocks run again.
 */
const REASON = 'A real casualty at lane 3: ambulance on its way';
const BANNER = `REAL-WORLD EMERGENCY — play is halted: ${REASON}`;
// Speed 10: a clock's seconds visibly move while live, and the demo's alarm (2 minutes in) is 12 s away.
const SPEED = 10;

let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST, speed: SPEED });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const open = (name: string, options: BrowserContextOptions, url: string, credential?: StaffCredential): Promise<Page> =>
  openPage(browser, url, { name, options, cookie: credential?.cookie, errors: pageErrors });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = () => h.server.runtime.store.readLog(DEMO_EXERCISE_ID);

describe('the real-world emergency halt in real browsers', () => {
  it('shows the banner and stops the clock on every client until the director, and only the director, resumes', { timeout: 90_000 }, async () => {
    const controller = await h.member('controller', { username: 'halt-controller' });
    const observerCode = (await h.server.identity.createJoinCode('test', { exerciseId: DEMO_EXERCISE_ID, role: 'observer' })).token;
    const [directorConsole, controllerConsole, tablet, display] = await Promise.all([
      open('director', VIEWPORT.console, `${h.url}/console/${DEMO_EXERCISE_ID}`, h.controllerToken),
      open('controller', VIEWPORT.console, `${h.url}/console/${DEMO_EXERCISE_ID}`, controller),
      open('tablet', VIEWPORT.tablet, `${h.url}/tablet#code=${h.joinCode('customs')}`),
      open('display', VIEWPORT.display, `${h.url}/display#code=${observerCode}`),
    ]);
    const pages = { directorConsole, controllerConsole, tablet, display };
    // The clock each view shows: exercise time on consoles and the wall display, scenario time on the tablet.
    const clockOf = (page: Page) => (page === tablet ? page.locator('.scenario-clock') : page.getByTestId('exercise-time')).textContent();

    await eventually(() => directorConsole.getByTestId('status').textContent()).toBe('ready');
    await directorConsole.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    for (const page of Object.values(pages)) {
      await eventually(() => page.getByTestId('status').textContent()).toMatch(/live/);
      // Play runs: every clock moves on.
      const before = await clockOf(page);
      await eventually(() => clockOf(page)).not.toBe(before);
      expect(await page.getByTestId('halt-banner').count()).toBe(0);
    }

    // The director halts play, with a reason.
    await directorConsole.getByRole('button', { name: 'REAL-WORLD EMERGENCY: halt' }).click();
    const dialog = directorConsole.getByRole('dialog', { name: 'Real-world emergency: halt all play' });
    await dialog.getByRole('textbox').fill(REASON);
    await dialog.getByRole('button', { name: 'Halt the exercise' }).click();
    for (const page of Object.values(pages)) {
      await eventually(() => page.getByTestId('halt-banner').textContent()).toBe(BANNER);
      await eventually(() => page.getByTestId('status').textContent()).toMatch(/halted/);
    }
    const halted = (await log()).findLast((e) => e.type === 'exercise.halted');
    expect(halted).toMatchObject({ type: 'exercise.halted', reason: REASON, actor: { kind: 'controller', role: 'director' } });

    // The clocks stand still: what each shows now is what it shows two seconds (20 s of play at ×10) later.
    const frozen = await Promise.all(Object.values(pages).map(clockOf));
    await pause(2_000);
    expect(await Promise.all(Object.values(pages).map(clockOf))).toEqual(frozen);

    // Resuming asks for a reason first, by button or by Space, as a halt does; nothing is sent before it.
    const resumeDialog = (page: Page) => page.getByRole('dialog', { name: 'Resume play after the real-world emergency' });
    await directorConsole.keyboard.press('Space');
    await resumeDialog(directorConsole).waitFor();
    expect(await resumeDialog(directorConsole).getByRole('button', { name: 'Resume play' }).isDisabled()).toBe(true);
    await directorConsole.keyboard.press('Escape');
    await eventually(() => resumeDialog(directorConsole).count()).toBe(0);
    expect(await directorConsole.getByTestId('status').textContent()).toMatch(/halted/);

    // A controller may halt but not resume: the console hides what the server refuses, the server refuses one sent anyway, the banner stays.
    expect(await controllerConsole.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    expect(await directorConsole.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    const controllerSocket = client(h.url, controller).socket;
    await connected(controllerSocket);
    expect(await call(controllerSocket, 'command', { type: 'resume', reason: 'Looks clear to me' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    controllerSocket.disconnect();
    expect((await log()).filter((e) => e.seq > halted!.seq && e.type === 'exercise.resumed')).toEqual([]);
    for (const page of Object.values(pages)) expect(await page.getByTestId('halt-banner').textContent()).toBe(BANNER);

    // The director resumes with a reason: it is logged, the banner goes from every screen and the clocks run on.
    const ALL_CLEAR = 'Ambulance left, lane 3 reopened by the site safety officer';
    await directorConsole.getByRole('button', { name: 'Resume' }).click();
    await resumeDialog(directorConsole).getByRole('textbox').fill(ALL_CLEAR);
    await resumeDialog(directorConsole).getByRole('button', { name: 'Resume play' }).click();
    for (const page of Object.values(pages)) {
      await eventually(() => page.getByTestId('halt-banner').count()).toBe(0);
      await eventually(() => page.getByTestId('status').textContent()).toMatch(/live/);
      const before = await clockOf(page);
      await eventually(() => clockOf(page)).not.toBe(before);
    }
    expect((await log()).filter((e) => e.seq > halted!.seq && e.type === 'exercise.resumed')).toMatchObject([
      { actor: { kind: 'controller', role: 'director' }, reason: ALL_CLEAR },
    ]);
    expect(pageErrors).toEqual([]);
  });
});
