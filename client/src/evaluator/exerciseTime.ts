import type { ExerciseView } from '@startex/shared';
import { exerciseNowMs, useNow } from '../lib/clock.ts';

const MAX_MS = 14 * 24 * 3_600_000; // the protocol's bound on observedAtMs

/** Exercise milliseconds since StartEx now, run locally from the last view (lib/clock.ts). */
export function useExerciseTimeMs(view: ExerciseView | undefined): number | undefined {
  // Twice per exercise second, so a sped-up clock does not lag the one in the header.
  const now = useNow(Math.max(50, 500 / (view?.clock.speed ?? 1)));
  return view && Math.floor(exerciseNowMs(view, now));
}

/** Reads "HH:MM:SS" or "HH:MM" (an optional leading "T+" is accepted); undefined when malformed. */
export function parseTimeField(text: string): number | undefined {
  const match = /^(?:T\+)?\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/i.exec(text.trim());
  if (!match) return undefined;
  const ms = ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] ?? 0)) * 1000;
  return ms <= MAX_MS ? ms : undefined;
}
