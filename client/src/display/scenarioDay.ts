import type { TFunction } from 'i18next';

/** "Day 2 14:00:00" with the day word in the interface language. */
export function localDay(scenarioTime: string, t: TFunction<'display'>): string {
  return scenarioTime.replace(/^Day (\d+)/, (_, day: string) => t('day', { day }));
}

/** A machine state id as people read it: "awaiting_report" -> "Awaiting report", "a.b" -> "A › B". */
export function humanState(state: string): string {
  return state
    .split('.')
    .map((part) => part.replaceAll(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()))
    .join(' › ');
}
