import { EXERCISE_ROUTES } from './exercises.ts';
import { REPORT_ROUTES } from './reports.ts';
import { SCENARIO_ROUTES } from './scenarios.ts';
import { SESSION_ROUTES } from './session.ts';
import { STUDIO_ROUTES } from './studio.ts';
import type { RouteSpec } from './spec.ts';

export * from './spec.ts';

/** The REST API: every route StartEx serves, one file of entries per area (see ./spec.ts). */
export const API_ROUTES = {
  ...SESSION_ROUTES,
  ...EXERCISE_ROUTES,
  ...REPORT_ROUTES,
  ...SCENARIO_ROUTES,
  ...STUDIO_ROUTES,
} satisfies Record<string, RouteSpec>;

export type ApiRoutes = typeof API_ROUTES;
