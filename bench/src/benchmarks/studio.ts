/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, VIEWPORT } from '../../../server/test/e2e/browser.ts';
import { analysed, cell } from '../../../server/test/e2e/studioSteps.ts';
import { asTimeline, generateMsel } from '../analyzerScenario.ts';
import type { Benchmark } from '../benchContext.ts';
import { distribution } from '../stats.ts';
import { startStartex } from '../startexProcess.ts';

const CLIENT_INDEX = fileURLToPath(new URL('../../../client/dist/index.html', import.meta.url));
/** The bar: typing in a 300-row scenario stays responsive. */
const FRAME_GOAL_MS = 50;
const ANALYSIS_GOAL_MS = 1_000;
const ADMIN_PASSWORD = 'bench administrator password';

/** Signs in over HTTP: the session cookie and its CSRF token. */
async function signIn(url: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  if (!response.ok) throw new Error(`admin login failed: ${response.status}`);
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

interface Marks {
  keys: { at: number; frameAt?: number }[];
  /** Each edit (Enter in a cell): when its rules' problems showed, and when its full analysis did. */
  commits: { at: number; rulesAt?: number; shownAt?: number }[];
}

/**
 * In the page: each key press's time, the next frame after it, and when the live analysis next
 * catches up with the document, all on the page's clock: the problem list's data-stage leaves
 * `rules` (the rules' problems are shown) and turns `done` (so does data-current: the full analysis).
 */
function instrument(page: Page) {
  return page.evaluate(() => {
    const marks: Marks = { keys: [], commits: [] };
    (window as unknown as { studioBench: typeof marks }).studioBench = marks;
    window.addEventListener(
      'keydown',
      (event) => {
        const key = { at: performance.now() } as { at: number; frameAt?: number };
        marks.keys.push(key);
        requestAnimationFrame(() => (key.frameAt = performance.now()));
        if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') marks.commits.push({ at: key.at });
      },
      { capture: true },
    );
    const problems = document.querySelector('.problems')!;
    new MutationObserver(() => {
      const stage = problems.getAttribute('data-stage');
      if (stage === 'rules') return;
      const now = performance.now();
      for (const commit of marks.commits) {
        commit.rulesAt ??= now;
        if (stage === 'done') commit.shownAt ??= now;
      }
    }).observe(problems, { attributes: true, attributeFilter: ['data-stage'] });
  });
}

export const studio: Benchmark = {
  name: 'studio',
  title: 'scenario studio: typing in a 300-row MSEL in Chromium, the page\'s next frame after each key and the live analysis shown after each edit',
  async run(ctx) {
    if (!existsSync(CLIENT_INDEX)) throw new Error('The studio benchmark needs the built client: run `npx -y pnpm@10.34.9 build` first.');
    const edits = ctx.quick ? 8 : 40;
    const msel = generateMsel({ teams: 12, injects: 300, hours: 8, responses: 8 });
    const scenario = { ...asTimeline(msel), id: 'bench-studio', title: 'Studio benchmark' };
    const rows = scenario.timeline?.length ?? 0;

    const server = await startStartex();
    const browser = await launchChromium();
    try {
      const admin = await signIn(server.url);
      const api = (method: string, path: string, body: unknown) =>
        fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: JSON.stringify(body) });
      const created = await api('POST', '/api/studio/scenarios', { id: 'bench-studio', title: 'Studio benchmark' });
      const revision = ((await created.json()) as { revision: number }).revision;
      const saved = await api('PUT', '/api/studio/scenarios/bench-studio/draft', { revision, document: scenario });
      if (!saved.ok) throw new Error(`saving the 300-row draft failed: ${saved.status} ${await saved.text()}`);

      const context = await browser.newContext(VIEWPORT.console);
      const at = admin.cookie.indexOf('=');
      await context.addCookies([{ name: admin.cookie.slice(0, at), value: admin.cookie.slice(at + 1), url: server.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${server.url}/studio/bench-studio`);
      await cell(page, 0, 'subject').waitFor();
      await analysed(page);
      await instrument(page);

      // Each edit: a row's subject opened, eight letters typed one key at a time, Enter; then the analysis of it.
      for (let i = 0; i < edits; i++) {
        const row = (i * 37) % 20;
        await cell(page, row, 'subject').click();
        await page.keyboard.press('Enter');
        await page.keyboard.type(` edit ${i}`.slice(0, 8), { delay: 30 });
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => (window as unknown as { studioBench: Marks }).studioBench.commits.filter((c) => c.shownAt !== undefined).length >= n, i + 1);
      }
      const marks = await page.evaluate(() => (window as unknown as { studioBench: Marks }).studioBench);
      await context.close();

      const frames = distribution(marks.keys.flatMap((k) => (k.frameAt === undefined ? [] : [k.frameAt - k.at])));
      const rulesShown = distribution(marks.commits.flatMap((c) => (c.rulesAt === undefined ? [] : [c.rulesAt - c.at])));
      const shown = distribution(marks.commits.flatMap((c) => (c.shownAt === undefined ? [] : [c.shownAt - c.at])));
      return {
        parameters: { rows, teams: msel.teams.length, edits, keys: marks.keys.length },
        figures: [
          { name: 'key press to the next frame p50', value: frames.p50, unit: 'ms' },
          { name: 'key press to the next frame p95', value: frames.p95, unit: 'ms', goal: { text: `< ${FRAME_GOAL_MS} ms (typing never waits)`, met: frames.p95 < FRAME_GOAL_MS } },
          { name: 'edit (Enter) to its rules\' problems shown p50', value: rulesShown.p50, unit: 'ms' },
          { name: 'edit (Enter) to its rules\' problems shown p95', value: rulesShown.p95, unit: 'ms', goal: { text: `< ${ANALYSIS_GOAL_MS / 1000} s`, met: rulesShown.p95 < ANALYSIS_GOAL_MS } },
          { name: 'edit (Enter) to its full analysis (play explored) shown p50', value: shown.p50, unit: 'ms' },
          { name: 'edit (Enter) to its full analysis (play explored) shown p95', value: shown.p95, unit: 'ms' },
        ],
        notes: [
          `A ${rows}-row timeline (the analyzer benchmark's generated MSEL at 300 injects, ${msel.teams.length} teams) as a studio draft; the page in Chromium (playwright-core), a subject cell edited ${edits} times by key presses 30 ms apart.`,
          'Every figure is taken on the page\'s own clock: a keydown listener, the next requestAnimationFrame, and the moments the problem list shows the rules\' problems (schema, references, structure) and then the full analysis with every path of play explored (each in a Web Worker of the page; an edit stops the exploration of the one before).',
        ],
      };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
