import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SERVER_ROOT = join(import.meta.dirname, '../..');

/** `pnpm admin <args>` as a real process, with the data directory the way the server is given it. */
export function adminCli(args: string[], dataDir: string, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: SERVER_ROOT,
      env: { ...process.env, STARTEX_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
