import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Preferences } from '../lib/Preferences.tsx';

/** Asks for an observer join code when /display is opened without one. */
export function JoinCodeForm({ onJoin }: { onJoin: (code: string) => void }) {
  const { t } = useTranslation('display');
  const [value, setValue] = useState('');
  return (
    <main className="page login">
      <Preferences />
      <h1>{t('join.heading')}</h1>
      <form onSubmit={(e) => { e.preventDefault(); if (value.trim()) onJoin(value.trim().toUpperCase()); }}>
        <label htmlFor="display-code">{t('join.code')}</label>
        <input id="display-code" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" autoCapitalize="characters" />
        <button type="submit">{t('join.submit')}</button>
      </form>
    </main>
  );
}
