import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseRole, ExerciseSummary } from '@startex/shared';
import { api } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import './strings.ts';

/** Where each role works in an exercise. */
const VIEW_OF: Record<ExerciseRole, (exerciseId: string) => string> = {
  director: (id) => `/console/${id}`,
  controller: (id) => `/console/${id}`,
  evaluator: (id) => `/evaluate/${id}`,
  observer: (id) => `/display/${id}`,
  participant: () => '/tablet',
};

/** Signed in: the exercises you have a role in, each opening the view of that role. */
export function HomePage() {
  const { t } = useTranslation('home');
  const session = useSession();
  const [exercises, setExercises] = useState<ExerciseSummary[] | undefined>();
  useEffect(() => {
    if (session.session) void api<ExerciseSummary[]>('/api/exercises').then((r) => setExercises(r.ok ? r.value : []));
  }, [session.session]);

  if (session.loading) return <main className="page"><p>{t('common:loading')}</p></main>;
  if (!session.session) {
    return (
      <>
        <LoginForm onLogin={session.login} error={session.error} />
        <p className="home-join"><a href="/tablet">{t('common:home.join')}</a></p>
      </>
    );
  }
  const roles = new Map(session.session.memberships.map((m) => [m.exerciseId, m.role]));
  return (
    <main className="page home">
      <header className="bar">
        <h1>StartEx</h1>
        <div className="bar-actions">
          <span>{session.session.user.displayName}</span>
          <Preferences />
          <button type="button" className="secondary" onClick={() => void session.logout()}>{t('common:signIn.signOut')}</button>
        </div>
      </header>
      <p className="subtitle">{t('common:home.tagline')}</p>
      <h2>{t('exercises')}</h2>
      {exercises?.length === 0 && <p className="empty">{t('none')}</p>}
      <ul className="exercise-list" data-testid="exercises">
        {exercises?.map((exercise) => {
          const role = roles.get(exercise.id);
          return (
            <li key={exercise.id}>
              {role ? <a href={VIEW_OF[role](exercise.id)}>{exercise.title}</a> : <span>{exercise.title}</span>}
              <span className="status">{t(`common:status.${exercise.status}`)}</span>
              {role && <span className="role">{t(`roles.${role}`)}</span>}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
