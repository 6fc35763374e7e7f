import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type SessionView } from '@startex/shared';
import { call, setCsrfToken, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import './strings.ts';

/**
 * Sets one's own password, proving the current one (given when the person has just typed it at
 * sign-in). The server ends the person's other sessions and answers with a fresh one.
 */
export function ChangePasswordForm({ currentPassword, onChanged }: { currentPassword?: string | undefined; onChanged: (session: SessionView) => void }) {
  const { t } = useTranslation('account');
  const id = useId();
  const [current, setCurrent] = useState(currentPassword ?? '');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;

  async function save() {
    setBusy(true);
    const result = await call(API_ROUTES.changePassword, { body: { currentPassword: current, newPassword: next } });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setCsrfToken(result.value.csrfToken);
    onChanged(result.value);
  }

  return (
    <form
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!mismatch) void save();
      }}
    >
      <h2 id={`${id}-h`}>{t('changeHeading')}</h2>
      {currentPassword === undefined && (
        <>
          <label htmlFor={`${id}-current`}>{t('current')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </>
      )}
      <label htmlFor={`${id}-next`}>{t('next')}</label>
      <input id={`${id}-next`} type="password" autoComplete="new-password" minLength={12} maxLength={256} value={next} onChange={(e) => setNext(e.target.value)} required aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="hint">{t('nextHint')}</p>
      <label htmlFor={`${id}-repeat`}>{t('repeat')}</label>
      <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required aria-invalid={mismatch} />
      {mismatch && <p role="alert" className="error">{t('mismatch')}</p>}
      <button type="submit" disabled={busy || mismatch}>{t('save')}</button>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}
