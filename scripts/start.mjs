// `pnpm start`: builds the client and the server bundle only if their sources changed, then runs
// the bundled server in this process (a restart with nothing changed loads one file, no build).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, TARGETS } from './build.mjs';

try {
  await buildIfStale();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
process.env.NODE_ENV = 'production';
const server = TARGETS.find((target) => target.name === 'server');
await import(pathToFileURL(join(import.meta.dirname, '..', server.output)).href);
