/**
 * Screenshots of every view, to look at (not a test): the demo exercise played on a real server
 * process, each view at 1280x800, 1920x1080, 768x1024 and 390x844, in English and Lithuanian, light
 * and dark, into test-artifacts/screens/. Build the client first (`npx -y pnpm@10.34.9 build`), then:
 *
 *   cd server && node --import tsx ../scripts/screenshots.ts [view-name-filter]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PeopleAdded, SessionView } from '@startex/shared';
import { artifactPath, launchChromium } from '../server/test/e2e/browser.ts';
import { startServerProcess } from '../server/test/e2e/serverProcess.ts';

const VIEWPORTS = { desk: { width: 1280, height: 800 }, wide: { width: 1920, height: 1080 }, tablet: { width: 768, height: 1024 }, phone: { width: 390, height: 844 } } as const;
const LANGUAGES = ['en', 'lt'] as const;
const THEMES = ['light', 'dark'] as const;
const only = process.argv[2];

/** One view to photograph: where it is, who opens it, what to wait for and do before the picture. */
interface Shot {
  name: string;
  path: string;
  cookie?: string;
  ready: (page: Page) => Promise<void>;
}

async function main(): Promise<void> {
  const server = await startServerProcess({ env: { STARTEX_DEMO_SPEED: '60' } });
  const browser = await launchChromium();
  try {
    const director = await signIn(server.url, server.director.username, server.director.password!);
    const evaluatorAccount = (await post<PeopleAdded>(server.url, director, '/api/exercises/demo/people', { name: 'Eva Evaluator', email: 'eva@example.org', role: 'evaluator' })).accounts[0]!;
    const observerAccount = (await post<PeopleAdded>(server.url, director, '/api/exercises/demo/people', { name: 'Otto Observer', email: 'otto@example.org', role: 'observer' })).accounts[0]!;
    const evaluator = await signIn(server.url, evaluatorAccount.username, evaluatorAccount.password);
    const observer = await signIn(server.url, observerAccount.username, observerAccount.password);
    const tablet = `/tablet#code=${server.joinCode}`;

    // Play: StartEx from the console, the alarm on the tablet, a long message, a broadcast from control.
    const play = await open(browser, server.url + '/console/demo', director.cookie, VIEWPORTS.desk, 'en', 'light');
    await play.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    const field = await open(browser, server.url + tablet, undefined, VIEWPORTS.tablet, 'en', 'light');
    await field.getByTestId('inject-portal_alarm').waitFor({ timeout: 30_000 });
    await play.getByRole('button', { name: /^Pause/ }).click();
    await play.getByRole('button', { name: /^Broadcast/ }).click().catch(async (error: unknown) => {
      await play.screenshot({ path: artifactPath('screens/debug-play.png') });
      throw error;
    });
    await play.getByRole('dialog').getByLabel('Message').fill('All teams: the weather office expects heavy rain from 14:00; keep the cordon tapes weighted.');
    await play.getByRole('dialog').getByRole('button', { name: 'Send broadcast' }).click();
    await field.getByRole('tab', { name: /Messages/ }).click();
    await field.locator('#compose-to input[type=checkbox]').last().check();
    await field.getByLabel('Message', { exact: true }).fill(`Spectrum attached: ${'Cs137'.repeat(960)}`);
    await field.getByRole('button', { name: 'Send message' }).click();
    await field.getByTestId('conversation').getByText('Spectrum attached', { exact: false }).waitFor();
    await field.getByTestId('queue-status').waitFor({ state: 'detached' });
    await field.context().close();

    const live: Shot[] = [
      { name: 'home', path: '/', cookie: director.cookie, ready: (p) => p.getByTestId('exercise-demo').waitFor() },
      { name: 'sign-in', path: '/', ready: (p) => p.locator('#username').waitFor() },
      { name: 'console', path: '/console/demo', cookie: director.cookie, ready: (p) => p.locator('.state-node').first().waitFor() },
      { name: 'console-evaluator', path: '/console/demo', cookie: evaluator.cookie, ready: (p) => p.getByTestId('feed').waitFor() },
      { name: 'console-observer', path: '/console/demo', cookie: observer.cookie, ready: (p) => p.getByTestId('where-to-go').waitFor() },
      { name: 'evaluator', path: '/evaluate/demo', cookie: evaluator.cookie, ready: (p) => p.getByTestId('evaluator-feed').waitFor() },
      { name: 'display', path: '/display/demo', cookie: director.cookie, ready: (p) => p.getByTestId('recent-injects').waitFor() },
      { name: 'plan', path: '/plan/demo', cookie: director.cookie, ready: (p) => p.getByTestId('plan-status').waitFor() },
      ...(['inbox', 'actions', 'messages', 'log'] as const).map((tab): Shot => ({
        name: `tablet-${tab}`,
        path: `/tablet/${tab}#code=${server.joinCode}`,
        ready: (p) => p.getByTestId('connection').filter({ hasText: /Online|Prisijungta/ }).waitFor(),
      })),
    ];
    await photograph(browser, server.url, live);

    // EndEx, then the after-action views.
    await play.getByRole('button', { name: /^End exercise/ }).click();
    await play.getByRole('dialog').getByRole('button', { name: /^End exercise/ }).click();
    await play.getByTestId('status').filter({ hasText: 'ended' }).waitFor();
    await play.context().close();
    const after: Shot[] = [
      ...(['replay', 'metrics', 'evaluation', 'feedback'] as const).map((tab): Shot => ({
        name: `review-${tab}`,
        path: `/review/demo/${tab}`,
        cookie: director.cookie,
        ready: (p) => p.getByTestId(`review-tab-${tab}`).waitFor(),
      })),
      { name: 'report', path: '/report/demo', cookie: director.cookie, ready: (p) => p.locator('main h1, main h2').first().waitFor() },
      { name: 'actions', path: '/actions', cookie: director.cookie, ready: (p) => p.locator('main h1').first().waitFor() },
      { name: 'tablet-hotwash', path: tablet, ready: (p) => p.getByTestId('connection').filter({ hasText: /Online|Prisijungta/ }).waitFor() },
    ];
    await photograph(browser, server.url, after);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function photograph(browser: Browser, base: string, shots: Shot[]): Promise<void> {
  for (const shot of shots) {
    if (only && !shot.name.includes(only)) continue;
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      for (const language of LANGUAGES) {
        for (const theme of THEMES) {
          const page = await open(browser, base + shot.path, shot.cookie, viewport, language, theme);
          try {
            await shot.ready(page);
            await page.waitForLoadState('networkidle');
            await page.waitForTimeout(400);
            await page.screenshot({ path: artifactPath(join('screens', `${shot.name}-${size}-${language}-${theme}.png`)) });
          } catch (error) {
            console.error(`${shot.name} ${size} ${language} ${theme}: ${(error as Error).message.split('\n')[0]}`);
          } finally {
            await page.context().close();
          }
        }
      }
    }
    console.log(`${shot.name}: done`);
  }
}

async function open(browser: Browser, url: string, cookie: string | undefined, viewport: { width: number; height: number }, language: string, theme: string): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 1000 });
  if (cookie) {
    const at = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: new URL(url).origin }]);
  }
  await context.addInitScript(([l, t]) => {
    localStorage.setItem('startex.language', l!);
    localStorage.setItem('startex.theme', t!);
  }, [language, theme]);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  return page;
}

interface Credential {
  cookie: string;
  csrfToken: string;
}

async function signIn(base: string, username: string, password: string): Promise<Credential> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`sign-in as ${username}: ${response.status}`);
  const session = (await response.json()) as SessionView;
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken: session.csrfToken };
}

async function post<T>(base: string, who: Credential, path: string, body: unknown): Promise<T> {
  const response = await fetch(base + path, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

await main();
