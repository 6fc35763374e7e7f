import { CSRF_HEADER, type ErrorCode } from '@startex/shared';

/** A catalogue error with its itemised findings (rows of an import, analyzer problems of a scenario). */
export interface PlanError {
  code: ErrorCode;
  message: string;
  problems?: unknown[];
}

export type PlanResult<T> = { ok: true; value: T } | { ok: false; error: PlanError; status: number };

/**
 * Fetch with the session cookie and CSRF token, keeping the error body's `problems`
 * (lib/api.ts drops them; planning shows every problem of an upload or import).
 * `text` sends a document as it is, e.g. a YAML scenario, with its own content type.
 */
export async function planRequest<T>(
  csrfToken: string,
  path: string,
  init: { method?: string; json?: unknown; text?: { body: string; contentType: string } } = {},
): Promise<PlanResult<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.text) {
    headers['content-type'] = init.text.contentType;
    body = init.text.body;
  }
  try {
    const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}) });
    const parsed = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (response.ok) return { ok: true, value: parsed as T };
    return {
      ok: false,
      status: response.status,
      error: {
        code: (parsed?.code as ErrorCode | undefined) ?? 'INTERNAL',
        message: (parsed?.message as string | undefined) ?? `The server answered ${response.status}.`,
        ...(Array.isArray(parsed?.problems) ? { problems: parsed.problems as unknown[] } : {}),
      },
    };
  } catch {
    return { ok: false, status: 0, error: { code: 'INTERNAL', message: 'The server cannot be reached.' } };
  }
}

/** Reads a chosen file: CSV and scenario documents as text, XLSX as base64 of its bytes. */
export async function readFileAs(file: File, as: 'text' | 'base64'): Promise<string> {
  if (as === 'text') return file.text();
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
