import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, CLIENT_DIST } from './app.ts';
import { DEMO_EXERCISE_ID, seedDemo } from './seedDemo.ts';
import { SqliteStore } from './store/SqliteStore.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// pnpm runs this in server/; a relative STARTEX_DATA_DIR means relative to where the user ran the command.
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.STARTEX_DATA_DIR ?? join(repoRoot, 'data'));
const demoSpeed = Number(process.env.STARTEX_DEMO_SPEED ?? 10);

const store = new SqliteStore(join(dataDir, 'startex.sqlite'));
const server = await buildApp({
  store,
  clientDist: process.env.NODE_ENV === 'production' ? CLIENT_DIST : undefined,
  logger: process.env.STARTEX_LOG === '1',
});
const grants = await seedDemo(server.runtime, demoSpeed);
const address = await server.app.listen({ port, host });
const base = address.replace('0.0.0.0', '127.0.0.1');

const console_ = grants.find((g) => g.role === 'controller')!;
console.log(`StartEx is running on ${base} (data: ${dataDir})`);
console.log(`Controller console:  ${base}/console/${DEMO_EXERCISE_ID}#token=${console_.token}`);
for (const grant of grants.filter((g) => g.role === 'participant')) {
  console.log(`Participant tablet:  ${base}/tablet#code=${grant.token}   (team ${grant.teamId}, join code ${grant.token})`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
