import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { Evaluator } from './Evaluator.tsx';
import './strings.ts';

/** Sign-in first; then the evaluator tablet for the exercise in the URL (/evaluate/<exerciseId>). */
export function EvaluatorPage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <Evaluator exerciseId={exerciseId} userId={session.session.user.id} onLogout={session.logout} />;
}
