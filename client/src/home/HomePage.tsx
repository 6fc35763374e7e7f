import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseRole, ExerciseStatus, PlannedExerciseSummary } from '@startex/shared';
import { api } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import { ExerciseRow } from './ExerciseRow.tsx';
import { ArchiveImport } from '../review/report/ArchiveImport.tsx';
import { ProgrammeLink } from '../programme/ProgrammeLink.tsx';
import '../actions/strings.ts';
import './strings.ts';

/** The statuses a planner sees as groups; paused and halted exercises are live ones. */
const GROUPS = ['draft', 'ready', 'live', 'ended', 'closed'] as const;
const groupOf = (status: ExerciseStatus): (typeof GROUPS)[number] => (status === 'paused' || status === 'halted' ? 'live' : status);

/**
 * Signed in: the exercises you have a role in, each opening the view of that role. Planners and
 * administrators see every exercise, grouped by status, and can create one.
 */
export function HomePage() {
  const { t } = useTranslation('home');
  const session = useSession();
  const [exercises, setExercises] = useState<PlannedExerciseSummary[] | undefined>();
  useEffect(() => {
    if (session.session) void api<PlannedExerciseSummary[]>('/api/exercises').then((r) => setExercises(r.ok ? r.value : []));
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
  const roles = new Map<string, ExerciseRole>(session.session.memberships.map((m) => [m.exerciseId, m.role]));
  const planner = session.session.user.roles.length > 0;
  return (
    <main className={`page home${planner ? ' home-planner' : ''}`}>
      <header className="bar">
        <h1>StartEx</h1>
        <div className="bar-actions">
          <span>{session.session.user.displayName}</span>
          <Preferences />
          <button type="button" className="secondary" onClick={() => void session.logout()}>{t('common:signIn.signOut')}</button>
        </div>
      </header>
      <p className="subtitle">{t('common:home.tagline')}</p>
      <ProgrammeLink />
      {(planner || session.session.memberships.some((m) => m.role === 'director')) && (
        <p><a href="/actions">{t('actions:title')}</a></p>
      )}
      {planner ? (
        <>
          <div className="home-head">
            <h2>{t('allExercises')}</h2>
            <a className="button-link" href="/plan/new">+ {t('newExercise')}</a>
          </div>
          {exercises?.length === 0 && <p className="empty">{t('noExercises')}</p>}
          {GROUPS.map((group) => {
            const list = (exercises ?? []).filter((e) => groupOf(e.status) === group);
            if (list.length === 0) return null;
            return (
              <section key={group} className="home-group" aria-labelledby={`group-${group}`} data-testid={`group-${group}`}>
                <h3 id={`group-${group}`}>
                  {t(`groups.${group}`)} <span className="count">{list.length}</span>
                </h3>
                <ul className="exercise-list">
                  {list.map((exercise) => <ExerciseRow key={exercise.id} exercise={exercise} role={roles.get(exercise.id)} planner />)}
                </ul>
              </section>
            );
          })}
          <ArchiveImport />
        </>
      ) : (
        <>
          <h2>{t('exercises')}</h2>
          {exercises?.length === 0 && <p className="empty">{t('none')}</p>}
          <ul className="exercise-list" data-testid="exercises">
            {exercises?.map((exercise) => <ExerciseRow key={exercise.id} exercise={exercise} role={roles.get(exercise.id)} planner={false} />)}
          </ul>
        </>
      )}
    </main>
  );
}
