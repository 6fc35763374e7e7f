import { Moon, Sun } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts';
import { setTheme, useThemeSetting } from './theme.ts';

/** Language and light/dark theme, remembered on this device: for the views outside the app shell (tablet, wall display). */
export function Preferences() {
  const { t, i18n } = useTranslation();
  const theme = useThemeSetting();
  return (
    <div className="preferences">
      <label>
        <span className="visually-hidden">{t('language')}</span>
        <select aria-label={t('language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>{l.label}</option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary icon-label" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
        {theme === 'dark' ? <Sun aria-hidden="true" size={18} /> : <Moon aria-hidden="true" size={18} />}
        {theme === 'dark' ? t('theme.light') : t('theme.dark')}
      </button>
    </div>
  );
}
