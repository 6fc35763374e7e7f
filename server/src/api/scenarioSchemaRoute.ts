import type { FastifyInstance } from 'fastify';
import { API_ROUTES } from '@startex/shared';
import { scenarioJsonSchemaText } from '@startex/scenarios';
import { serve } from './typedRoute.ts';

/**
 * The scenario document's JSON Schema, for YAML and JSON editors (scenarios/README.md, "Editor
 * support"). Public like the format it describes: an editor fetches it without signing in.
 */
export function scenarioSchemaRoute(app: FastifyInstance): void {
  let text: string | undefined;
  serve(app, API_ROUTES.scenarioSchema, async () => (text ??= scenarioJsonSchemaText()));
}
