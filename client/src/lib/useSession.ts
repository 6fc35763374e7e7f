import { useCallback, useEffect, useState } from 'react';
import { ERROR_CATALOGUE, type ErrorDetail, type SessionView } from '@startex/shared';
import { api, setCsrfToken } from './api.ts';

export interface SessionState {
  loading: boolean;
  session?: SessionView | undefined;
  error?: ErrorDetail | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

/** The signed-in person (from the session cookie), with sign-in and sign-out. */
export function useSession(): SessionState {
  const [state, setState] = useState<{ loading: boolean; session?: SessionView; error?: ErrorDetail }>({ loading: true });
  const accept = (session: SessionView | undefined, error?: ErrorDetail) => {
    setCsrfToken(session?.csrfToken);
    // Signed in with a generated password: not a session for the page until the person sets their own (the sign-in form asks).
    if (session?.passwordChangeRequired) {
      setState({ loading: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: ERROR_CATALOGUE.PASSWORD_CHANGE_REQUIRED.message } });
      return;
    }
    setState({ loading: false, ...(session ? { session } : {}), ...(error ? { error } : {}) });
  };

  useEffect(() => {
    void api<SessionView>('/api/auth/me').then((r) => accept(r.ok ? r.value : undefined));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api<SessionView>('/api/auth/login', { method: 'POST', body: { username, password } });
    accept(result.ok ? result.value : undefined, result.ok ? undefined : result.error);
  }, []);

  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' });
    accept(undefined);
  }, []);

  return { ...state, login, logout };
}
