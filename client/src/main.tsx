import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { i18next } from './i18n/index.ts';
import { applyTheme } from './lib/theme.ts';
import { ROUTES } from './shell/routes.tsx';
import './styles.css';

applyTheme();
document.documentElement.lang = i18next.language;

// react-router: a well-kept router with nested layouts (the app shell around every signed-in view),
// route-level code splitting (`lazy`) and the matched route's data for breadcrumbs.
const router = createBrowserRouter(ROUTES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
