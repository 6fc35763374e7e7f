import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, CLIENT_DIST } from './app.ts';
import { rateLimitsFromSetting } from './auth/rateLimits.ts';
import { publicUrlFromSetting, tlsFromSettings } from './listenSettings.ts';
import { DEMO_EXERCISE_ID, seedDemo, seedScenarioFile } from './seedDemo.ts';
import { describeLocation, openStore, storeLocation } from './store/openStore.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// pnpm runs this in server/; a relative STARTEX_DATA_DIR means relative to where the user ran the command.
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.STARTEX_DATA_DIR ?? join(repoRoot, 'data'));
const demoSpeed = Number(process.env.STARTEX_DEMO_SPEED ?? 10);
const seedFiles = (process.env.STARTEX_SEED_SCENARIO ?? '').split(delimiter).filter((file) => file !== '');

let tls, publicUrl;
try {
  tls = tlsFromSettings(process.env.STARTEX_TLS_CERT, process.env.STARTEX_TLS_KEY);
  publicUrl = publicUrlFromSetting(process.env.STARTEX_PUBLIC_URL);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const location = storeLocation({ databaseUrl: process.env.STARTEX_DATABASE_URL, dataDir });
const store = await openStore(location);
const server = await buildApp({
  store,
  clientDist: process.env.NODE_ENV === 'production' ? CLIENT_DIST : undefined,
  logger: process.env.STARTEX_LOG === '1',
  secureCookies: process.env.STARTEX_SECURE_COOKIES === '1' || tls !== undefined,
  https: tls,
  publicUrl,
  limits: rateLimitsFromSetting(process.env.STARTEX_RATE_LIMITS),
  // On PostgreSQL a node is always one of a cluster (perhaps of one): several may share the database.
  cluster: location.kind === 'postgres' ? { databaseUrl: location.url, nodeId: process.env.STARTEX_NODE_ID || undefined } : undefined,
});
const admin = await server.identity.ensureAdministrator(process.env.STARTEX_ADMIN_PASSWORD || undefined);
const demo = await seedDemo(server.runtime, server.identity, store, demoSpeed);
const seeded = [];
for (const file of seedFiles) {
  seeded.push(await seedScenarioFile(server.runtime, server.identity, store, server.analysis, resolve(process.env.INIT_CWD ?? process.cwd(), file), demoSpeed));
}
const address = await server.app.listen({ port, host });
const local = address.replace('0.0.0.0', '127.0.0.1');
// Links people open on other devices use the public address when one is set.
const base = publicUrl ?? local;

console.log(`StartEx is running on ${local}${publicUrl ? `, for other devices ${publicUrl}` : ''} (data: ${describeLocation(location)})`);
if (admin?.password) console.log(`Administrator:       admin / ${admin.password}   (shown once: keep it, or set STARTEX_ADMIN_PASSWORD on first start)`);
const password = demo.director.password
  ? `${demo.director.password}   (shown once)`
  : '(printed at first start; `pnpm admin reset-password demo-director` sets a new one)';
console.log(`Controller console:  ${base}/console/${DEMO_EXERCISE_ID}   sign in as ${demo.director.username} / ${password}`);
for (const grant of demo.joinCodes.filter((g) => g.role === 'participant')) {
  console.log(`Participant tablet:  ${base}/tablet#code=${grant.token}   (team ${grant.teamId}, join code ${grant.token})`);
}
for (const exercise of seeded) {
  console.log(`Seeded exercise:     ${base}/console/${exercise.id}`);
  for (const grant of exercise.joinCodes.filter((g) => g.role === 'participant')) {
    console.log(`Seeded tablet:       ${base}/tablet#code=${grant.token}   (exercise ${exercise.id}, team ${grant.teamId}, join code ${grant.token})`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
