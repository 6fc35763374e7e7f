import { Link } from 'react-router';
import { ArrowRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ExerciseRole, ExerciseStatus, GlobalRole, PlannedExerciseSummary } from '@startex/shared';
import { pagePath, pagesFor, type ExercisePage } from '../shell/exercisePages.ts';
import { StatusChip } from '../lib/StatusChip.tsx';

/** The pages worth a button at each stage: planning before StartEx, play while live, the review after EndEx. */
const PAGES_NOW: Record<ExerciseStatus, readonly ExercisePage[]> = {
  draft: ['plan', 'console'],
  ready: ['console', 'plan', 'display'],
  live: ['console', 'evaluate', 'display'],
  paused: ['console', 'evaluate', 'display'],
  halted: ['console', 'evaluate', 'display'],
  ended: ['review', 'report', 'evaluate'],
  closed: ['review', 'report'],
};

/** The one thing to do next, for those who do it. */
function nextStep(status: ExerciseStatus, pages: readonly ExercisePage[]): { key: string; page: ExercisePage; hash?: string } | undefined {
  if (status === 'draft' && pages.includes('plan')) return { key: 'commsCheck', page: 'plan', hash: 'comms' };
  if (status === 'ready' && pages.includes('console')) return { key: 'startEx', page: 'console' };
  if ((status === 'ended' || status === 'closed') && pages.includes('review')) return { key: 'review', page: 'review' };
  return undefined;
}

/** One exercise: title, status, your role, and the pages to go to now, with the next step spelled out. */
export function ExerciseRow({ exercise, role, globalRoles }: { exercise: PlannedExerciseSummary; role: ExerciseRole | undefined; globalRoles: readonly GlobalRole[] }) {
  const { t } = useTranslation('home');
  const pages = pagesFor(role, globalRoles);
  const buttons = PAGES_NOW[exercise.status].filter((page) => pages.includes(page));
  const next = nextStep(exercise.status, pages);
  const when = [exercise.settings?.date, exercise.settings?.startTime].filter(Boolean).join(' ');
  const first = buttons[0] ?? pages[0];
  return (
    <li className="exercise-row" data-testid={`exercise-${exercise.id}`}>
      <div className="exercise-main">
        <h3 className="exercise-title">
          {role === 'participant' ? <a href="/tablet">{exercise.title}</a> : first ? <Link to={pagePath(first, exercise.id)}>{exercise.title}</Link> : exercise.title}
        </h3>
        <p className="exercise-facts">
          <StatusChip tone={`status-${exercise.status}`}>{t(`common:status.${exercise.status}`)}</StatusChip>
          {role && <span>{t(`roles.${role}`)}</span>}
          {when && <span>{when}</span>}
        </p>
        {next && (
          <p className="next-step">
            <ArrowRight aria-hidden="true" size={16} />
            <Link to={`${pagePath(next.page, exercise.id)}${next.hash ? `#${next.hash}` : ''}`}>{t(`nextStep.${next.key}`)}</Link>
          </p>
        )}
      </div>
      <div className="exercise-links">
        {role === 'participant' && <a className="button-link small" href="/tablet">{t('openTablet')}</a>}
        {buttons.map((page, i) => (
          <Link key={page} className={`button-link small${i === 0 ? '' : ' secondary'}`} to={pagePath(page, exercise.id)} aria-label={`${t(`shell:page.${page}`)}: ${exercise.title}`}>
            {t(`shell:page.${page}`)}
          </Link>
        ))}
      </div>
    </li>
  );
}
