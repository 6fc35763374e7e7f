import { useEffect, useState } from 'react';
import type { ExerciseView } from '@startex/shared';
import { formatStoryTime } from '../i18n/index.ts';

/** "00:02:05" for exercise milliseconds since StartEx (hours may pass 24 in a long exercise). */
export function formatClockTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

/** "T+00:02:05" for exercise milliseconds since StartEx. */
export function formatExerciseTime(ms: number): string {
  return `T+${formatClockTime(ms)}`;
}

/** Exercise milliseconds at wall time `now`, run locally from the last view; never before the view (`now` may be a tick old). */
export function exerciseNowMs(view: ExerciseView, now: number): number {
  const { clock } = view;
  return clock.running ? clock.exerciseTimeMs + Math.max(0, now - clock.atWallTime) * clock.speed : clock.exerciseTimeMs;
}

/** Date.now(), refreshed every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** The exercise clock, run locally from the last view the server sent. */
export function useExerciseClock(view: ExerciseView | undefined): { exercise: string; scenario: string } {
  const now = useNow(250);
  if (!view) return { exercise: '—', scenario: '—' };
  const exerciseMs = exerciseNowMs(view, now);
  return { exercise: formatExerciseTime(exerciseMs), scenario: formatStoryTime(view.clock.scenarioStartMs + exerciseMs, true) };
}
