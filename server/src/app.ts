import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody, registerErrorHandling } from './api/errors.ts';
import { exercisesRoutes } from './api/exercisesRoutes.ts';
import { scenariosRoutes } from './api/scenariosRoutes.ts';
import { FEED_SOCKET_OPTIONS, feedRoutes } from './realtime/feed.ts';
import { createGateway, type GatewayServer } from './realtime/gateway.ts';
import { UpgradeDispatcher } from './realtime/upgradeDispatcher.ts';
import { ExerciseRuntime } from './runtime/ExerciseRuntime.ts';
import type { ExerciseStore } from './store/ExerciseStore.ts';

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface AppOptions {
  store: ExerciseStore;
  /** Serve the built client from this folder (production); omit in API-only tests. */
  clientDist?: string | undefined;
  logger?: boolean;
}

export interface StartexApp {
  app: FastifyInstance;
  io: GatewayServer;
  runtime: ExerciseRuntime;
  close(): Promise<void>;
}

/** Builds the whole server without listening; the entry point and tests decide where it runs. */
export async function buildApp(options: AppOptions): Promise<StartexApp> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 256 * 1024 });
  const runtime = new ExerciseRuntime(options.store);
  registerErrorHandling(app);

  app.get('/api/health', async () => ({ ok: true }));
  await app.register(exercisesRoutes(runtime));
  await app.register(scenariosRoutes(options.store));
  const upgrades = new UpgradeDispatcher(app.server);
  await app.register(fastifyWebsocket, { options: { ...FEED_SOCKET_OPTIONS, server: upgrades.feedUpgrades } });
  await app.register(feedRoutes(runtime));

  const clientDist = options.clientDist;
  if (clientDist && existsSync(join(clientDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDist, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (isPage && clientDist && existsSync(join(clientDist, 'index.html'))) {
      // The client routes /console/... and /tablet/... itself.
      return reply.type('text/html').sendFile('index.html');
    }
    const body = errorBody('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.status(body.statusCode).send(body);
  });

  const io = createGateway(runtime);
  upgrades.attachSocketIo(io);
  await runtime.resumeAll();

  return {
    app,
    io,
    runtime,
    async close() {
      io.close();
      await app.close();
      await runtime.close();
      await options.store.close();
    },
  };
}
