import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../../server/scripts/bundle.ts';
import { rssBytes } from './workerProcess.ts';

const SERVER_ROOT = fileURLToPath(new URL('../../server/', import.meta.url));

export interface StartexOptions {
  /** Scenario document files to seed as exercises (STARTEX_SEED_SCENARIO). */
  seedFiles?: string[];
  /** Speed factor of the demo and the seeded exercises. */
  speed?: number;
  /** Write a V8 CPU profile of the server here when it stops (node --cpu-prof). */
  profileDir?: string | undefined;
  /** Open the V8 inspector on a loopback port (for heap measurements). */
  inspect?: boolean;
  env?: Record<string, string>;
}

export interface StartexProcess {
  url: string;
  port: number;
  dataDir: string;
  readonly pid: number;
  /** The password is empty on a later node of a cluster: the first one printed it. */
  director: { username: string; password: string };
  /** Join codes by exercise id, then by team id. */
  joinCodes: Map<string, Map<string, string>>;
  /** Every join code of an exercise, one per team, in team order. */
  codesOf(exerciseId: string): string[];
  output(): string;
  /** Kills the process with `signal` and waits for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data directory; resolves when it listens. */
  restart(options?: { fromSources?: boolean }): Promise<void>;
  rss(): number;
  /** The inspector's WebSocket URL, when started with `inspect`. */
  inspectorUrl(): string;
  /** SIGTERM (a profile gets written), then removes the data directory. */
  stop(): Promise<void>;
}

let bundled: Promise<string> | undefined;
const TSX_COMMAND = ['--import', 'tsx', 'src/main.ts'];

/**
 * How the server process starts: from the bundle (`pnpm --filter @startex/server build`, built
 * once per bench run), as a deployment would; with a CPU profile, from the TypeScript sources
 * through tsx instead, so that the profile names each function's own file and package.
 */
async function serverCommand(fromSources: boolean): Promise<string[]> {
  if (fromSources) return TSX_COMMAND;
  bundled ??= bundleServer();
  return [await bundled];
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

/**
 * Starts the server (`server/src/main.ts`, bundled) in a process of its own, on a fresh data
 * directory and a free loopback port, with the rate limits off, and reads what it prints: the
 * demo director's password and a join code per team of every seeded exercise.
 */
export async function startStartex(options: StartexOptions = {}): Promise<StartexProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'startex-bench-'));
  const seedFiles = options.seedFiles ?? [];
  let child: ChildProcess;
  let output = '';

  const main = await serverCommand(options.profileDir !== undefined);
  const launch = async (command = main) => {
    output = '';
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
    const inspect = options.inspect ? ['--inspect=127.0.0.1:0'] : [];
    child = spawn(process.execPath, [...profile, ...inspect, ...command], {
      cwd: SERVER_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        STARTEX_DATA_DIR: dataDir,
        STARTEX_RATE_LIMITS: 'off',
        STARTEX_DEMO_SPEED: String(options.speed ?? 10),
        STARTEX_SEED_SCENARIO: seedFiles.join(delimiter),
        STARTEX_ADMIN_PASSWORD: 'bench administrator password',
        INIT_CWD: SERVER_ROOT,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    const seededLines = () => (output.match(/^Seeded exercise:/gm) ?? []).length;
    while (!/^Participant tablet:/m.test(output) || seededLines() < seedFiles.length || !output.endsWith('\n')) {
      if (child.exitCode !== null) throw new Error(`StartEx exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`StartEx did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The seeded tablets follow their exercise line; wait until the last one's lines are in.
    await new Promise((r) => setTimeout(r, 50));
  };
  await launch();

  const signIn = /sign in as (\S+) \/ (\S+)/.exec(output);
  // A later node of a cluster (STARTEX_DATABASE_URL) finds the director made: the first node printed the password.
  const laterNode = options.env?.STARTEX_DATABASE_URL !== undefined && signIn?.[2] === '(printed';
  if (!signIn || (signIn[2] === '(printed' && !laterNode)) throw new Error(`no director password in:\n${output}`);
  const joinCodes = new Map<string, Map<string, string>>();
  for (const [, exerciseId, teamId, code] of output.matchAll(/^Seeded tablet:.*\(exercise (\S+), team (\S+), join code (\w+)\)/gm)) {
    if (!joinCodes.has(exerciseId!)) joinCodes.set(exerciseId!, new Map());
    joinCodes.get(exerciseId!)!.set(teamId!, code!);
  }
  const demo = new Map([...output.matchAll(/^Participant tablet:.*\(team (\S+), join code (\w+)\)/gm)].map((m) => [m[1]!, m[2]!]));
  joinCodes.set('demo', demo);

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get pid() {
      return child.pid!;
    },
    director: { username: signIn[1]!, password: laterNode ? '' : signIn[2]! },
    joinCodes,
    codesOf: (exerciseId) => [...(joinCodes.get(exerciseId)?.values() ?? [])],
    output: () => output,
    kill: (signal = 'SIGKILL') => waitExit(signal),
    restart: (restartOptions) => launch(restartOptions?.fromSources ? TSX_COMMAND : main),
    rss: () => rssBytes(child.pid!),
    inspectorUrl: () => /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? '',
    async stop() {
      await waitExit('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
