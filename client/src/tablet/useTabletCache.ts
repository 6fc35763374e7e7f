import { useEffect, useState } from 'react';
import type { ExerciseView, LogEntry } from '@startex/shared';
import type { ExerciseConnection } from '../lib/useExercise.ts';
import { loadJson, storageKeys } from './storage.ts';

interface Cached {
  view: ExerciseView;
  entries: LogEntry[];
}

/**
 * The last view and log this tablet received, so a reload in a dead zone still shows the inbox
 * and lets the team queue actions. Replaced by the live copy as soon as the first sync answers.
 */
export function useTabletCache(code: string, exercise: ExerciseConnection): { view?: ExerciseView | undefined; entries: LogEntry[]; fromCache: boolean } {
  const key = storageKeys.cache(code);
  const [cached] = useState(() => loadJson<Cached | null>(key, null));

  useEffect(() => {
    if (!exercise.view) return;
    try {
      localStorage.setItem(key, JSON.stringify({ view: exercise.view, entries: exercise.entries } satisfies Cached));
    } catch {
      // Storage full: the live copy still works, only the offline fallback is stale.
    }
  }, [key, exercise.view, exercise.entries]);

  if (exercise.view) return { view: exercise.view, entries: exercise.entries, fromCache: false };
  return { view: cached?.view, entries: cached?.entries ?? [], fromCache: cached !== null };
}
