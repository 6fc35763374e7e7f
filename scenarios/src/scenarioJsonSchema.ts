import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Condition, ScenarioDocument, ScenarioState, SCENARIO_SCHEMA_VERSION } from '@startex/shared';

/** Where the generated schema is committed, for editors that read it from a checkout. */
export const SCENARIO_JSON_SCHEMA_FILE = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));
/** The command that rewrites that file from the zod schema. */
export const REGENERATE_SCENARIO_JSON_SCHEMA = 'npx -y pnpm@10.34.9 --filter @startex/scenarios schema';

/**
 * The scenario document as JSON Schema, generated from the zod schema (shared/src/scenario) so the
 * two cannot drift apart: for YAML and JSON editors to complete and check documents as they are
 * written. Draft 7, because that is what the VS Code YAML extension's language server validates.
 * It describes what an author writes (zod's input side: keys with defaults are optional); the
 * recursive parts (states within states, conditions within conditions) are named definitions.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const document = authored(ScenarioDocument);
  const names = z.registry<{ id?: string; title?: string; description?: string }>();
  names.add(document, {
    title: 'StartEx scenario document',
    description: `A StartEx exercise scenario, schemaVersion ${SCENARIO_SCHEMA_VERSION}. The analyzer (pnpm scenario lint) checks what a schema cannot: references between ids, reachability, EndEx. See scenarios/README.md.`,
  });
  names.add(ScenarioState, { id: 'ScenarioState', description: 'A phase of the scenario: entry effects, timers (after), actions (on), controller decisions, child states.' });
  names.add(Condition, { id: 'Condition', description: 'A condition on flags, counters or the action\'s field values; all/any/not combine them.' });
  return z.toJSONSchema(document, { target: 'draft-07', io: 'input', metadata: names }) as Record<string, unknown>;
}

/**
 * What an author writes: a preprocessing step in front of the schema (such as migrating an older
 * version as it is read) is code, which JSON Schema cannot describe, so the schema it feeds is.
 */
function authored(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodPipe && schema.in instanceof z.ZodTransform ? authored(schema.out as z.ZodType) : schema;
}

/** The schema file's text, exactly as committed. */
export const scenarioJsonSchemaText = () => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
