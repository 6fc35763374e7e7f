import type { FastifyInstance } from 'fastify';
import { API_ROUTES } from '@startex/shared';
import { serve } from '../api/typedRoute.ts';
import type { GatewayServer } from '../realtime/gateway.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { ClusterNode } from './ClusterNode.ts';
import { ClusterMetrics } from './clusterMetrics.ts';

/**
 * What a load balancer and an operator ask a node (shared/src/routes/cluster.ts): whether to send
 * it clients (readiness), which exercises it owns, and its metrics in Prometheus text format. On
 * one node it owns every exercise it loaded, and is ready once it listens (the store migrated
 * before the app was built).
 */
export function nodeRoutes(deps: { cluster: ClusterNode | undefined; runtime: ExerciseRuntime; io: GatewayServer }) {
  const { cluster, runtime, io } = deps;
  const metrics = cluster?.metrics ?? new ClusterMetrics({ connections: () => io.engine.clientsCount, owned: () => runtime.loaded().length });
  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.nodeReadiness, async (_input, _request, reply) => {
      // The store ran its migrations before the app was built: a node that answers has them.
      const checks = { migrated: true, ...(cluster ? await cluster.readiness() : {}) };
      const ready = Object.values(checks).every(Boolean);
      reply.status(ready ? 200 : 503);
      return { ready, checks };
    });
    serve(app, API_ROUTES.nodeOwnership, async () => ({ node: cluster?.node ?? 'single', owns: cluster ? cluster.owned() : runtime.loaded() }));
    serve(app, API_ROUTES.nodeMetrics, async () => metrics.registry.metrics());
  };
}
