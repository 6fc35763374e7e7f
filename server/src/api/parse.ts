import type { z } from 'zod';
import { StartexError } from '@startex/shared';

/** Parses a request part with its schema, or throws VALIDATION_FAILED naming where and why. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [where, ...(issue?.path ?? [])].join('.');
  throw new StartexError('VALIDATION_FAILED', `${path}: ${issue?.message ?? 'invalid'}`, path);
}
