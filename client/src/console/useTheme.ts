import { useThemeSetting, type Theme } from '../lib/theme.ts';

/** The page's light or dark theme, for React Flow's colour mode. */
export function useTheme(): Theme {
  return useThemeSetting();
}
