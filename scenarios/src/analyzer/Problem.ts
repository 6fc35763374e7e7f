import type { ScenarioProblem } from '@startex/shared';

/** One finding of the analyzer: where (a JSON path into the document), what, and how to fix it (its schema: shared/src/scenario/problem.ts). */
export type Problem = ScenarioProblem;

export function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : /^[A-Za-z_$][\w$]*$/.test(String(s)) ? `${acc}.${String(s)}` : `${acc}[${JSON.stringify(String(s))}]`),
    '$',
  );
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
