import type { FastifyInstance } from 'fastify';
import { scenarioJsonSchemaText } from '@startex/scenarios';

/**
 * The scenario document's JSON Schema, for YAML and JSON editors (scenarios/README.md, "Editor
 * support"). Public like the format it describes: an editor fetches it without signing in.
 */
export function scenarioSchemaRoute(app: FastifyInstance): void {
  let text: string | undefined;
  app.get('/api/scenarios/schema.json', async (_request, reply) => reply.type('application/schema+json; charset=utf-8').send((text ??= scenarioJsonSchemaText())));
}
