import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../e2e/serverProcess.ts';

const execFile = promisify(execFileCallback);

/** A throwaway PostgreSQL server for one test run: its own data folder, a free loopback port, a random password. */
export interface PostgresCluster {
  /** The superuser's URL of `database` (the maintenance database `postgres` when omitted). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and keeps its data (`fast`: sessions are ended and told so; `immediate`: as a crash), for tests of an outage. */
  stopServer(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again on the same port. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
  /** The same, for a process that is exiting and cannot wait. */
  stopNow(): void;
}

const SUPERUSER = 'startex';
/** initdb refuses to run as root; the Debian package's own account runs the cluster then. */
const UNPRIVILEGED_USER = 'postgres';

/**
 * Starts a new PostgreSQL cluster (Debian's `postgresql` package: scripts/install-test-deps.sh
 * installs it) in a temporary folder, listening on 127.0.0.1 only, no Unix socket. As root (CI),
 * initdb and the server run as the `postgres` account through runuser; as anyone else, as that user.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = serverBinaries();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => (asRoot ? execFile('runuser', ['-u', UNPRIVILEGED_USER, '--', join(bin, command), ...args]) : execFile(join(bin, command), args));
  const runNow = (command: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', UNPRIVILEGED_USER, '--', join(bin, command), ...args], { stdio: 'ignore' }) : execFileSync(join(bin, command), args, { stdio: 'ignore' });

  const base = mkdtempSync(join(scratchFolder(), 'startex-postgres-'));
  const data = join(base, 'data');
  const logFile = join(base, 'server.log');
  const passwordFile = join(base, 'password');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, UNPRIVILEGED_USER], { encoding: 'utf8' }).trim()));
    chownSync(base, uid!, gid!);
    chownSync(passwordFile, uid!, gid!);
  }
  try {
    // --no-sync: the cluster lives for one run; the server itself still flushes every commit (fsync stays on).
    await run('initdb', ['-D', data, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } finally {
    rmSync(passwordFile, { force: true });
  }

  let port = 0;
  // pg_ctl hands -o to a shell: -k '' turns the Unix socket off.
  const start = () => run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port} -h 127.0.0.1 -k '' -c max_connections=300`, 'start']);
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start.
      if (attempt === 3) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`, { cause: error });
    }
  }

  let stopped = false;
  const url = (database = 'postgres') => `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name) {
      const admin = new pg.Client(url());
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stopServer(mode) {
      await run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    async startServer() {
      await start();
    },
    // Immediate: the cluster is thrown away, so its shutdown checkpoint (every test database's pages, flushed) is not worth waiting for.
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(base, { recursive: true, force: true });
    },
    stopNow() {
      if (stopped) return;
      stopped = true;
      runNow('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/**
 * Memory (/dev/shm) when it has room, else the temporary folder: the cluster is thrown away, so a
 * disk gains it nothing, and on a busy disk each test database (a copy of the template with its
 * write-ahead log) and the removal of them all at the end cost seconds.
 */
function scratchFolder(): string {
  const memory = '/dev/shm';
  try {
    const { bavail, bsize } = statfsSync(memory);
    if (bavail * bsize >= 4 * 1024 ** 3) return memory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return tmpdir();
}

/** The newest PostgreSQL 15 or later that Debian installed, else the one on PATH. */
function serverBinaries(): string {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).map(Number).filter((v) => v >= 15 && existsSync(join(debian, String(v), 'bin/initdb'))) : [];
  if (versions.length > 0) return join(debian, String(Math.max(...versions)), 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error('PostgreSQL 15 server programs (initdb, pg_ctl) not found: run `bash scripts/install-test-deps.sh`, which installs the Debian package postgresql.', { cause: error });
  }
}
