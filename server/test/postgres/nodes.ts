import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerProcess, type ServerProcess } from '../e2e/serverProcess.ts';

/** A StartEx node process of a test cluster, with its name. */
export interface Node {
  name: string;
  process: ServerProcess;
  url: string;
}

const started: Node[] = [];

/**
 * Starts a StartEx node process (src/main.ts) on the database at `databaseUrl`; the first node of
 * a cluster seeds the demo, the later ones find it. Rate limits are off: the test's tablets act
 * far faster than people.
 */
export async function startNode(name: string, databaseUrl: string, speed: number, env: Record<string, string> = {}): Promise<Node> {
  // Several node processes start at once on two shared cores: give each more than one process's 30 s.
  const process = await startServerProcess({
    startTimeoutMs: 90_000,
    env: { STARTEX_DATABASE_URL: databaseUrl, STARTEX_NODE_ID: name, STARTEX_DEMO_SPEED: String(speed), STARTEX_RATE_LIMITS: 'off', ...env },
  });
  const node = { name, process, url: process.url };
  started.push(node);
  return node;
}

/** Stops every node process the test started (for afterAll), continuing any it stopped with SIGSTOP. */
export async function stopNodes(): Promise<void> {
  for (const node of started.splice(0)) {
    node.process.child.kill('SIGCONT');
    await node.process.stop('SIGKILL');
    rmSync(node.process.dataDir, { recursive: true, force: true });
  }
}

/** The exercises a node says it owns (GET /api/health/node); none when it does not answer. */
export async function ownedBy(node: { url: string }): Promise<string[]> {
  try {
    const response = await fetch(`${node.url}/api/health/node`, { signal: AbortSignal.timeout(1_000) });
    return ((await response.json()) as { owns: string[] }).owns;
  } catch {
    return [];
  }
}

/** Polls an asynchronous check (a node's HTTP answer) until it holds. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** nginx running deploy/nginx-startex-nodes.conf in front of `nodes`, on a free loopback port without TLS. */
export async function startProxy(nodes: { url: string }[]): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'startex-nginx-'));
  const port = await freePort();
  const site = readFileSync(join(import.meta.dirname, '../../../deploy/nginx-startex-nodes.conf'), 'utf8')
    .replace(/^\s*server 10\.0\.0\.\d+:3000 (.*);$/gm, '')
    .replace('keepalive 32;', `${nodes.map((node) => `server ${new URL(node.url).host} max_fails=1 fail_timeout=10s;`).join('\n    ')}\n    keepalive 32;`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, '');
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    // Each proxied WebSocket holds two connections: nginx's default of 512 a worker stops at about 250 clients.
    `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_rlimit_nofile 16384; events { worker_connections 8192; }
http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; include ${dir}/site.conf; }\n`,
  );
  const nginx = spawn(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  // Refused until nginx listens.
  await eventually(async () => fetch(`${url}/api/health`).then((response) => response.ok, () => false), 'nginx in front of the nodes');
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        nginx.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        nginx.kill('SIGTERM');
      }),
  };
}
