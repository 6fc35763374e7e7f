import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type StartexApp } from '../src/app.ts';
import { DEMO_EXERCISE_ID, seedDemo } from '../src/seedDemo.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';

/** Starts StartEx on a data directory as `pnpm start` does (seeding the demo), then closes it. */
async function startOn(dataDir: string, whileRunning: (server: StartexApp, codes: string[]) => Promise<void> = async () => {}): Promise<string[]> {
  const store = new SqliteStore(join(dataDir, 'startex.sqlite'));
  const server = await buildApp({ store });
  try {
    const demo = await seedDemo(server.runtime, server.identity, store, 600);
    const codes = demo.joinCodes.map((g) => g.token);
    await whileRunning(server, codes);
    return codes;
  } finally {
    await server.close();
  }
}

describe('the demo seeding on a reused data directory', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps a valid join code and prints a fresh one when the old ones expired or were revoked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'startex-seed-'));
    dirs.push(dataDir);
    const [first] = await startOn(dataDir);
    expect(first).toBeDefined();
    // A second start reuses the exercise and its still-valid code.
    expect(await startOn(dataDir)).toEqual([first]);

    // Thirty-one days later the code has expired: the next start must not print a dead tablet link.
    const db = new Database(join(dataDir, 'startex.sqlite'));
    db.prepare('UPDATE access_grants SET expires_at = ? WHERE exercise_id = ?').run(Date.now() - 1000, DEMO_EXERCISE_ID);
    db.close();
    const [afterExpiry] = await startOn(dataDir, async (server, codes) => {
      await expect(server.identity.checkJoinCode(first!)).rejects.toMatchObject({ code: 'JOIN_CODE_INVALID' });
      await expect(server.identity.checkJoinCode(codes[0]!)).resolves.toMatchObject({ exerciseId: DEMO_EXERCISE_ID, role: 'participant' });
    });
    expect(afterExpiry).not.toEqual(first);

    // A revoked code is replaced the same way.
    const [afterRevocation] = await startOn(dataDir, async (server) => {
      await server.identity.revokeJoinCode('test', DEMO_EXERCISE_ID, afterExpiry!);
    });
    expect(afterRevocation).toEqual(afterExpiry);
    const [replaced] = await startOn(dataDir, async (server, codes) => {
      await expect(server.identity.checkJoinCode(codes[0]!)).resolves.toMatchObject({ teamId: expect.any(String) });
    });
    expect(replaced).not.toEqual(afterExpiry);
  });
});
