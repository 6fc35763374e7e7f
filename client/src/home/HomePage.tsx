import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Plus, Tablet } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ExerciseRole, type ExerciseStatus, type PlannedExerciseSummary } from '@startex/shared';
import { call } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { ExerciseRow } from './ExerciseRow.tsx';
import { ArchiveImport } from '../review/report/ArchiveImport.tsx';
import { ProgrammeLink } from '../programme/ProgrammeLink.tsx';
import '../shell/strings.ts';
import './strings.ts';

/** The statuses shown as groups; paused and halted exercises are live ones. */
const GROUPS = ['live', 'ready', 'draft', 'ended', 'closed'] as const;
const groupOf = (status: ExerciseStatus): (typeof GROUPS)[number] => (status === 'paused' || status === 'halted' ? 'live' : status);

/**
 * Signed in: the exercises you have a role in (planners and administrators: every exercise), grouped
 * by where they stand, each with the pages to open now and its next step. Signed out: sign-in, and
 * the way in for a team's tablet.
 */
export function HomePage() {
  const { t } = useTranslation('home');
  const session = useSession();
  const [exercises, setExercises] = useState<PlannedExerciseSummary[] | undefined>();
  useEffect(() => {
    if (session.session) void call(API_ROUTES.listExercises).then((r) => setExercises(r.ok ? r.value : []));
  }, [session.session]);

  if (session.loading) return <main className="page" id="main"><p>{t('common:loading')}</p></main>;
  if (!session.session) {
    return (
      <>
        <LoginForm onLogin={session.login} error={session.error} />
        <p className="home-join">
          <a href="/tablet"><Tablet aria-hidden="true" size={18} /> {t('common:home.join')}</a>
        </p>
      </>
    );
  }
  const roles = new Map<string, ExerciseRole>(session.session.memberships.map((m) => [m.exerciseId, m.role]));
  const { roles: globalRoles } = session.session.user;
  const planner = globalRoles.length > 0;
  return (
    <main className="page home" id="main">
      <div className="page-head">
        <div>
          <h1>{planner ? t('allExercises') : t('exercises')}</h1>
          <p className="subtitle">{t('signedInAs', { name: session.session.user.displayName })} · {t('common:home.tagline')}</p>
        </div>
        {planner && (
          <Link className="button-link" to="/plan/new">
            <Plus aria-hidden="true" size={18} /> {t('newExercise')}
          </Link>
        )}
      </div>
      <ProgrammeLink />
      {exercises?.length === 0 && <p className="empty">{planner ? t('noExercises') : t('none')}</p>}
      {GROUPS.map((group) => {
        const list = (exercises ?? []).filter((e) => groupOf(e.status) === group);
        if (list.length === 0) return null;
        return (
          <section key={group} className="home-group" aria-labelledby={`group-${group}`} data-testid={`group-${group}`}>
            <h2 id={`group-${group}`}>
              {t(`groups.${group}`)} <span className="count">{list.length}</span>
            </h2>
            <ul className="exercise-list" data-testid={planner ? undefined : 'exercises'}>
              {list.map((exercise) => <ExerciseRow key={exercise.id} exercise={exercise} role={roles.get(exercise.id)} globalRoles={globalRoles} />)}
            </ul>
          </section>
        );
      })}
      {planner && <ArchiveImport />}
    </main>
  );
}
