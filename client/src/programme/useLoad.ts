import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from '../lib/api.ts';

/** A GET through the API, reloadable; `path` undefined waits (e.g. for sign-in). */
export function useLoad<T>(path: string | undefined, headers?: Record<string, string>): { data: T | undefined; error: ApiError | undefined; reload: () => Promise<void> } {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const header = headers ? JSON.stringify(headers) : '';
  const reload = useCallback(async () => {
    if (path === undefined) return;
    const result = await api<T>(path, header ? { headers: JSON.parse(header) as Record<string, string> } : {});
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
