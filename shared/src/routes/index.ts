import { CLUSTER_ROUTES } from './cluster.ts';
import { ADMIN_ROUTES } from './admin.ts';
import { AGENCY_ROUTES } from './agencies.ts';
import { EXERCISE_ROUTES } from './exercises.ts';
import { PROGRAMME_DOCUMENT_ROUTES } from './programmeDocuments.ts';
import { PROGRAMME_ROUTES } from './programme.ts';
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
  ...CLUSTER_ROUTES,
  ...ADMIN_ROUTES,
  ...AGENCY_ROUTES,
  ...PROGRAMME_DOCUMENT_ROUTES,
  ...PROGRAMME_ROUTES,
  ...SCENARIO_ROUTES,
  ...STUDIO_ROUTES,
} satisfies Record<string, RouteSpec>;

export type ApiRoutes = typeof API_ROUTES;
