import { rmSync } from 'node:fs';
import { startServerProcess, type ServerProcess } from '../e2e/serverProcess.ts';

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
  const process = await startServerProcess({
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
export async function ownedBy(node: Node): Promise<string[]> {
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
