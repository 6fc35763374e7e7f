import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@startex/shared';
import { ChangePasswordForm } from '../account/ChangePasswordForm.tsx';

/**
 * Username and password; the server answers with a session cookie. Someone who signed in with a
 * generated password sets their own here first, then the page opens as them.
 */
export function LoginForm({ onLogin, error }: { onLogin: (username: string, password: string) => Promise<void>; error?: ErrorDetail | undefined }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const { t: ta } = useTranslation('account');
  if (error?.code === 'PASSWORD_CHANGE_REQUIRED') {
    return (
      <main className="page login">
        <h1>{ta('firstTitle')}</h1>
        <p>{ta('firstIntro')}</p>
        <ChangePasswordForm currentPassword={password || undefined} onChanged={() => window.location.reload()} />
      </main>
    );
  }
  return (
    <main className="page login" id="main">
      <h1>{t('signIn.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void onLogin(username, password).finally(() => setBusy(false));
        }}
      >
        <label htmlFor="username">{t('signIn.username')}</label>
        <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" disabled={busy}>{t('signIn.submit')}</button>
      </form>
      {error && <p role="alert" className="error">{error.message}</p>}
    </main>
  );
}
