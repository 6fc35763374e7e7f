import { useRef } from 'react';
import type { ExerciseView, LogEntry } from '@startex/shared';
import { controlView, type ControlFold } from './controlView.ts';

/** The console's view, projected from its log by the exercise engine (controlView.ts), the fold kept between renders. */
export function useControlView(view: ExerciseView | undefined, entries: readonly LogEntry[], now: number): ExerciseView | undefined {
  const fold = useRef<ControlFold | undefined>(undefined);
  if (!view) return undefined;
  // A cache of a pure fold: rendering twice folds nothing twice (foldOn skips what the state holds).
  const projected = controlView(fold.current, view, entries, now);
  fold.current = projected.fold;
  return projected.view;
}
