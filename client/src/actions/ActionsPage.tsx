import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { CorrectiveActions } from './CorrectiveActions.tsx';
import '../review/report/report.css';
import '../review/report/strings.ts';
import './strings.ts';

/** Sign-in first; then the corrective actions per agency (/actions). */
export function ActionsPage() {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <CorrectiveActions />;
}
