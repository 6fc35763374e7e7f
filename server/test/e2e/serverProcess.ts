import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_ROOT = join(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** What the server printed on start, parsed. */
  consoleUrl: string;
  tabletUrl: string;
  joinCode: string;
  /** The demo director's credentials, printed on the first start of a data directory. */
  director: { username: string; password: string | undefined };
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `src/main.ts` as its own process, as the quick start does, and waits for its URLs. */
export async function startServerProcess(options: { dataDir?: string; env?: Record<string, string>; startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'startex-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), STARTEX_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!/Participant tablet:/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const consoleUrl = /Controller console:\s+(\S+)/.exec(output)![1]!;
  const tabletUrl = /Participant tablet:\s+(\S+)/.exec(output)![1]!;
  const joinCode = /join code (\w+)/.exec(output)![1]!;
  const signIn = /sign in as (\S+) \/ (\S+)/.exec(output);
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    consoleUrl,
    tabletUrl,
    joinCode,
    director: { username: signIn?.[1] ?? 'demo-director', password: signIn?.[2] === '(printed' ? undefined : signIn?.[2] },
    output: () => output,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}
