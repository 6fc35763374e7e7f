import type { FastifyInstance } from 'fastify';
import type { GatewayServer } from '../realtime/gateway.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { ClusterNode } from './ClusterNode.ts';
import { ClusterMetrics } from './clusterMetrics.ts';

/**
 * What a load balancer and an operator ask a node: whether to send it clients (readiness), which
 * exercises it owns, and its metrics in Prometheus text format. On one node it owns every exercise
 * it loaded, and is ready once it listens (the store migrated before the app was built).
 */
export function nodeRoutes(deps: { cluster: ClusterNode | undefined; runtime: ExerciseRuntime; io: GatewayServer }) {
  const { cluster, runtime, io } = deps;
  const metrics = cluster?.metrics ?? new ClusterMetrics({ connections: () => io.engine.clientsCount, owned: () => runtime.loaded().length });
  return async (app: FastifyInstance) => {
    app.get('/api/health/ready', async (_request, reply) => {
      // The store ran its migrations before the app was built: a node that answers has them.
      const checks = { migrated: true, ...(cluster ? await cluster.readiness() : {}) };
      const ready = Object.values(checks).every(Boolean);
      return reply.status(ready ? 200 : 503).send({ ready, checks });
    });
    app.get('/api/health/node', async () => ({ node: cluster?.node ?? 'single', owns: cluster ? cluster.owned() : runtime.loaded() }));
    app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  };
}
