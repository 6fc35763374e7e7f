import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { Evaluator } from './Evaluator.tsx';
import { useRememberedEvaluator } from './useRememberedEvaluator.ts';
import './strings.ts';

/**
 * Sign-in first; then the evaluator tablet for the exercise in the URL (/evaluate/<exerciseId>).
 * The evaluator who signed in on this device last opens straight away, also without network.
 */
export function EvaluatorPage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const evaluator = useRememberedEvaluator(exerciseId, session);
  const { t } = useTranslation();
  if (evaluator.userId) return <Evaluator key={evaluator.userId} exerciseId={exerciseId} userId={evaluator.userId} />;
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  return <LoginForm onLogin={session.login} error={session.error} />;
}
