import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, PLAN_STEPS, type ExercisePlan } from '@startex/shared';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';
import { AgenciesSection } from './AgenciesSection.tsx';
import { BriefingsSection } from './BriefingsSection.tsx';
import { CommsCheckSection } from './CommsCheckSection.tsx';
import { DryRunSection } from './DryRunSection.tsx';
import { call, type ApiError } from '../lib/api.ts';
import { JoinCodesSection } from './JoinCodesSection.tsx';
import { NewExercise } from './NewExercise.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import type { PlanContext } from './planContext.ts';
import { SettingsSection } from './SettingsSection.tsx';
import './strings.ts';
import { errorText } from '../i18n/errorText.ts';

export const SECTIONS = ['settings', 'agencies', 'people', 'codes', 'briefings', 'comms', 'dryrun'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** /plan/new creates an exercise; /plan/<id> plans one. Sign-in first. */
export function PlanningPage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  if (exerciseId === 'new') return <NewExercise />;
  return <Planner exerciseId={exerciseId} />;
}

function sectionFromHash(): SectionId {
  const hash = window.location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(hash) ? (hash as SectionId) : 'settings';
}

/** The plan of one exercise, a section at a time (the URL fragment names it, so a reload keeps it). */
function Planner({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('planning');
  const { t: tc } = useTranslation();
  const [plan, setPlan] = useState<ExercisePlan | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [section, setSection] = useState<SectionId>(sectionFromHash);

  const reload = useCallback(async () => {
    const result = await call(API_ROUTES.plan, { params: { id: exerciseId } });
    if (result.ok) setPlan(result.value);
    else setLoadError(result.error);
  }, [exerciseId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = plan ? `${t('title')}: ${plan.settings.title} — StartEx` : 'StartEx';
  }, [plan, t]);

  if (loadError) {
    return (
      <main className="page plan-page">
        <p role="alert" className="error">{loadError.code === 'FORBIDDEN' ? t('forbidden') : errorText(loadError)}</p>
        <p><a href="/">{t('home')}</a></p>
      </main>
    );
  }
  if (!plan) return <main className="page"><p>{tc('loading')}</p></main>;

  const context: PlanContext = { plan, exerciseId, setPlan, reload, locked: plan.status !== 'draft' && plan.status !== 'ready' };
  return (
    <main className="page plan-page">
      <header className="bar">
        <h1>{plan.settings.title}</h1>
        <div className="bar-actions">
          <span className={`plan-status plan-status-${plan.status}`} data-testid="plan-status">{tc(`status.${plan.status}`)}</span>
          {plan.status !== 'draft' && <Link className="button-link" to={`/console/${encodeURIComponent(exerciseId)}`}>{t('openConsole')}</Link>}
        </div>
      </header>
      <p className="subtitle">
        {t('scenarioLine', { title: plan.scenario.title, version: plan.scenario.version })}
      </p>
      {context.locked && <p className="notice" role="status">{t('locked')}</p>}
      <p className="hint" data-testid="steps-done">{t('stepsDone', { done: plan.done.length, total: PLAN_STEPS.length })}</p>
      <div className="plan-layout">
        <nav className="plan-nav" aria-label={t('sectionsLabel')}>
          <ol>
            {SECTIONS.map((id, index) => {
              const done = (plan.done as readonly string[]).includes(id);
              return (
                <li key={id} className={done ? 'is-done' : undefined} data-testid={`step-${id}`}>
                  <a href={`#${id}`} aria-current={section === id ? 'page' : undefined}>
                    <span className="plan-step" aria-hidden="true">{done ? '✓' : index + 1}</span> {t(`section.${id}`)}
                    {done && <span className="visually-hidden"> ({t('stepDone')})</span>}
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="plan-body" data-testid={`section-${section}`}>
          {section === 'settings' && <SettingsSection context={context} />}
          {section === 'agencies' && <AgenciesSection context={context} />}
          {section === 'people' && <PeopleSection context={context} />}
          {section === 'codes' && <JoinCodesSection context={context} />}
          {section === 'briefings' && <BriefingsSection context={context} />}
          {section === 'comms' && <CommsCheckSection context={context} />}
          {section === 'dryrun' && <DryRunSection context={context} />}
        </div>
      </div>
    </main>
  );
}
