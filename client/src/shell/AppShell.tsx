import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatches } from 'react-router';
import { ChevronRight, ClipboardList, PencilRuler, Radar } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { roleIn, useSession } from '../lib/useSession.ts';
import { mayAuthorScenarios, mayOpenActions, pagePath, pagesFor, type ExercisePage } from './exercisePages.ts';
import { useExerciseSummary } from './useExerciseSummary.ts';
import { UserMenu } from './UserMenu.tsx';
import './shell.css';
import './strings.ts';

/** What a route tells the shell: the exercise page it is (for the navigation), or a page of its own (for the breadcrumb). */
export type RouteHandle = { page: ExercisePage } | { crumb: 'actions' | 'newExercise' | 'account' | 'programme' | 'studio' };

/**
 * The frame of every signed-in page: the product mark, breadcrumbs (exercises › this exercise › this
 * page), the exercise's pages one click apart as the person's role allows, and their menu.
 */
export function AppShell() {
  const { t } = useTranslation('shell');
  const { session, logout } = useSession();
  const match = useMatches().at(-1);
  const handle = match?.handle as RouteHandle | undefined;
  const exerciseId = handle && 'page' in handle ? match?.params.exerciseId : undefined;
  const summary = useExerciseSummary(exerciseId, !!session);
  const pages = exerciseId && session ? pagesFor(roleIn(session, exerciseId), session.user.roles) : [];
  const here = handle && 'page' in handle ? handle.page : undefined;
  const exerciseNav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the exercise's pages scroll sideways: the page one is on is scrolled into sight.
  useEffect(() => {
    exerciseNav.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname, pages.length]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('skip')}</a>
      <header className="app-bar">
        <Link to="/" className="brand" aria-label={`${t('brand')}: ${t('nav.home')}`}>
          <Radar aria-hidden="true" size={22} />
          <span>{t('brand')}</span>
        </Link>
        <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
          <ol>
            <li><Link to="/">{t('nav.home')}</Link></li>
            {exerciseId && (
              <li>
                <ChevronRight aria-hidden="true" size={14} />
                {here && pages.includes(here) && pages[0] !== here ? <Link to={pagePath(pages[0]!, exerciseId)}>{summary?.title ?? exerciseId}</Link> : <span>{summary?.title ?? '…'}</span>}
              </li>
            )}
            {here && (
              <li aria-current="page">
                <ChevronRight aria-hidden="true" size={14} />
                <span>{t(`page.${here}`)}</span>
              </li>
            )}
            {handle && 'crumb' in handle && (
              <li aria-current="page">
                <ChevronRight aria-hidden="true" size={14} />
                <span>{t(`nav.${handle.crumb}`)}</span>
              </li>
            )}
          </ol>
        </nav>
        {exerciseId && pages.length > 1 && (
          <nav ref={exerciseNav} className="exercise-nav" aria-label={t('nav.label')} data-testid="exercise-nav">
            <ul>
              {pages.map((page) => (
                <li key={page}>
                  <NavLink to={pagePath(page, exerciseId)}>{t(`page.${page}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="app-bar-end">
          {session && mayAuthorScenarios(session.user.roles) && (
            <NavLink to="/studio" className="ghost-link" aria-label={t('nav.studio')}>
              <PencilRuler aria-hidden="true" size={18} />
              <span className="wide-only">{t('nav.studio')}</span>
            </NavLink>
          )}
          {session && mayOpenActions(session.user.roles, session.memberships) && (
            <NavLink to="/actions" className="ghost-link" aria-label={t('nav.actions')}>
              <ClipboardList aria-hidden="true" size={18} />
              <span className="wide-only">{t('nav.actions')}</span>
            </NavLink>
          )}
          {session && <UserMenu session={session} onSignOut={() => void logout()} />}
        </div>
      </header>
      <div className="app-body">
        <Suspense fallback={<p className="page loading">{t('common:loading')}</p>}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
