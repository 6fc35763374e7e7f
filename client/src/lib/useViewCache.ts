import { useEffect, useState } from 'react';
import type { ExerciseView, LogEntry } from '@startex/shared';
import type { ExerciseConnection } from './useExercise.ts';

interface Cached {
  view: ExerciseView;
  entries: LogEntry[];
}

export interface CachedExercise {
  view?: ExerciseView | undefined;
  entries: LogEntry[];
  /** True while the page shows the saved copy because the live one has not arrived. */
  fromCache: boolean;
}

/**
 * The last view and log this device received, kept in localStorage under `key`, so a reload in a
 * dead zone still shows them and lets the person queue work. The live copy replaces it as soon as
 * the first sync answers.
 */
export function useViewCache(key: string, exercise: ExerciseConnection): CachedExercise {
  const [cached] = useState(() => loadCached(key));

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

function loadCached(key: string): Cached | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as Cached);
  } catch {
    return null;
  }
}
