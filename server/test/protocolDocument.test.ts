import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENT_SCHEMAS, ERROR_CATALOGUE, MAX_CLIENT_FRAME_BYTES, PROTOCOL_VERSION, type ErrorCode, type ServerToClientEvents } from '@startex/shared';
import { startServerProcess, type ServerProcess } from './e2e/serverProcess.ts';

/**
 * docs/PROTOCOL.md, the integrators' document, cannot go stale: each of its ```js protocol-example
 * blocks runs, in order, as its own Node process against a real server process started as the
 * quick start starts it, with what that server printed in the environment the document names.
 * A block asserts the answers it shows, so it fails when the server answers otherwise.
 */
const ROOT = join(import.meta.dirname, '../..');
const SERVER_ROOT = join(ROOT, 'server');
const DOCUMENT = readFileSync(join(ROOT, 'docs/PROTOCOL.md'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Example {
  /** The heading the block stands under, and its place there. */
  title: string;
  code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  let heading = '';
  let count = 0;
  for (const match of DOCUMENT.matchAll(/^(#{2,3}) (.+)$|^```js protocol-example\n([\s\S]*?)^```$/gm)) {
    if (match[2] !== undefined) {
      heading = match[2];
      count = 0;
    } else found.push({ title: `${heading}, example ${++count}`, code: match[3]! });
  }
  return found;
}

/** Runs one block as an ES module from the server's folder, where socket.io-client and ws resolve. */
function run(code: string, env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', code], { cwd: SERVER_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
  });
}

/** The section under a `## ` heading. */
const section = (title: string) => DOCUMENT.split(/^## /m).find((part) => part.startsWith(title)) ?? '';

let server: ServerProcess;
let env: Record<string, string>;

beforeAll(async () => {
  // A faster clock than the quick start's 10, so that the demo's alarm (two exercise minutes) comes within seconds.
  server = await startServerProcess({ env: { STARTEX_DEMO_SPEED: '60' } });
  env = { STARTEX_URL: server.url, STARTEX_USER: server.director.username, STARTEX_PASSWORD: server.director.password ?? '', STARTEX_JOIN_CODE: server.joinCode };
}, 60_000);
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('docs/PROTOCOL.md', () => {
  it('is linked from the README, where an integrator looks first', () => {
    expect(README).toContain('(docs/PROTOCOL.md)');
  });

  it('names every client and server event, the protocol version and the frame limit', () => {
    const serverEvents: Record<keyof ServerToClientEvents, true> = { log: true, exercise: true, presence: true, refused: true };
    for (const event of [...Object.keys(CLIENT_EVENT_SCHEMAS), ...Object.keys(serverEvents)]) expect(DOCUMENT, event).toContain(`\`${event}\``);
    expect(DOCUMENT).toContain(`protocolVersion: ${PROTOCOL_VERSION}`);
    expect(DOCUMENT).toContain(`**${MAX_CLIENT_FRAME_BYTES / 1024} KB**`);
  });

  it('lists only codes of the catalogue, with their HTTP status', () => {
    const rows = [...section('Errors').matchAll(/^\| ((?:`[A-Z_]+`(?:, )?)+) \| (\d{3}) \|/gm)];
    expect(rows.length).toBeGreaterThan(10);
    for (const [, codes, status] of rows) {
      for (const [, code] of codes!.matchAll(/`([A-Z_]+)`/g)) expect(ERROR_CATALOGUE[code as ErrorCode]?.status, code).toBe(Number(status));
    }
  });

  const blocks = examples();
  it('has runnable examples of signing in, play, answers, idempotency, limits, refusals, the feed and the log', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  for (const { title, code } of blocks) {
    it(`runs: ${title}`, { timeout: 70_000 }, async () => {
      const { exitCode, output } = await run(code, env);
      expect(exitCode, output).toBe(0);
    });
  }
});
