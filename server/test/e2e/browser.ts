import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium driven by playwright-core; never a downloaded browser. */
/** The screens each kind of user has: desk consoles, tablets (also phones) in the field, evaluators' tablets, wall displays. */
export const VIEWPORT = {
  console: { viewport: { width: 1280, height: 800 } },
  tablet: { viewport: { width: 768, height: 1024 }, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  evaluator: { viewport: { width: 1180, height: 820 }, hasTouch: true },
  display: { viewport: { width: 1920, height: 1080 } },
} satisfies Record<string, BrowserContextOptions>;

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run scripts/install-test-deps.sh (apt-get install chromium).`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/**
 * A page in a context of its own at `url`, signed in with a session cookie (`name=value`) when given.
 * Uncaught page errors go to `errors` as "name: message", for the test to assert there were none.
 */
export async function openPage(
  browser: Browser,
  url: string,
  page: { name: string; errors: string[]; options?: BrowserContextOptions; cookie?: string | undefined },
): Promise<Page> {
  const context = await browser.newContext(page.options);
  if (page.cookie) {
    const at = page.cookie.indexOf('=');
    await context.addCookies([{ name: page.cookie.slice(0, at), value: page.cookie.slice(at + 1), url: new URL(url).origin }]);
  }
  const opened = await context.newPage();
  opened.setDefaultTimeout(15_000);
  opened.on('pageerror', (error) => page.errors.push(`${page.name}: ${error.message}`));
  await opened.goto(url);
  return opened;
}

/** Screenshots are test artefacts, never committed. */
export function artifactPath(name: string): string {
  const dir = join(import.meta.dirname, '../../../test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
