import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fragmentParam } from '../lib/fragment.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { JoinCodeForm } from './JoinCodeForm.tsx';
import { WallDisplay } from './WallDisplay.tsx';
import './strings.ts';

/** /display#code=<observer join code>: a wall screen joined with a code (kept in the fragment, so a reload rejoins). */
export function CodeDisplay() {
  const [code, setCode] = useState(() => fragmentParam('code'));
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

/** /display/<exerciseId> for signed-in staff and observers, inside the app shell. */
export function SignedInDisplay({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page" id="main"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <WallDisplay credentials={{ exerciseId }} framed />;
}
