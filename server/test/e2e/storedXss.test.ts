import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, until, type Harness } from '../harness.ts';
import { artifactPath, launchChromium } from './browser.ts';

/** Each payload, if it ran, would set window.__xss to its own name or open a dialog. */
const payload = (name: string) => ({
  script: `<script>window.__xss='${name}-script'</script>`,
  handler: `<img src=x onerror="window.__xss='${name}-img'">`,
  svg: `<svg onload="window.__xss='${name}-svg'"></svg>`,
  link: `[open me](javascript:window.__xss='${name}-link')`,
  rawLink: `<a href="javascript:window.__xss='${name}-a'">open</a>`,
});
// Blank lines between payloads: each is its own markdown block, so the link is parsed as a link.
const all = (name: string) => Object.values(payload(name)).join('\n\n');

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

async function guard(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

describe('stored XSS is rendered inert', () => {
  it('scripts, event handlers and javascript: links in scenario content, injects and messages never run', async () => {
    // An uploaded scenario whose names, inject texts and action labels carry payloads.
    const base = LIBRARY.demo!;
    const hostile = {
      ...base,
      id: 'xss_drill',
      title: `Drill ${payload('title').handler}`,
      teams: [{ ...base.teams[0]!, name: `Customs ${payload('team').handler}` }],
      injects: base.injects.map((inject) => ({ ...inject, subject: `${inject.subject} ${payload('subject').svg}`, body: `${inject.body}\n\n${all('body')}` })),
      actions: base.actions.map((action) => ({ ...action, label: `${action.label} ${payload('action').handler}` })),
    };
    const uploaded = await h.request('POST', '/api/scenarios', h.admin, hostile);
    expect(uploaded.statusCode).toBe(201);
    const exercise = await h.server.runtime.create({ id: 'xss', scenario: (await h.server.runtime.store.getScenario('xss_drill'))!.document, speed: 600 });
    const director = await h.member('director', { exerciseId: exercise.id, username: 'xss-director' });
    await (await h.server.runtime.get(exercise.id)).command({ type: 'ready' }, { kind: 'system' });
    const code = (await h.server.identity.createJoinCode('test', { exerciseId: exercise.id, role: 'participant', teamId: 'customs' })).token;

    const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await consoleContext.addCookies([{ name: director.cookie.split('=')[0]!, value: director.cookie.split('=')[1]!, url: h.url }]);
    const consolePage = await consoleContext.newPage();
    const tabletPage = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
    const dialogs = [...(await guard(consolePage)), ...(await guard(tabletPage))];
    const violations: string[] = [];
    for (const page of [consolePage, tabletPage]) page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));

    await consolePage.goto(`${h.url}/console/${exercise.id}`);
    await tabletPage.goto(`${h.url}/tablet#code=${code}`);
    await expect.poll(() => consolePage.getByTestId('status').textContent()).toBe('ready');

    // Play: StartEx, then control and the team write payloads of their own.
    const control = client(h.url, director);
    const tablet = client(h.url, code);
    await Promise.all([connected(control.socket), connected(tablet.socket)]);
    expect(await call(control.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
    await until(() => tablet.received.find((e) => e.type === 'inject.released'), 'the alarm');
    expect(
      await call(control.socket, 'command', { type: 'adhoc', to: ['customs'], channel: 'email', from: `Control ${payload('from').handler}`, subject: `Ad hoc ${payload('adhoc').svg}`, body: all('adhoc') }),
    ).toMatchObject({ ok: true });
    expect(await call(tablet.socket, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: all('message'), idempotencyKey: 'xss-message-1' })).toMatchObject({ ok: true });
    expect(await call(control.socket, 'command', { type: 'note', text: all('note') })).toMatchObject({ ok: true });

    await tabletPage.getByTestId('inject-adhoc-1').waitFor();
    await consolePage.getByTestId('feed').getByText(/Message from customs/).waitFor();
    // The markdown links a participant might tap are there, with their javascript: target removed.
    const hrefs = await tabletPage.locator('main a', { hasText: 'open me' }).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href ?? '').not.toMatch(/^\s*javascript:/i);

    for (const page of [consolePage, tabletPage]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      // Nothing the payloads tried became an element that could run.
      expect(await page.locator('main script, main img[onerror], main svg[onload], main a[href^="javascript:"]').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
    // The text itself is shown, as text: nothing was silently dropped.
    expect(await tabletPage.getByRole('heading', { level: 1 }).textContent()).toBe(`Customs ${payload('team').handler}`);
    expect(await tabletPage.getByTestId('inject-adhoc-1').textContent()).toContain(`Ad hoc ${payload('adhoc').svg}`);
    await tabletPage.screenshot({ path: artifactPath('xss-tablet.png'), fullPage: true });
    await consolePage.screenshot({ path: artifactPath('xss-console.png') });
    expect(violations).toEqual([]);
  });
});
