import { formatClockTime } from '../lib/clock.ts';

/** Exercise time as HH:MM:SS, or a dash when unknown. */
export function clock(ms: number | undefined): string {
  return ms === undefined ? '—' : formatClockTime(ms);
}

/** A duration as minutes with one decimal, or a dash. */
export function minutes(ms: number | undefined): string {
  return ms === undefined ? '—' : `${(ms / 60_000).toFixed(1)} min`;
}
