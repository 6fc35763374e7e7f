/**
 * Screenshots of every view, to look at (not a test): the demo exercise played on a real server
 * process, each view at 1280x800, 1920x1080, 768x1024 and 390x844, in English and Lithuanian, light
 * and dark, into test-artifacts/screens/ (git-ignored). Each view, language and theme is also checked
 * with axe-core at 1280x800: what it finds is printed and written to screens/axe.json, and the script
 * exits with 1 if it found anything. Build the client first (`npx -y pnpm@10.34.9 build`), then:
 *
 *   cd server && node --import tsx ../scripts/screenshots.ts [view-name-filter,another]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PeopleAdded, SessionView } from '@startex/shared';
import { artifactPath, launchChromium } from '../server/test/e2e/browser.ts';
import { violations } from '../server/test/e2e/axe.ts';
import { startServerProcess } from '../server/test/e2e/serverProcess.ts';

const VIEWPORTS = { desk: { width: 1280, height: 800 }, wide: { width: 1920, height: 1080 }, tablet: { width: 768, height: 1024 }, phone: { width: 390, height: 844 } } as const;
const LANGUAGES = ['en', 'lt'] as const;
const THEMES = ['light', 'dark'] as const;
/** Only the views whose names contain one of these (comma-separated), e.g. `display,plan`. */
const only = process.argv[2]?.split(',');
const ADMIN_PASSWORD = 'screenshots admin password';
/** axe's findings per view, language and theme. */
const found: Record<string, Awaited<ReturnType<typeof violations>>> = {};

/** One view to photograph: where it is, who opens it, what to wait for and do before the picture. */
interface Shot {
  name: string;
  path: string;
  cookie?: string;
  ready: (page: Page) => Promise<void>;
}

async function main(): Promise<void> {
  const server = await startServerProcess({ env: { STARTEX_DEMO_SPEED: '60', STARTEX_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const browser = await launchChromium();
  try {
    const director = await signIn(server.url, server.director.username, server.director.password!);
    const admin = await signIn(server.url, 'admin', ADMIN_PASSWORD);
    const evaluatorAccount = (await post<PeopleAdded>(server.url, director, '/api/exercises/demo/people', { name: 'Eva Evaluator', email: 'eva@example.org', role: 'evaluator' })).accounts[0]!;
    const observerAccount = (await post<PeopleAdded>(server.url, director, '/api/exercises/demo/people', { name: 'Otto Observer', email: 'otto@example.org', role: 'observer' })).accounts[0]!;
    const evaluator = await withOwnPassword(server.url, await signIn(server.url, evaluatorAccount.username, evaluatorAccount.password), evaluatorAccount.password);
    const observer = await withOwnPassword(server.url, await signIn(server.url, observerAccount.username, observerAccount.password), observerAccount.password);
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
      { name: 'plan-new', path: '/plan/new', cookie: admin.cookie, ready: (p) => p.locator('.plan-new-form input').first().waitFor() },
      { name: 'display-code', path: '/display', ready: (p) => p.locator('#display-code').waitFor() },
      { name: 'account', path: '/account', cookie: director.cookie, ready: (p) => p.locator('main h1').first().waitFor() },
      { name: 'programme', path: '/programme', cookie: admin.cookie, ready: (p) => p.locator('.programme-tabs').waitFor() },
      { name: 'programme-exercise', path: '/programme/exercises/demo', cookie: admin.cookie, ready: (p) => p.locator('main h1').first().waitFor() },
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
    writeFileSync(artifactPath(join('screens', 'axe.json')), `${JSON.stringify(found, null, 2)}\n`);
    const problems = Object.entries(found).filter(([, list]) => list.length > 0);
    for (const [where, list] of problems) console.error(`axe, ${where}: ${list.map((v) => `${v.id} (${v.impact}) at ${v.nodes.join(', ')}`).join('; ')}`);
    console.log(`axe: ${problems.length === 0 ? 'nothing found' : `violations on ${problems.length} of ${Object.keys(found).length} views`}`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function photograph(browser: Browser, base: string, shots: Shot[]): Promise<void> {
  for (const shot of shots) {
    if (only && !only.some((part) => shot.name.includes(part))) continue;
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      for (const language of LANGUAGES) {
        for (const theme of THEMES) {
          const page = await open(browser, base + shot.path, shot.cookie, viewport, language, theme);
          try {
            await shot.ready(page);
            await page.waitForLoadState('networkidle');
            await page.waitForTimeout(400);
            await page.screenshot({ path: artifactPath(join('screens', `${shot.name}-${size}-${language}-${theme}.png`)) });
            if (size === 'desk') found[`${shot.name} ${language} ${theme}`] = await violations(page);
          } catch (error) {
            console.error(`${shot.name} ${size} ${language} ${theme}: ${(error as Error).message.split('\n')[0]}`);
            process.exitCode = 1;
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
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 1000, bypassCSP: true }); // axe is injected as a script
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

/** A generated password must be replaced at first sign-in before anything else opens: the session that follows. */
async function withOwnPassword(base: string, who: Credential, generated: string): Promise<Credential> {
  const response = await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: generated, newPassword: `${generated} chosen` }),
  });
  if (!response.ok) throw new Error(`choosing a password: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as SessionView;
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken: session.csrfToken };
}

async function post<T>(base: string, who: Credential, path: string, body: unknown): Promise<T> {
  const response = await fetch(base + path, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

await main();
