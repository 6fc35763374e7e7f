import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RecordObservation, RecordRatingBody, ReconcileRatingBody, ReplayQuery, ReviewChartName, SubmitFeedbackBody } from '@startex/shared';
import type { IdentityService } from '../auth/IdentityService.ts';
import { renderChartSvg } from '../review/charts.ts';
import { CHART_WORDS, ChartLanguage } from '../review/chartWords.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { ExerciseParams, exerciseGuard } from './exerciseGuard.ts';
import { parse } from './parse.ts';

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
    app.get('/api/exercises/:id/review', async (request) => {
      const { params: { id } } = await guard(request, 'review.read');
      return reviews.review(id);
    });

    app.get('/api/exercises/:id/replay', async (request) => {
      const { params: { id } } = await guard(request, 'review.read');
      const at = parse(ReplayQuery, request.query, 'query');
      return reviews.moment(id, at);
    });

    app.get('/api/exercises/:id/review/charts/:file', async (request, reply) => {
      const { params: { id, file } } = await guard(request, 'review.read', ChartParams);
      const { lang } = parse(ChartQuery, request.query, 'query');
      const svg = await renderChartSvg(file, await reviews.review(id), CHART_WORDS[lang]);
      return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
    });

    app.post('/api/exercises/:id/review/ratings', async (request, reply) => {
      const { host, user } = await guard(request, 'evaluate');
      const body = parse(RecordRatingBody, request.body, 'body');
      const seq = await host.recordRating(body, { kind: 'evaluator', id: user.id, name: user.displayName });
      return reply.status(201).send({ seq });
    });

    app.post('/api/exercises/:id/review/reconciliations', async (request, reply) => {
      const { host, user } = await guard(request, 'review.reconcile');
      const body = parse(ReconcileRatingBody, request.body, 'body');
      const seq = await host.reconcileRating(body, { kind: 'controller', id: user.id, name: user.displayName, role: 'director' });
      return reply.status(201).send({ seq });
    });

    app.post('/api/exercises/:id/review/observations', async (request, reply) => {
      const { host, user } = await guard(request, 'evaluate');
      const body = parse(RecordObservation, request.body, 'body');
      const seq = await host.recordObservation(body, { kind: 'evaluator', id: user.id, name: user.displayName });
      return reply.status(201).send({ seq });
    });

    app.post('/api/exercises/:id/review/feedback', async (request, reply) => {
      const { host, user, viewer } = await guard(request, 'play.participate');
      const body = parse(SubmitFeedbackBody, request.body, 'body');
      const teamId = viewer.teamId ?? '';
      const seq = await host.submitFeedback(teamId, body, { kind: 'participant', teamId, userId: user.id });
      return reply.status(201).send({ seq });
    });
  };
}
