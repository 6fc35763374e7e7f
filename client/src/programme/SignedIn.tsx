import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import './programme.css';
import '../planning/strings.ts';
import './strings.ts';

/** A programme page's content once someone is signed in (the sign-in form until then). */
export function SignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation('programme');
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return children;
}
