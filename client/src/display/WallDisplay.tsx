import { useTranslation } from 'react-i18next';
import { foldInjectProgress } from '@startex/scenarios/engine';
import { errorText } from '../i18n/errorText.ts';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useExercise, type ExerciseCredentials } from '../lib/useExercise.ts';
import { PhasePanel } from './PhasePanel.tsx';
import { RecentInjects } from './RecentInjects.tsx';
import { TeamStatus } from './TeamStatus.tsx';
import { WallClock } from './WallClock.tsx';

/**
 * The read-only big screen (1920×1080): clock, phase, recent injects and team status. No controls but
 * language and theme, which the app shell's menu holds when the screen is `framed` in it.
 */
export function WallDisplay({ credentials, framed = false }: { credentials: ExerciseCredentials; framed?: boolean }) {
  const { t } = useTranslation('display');
  const exercise = useExercise(credentials);
  const { view, entries } = exercise;
  const progress = [...foldInjectProgress(entries).values()];
  return (
    <main className={`wall${framed ? ' wall-framed' : ''}`} id="main">
      <HaltBanner view={view} />
      <header className="wall-bar">
        <div>
          <h1>{view?.title ?? t('title')}</h1>
          <p className="wall-subtitle">{t('observer')}</p>
        </div>
        <div className="bar-actions">
          <ConnectionBadge state={exercise.connection} />
          {!framed && <Preferences />}
        </div>
      </header>
      {exercise.refusal && <p role="alert" className="error wall-error">{errorText(exercise.refusal)} ({exercise.refusal.code})</p>}
      <WallClock view={view} />
      <div className="wall-grid">
        <RecentInjects view={view} progress={progress} />
        <div className="wall-side">
          <PhasePanel view={view} entries={entries} />
          <TeamStatus view={view} progress={progress} />
        </div>
      </div>
    </main>
  );
}
