import { useTranslation } from 'react-i18next';
import { LoginForm } from '../../lib/LoginForm.tsx';
import { useSession } from '../../lib/useSession.ts';
import { Report } from './Report.tsx';
import './report.css';
import './strings.ts';

/** Sign-in first; then the AAR/IP of the exercise in the URL (/report/<exerciseId>). */
export function ReportPage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  const role = session.session.memberships.find((m) => m.exerciseId === exerciseId)?.role;
  return <Report exerciseId={exerciseId} role={role} />;
}
