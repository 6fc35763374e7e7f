import { z } from 'zod';
import { ScenarioDocumentObject } from './document.ts';
import { ScenarioProblem } from './problem.ts';

/** A scenario an exercise can be made from: the built-in library's, or a version uploaded or published by the centre. */
export const ScenarioSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  source: z.enum(['library', 'uploaded']),
  exerciseType: ScenarioDocumentObject.shape.exerciseType,
  functions: ScenarioDocumentObject.shape.functions,
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

/** An upload stored as the next version, with the analyzer's warnings (errors refuse it). */
export const ScenarioUploaded = ScenarioSummary.extend({ warnings: z.array(ScenarioProblem) });
export type ScenarioUploaded = z.infer<typeof ScenarioUploaded>;

/** What the analyzer finds in a document checked without storing it; `ok` when none is an error. */
export const ScenarioLint = z.object({ ok: z.boolean(), problems: z.array(ScenarioProblem) });
export type ScenarioLint = z.infer<typeof ScenarioLint>;

/**
 * A scenario document as text, YAML or JSON by its content type: the analyzer reads it, so a
 * syntax error is reported in its words (with a path), not refused as a malformed request; no
 * body reads as an empty document.
 */
export const ScenarioText = z.string().default('').meta({ description: 'The scenario document as YAML or JSON text (its JSON Schema: GET /api/scenarios/schema.json).' });
