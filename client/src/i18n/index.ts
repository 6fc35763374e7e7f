import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonEn, commonLt } from './common.ts';

/** The languages of the interface; each view adds its own namespace with both. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'lt', label: 'Lietuvių' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'startex.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'lt') return stored;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('lt') ? 'lt' : 'en';
}

void i18next.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  resources: { en: { common: commonEn }, lt: { common: commonLt } },
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Adds a view's strings (both languages) under its own namespace. */
export function addStrings(namespace: string, en: Record<string, unknown>, lt: Record<string, unknown>): void {
  i18next.addResourceBundle('en', namespace, en, true, true);
  i18next.addResourceBundle('lt', namespace, lt, true, true);
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Times and dates in the user's language (Lithuanian uses a 24-hour clock). */
export function formatWallTime(epochMs: number): string {
  return new Intl.DateTimeFormat(i18next.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(epochMs);
}

/** A date with its time in the user's language: "2026-12-07 15:24" / "Dec 7, 2026, 3:24 PM", never the browser's own locale. */
export function formatDateTime(epochMs: number): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** Story (scenario) time in the user's language: "Day 1 10:05" / "Diena 1 10:05", with seconds when asked. */
export function formatStoryTime(scenarioMs: number, seconds = false): string {
  const total = Math.max(0, Math.floor(scenarioMs / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}${seconds ? `:${two(total % 60)}` : ''}`;
  return i18next.t('storyTime', { day: Math.floor(total / 86_400) + 1, time });
}

export { i18next };

/** The interface's language as documents take it (`lang` of a download): what the viewer reads, else English. */
export const documentLanguage = (language: string): Language => (language === 'lt' ? 'lt' : 'en');
