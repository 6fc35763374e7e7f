import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchemaText } from './scenarioJsonSchema.ts';

// Rewrites scenarios/schema/scenario.schema.json after a change to the document schema.
writeFileSync(SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchemaText());
console.log(`Wrote ${relative(process.env.INIT_CWD ?? process.cwd(), SCENARIO_JSON_SCHEMA_FILE)}`);
