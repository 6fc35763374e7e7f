import { useSyncExternalStore } from 'react';
import { API_ROUTES, ERROR_CATALOGUE, type ErrorDetail, type ExerciseRole, type SessionView } from '@startex/shared';
import { call, setCsrfToken } from './api.ts';

export interface SessionState {
  loading: boolean;
  session?: SessionView | undefined;
  error?: ErrorDetail | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

type Snapshot = Pick<SessionState, 'loading' | 'session' | 'error'>;

/**
 * One session for the whole page: the app shell and the view inside it read the same store, so a
 * sign-in on a view's form shows in the shell's menu at once, and /api/auth/me is asked once.
 */
let snapshot: Snapshot = { loading: true };
let asked = false;
const listeners = new Set<() => void>();

function accept(session: SessionView | undefined, error?: ErrorDetail): void {
  setCsrfToken(session?.csrfToken);
  // Signed in with a generated password: not a session for the page until the person sets their own (the sign-in form asks).
  if (session?.passwordChangeRequired) {
    snapshot = { loading: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: ERROR_CATALOGUE.PASSWORD_CHANGE_REQUIRED.message } };
  } else {
    snapshot = { loading: false, ...(session ? { session } : {}), ...(error ? { error } : {}) };
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!asked) {
    asked = true;
    void call(API_ROUTES.me).then((r) => accept(r.ok ? r.value : undefined));
  }
  return () => listeners.delete(listener);
}

async function login(username: string, password: string): Promise<void> {
  const result = await call(API_ROUTES.login, { body: { username, password } });
  accept(result.ok ? result.value : undefined, result.ok ? undefined : result.error);
}

async function logout(): Promise<void> {
  await call(API_ROUTES.logout);
  accept(undefined);
}

/** The signed-in person (from the session cookie), with sign-in and sign-out. */
export function useSession(): SessionState {
  const state = useSyncExternalStore(subscribe, () => snapshot);
  return { ...state, login, logout };
}

/** The signed-in person's role in one exercise, if they have one. */
export function roleIn(session: SessionView | undefined, exerciseId: string): ExerciseRole | undefined {
  return session?.memberships.find((m) => m.exerciseId === exerciseId)?.role;
}
