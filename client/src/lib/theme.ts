import { useSyncExternalStore } from 'react';

const THEME_KEY = 'startex.theme';
export type Theme = 'light' | 'dark';

/** The theme chosen on this device, else the system's. */
function initialTheme(): Theme {
  const stored = localStorage.getItem(THEME_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

let theme: Theme = initialTheme();
const listeners = new Set<() => void>();

/** Puts the theme on <html data-theme>, where the stylesheet and the statechart read it; called once at start. */
export function applyTheme(): void {
  document.documentElement.dataset.theme = theme;
}

export function setTheme(next: Theme): void {
  theme = next;
  localStorage.setItem(THEME_KEY, next);
  applyTheme();
  for (const listener of listeners) listener();
}

/** The current theme, following changes made anywhere on the page. */
export function useThemeSetting(): Theme {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => theme,
  );
}
