import { z } from 'zod';
import { LogEntry } from '../logEntry.ts';

/**
 * The REST API is one typed table (API_ROUTES, ./index.ts), kept in one file per area: each
 * route's method, path, parameters, query, body and response. The server serves a route from its
 * entry (server/src/api/typedRoute.ts), the client calls it through its entry (client/src/lib/api.ts
 * `call`, or `routeHref` for a file it links to), and the OpenAPI document at /api/docs is generated
 * from it. Bodies and queries are validated with these schemas and refused with VALIDATION_FAILED;
 * responses are typed by them.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route, as the OpenAPI document says it. */
export type RouteAccess =
  /** Anyone. */
  | 'public'
  /** A signed-in person (the session cookie). */
  | 'session'
  /** A signed-in person with a role in the exercise that allows it. */
  | 'exercise-role'
  /** A signed-in person with a global role (planner, administrator) that allows it. */
  | 'global-role'
  /** The centre by its global role, or the focal point of the agency concerned (that agency's part only). */
  | 'agency-role'
  /** As 'agency-role', or whoever holds the survey's one-time token (the x-survey-token header, no session). */
  | 'survey-token';

export interface RouteSpec {
  method: Method;
  /** fastify's syntax: `/api/exercises/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The media types of a body that is not JSON (a YAML scenario): the body schema then reads it as text. */
  consumes?: readonly [string, ...string[]];
  /** The success status, when not 200. */
  status?: 201;
  /** The body may ask only to check (`dryRun: true`, nothing saved): that answers 200, not `status`. */
  dryRun?: true;
  /** The media type of a response that is a file (a document, chart or export) rather than JSON; `response` is then `FileContent`. */
  produces?: string;
  /**
   * A WebSocket route (the log feed): a GET with `Upgrade: websocket`, answered 101 Switching
   * Protocols; `response` is then the messages the server sends on the socket. It is served by
   * the WebSocket plugin, not `serve()`, and the client opens it with `WebSocket`, not `call`.
   */
  upgrade?: 'websocket';
  response: z.ZodType;
}

export const route = <const S extends RouteSpec>(spec: S): S => spec;

/** A file a route answers (with `produces`): its bytes or text, sent as they are. */
export const FileContent = z.custom<string | Uint8Array>((value) => typeof value === 'string' || value instanceof Uint8Array, { message: 'a file' });

export const Ok = z.object({ ok: z.literal(true) });
/** `:id` of an /api/exercises/:id/... route. */
export const ExerciseParams = z.object({ id: z.string().min(1).max(64) });
export const MemberParams = ExerciseParams.extend({ userId: z.string().min(1).max(64) });
export const CodeParams = ExerciseParams.extend({ code: z.string().min(1).max(64) });
export const PersonParams = ExerciseParams.extend({ personId: z.string().min(1).max(64) });
export const LogResponse = z.object({ entries: z.array(LogEntry) });
export type LogResponse = z.infer<typeof LogResponse>;
/** What a request that writes to the exercise's log answers: the seq of its entry (a retry under the same key: the first one's). */
export const Logged = z.object({ seq: z.number().int().positive() });

type Part<S extends RouteSpec, K extends 'params' | 'query' | 'body'> = S[K] extends z.ZodType ? { [P in K]: z.input<S[K]> } : { [P in K]?: never };
/** What a call of a route sends: its path parameters, query and body as the client writes them. */
export type RouteRequest<S extends RouteSpec> = Part<S, 'params'> & Part<S, 'query'> & Part<S, 'body'>;
/** What a route answers on success. */
export type RouteResponse<S extends RouteSpec> = z.output<S['response']>;
