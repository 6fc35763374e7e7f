import type { FastifyInstance } from 'fastify';
import { API_ROUTES, StartexError } from '@startex/shared';
import type { IdentityService } from '../auth/IdentityService.ts';
import { renderChartSvg } from '../review/charts.ts';
import { CHART_WORDS } from '../review/chartWords.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { exerciseGuard } from './exerciseGuard.ts';
import { serve } from './typedRoute.ts';

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

    serve(app, API_ROUTES.reviewChart, async (input, request, reply) => {
      const { params: { id, file } } = await guard(request, 'review.read', API_ROUTES.reviewChart.params);
      const { lang } = input.query();
      const svg = await renderChartSvg(file, await reviews.review(id), CHART_WORDS[lang]);
      reply.header('cache-control', 'no-store');
      return svg;
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
