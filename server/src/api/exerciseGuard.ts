import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ExerciseParams } from '@startex/shared';
import { requireExercise, requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import { parse } from './parse.ts';

export { ExerciseParams } from '@startex/shared';

/**
 * The checks every exercise route makes, in this order: its params, sign-in, the exercise
 * (EXERCISE_NOT_FOUND to anyone signed in), then whether the caller's role there allows `verb`.
 */
export function exerciseGuard(runtime: ExerciseRuntime, identity: IdentityService) {
  return async <T extends { id: string }>(request: FastifyRequest, verb: Parameters<typeof requireExercise>[3], schema: z.ZodType<T> = ExerciseParams as z.ZodType<T>) => {
    const params = parse(schema, request.params, 'params');
    requireUser(request);
    const host = await runtime.get(params.id);
    const { user, viewer } = await requireExercise(identity, request, params.id, verb);
    return { params, host, user, viewer };
  };
}
