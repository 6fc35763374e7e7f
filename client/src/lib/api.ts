import { CSRF_HEADER, withoutBidiControls, withTypedTextCleaned, type ErrorDetail, type HttpErrorBody } from '@startex/shared';

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
    const parsed = withoutBidiControls((await response.json().catch(() => undefined)) as unknown);
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
