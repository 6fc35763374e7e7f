import { ExerciseParams, FileContent, route, type RouteSpec } from './spec.ts';

/** The after-action report (AAR/IP), its improvement plan, the exports and the archive. */
export const REPORT_ROUTES = {
  metricsCsv: route({ method: 'GET', path: '/api/exercises/:id/exports/metrics.csv', tag: 'reports', access: 'exercise-role', summary: 'The review\'s metrics as CSV: each metric per team, with its target and whether it was met.', params: ExerciseParams, produces: 'text/csv; charset=utf-8', response: FileContent }),
} satisfies Record<string, RouteSpec>;
