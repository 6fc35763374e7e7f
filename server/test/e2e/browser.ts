import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run scripts/ensure-chromium.sh (apt-get install chromium).`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** Screenshots are test artefacts, never committed. */
export function artifactPath(name: string): string {
  const dir = join(import.meta.dirname, '../../../test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
