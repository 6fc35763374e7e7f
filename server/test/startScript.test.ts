import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './e2e/serverProcess.ts';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'startex-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `pnpm start`'s script as its own process, until it serves the client's page; what it printed. */
async function start(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { ...process.env, PORT: String(port), STARTEX_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited (${child.exitCode}):\n${output}`);
      const page = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).catch(() => '');
      if (page.includes('<div id="root">')) {
        // The API reference's files come from @fastify/swagger-ui's folder, which the bundle leaves out.
        const reference = await fetch(`http://127.0.0.1:${port}/api/docs/static/swagger-ui-bundle.js`);
        if (!reference.ok) throw new Error(`the built server serves no API reference (${reference.status})`);
        return output;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

const builtAt = () => ['client/dist/index.html', 'server/dist/main.mjs'].map((file) => statSync(join(ROOT, file)).mtimeMs);

describe('pnpm start', () => {
  it('builds only what changed: a second start with nothing changed serves the page without building, printing only the addresses', { timeout: 300_000 }, async () => {
    await start();
    const before = builtAt();
    const second = await start();
    expect(builtAt()).toEqual(before);
    expect(second).not.toMatch(/Building|vite|esbuild/i);
    expect(second.trim().split('\n')[0]).toMatch(/^StartEx is running on http:\/\/127\.0\.0\.1:\d+/);
    expect(second).toContain('Controller console:');
  });
});

describe('the build check', () => {
  // The bug: a change to the scenarios package (which the client bundles) left the old client in place.
  it('counts every workspace package a build bundles among its sources', async () => {
    const { TARGETS } = (await import(join(ROOT, 'scripts/build.mjs'))) as { TARGETS: { name: string; inputs: string[] }[] };
    for (const [target, from] of [['client', 'client'], ['server', 'server']] as const) {
      const { dependencies } = JSON.parse(readFileSync(join(ROOT, from, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      const workspace = Object.entries(dependencies).filter(([, version]) => version.startsWith('workspace:')).map(([name]) => `${name.replace('@startex/', '')}/src`);
      expect({ target, missing: workspace.filter((src) => !TARGETS.find((t) => t.name === target)!.inputs.includes(src)) }).toEqual({ target, missing: [] });
    }
  });
});
