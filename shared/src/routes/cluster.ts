import { z } from 'zod';
import { FileContent, route, type RouteSpec } from './spec.ts';

/** Whether a node should be sent clients, with each check it made (503 with the same body while one fails). */
const NodeReadiness = z.object({ ready: z.boolean(), checks: z.record(z.string(), z.boolean()) });

/** A node's name and the exercises it owns now ('single' and every exercise it loaded, on one node). */
const NodeOwnership = z.object({ node: z.string(), owns: z.array(z.string()) });

/** What a load balancer and an operator ask each node directly (README "Running several nodes"); the proxy configuration keeps them inside. */
export const CLUSTER_ROUTES = {
  nodeReadiness: route({ method: 'GET', path: '/api/health/ready', tag: 'server', access: 'public', summary: 'Whether this node should be sent clients: migrated, and on several nodes listening to the others and holding its ownership connection (503 with the same body while not).', response: NodeReadiness }),
  nodeOwnership: route({ method: 'GET', path: '/api/health/node', tag: 'server', access: 'public', summary: 'This node\'s name and the exercises it owns now.', response: NodeOwnership }),
  nodeMetrics: route({ method: 'GET', path: '/metrics', tag: 'server', access: 'public', summary: 'This node\'s metrics in Prometheus text format: connections, inputs, commit and fan-out latency, timer lateness, owner changes.', produces: 'text/plain; version=0.0.4', response: FileContent }),
} satisfies Record<string, RouteSpec>;
