import i18next from 'i18next';
import { formatClockTime } from '../lib/clock.ts';

/** Exercise time as HH:MM:SS, or a dash when unknown. */
export function clock(ms: number | undefined): string {
  return ms === undefined ? '—' : formatClockTime(ms);
}

/**
 * A duration in the reader's language, or a dash: whole seconds under a minute ("12 s"), else
 * minutes with one decimal ("2.5 min", "2,5 min" in Lithuanian). A 2-second delivery is no "0.0 min".
 */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const format = (n: number, digits: number) => new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  return ms < 60_000
    ? `${format(Math.round(ms / 1000), 0)} ${i18next.t('metrics.unit.seconds', { ns: 'review' })}`
    : `${format(ms / 60_000, 1)} ${i18next.t('metrics.unit.minutes', { ns: 'review' })}`;
}
