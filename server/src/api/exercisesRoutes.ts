import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StartexError, type ExerciseSummary } from '@startex/shared';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { parse } from './parse.ts';

const ExerciseParams = z.object({ id: z.string().min(1).max(64) });
const LogQuery = z.object({ afterSeq: z.coerce.number().int().nonnegative().default(0) });

/** The console token of the exercise, as `Authorization: Bearer <token>`. */
async function requireController(runtime: ExerciseRuntime, request: FastifyRequest, exerciseId: string) {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const grant = token ? await runtime.store.findGrant(token) : undefined;
  if (!grant) throw new StartexError('UNAUTHENTICATED');
  if (grant.exerciseId !== exerciseId || grant.role !== 'controller') throw new StartexError('FORBIDDEN');
}

export function exercisesRoutes(runtime: ExerciseRuntime) {
  return async (app: FastifyInstance) => {
    app.get('/api/exercises/:id', async (request): Promise<ExerciseSummary> => {
      const { id } = parse(ExerciseParams, request.params, 'params');
      const host = await runtime.get(id);
      return { id: host.id, title: host.record.title, scenarioId: host.record.scenario.id, status: host.status };
    });

    app.get('/api/exercises/:id/log', async (request) => {
      const { id } = parse(ExerciseParams, request.params, 'params');
      const { afterSeq } = parse(LogQuery, request.query, 'query');
      const host = await runtime.get(id);
      await requireController(runtime, request, id);
      return { entries: await host.entriesFor({ role: 'controller' }, afterSeq) };
    });
  };
}
