import { z } from 'zod';

/** One finding of the analyzer: where (a JSON path into the document), what, and how to fix it. */
export const ScenarioProblem = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  /** JSONPath-like location, e.g. `$.injects[2].to[0]`. */
  path: z.string(),
  message: z.string(),
});
export type ScenarioProblem = z.infer<typeof ScenarioProblem>;
