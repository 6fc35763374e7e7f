import type { ComponentType } from 'react';
import { useParams, type RouteObject } from 'react-router';
import { fragmentParam } from '../lib/fragment.ts';
import type { RouteHandle } from './AppShell.tsx';

/** A view keyed by the exercise in the address, so moving to another exercise starts it afresh. */
function forExercise(View: ComponentType<{ exerciseId: string }>): ComponentType {
  return function ExerciseView() {
    const exerciseId = useParams().exerciseId ?? '';
    return <View key={exerciseId} exerciseId={exerciseId} />;
  };
}

const page = (name: RouteHandle): { handle: RouteHandle } => ({ handle: name });

/**
 * Every view and its address. Each view is its own chunk, loaded on first visit (a tablet on a field
 * network never downloads the console's graph layout); the shell frames the signed-in pages, while
 * the tablet and a wall screen joined by code stand alone. The server answers every such path
 * with index.html (server/src/app.ts), and the service worker falls back to it offline.
 */
export const ROUTES: RouteObject[] = [
  {
    lazy: async () => ({ Component: (await import('./AppShell.tsx')).AppShell }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../home/HomePage.tsx')).HomePage }) },
      { path: 'actions', ...page({ crumb: 'actions' }), lazy: async () => ({ Component: (await import('../actions/ActionsPage.tsx')).ActionsPage }) },
      { path: 'plan/new', ...page({ crumb: 'newExercise' }), lazy: async () => { const { PlanningPage } = await import('../planning/PlanningPage.tsx'); return { Component: () => <PlanningPage exerciseId="new" /> }; } },
      { path: 'plan/:exerciseId', ...page({ page: 'plan' }), lazy: async () => ({ Component: forExercise((await import('../planning/PlanningPage.tsx')).PlanningPage) }) },
      { path: 'console/:exerciseId', ...page({ page: 'console' }), lazy: async () => ({ Component: forExercise((await import('../console/ConsolePage.tsx')).ConsolePage) }) },
      { path: 'evaluate/:exerciseId', ...page({ page: 'evaluate' }), lazy: async () => ({ Component: forExercise((await import('../evaluator/EvaluatorPage.tsx')).EvaluatorPage) }) },
      { path: 'display/:exerciseId', ...page({ page: 'display' }), lazy: async () => ({ Component: forExercise((await import('../display/DisplayPage.tsx')).SignedInDisplay) }) },
      { path: 'review/:exerciseId/:tab?', ...page({ page: 'review' }), lazy: async () => ({ Component: forExercise((await import('../review/ReviewPage.tsx')).ReviewPage) }) },
      { path: 'report/:exerciseId', ...page({ page: 'report' }), lazy: async () => ({ Component: forExercise((await import('../review/report/ReportPage.tsx')).ReportPage) }) },
      { path: 'account', ...page({ crumb: 'account' }), lazy: async () => ({ Component: (await import('../account/AccountPage.tsx')).AccountPage }) },
      { path: 'programme', ...page({ crumb: 'programme' }), lazy: async () => ({ Component: (await import('../programme/ProgrammePage.tsx')).ProgrammePage }) },
      { path: 'programme/agencies/:id', ...page({ crumb: 'programme' }), lazy: async () => { const { AgencyDashboardPage } = await import('../programme/AgencyDashboardPage.tsx'); return { Component: () => <AgencyDashboardPage key={useParams().id} agencyId={useParams().id ?? ''} /> }; } },
      { path: 'programme/ratings/:id', ...page({ crumb: 'programme' }), lazy: async () => { const { RatingPage } = await import('../programme/RatingPage.tsx'); return { Component: () => <RatingPage key={useParams().id} ratingId={useParams().id ?? ''} /> }; } },
      { path: 'programme/people/:id', ...page({ crumb: 'programme' }), lazy: async () => { const { PersonRecordPage } = await import('../programme/PersonRecordPage.tsx'); return { Component: () => <PersonRecordPage key={useParams().id} personId={useParams().id ?? ''} /> }; } },
      { path: 'programme/exercises/:exerciseId', ...page({ crumb: 'programme' }), lazy: async () => ({ Component: forExercise((await import('../programme/ExerciseProgrammePage.tsx')).ExerciseProgrammePage) }) },
      { path: 'studio', ...page({ crumb: 'studio' }), lazy: async () => ({ Component: (await import('../studio/StudioListPage.tsx')).StudioListPage }) },
      { path: 'studio/:scenarioId', ...page({ crumb: 'studio' }), lazy: async () => { const { StudioPage } = await import('../studio/StudioPage.tsx'); return { Component: () => <StudioPage key={useParams().scenarioId} scenarioId={useParams().scenarioId ?? ''} /> }; } },
      { path: '*', lazy: async () => ({ Component: (await import('./NotFound.tsx')).NotFound }) },
    ],
  },
  // A survey answered with the link's token by someone with no account: no shell around it.
  { path: 'programme/surveys/:id', lazy: async () => { const { SurveyPage } = await import('../programme/SurveyPage.tsx'); return { Component: () => <SurveyPage key={useParams().id} surveyId={useParams().id ?? ''} token={fragmentParam('token')} /> }; } },
  { path: 'tablet/:tab?', lazy: async () => ({ Component: (await import('../tablet/TabletPage.tsx')).TabletPage }) },
  { path: 'display', lazy: async () => ({ Component: (await import('../display/DisplayPage.tsx')).CodeDisplay }) },
];
