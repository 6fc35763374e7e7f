import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { HomePage } from './home/HomePage.tsx';
import './i18n/index.ts';
import './styles.css';

// Each view is its own chunk: a tablet on a field network never downloads the console's graph layout.
const ConsolePage = lazy(() => import('./console/ConsolePage.tsx').then((m) => ({ default: m.ConsolePage })));
const TabletPage = lazy(() => import('./tablet/TabletPage.tsx').then((m) => ({ default: m.TabletPage })));
const EvaluatorPage = lazy(() => import('./evaluator/EvaluatorPage.tsx').then((m) => ({ default: m.EvaluatorPage })));
const ReviewPage = lazy(() => import('./review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));
const DisplayPage = lazy(() => import('./display/DisplayPage.tsx').then((m) => ({ default: m.DisplayPage })));
const PlanningPage = lazy(() => import('./planning/PlanningPage.tsx').then((m) => ({ default: m.PlanningPage })));
const ReportPage = lazy(() => import('./review/report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const ActionsPage = lazy(() => import('./actions/ActionsPage.tsx').then((m) => ({ default: m.ActionsPage })));
const AccountPage = lazy(() => import('./account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const ProgrammePage = lazy(() => import('./programme/ProgrammePage.tsx').then((m) => ({ default: m.ProgrammePage })));
const AgencyDashboardPage = lazy(() => import('./programme/AgencyDashboardPage.tsx').then((m) => ({ default: m.AgencyDashboardPage })));
const SurveyPage = lazy(() => import('./programme/SurveyPage.tsx').then((m) => ({ default: m.SurveyPage })));
const RatingPage = lazy(() => import('./programme/RatingPage.tsx').then((m) => ({ default: m.RatingPage })));
const PersonRecordPage = lazy(() => import('./programme/PersonRecordPage.tsx').then((m) => ({ default: m.PersonRecordPage })));
const ExerciseProgrammePage = lazy(() => import('./programme/ExerciseProgrammePage.tsx').then((m) => ({ default: m.ExerciseProgrammePage })));
const StudioListPage = lazy(() => import('./studio/StudioListPage.tsx').then((m) => ({ default: m.StudioListPage })));
const StudioPage = lazy(() => import('./studio/StudioPage.tsx').then((m) => ({ default: m.StudioPage })));

/** A join code rides in the URL fragment (never sent to the server or its logs): #code=... */
function fragmentParam(name: string): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined;
}

function App() {
  const path = window.location.pathname;
  if (path.startsWith('/console/')) return <ConsolePage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/tablet')) return <TabletPage initialCode={fragmentParam('code')} />;
  if (path.startsWith('/evaluate/')) return <EvaluatorPage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/plan/')) return <PlanningPage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/report/')) return <ReportPage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path === '/actions') return <ActionsPage />;
  if (path === '/account') return <AccountPage />;
  if (path.startsWith('/programme/agencies/')) return <AgencyDashboardPage agencyId={decodeURIComponent(path.split('/')[3] ?? '')} />;
  if (path.startsWith('/programme/surveys/')) return <SurveyPage surveyId={decodeURIComponent(path.split('/')[3] ?? '')} token={fragmentParam('token')} />;
  if (path.startsWith('/programme/ratings/')) return <RatingPage ratingId={decodeURIComponent(path.split('/')[3] ?? '')} />;
  if (path.startsWith('/programme/people/')) return <PersonRecordPage personId={decodeURIComponent(path.split('/')[3] ?? '')} />;
  if (path.startsWith('/programme/exercises/')) return <ExerciseProgrammePage exerciseId={decodeURIComponent(path.split('/')[3] ?? '')} />;
  if (path === '/programme') return <ProgrammePage />;
  if (path === '/studio' || path === '/studio/') return <StudioListPage />;
  if (path.startsWith('/studio/')) return <StudioPage scenarioId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/review/')) return <ReviewPage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/display')) return <DisplayPage exerciseId={decodeURIComponent(path.split('/')[2] ?? '') || undefined} initialCode={fragmentParam('code')} />;
  return <HomePage />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
