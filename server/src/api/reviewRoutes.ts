import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_ROUTES, ReviewChartName, StartexError } from '@startex/shared';
import type { IdentityService } from '../auth/IdentityService.ts';
import { renderChartSvg } from '../review/charts.ts';
import { CHART_WORDS, ChartLanguage } from '../review/chartWords.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { ExerciseParams, exerciseGuard } from './exerciseGuard.ts';
import { parse } from './parse.ts';
import { serve } from './typedRoute.ts';

const ChartParams = ExerciseParams.extend({
  file: z
    .string()
    .regex(/^[a-z-]{1,40}\.svg$/, 'ask for <chart>.svg')
    .transform((file) => file.slice(0, -'.svg'.length))
    .pipe(ReviewChartName),
});
/** The viewer's language for the chart's words (the page's `seq` only keeps browsers from showing an older drawing). */
const ChartQuery = z.object({ lang: ChartLanguage.default('en') });

/**
 * The after-action review: the computed review, replay to a moment, charts, and what evaluators,
 * the lead evaluator and participants add after play (ratings, reconciliations, post-exercise
 * observations, hot-wash feedback), each written to the log by the exercise's host.
 */
export function reviewRoutes(runtime: ExerciseRuntime, identity: IdentityService, reviews: ReviewService) {
  const guard = exerciseGuard(runtime, identity);
  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.review, async (_input, request) => {
      const { params: { id } } = await guard(request, 'review.read');
      return reviews.review(id);
    });

    serve(app, API_ROUTES.replay, async (input, request) => {
      const { params: { id } } = await guard(request, 'review.read');
      return reviews.moment(id, input.query());
    });

    app.get('/api/exercises/:id/review/charts/:file', async (request, reply) => {
      const { params: { id, file } } = await guard(request, 'review.read', ChartParams);
      const { lang } = parse(ChartQuery, request.query, 'query');
      const svg = await renderChartSvg(file, await reviews.review(id), CHART_WORDS[lang]);
      return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
    });

    serve(app, API_ROUTES.recordRating, async (input, request) => {
      const { host, user } = await guard(request, 'evaluate');
      return { seq: await host.recordRating(input.body(), { kind: 'evaluator', id: user.id, name: user.displayName }) };
    });

    serve(app, API_ROUTES.reconcileRating, async (input, request) => {
      const { host, user } = await guard(request, 'review.reconcile');
      return { seq: await host.reconcileRating(input.body(), { kind: 'controller', id: user.id, name: user.displayName, role: 'director' }) };
    });

    serve(app, API_ROUTES.recordObservation, async (input, request) => {
      const { host, user } = await guard(request, 'evaluate');
      return { seq: await host.recordObservation(input.body(), { kind: 'evaluator', id: user.id, name: user.displayName }) };
    });

    serve(app, API_ROUTES.submitFeedback, async (input, request) => {
      const { host, user, viewer } = await guard(request, 'play.participate');
      const body = input.body();
      if (viewer.role !== 'participant') throw new StartexError('FORBIDDEN');
      const { teamId } = viewer;
      return { seq: await host.submitFeedback(teamId, body, { kind: 'participant', teamId, userId: user.id }) };
    });
  };
}
