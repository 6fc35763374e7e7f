import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ExerciseView } from '@startex/shared';

const MAX_MS = 14 * 24 * 3_600_000; // the protocol's bound on observedAtMs

/** Exercise milliseconds since StartEx now, run locally from the last view (as lib/clock.ts does). */
export function useExerciseTimeMs(view: ExerciseView | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  // Twice per exercise second, so a sped-up clock does not lag the one in the header.
  const tickMs = Math.max(50, 500 / (view?.clock.speed ?? 1));
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(id);
  }, [tickMs]);
  if (!view) return undefined;
  const { clock } = view;
  return Math.floor(clock.running ? clock.exerciseTimeMs + (now - clock.atWallTime) * clock.speed : clock.exerciseTimeMs);
}

/** Reads "HH:MM:SS" or "HH:MM" (an optional leading "T+" is accepted); undefined when malformed. */
export function parseTimeField(text: string): number | undefined {
  const match = /^(?:T\+)?\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/i.exec(text.trim());
  if (!match) return undefined;
  const ms = ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] ?? 0)) * 1000;
  return ms <= MAX_MS ? ms : undefined;
}

/** "Day 2 14:00:00" with the day word in the interface language. */
export function localDay(scenarioTime: string, t: TFunction<'evaluator'>): string {
  return scenarioTime.replace(/^Day (\d+)/, (_, day: string) => t('day', { day }));
}
