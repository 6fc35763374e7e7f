import { useEffect, useState } from 'react';
import { API_ROUTES } from '@startex/shared';
import { call } from '../lib/api.ts';
import type { SessionState } from '../lib/useSession.ts';

/** Per-device evaluator storage, keyed by exercise (and user for what is theirs alone). */
export const evaluatorKeys = {
  identity: (exerciseId: string) => `startex.evaluator.identity.${exerciseId}`,
  cache: (exerciseId: string, userId: string) => `startex.evaluator.cache.${exerciseId}.${userId}`,
  outbox: (exerciseId: string, userId: string) => `startex.outbox.evaluator.${exerciseId}.${userId}`,
};

/**
 * The evaluator last signed in on this device for this exercise. A reload without network cannot
 * ask the server who is signed in, so the evaluator tablet opens with this identity and its saved
 * view; a server that answers "not signed in" sends the person back to the sign-in form.
 */
export function useRememberedEvaluator(exerciseId: string, session: SessionState): { userId: string | undefined } {
  const key = evaluatorKeys.identity(exerciseId);
  const [remembered, setRemembered] = useState(() => localStorage.getItem(key) ?? undefined);
  const signedIn = session.session?.user.id;

  useEffect(() => {
    if (!signedIn) return;
    localStorage.setItem(key, signedIn);
    setRemembered(signedIn);
  }, [key, signedIn]);

  useEffect(() => {
    if (session.loading || signedIn || !remembered) return;
    let current = true;
    // Status 0 is "the server cannot be reached": stay with the remembered evaluator. Signed out
    // (from the app's menu, or the session ended): forget them and what this device saved for them.
    void call(API_ROUTES.me).then((result) => {
      if (!current || (!result.ok && result.status === 0)) return;
      localStorage.removeItem(evaluatorKeys.cache(exerciseId, remembered));
      localStorage.removeItem(key);
      setRemembered(undefined);
    });
    return () => {
      current = false;
    };
  }, [exerciseId, key, session.loading, signedIn, remembered]);

  return { userId: signedIn ?? remembered };
}
