import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ExerciseView } from '@startex/shared';

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

/** "4 min 05 s" for a duration. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Story time in the user's language: "Day 1 10:05" ("Diena 1 10:05"), with seconds when asked. */
export function formatStoryTime(t: TFunction, scenarioMs: number, seconds = false): string {
  const total = Math.max(0, Math.floor(scenarioMs / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}${seconds ? `:${two(total % 60)}` : ''}`;
  return t('storyTime', { day: Math.floor(total / 86_400) + 1, time });
}
