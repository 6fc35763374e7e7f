import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { JoinCodeForm } from './JoinCodeForm.tsx';
import { WallDisplay } from './WallDisplay.tsx';
import './strings.ts';

/**
 * /display/<exerciseId> for a signed-in observer; /display#code=<observer join code> for a wall
 * screen that joined with a code (the code stays in the fragment, so a reload rejoins).
 */
export function DisplayPage({ exerciseId, initialCode }: { exerciseId: string | undefined; initialCode: string | undefined }) {
  const [code, setCode] = useState(initialCode);
  if (exerciseId) return <SignedInDisplay exerciseId={exerciseId} />;
  if (!code) {
    return (
      <JoinCodeForm
        onJoin={(newCode) => {
          window.history.replaceState(null, '', `/display#code=${encodeURIComponent(newCode)}`);
          setCode(newCode);
        }}
      />
    );
  }
  return <WallDisplay credentials={{ joinCode: code }} />;
}

function SignedInDisplay({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <WallDisplay credentials={{ exerciseId }} />;
}
