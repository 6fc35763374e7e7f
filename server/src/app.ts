import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { API_ROUTES } from '@startex/shared';
import { ScenarioAnalysis, type AnalysisLimits } from './analysis/ScenarioAnalysis.ts';
import type { ClusterOptions } from './cluster/ClusterNode.ts';
import { nodeRoutes } from './cluster/nodeRoutes.ts';
import { adminRoutes } from './api/adminRoutes.ts';
import { authRoutes } from './api/authRoutes.ts';
import { errorBody, registerErrorHandling } from './api/errors.ts';
import { exercisesRoutes } from './api/exercisesRoutes.ts';
import { apiDocs } from './api/openapi.ts';
import { planningRoutes } from './api/planningRoutes.ts';
import { programmeRoutes } from './api/programmeRoutes.ts';
import { reportRoutes } from './api/reportRoutes.ts';
import { reviewRoutes } from './api/reviewRoutes.ts';
import { scenariosRoutes } from './api/scenariosRoutes.ts';
import { studioRoutes } from './api/studioRoutes.ts';
import { serve } from './api/typedRoute.ts';
import { httpAuth } from './auth/httpAuth.ts';
import { IdentityService } from './auth/IdentityService.ts';
import { RateLimits, type RateLimitOptions } from './auth/rateLimits.ts';
import { ConnectionRegistry } from './realtime/ConnectionRegistry.ts';
import { FEED_SOCKET_OPTIONS, feedRoutes } from './realtime/feed.ts';
import { createGateway, presenceOf, type GatewayServer } from './realtime/gateway.ts';
import { FeedRooms } from './realtime/exerciseRooms.ts';
import { UpgradeDispatcher } from './realtime/upgradeDispatcher.ts';
import { ReviewService } from './review/ReviewService.ts';
import { ExerciseRuntime } from './runtime/ExerciseRuntime.ts';
import type { TlsFiles } from './listenSettings.ts';
import type { Store } from './store/ExerciseStore.ts';

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface AppOptions {
  store: Store;
  /** Serve the built client from this folder (production); omit in API-only tests. */
  clientDist?: string | undefined;
  logger?: boolean;
  /** Write the request log to this stream (implies logging), e.g. to read it back in a test. */
  loggerStream?: Writable;
  limits?: RateLimitOptions;
  sessionHours?: number;
  /** Mark cookies Secure: set when StartEx is served over HTTPS (on by default with `https`). */
  secureCookies?: boolean;
  /** Limits of the scenario analysis workers; DEFAULT_ANALYSIS_LIMITS without. */
  analysisLimits?: AnalysisLimits;
  /** Serve HTTPS (API, client, socket.io and the feed) with this certificate and key. */
  https?: TlsFiles | undefined;
  /** Where people reach StartEx, for printed links and QR codes; else the address a request came to. */
  publicUrl?: string | undefined;
  /** How long an exercise out of play stays in memory after its last use with nobody connected (15 minutes without). */
  idleUnloadMs?: number;
  /** Run as one of several nodes on the store's PostgreSQL database (server/src/cluster); one node alone without. */
  cluster?: ClusterOptions | undefined;
}

export interface StartexApp {
  app: FastifyInstance;
  io: GatewayServer;
  runtime: ExerciseRuntime;
  identity: IdentityService;
  /** Checks scenario documents off the main thread (uploads, inline documents, seeds). */
  analysis: ScenarioAnalysis;
  close(): Promise<void>;
}

/** Scripts, styles and connections from this server only; nothing may frame the app. */
const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Credentials that could reach the request log in headers: never written there. */
const LOG_REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["sec-websocket-protocol"]'];

/** Builds the whole server without listening; the entry point and tests decide where it runs. */
export async function buildApp(options: AppOptions): Promise<StartexApp> {
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger || options.loggerStream ? { stream: options.loggerStream ?? process.stdout, redact: LOG_REDACT } : false,
    bodyLimit: 256 * 1024,
    // A malformed URL never reaches a route or the error handler; answer it like every other client error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const body = errorBody(error.statusCode !== undefined && error.statusCode < 500 ? 'VALIDATION_FAILED' : 'INTERNAL', error.message);
      void reply.status(body.statusCode).send(body);
    },
    // The https option only changes the node server fastify makes; routes and plugins see the same instance.
  }) as unknown as FastifyInstance;
  const { store } = options;
  const runtime = new ExerciseRuntime(store, { log: app.log, idleMs: options.idleUnloadMs });
  const sessionHours = options.sessionHours ?? 12;
  const identity = new IdentityService(store, { sessionHours });
  const limits = new RateLimits(options.limits);
  const connections = new ConnectionRegistry(identity);
  runtime.keepLoadedWhile((exerciseId) => connections.connectedTo(exerciseId));
  const analysis = new ScenarioAnalysis(options.analysisLimits);
  registerErrorHandling(app);
  await app.register(fastifyHelmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  await app.register(httpAuth, { identity, secureCookies: options.secureCookies ?? options.https !== undefined, sessionHours });

  serve(app, API_ROUTES.health, async () => ({ ok: true as const }));
  await app.register(apiDocs);
  await app.register(authRoutes(identity, limits));
  await app.register(adminRoutes(store, identity));
  await app.register(exercisesRoutes(runtime, store, identity, analysis));
  await app.register(planningRoutes({ runtime, store, identity, presence: (exerciseId) => presenceOf(io, exerciseId), publicUrl: options.publicUrl }));
  await app.register(scenariosRoutes(store, analysis));
  await app.register(studioRoutes(store, analysis));
  const reviews = new ReviewService(runtime, store);
  await app.register(reportRoutes(runtime, store, identity, reviews));
  await app.register(reviewRoutes(runtime, identity, reviews));
  await app.register(programmeRoutes({ runtime, store, identity, reviews }));
  const upgrades = new UpgradeDispatcher(app.server);
  await app.register(fastifyWebsocket, { options: { ...FEED_SOCKET_OPTIONS, server: upgrades.feedUpgrades } });
  const feeds = new FeedRooms();
  await app.register(feedRoutes({ runtime, identity, limits, connections, feeds }));

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

  // Several nodes serve WebSocket only: a long-polling client's next request may reach another node.
  const io = createGateway({ runtime, identity, limits, connections, feeds, log: app.log, transports: options.cluster ? ['websocket'] : undefined });
  upgrades.attachSocketIo(io);
  const cluster = options.cluster ? await (await import('./cluster/ClusterNode.ts')).ClusterNode.start(options.cluster, store, runtime, io) : undefined;
  await app.register(nodeRoutes({ cluster, runtime, io }));
  await runtime.resumePlay();

  return {
    app,
    io,
    runtime,
    identity,
    analysis,
    async close() {
      connections.stop();
      io.close();
      await app.close();
      await analysis.close();
      await runtime.close();
      await cluster?.close();
      await store.close();
    },
  };
}
