import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { Preferences } from '../lib/Preferences.tsx';

/**
 * Joining by hand; scanning the sheet's QR code opens /tablet#code=... and skips this. After a
 * refusal the refused code stays in the field, so a typo can be corrected rather than retyped.
 */
export function JoinForm({ onJoin, refusal, refusedCode }: { onJoin: (code: string) => void; refusal?: ErrorDetail | undefined; refusedCode?: string | undefined }) {
  const { t } = useTranslation('tablet');
  const [value, setValue] = useState(refusedCode ?? '');
  const [empty, setEmpty] = useState(false);
  return (
    <main className="page tablet tablet-join">
      <div className="join-prefs">
        <Preferences />
      </div>
      <h1>{t('join.heading')}</h1>
      {refusal && (
        <p role="alert" className="error">
          ✕ {t('join.refused')} {errorText(refusal)}
        </p>
      )}
      <form
        className="join-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const code = value.trim().toUpperCase();
          setEmpty(!code);
          if (code) onJoin(code);
        }}
      >
        <label htmlFor="join-code">{t('join.code')}</label>
        <input
          id="join-code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="join-hint"
          aria-invalid={empty || undefined}
        />
        <p className="field-hint" id="join-hint">{t('join.hint')}</p>
        {empty && <p className="field-error">⚠ {t('join.empty')}</p>}
        <button type="submit" className="primary-wide">{t('join.submit')}</button>
      </form>
    </main>
  );
}
