import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import './strings.ts';

/** /account: who is signed in, and changing one's password. */
export function AccountPage() {
  const session = useSession();
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation();
  const [saved, setSaved] = useState(false);
  if (session.loading) return <main className="page"><p>{tc('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  const { user } = session.session;
  return (
    <main className="page login">
      <p><a href="/">{t('home')}</a></p>
      <h1>{t('title')}</h1>
      <p>{t('signedInAs', { name: user.displayName, username: user.username })}</p>
      <ChangePasswordForm onChanged={() => setSaved(true)} />
      {saved && <p role="status">{t('saved')}</p>}
    </main>
  );
}
