import { useCallback, useEffect, useState } from 'react';
import type { RouteRequest, RouteResponse, RouteSpec } from '@startex/shared';
import { api, routeHref, type ApiError, type ApiResult } from '../lib/api.ts';

type Address<S extends RouteSpec> = Omit<RouteRequest<S>, 'body'>;
const addressOf = <S extends RouteSpec>(route: S, input: Address<S>) => routeHref(route as RouteSpec, input as Address<RouteSpec>);

/** A GET of a route of the table, reloadable; `input` undefined waits (e.g. for sign-in). `headers`: a survey's one-time token. */
export function useLoad<S extends RouteSpec & { method: 'GET' }>(
  route: S,
  input: Address<S> | undefined,
  headers?: Record<string, string>,
): { data: RouteResponse<S> | undefined; error: ApiError | undefined; reload: () => Promise<void> } {
  const [data, setData] = useState<RouteResponse<S> | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const path = input === undefined ? undefined : addressOf(route, input);
  const header = headers ? JSON.stringify(headers) : '';
  const reload = useCallback(async () => {
    if (path === undefined) return;
    const result = await api<RouteResponse<S>>(path, header ? { headers: JSON.parse(header) as Record<string, string> } : {});
    if (result.ok) {
      setData(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [path, header]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}

/** `call` with extra headers: a survey answered with its one-time token (SURVEY_TOKEN_HEADER) rather than a session. */
export function callWithHeaders<S extends RouteSpec>(route: S, input: RouteRequest<S>, headers: Record<string, string> | undefined): Promise<ApiResult<RouteResponse<S>>> {
  const { body } = input as { body?: unknown };
  return api(addressOf(route, input), { method: route.method, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
}
