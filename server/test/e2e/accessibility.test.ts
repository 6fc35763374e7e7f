import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, until, type Harness, type StaffCredential } from '../harness.ts';
import { CORDON_ROW, playedExercise } from '../review/reportFixture.ts';
import { violations } from './axe.ts';
import { artifactPath, launchChromium } from './browser.ts';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startServer({ speed: 600, clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function pageAs(who: StaffCredential | undefined, viewport: { width: number; height: number }, theme: 'light' | 'dark'): Promise<Page> {
  // axe is injected as a script, which the strict CSP forbids: the audit context alone bypasses it.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  if (who) {
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: h.url }]);
  }
  await context.addInitScript((t) => localStorage.setItem('startex.theme', t), theme);
  return context.newPage();
}

describe('accessibility (axe-core, WCAG 2.1 A/AA) of every view during play', () => {
  it.each(['light', 'dark'] as const)('%s theme: sign-in, home, console, tablet (inbox and messages), evaluator and wall display have no violations', { timeout: 60_000 }, async (theme) => {
    const evaluator = await h.member('evaluator', { username: `evaluator-${theme}` });
    const observerCode = (await h.server.identity.createJoinCode('test', { exerciseId: 'demo', role: 'observer' })).token;
    const control = client(h.url, h.controllerToken);
    await connected(control.socket);
    if (theme === 'light') {
      expect(await call(control.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
      const tablet = client(h.url, h.joinCode('customs'));
      await until(() => tablet.received.find((e) => e.type === 'inject.released'), 'the alarm');
    }

    const pages: [string, Page, string][] = [
      ['sign-in', await pageAs(undefined, { width: 1280, height: 800 }, theme), '/'],
      ['home', await pageAs(h.controllerToken, { width: 1280, height: 800 }, theme), '/'],
      ['console', await pageAs(h.controllerToken, { width: 1280, height: 800 }, theme), '/console/demo'],
      ['tablet', await pageAs(undefined, { width: 768, height: 1024 }, theme), `/tablet#code=${h.joinCode('customs')}`],
      ['tablet messages', await pageAs(undefined, { width: 390, height: 844 }, theme), `/tablet/messages#code=${h.joinCode('customs')}`],
      ['evaluator', await pageAs(evaluator, { width: 1180, height: 820 }, theme), '/evaluate/demo'],
      ['display', await pageAs(undefined, { width: 1920, height: 1080 }, theme), `/display#code=${observerCode}`],
    ];
    const found: Record<string, unknown> = {};
    for (const [name, page, path] of pages) {
      await page.goto(h.url + path);
      await page.locator('main, [role="main"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const problems = await violations(page);
      if (problems.length) found[name] = problems;
    }
    expect(found).toEqual({});
  });
});

describe('accessibility (axe-core, WCAG 2.1 A/AA) of the after-action views', () => {
  it.each(['light', 'dark'] as const)('%s theme: review tabs, report, corrective actions and the tablet hot-wash have no violations', { timeout: 60_000 }, async (theme) => {
    const { id, director, evaluator } = await playedExercise(h, `aar-${theme}`);
    const customsCode = (await h.server.identity.createJoinCode('test', { exerciseId: id, role: 'participant', teamId: 'customs' })).token;
    const policeCode = (await h.server.identity.createJoinCode('test', { exerciseId: id, role: 'participant', teamId: 'police' })).token;
    const rated = await h.request('POST', `/api/exercises/${id}/review/ratings`, evaluator, { subject: { kind: 'target', id: 'secondary_within_10' }, rating: 'S', reason: 'Held at once; measured late.', idempotencyKey: `aar-${theme}-rate` });
    expect(rated.statusCode).toBe(201);
    const customs = client(h.url, customsCode);
    await connected(customs.socket);
    expect(await call(customs.socket, 'feedback.submit', { wentWell: 'The hold was quick.', toImprove: 'Dosimeters at lane 3.', objectives: [], idempotencyKey: `aar-${theme}-hotwash` })).toMatchObject({ ok: true });
    customs.socket.disconnect();
    expect((await h.request('POST', `/api/exercises/${id}/improvement-plan`, director, CORDON_ROW)).statusCode).toBe(201);

    const found: Record<string, unknown> = {};
    const audit = async (name: string, page: Page) => {
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: artifactPath(`aar-${name}-${theme}.png`), fullPage: true });
      const problems = await violations(page);
      if (problems.length) found[name] = problems;
    };
    const review = await pageAs(evaluator, { width: 1280, height: 800 }, theme);
    await review.goto(`${h.url}/review/${id}`);
    for (const tab of ['replay', 'metrics', 'evaluation', 'feedback'] as const) {
      await review.getByTestId(`review-tab-${tab}`).click();
      await review.locator(`#review-panel-${tab} h2`).first().waitFor();
      await audit(`review-${tab}`, review);
    }
    const report = await pageAs(evaluator, { width: 1280, height: 800 }, theme);
    await report.goto(`${h.url}/report/${id}`);
    await report.getByTestId('improvement-plan').getByText(CORDON_ROW.correctiveAction).waitFor();
    await audit('report', report);
    const actions = await pageAs(director, { width: 1280, height: 800 }, theme);
    await actions.goto(`${h.url}/actions`);
    await actions.getByText(CORDON_ROW.correctiveAction).first().waitFor();
    await audit('actions', actions);
    const tablet = await pageAs(undefined, { width: 768, height: 1024 }, theme);
    await tablet.goto(`${h.url}/tablet#code=${policeCode}`);
    await tablet.getByTestId('hotwash-submit').waitFor();
    await audit('tablet-hotwash', tablet);
    await tablet.getByTestId('hotwash-went-well').fill('Radio contact with customs was good.');
    await tablet.getByTestId('hotwash-submit').click();
    await tablet.getByTestId('hotwash-sent').waitFor();
    await audit('tablet-hotwash-sent', tablet);
    for (const page of [review, report, actions, tablet]) await page.context().close();
    expect(found).toEqual({});
  });
});
