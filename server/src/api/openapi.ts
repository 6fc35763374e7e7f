import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_ROUTES, CSRF_HEADER, ERROR_CODES, SURVEY_TOKEN_HEADER, type RouteAccess, type RouteSpec } from '@startex/shared';
import { SESSION_COOKIE } from '../auth/access.ts';

const ACCESS: Record<RouteAccess, string> = {
  public: 'Anyone.',
  session: 'A signed-in person (the session cookie).',
  'exercise-role': 'A signed-in person whose role in the exercise allows it (the permission table, scenarios/src/engine/policy.ts).',
  'global-role': 'A signed-in person whose global role (planner, administrator) allows it.',
  'agency-role': 'A signed-in person whose global role (programme manager, trainer, planner) allows it, or the focal point of the agency concerned, who sees that agency\'s part and no other.',
  'survey-token': `A signed-in person whose global role allows it, the focal point of the survey's agency, or whoever holds the survey's one-time token, sent in the \`${SURVEY_TOKEN_HEADER}\` header (no session).`,
};

const ErrorBody = z.object({
  statusCode: z.number().int(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  error: z.string(),
  message: z.string(),
  /** A scenario document's problems, each with its path (SCENARIO_INVALID). */
  problems: z.array(z.unknown()).optional(),
});

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): requests as they are sent, responses as they arrive. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** `/api/exercises/:id` as OpenAPI writes it: `/api/exercises/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(spec: RouteSpec) {
  type ObjectSchema = { properties?: Record<string, object>; required?: string[]; anyOf?: ObjectSchema[] };
  const of = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const object = jsonSchema(schema, 'input') as ObjectSchema;
    // A query that is one of several forms (replay: atMs or atSeq) lists each form's parameters, none of them required.
    const forms = object.anyOf ?? [object];
    return forms.flatMap((form) =>
      Object.entries(form.properties ?? {}).map(([name, property]) => ({ name, in: where, required: where === 'path' || (!object.anyOf && (form.required ?? []).includes(name)), schema: property })),
    );
  };
  return [...of(spec.params, 'path'), ...of(spec.query, 'query')];
}

/** A file's bytes, as OpenAPI 3.1 writes a body that is not JSON. */
const FILE = { type: 'string', contentMediaType: 'application/octet-stream' };

/** A JSON body by its schema; a body of other media types (a YAML scenario) as text of each type. */
function requestContent(spec: RouteSpec, body: z.ZodType) {
  const types = spec.consumes ?? ['application/json'];
  return Object.fromEntries(types.map((type) => [type, { schema: type === 'application/json' ? jsonSchema(body, 'input') : { type: 'string' } }]));
}

/** A WebSocket route's answer: 101, and the messages the socket then carries (OpenAPI has no word for them, hence an extension). */
function upgraded(spec: RouteSpec) {
  return {
    description: 'Switching Protocols: the connection becomes a WebSocket; each message the server sends on it is JSON of the schema in x-websocket-messages.',
    'x-websocket-messages': jsonSchema(spec.response, 'output'),
  };
}

function operation(name: string, spec: RouteSpec) {
  const writes = spec.method !== 'GET';
  return {
    operationId: name,
    summary: spec.summary,
    description: `Who: ${ACCESS[spec.access]}${writes && spec.access !== 'public' ? ` Send the session's CSRF token in \`${CSRF_HEADER}\` and an Origin of this server.` : ''}`,
    tags: [spec.tag],
    ...(spec.access === 'public' ? { security: [] } : {}),
    parameters: parameters(spec),
    ...(spec.body ? { requestBody: { required: true, content: requestContent(spec, spec.body) } } : {}),
    responses: {
      ...(spec.upgrade
        ? { '101': upgraded(spec) }
        : {
            ...(spec.dryRun ? { '200': { description: 'Checked only (dryRun): nothing saved.', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } } } : {}),
            [String(spec.status ?? 200)]: { description: 'Done.', content: spec.produces ? { [spec.produces]: { schema: FILE } } : { 'application/json': { schema: jsonSchema(spec.response, 'output') } } },
          }),
      default: { description: 'Refused, with a catalogue code (shared/src/errors.ts) and a message a person can read.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

/** The OpenAPI 3.1 document of the route table. */
export function openApiDocument() {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const [name, spec] of Object.entries(API_ROUTES) as [string, RouteSpec][]) {
    (paths[openApiPath(spec.path)] ??= {})[spec.method.toLowerCase()] = operation(name, spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'StartEx API',
      version: '1',
      description: [
        'The REST API of StartEx. Sign in with `POST /api/auth/login`; the session is an HttpOnly cookie.',
        `Every write made with the session cookie must carry the CSRF token of the sign-in answer in the \`${CSRF_HEADER}\` header and come from this server's origin (the Origin header); otherwise it is refused with CSRF_FAILED.`,
        'Errors answer with a catalogue code (`code`) and a message a person can read.',
      ].join('\n\n'),
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
    },
    security: [{ session: [] }],
    paths,
  };
}

/** Serves the document at /api/docs/json and a readable reference of it at /api/docs. */
export async function apiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, { mode: 'static', specification: { document: openApiDocument() as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}
