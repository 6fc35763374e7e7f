import { afterAll, describe, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { crashAndRestart, stopCrashedServers, type CrashedDatabase } from '../crashAndRestart.ts';
import { freshDatabase } from './databases.ts';

afterAll(stopCrashedServers);

/** The server processes keep their data in a new PostgreSQL database, which the first start migrates. */
async function postgresDatabase(): Promise<CrashedDatabase> {
  const url = await freshDatabase({ empty: true });
  return {
    env: { STARTEX_DATABASE_URL: url },
    async readLog() {
      const store = await PostgresStore.open(url);
      try {
        return await store.readLog('demo');
      } finally {
        await store.close();
      }
    },
  };
}

describe('a server process on PostgreSQL killed with SIGKILL mid-play', () => {
  it('loses nothing acknowledged (injects released and acknowledged, actions taken), and a timer that came due while it was down fires late on restart', async ({ expect }) => {
    // As server/test/crash.test.ts on SQLite: the alarm is due 6 s after StartEx; the process dies at 1.5 s and stays down past 6 s.
    await crashAndRestart(expect, { speed: 20, crashAfterMs: 1_500, late: true, database: await postgresDatabase() });
  }, 90_000);
});
