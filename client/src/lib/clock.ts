import { useEffect, useState } from 'react';
import { formatScenarioTime, type ExerciseView } from '@startex/shared';

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

/** The exercise clock, run locally from the last view the server sent. */
export function useExerciseClock(view: ExerciseView | undefined): { exercise: string; scenario: string } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);
  if (!view) return { exercise: '—', scenario: '—' };
  const { clock } = view;
  // `now` is from the last tick and may be older than the view just received: never show time before it.
  const exerciseMs = clock.running ? clock.exerciseTimeMs + Math.max(0, now - clock.atWallTime) * clock.speed : clock.exerciseTimeMs;
  return { exercise: formatExerciseTime(exerciseMs), scenario: formatScenarioTime(clock.scenarioStartMs + exerciseMs) };
}
