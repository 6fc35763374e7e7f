import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { RouteSpec } from '@startex/shared';
import { parse } from './parse.ts';

type Parsed<S extends RouteSpec, K extends 'params' | 'query' | 'body'> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

/**
 * What a handler reads of its request, parsed by the route's schemas when it asks: a handler
 * checks who is calling first, so a stranger's malformed body is still answered 401.
 */
export interface RouteInput<S extends RouteSpec> {
  params(): Parsed<S, 'params'>;
  query(): Parsed<S, 'query'>;
  body(): Parsed<S, 'body'>;
}

export type RouteHandler<S extends RouteSpec> = (input: RouteInput<S>, request: FastifyRequest, reply: FastifyReply) => Promise<z.input<S['response']>>;

/**
 * Serves one entry of the route table (API_ROUTES): its method and path, its schemas for the
 * request (VALIDATION_FAILED naming the field), its status (200 for a dry run), and a handler typed by its response
 * (a file route's handler answers the file's bytes or text, see `download`).
 */
export function serve<S extends RouteSpec>(app: FastifyInstance, spec: S, handler: RouteHandler<S>, options: Pick<RouteShorthandOptions, 'bodyLimit'> = {}): void {
  const part = <K extends 'params' | 'query' | 'body'>(key: K, request: FastifyRequest) => {
    const schema = spec[key];
    const value = key === 'params' ? request.params : key === 'query' ? request.query : request.body;
    return (schema ? parse(schema, value, key) : undefined) as Parsed<S, K>;
  };
  app.route({
    method: spec.method,
    url: spec.path,
    ...options,
    handler: async (request, reply) => {
      let body: { value: Parsed<S, 'body'> } | undefined;
      const input: RouteInput<S> = { params: () => part('params', request), query: () => part('query', request), body: () => (body ??= { value: part('body', request) }).value };
      const result = await handler(input, request, reply);
      const checkOnly = spec.dryRun && (body?.value as { dryRun?: boolean } | undefined)?.dryRun === true;
      if (spec.status) reply.status(checkOnly ? 200 : spec.status);
      // A file's handler may name its own media type (a chart as SVG or PNG); otherwise the table's.
      if (spec.produces && !reply.hasHeader('content-type')) reply.type(spec.produces);
      return result;
    },
  });
}
