import { CSRF_HEADER, withoutBidiControls, withTypedTextCleaned, type ErrorDetail, type HttpErrorBody, type RouteRequest, type RouteResponse, type RouteSpec } from '@startex/shared';

let csrfToken: string | undefined;

/** Remembered from the session, so that every write carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** A catalogue error with its itemised findings when the server lists them (rows of an import, problems of a scenario). */
export interface ApiError extends ErrorDetail {
  problems?: unknown[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError; status: number };

/**
 * JSON over fetch with the session cookie; errors come back as catalogue details, never thrown.
 * `text` sends a document as it is (e.g. a YAML scenario) with its own content type.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; text?: { body: string; contentType: string }; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    // What people typed goes without text-direction and control characters, which the server refuses.
    body = JSON.stringify(withTypedTextCleaned(init.body));
  } else if (init.text) {
    headers['content-type'] = init.text.contentType;
    body = init.text.body;
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  try {
    const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}) });
    // Shown text comes without text-direction controls (shared/src/text.ts), whatever was stored.
    const parsed = withoutBidiControls(await jsonBody(response));
    if (response.ok) return { ok: true, value: parsed as T };
    const error = parsed as Partial<HttpErrorBody> | undefined;
    return {
      ok: false,
      status: response.status,
      error: {
        code: error?.code ?? 'INTERNAL',
        message: error?.message ?? `The server answered ${response.status}.`,
        ...(Array.isArray(error?.problems) ? { problems: [...error.problems] } : {}),
      },
    };
  } catch {
    return { ok: false, status: 0, error: { code: 'INTERNAL', message: 'The server cannot be reached.' } };
  }
}

/**
 * Calls one route of the route table (API_ROUTES in @startex/shared), typed by it: the path
 * parameters fill the path, the query is appended, and the answer is the route's response type.
 */
export function call<S extends RouteSpec>(route: S, ...[input]: object extends RouteRequest<S> ? [RouteRequest<S>?] : [RouteRequest<S>]): Promise<ApiResult<RouteResponse<S>>> {
  const { body } = (input ?? {}) as { body?: unknown };
  return api(address(route, input), { method: route.method, ...(body !== undefined ? { body } : {}) });
}

/** The address of a route of the table with its parameters and query: a link to a file it answers (a document, a chart). */
export function routeHref<S extends RouteSpec>(route: S, ...[input]: object extends Omit<RouteRequest<S>, 'body'> ? [Omit<RouteRequest<S>, 'body'>?] : [Omit<RouteRequest<S>, 'body'>]): string {
  return address(route, input);
}

/**
 * Calls a route of the table whose body is a document that is not JSON (`consumes`: a YAML
 * scenario): the text goes as it is, with one of the media types the route takes.
 */
export function callText<S extends RouteSpec & { consumes: readonly string[] }>(
  route: S,
  text: { body: string; contentType: S['consumes'][number] },
  ...[input]: object extends Omit<RouteRequest<S>, 'body'> ? [Omit<RouteRequest<S>, 'body'>?] : [Omit<RouteRequest<S>, 'body'>]
): Promise<ApiResult<RouteResponse<S>>> {
  return api(address(route, input), { method: route.method, text });
}

function address(route: RouteSpec, input: object | undefined): string {
  const { params, query } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown> };
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ''));
  const search = query ? new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]))).toString() : '';
  return search ? `${path}?${search}` : path;
}

/** The body as JSON; undefined when there is none or it is not JSON (a proxy's error page answers in HTML). */
async function jsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
