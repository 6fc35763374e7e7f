import { useEffect, useState } from 'react';
import { API_ROUTES, type ExerciseSummary } from '@startex/shared';
import { call } from '../lib/api.ts';

/** The title and status of the exercise in the address, for breadcrumbs and navigation; undefined until known or when refused. */
export function useExerciseSummary(exerciseId: string | undefined, signedIn: boolean): ExerciseSummary | undefined {
  const [summary, setSummary] = useState<ExerciseSummary | undefined>();
  useEffect(() => {
    setSummary(undefined);
    if (!exerciseId || exerciseId === 'new' || !signedIn) return;
    let current = true;
    void call(API_ROUTES.exercise, { params: { id: exerciseId } }).then((r) => {
      if (current && r.ok) setSummary(r.value);
    });
    return () => {
      current = false;
    };
  }, [exerciseId, signedIn]);
  return summary;
}
