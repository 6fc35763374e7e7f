import type { TFunction } from 'i18next';

/** Scenario time in the reader's language: "Day 2 14:05" / "Diena 2 14:05", seconds on request. */
export function scenarioTime(t: TFunction, ms: number, withSeconds = false): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const day = Math.floor(total / 86_400) + 1;
  const hh = String(Math.floor((total % 86_400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return t('tablet:time.day', { day, time: withSeconds ? `${hh}:${mm}:${ss}` : `${hh}:${mm}` });
}
