import { CSRF_HEADER, type ErrorDetail, type HttpErrorBody } from '@startex/shared';

let csrfToken: string | undefined;

/** Remembered from the session, so that every write carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorDetail; status: number };

/** JSON over fetch with the session cookie; errors come back as catalogue details, never thrown. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  try {
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (response.ok) return { ok: true, value: body as T };
    const error = body as Partial<HttpErrorBody> | undefined;
    return {
      ok: false,
      status: response.status,
      error: { code: error?.code ?? 'INTERNAL', message: error?.message ?? `The server answered ${response.status}.` },
    };
  } catch {
    return { ok: false, status: 0, error: { code: 'INTERNAL', message: 'The server cannot be reached.' } };
  }
}
