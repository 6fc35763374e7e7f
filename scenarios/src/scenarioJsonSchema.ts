import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Condition, Fact, Moment, ScenarioDocumentObject, ScenarioState, SCENARIO_SCHEMA_VERSION } from '@startex/shared';

/** Where the generated schema is committed, for editors that read it from a checkout. */
export const SCENARIO_JSON_SCHEMA_FILE = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));
/** The command that rewrites that file from the zod schema. */
export const REGENERATE_SCENARIO_JSON_SCHEMA = 'npx -y pnpm@10.34.9 --filter @startex/scenarios schema';

/**
 * The scenario document as JSON Schema, generated from the zod schema (shared/src/scenario) so the
 * two cannot drift apart: for YAML and JSON editors to complete and check documents as they are
 * written. Draft 7, because that is what the VS Code YAML extension's language server validates.
 * It describes what an author writes in the current version (zod's input side: keys with defaults
 * are optional), from the schema without the migration in front of it: migrating an older version
 * as it is read is code, which JSON Schema cannot describe. The recursive parts (states within
 * states, conditions and facts within themselves) are named definitions.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id?: string; title?: string; description?: string }>();
  names.add(ScenarioDocumentObject, {
    title: 'StartEx scenario document',
    description: `A StartEx exercise scenario, schemaVersion ${SCENARIO_SCHEMA_VERSION}. The analyzer (pnpm scenario lint) checks what a schema cannot: references between ids, reachability, EndEx. See scenarios/README.md.`,
  });
  names.add(ScenarioState, { id: 'ScenarioState', description: 'A phase of the scenario: its title, entry effects, timers (after), actions (on), controller decisions, conditions (always), child states.' });
  names.add(Condition, { id: 'Condition', description: 'A condition on flags, counters, team sets or the action\'s field values; all/any/not combine them.' });
  names.add(Fact, { id: 'Fact', description: 'Something that did or did not happen in play (an action, an acknowledgement, a decision, a release, a flag), for timeline rows, EndEx rules and yes/no metrics; all/any/not combine them.' });
  names.add(Moment, { id: 'Moment', description: 'A moment of play a deadline counts from (`within` minutes `after` it), from its first occurrence: a row released, an action taken, an inject acknowledged, a controller decision settled.' });
  return z.toJSONSchema(ScenarioDocumentObject, { target: 'draft-07', io: 'input', metadata: names }) as Record<string, unknown>;
}

/** The schema file's text, exactly as committed. */
export const scenarioJsonSchemaText = () => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
