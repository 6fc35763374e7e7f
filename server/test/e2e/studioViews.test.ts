import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness } from '../harness.ts';
import { violations } from './axe.ts';
import { launchChromium, VIEWPORT } from './browser.ts';
import { cell } from './studioSteps.ts';

/**
 * Every studio view, in English and Lithuanian, audited by axe-core (WCAG 2.1 A/AA); and an MSEL
 * with hostile cells (HTML with handlers, a script, a javascript: link, formula-like text)
 * imported and shown in a real browser as the text it is, running nothing.
 */
let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];

const HOSTILE_SUBJECT = '<img src=x onerror="window.__pwned=1">Seal mismatch';
const HOSTILE_BODY = 'Lorry 4 <script>window.__pwned=2</script> at **lane 3**; see [the log](javascript:window.__pwned=3).';
const FORMULA = '=HYPERLINK("http://example.invalid","open")';

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  expect((await h.request('POST', '/api/studio/scenarios/stolen-cobalt-source/copy', h.admin, { id: 'views' })).statusCode).toBe(201);
  const csv = ['Inject #,Time,To,Subject,Description,Expected action', `1,T+5,Customs,"${HOSTILE_SUBJECT.replaceAll('"', '""')}","${HOSTILE_BODY}","${FORMULA.replaceAll('"', '""')}"`, '2,T+10,Police,Patrol on its way,,'].join('\n');
  const file = { name: 'hostile.csv', format: 'csv', content: csv };
  const { proposal } = (await h.request('POST', '/api/studio/msel/inspect', h.admin, { file })).json();
  const imported = await h.request('POST', '/api/studio/msel/import', h.admin, { file, mapping: proposal, scenario: { id: 'hostile', title: 'Hostile cells' }, remember: 'none' });
  expect(imported.statusCode, JSON.stringify(imported.json())).toBe(201);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function authorIn(language: 'en' | 'lt'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...VIEWPORT.console, bypassCSP: true }); // axe is injected as a script
  const at = h.admin.cookie.indexOf('=');
  await context.addCookies([{ name: h.admin.cookie.slice(0, at), value: h.admin.cookie.slice(at + 1), url: h.url }]);
  await context.addInitScript((l) => localStorage.setItem('startex.language', l), language);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(`${language}: ${error.message}`));
  return { context, page };
}

describe('the studio´s views', () => {
  const tabNames: Record<string, string[]> = {};

  it.each(['en', 'lt'] as const)('%s: the list and every view of a scenario have no WCAG 2.1 A/AA violations', { timeout: 240_000 }, async (language) => {
    const { context, page } = await authorIn(language);
    const found: Record<string, unknown[]> = {};
    const audit = async (name: string) => {
      const seen = await violations(page);
      if (seen.length) found[name] = seen;
    };
    await page.goto(`${h.url}/studio`);
    await page.getByRole('row').filter({ hasText: 'Stolen high-activity Co-60 source' }).first().waitFor();
    await audit('list');

    await page.goto(`${h.url}/studio/views`);
    await cell(page, 0, 'subject').waitFor();
    const tabs = page.getByRole('tablist').first().getByRole('tab');
    tabNames[language] = await tabs.allTextContents();
    expect(tabNames[language]).toHaveLength(7);
    for (let i = 0; i < tabNames[language]!.length; i++) {
      await tabs.nth(i).click();
      await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tabpanel').first().waitFor();
      await audit(`view ${i + 1}: ${tabNames[language]![i]}`);
    }
    expect(found).toEqual({});
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('are all in Lithuanian when the author reads Lithuanian', () => {
    expect(tabNames.lt).toHaveLength(7);
    // "MSEL" is the same word in both.
    tabNames.lt!.forEach((name, i) => name !== 'MSEL' && expect(name, `tab ${i + 1}`).not.toBe(tabNames.en![i]));
    // No string key reaches the page as text.
    for (const name of tabNames.lt!) expect(name).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
  });
});

describe('hostile cells from an imported MSEL', () => {
  it('show as text, in the grid and the description´s preview, and run nothing', { timeout: 120_000 }, async () => {
    const { context, page } = await authorIn('en');
    await page.goto(`${h.url}/studio/hostile`);
    await expect.poll(() => cell(page, 0, 'subject').textContent()).toContain(HOSTILE_SUBJECT);
    expect(await cell(page, 0, 'expectedActions').textContent()).toContain(FORMULA);
    await cell(page, 0, 'body').dblclick();
    const preview = page.locator('.markdown-preview');
    await expect.poll(() => preview.textContent()).toContain('lane 3');
    expect(await preview.locator('strong').textContent()).toBe('lane 3');
    expect(await page.locator('img[src="x"], script:not([src])').filter({ hasNotText: 'axe' }).count()).toBe(0);
    const href = await preview.getByRole('link', { name: 'the log' }).getAttribute('href');
    expect(href ?? '').not.toMatch(/^javascript:/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await violations(page)).toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
