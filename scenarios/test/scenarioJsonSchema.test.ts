import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { migrateScenarioDocument, ScenarioDocument } from '@startex/shared';
import { LIBRARY } from '../src/library/index.ts';
import { REGENERATE_SCENARIO_JSON_SCHEMA, SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../src/scenarioJsonSchema.ts';
import { BROKEN_SCENARIOS } from './brokenScenarios.ts';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
const example = /## A worked example to copy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;

/** Ajv in strict mode, as a well-kept validator of the same draft editors use, proves the schema is usable. */
const validate = new Ajv({ strict: true, allErrors: true }).compile(scenarioJsonSchema());
const errorsOf = (document: unknown) => (validate(document) ? [] : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`));

describe('the JSON Schema of the scenario document', () => {
  it('is committed as generated from the zod schema now', () => {
    const committed = readFileSync(SCENARIO_JSON_SCHEMA_FILE, 'utf8');
    expect(committed === scenarioJsonSchemaText(), `scenarios/schema/scenario.schema.json is out of date with the zod schema: run ${REGENERATE_SCENARIO_JSON_SCHEMA} and commit it.`).toBe(true);
  });

  it.each(Object.keys(LIBRARY))('accepts library scenario %s', (id) => {
    expect(errorsOf(LIBRARY[id])).toEqual([]);
  });

  it('accepts the worked example in scenarios/README.md, as an editor reads its YAML', () => {
    expect(errorsOf(parse(example))).toEqual([]);
  });

  it('says what an editor would underline: an unknown key, a wrong type, a value not in a list', () => {
    const document = parse(example) as Record<string, any>;
    document.timeline[0].recipents = ['depot'];
    document.timeline[0].number = 'one';
    document.timeline[0].channel = 'pigeon';
    document.timeline[1].unless = { action: 'call_regulator', since: 'pager_alarm', runScript: 'alert(1)' };
    document.machine = { states: { quiet: { entry: [{ runScript: 'alert(1)' }] } } };
    const errors = errorsOf(document);
    expect(errors).toContain('/timeline/0 must NOT have additional properties');
    expect(errors).toContain('/timeline/0/number must be integer');
    expect(errors).toContain('/timeline/0/channel must be equal to one of the allowed values');
    // The recursive parts, named definitions in the schema, are checked too.
    expect(errors.some((e) => e.startsWith('/timeline/1/unless'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/machine/states/quiet/entry/0'))).toBe(true);
  });

  // Older versions are migrated as they are read; the schema describes the current one, so both judge the migrated document.
  const readable = BROKEN_SCENARIOS.filter((b) => b.format === 'json' && b.expect.rule !== 'malformed' && b.expect.rule !== 'too-large').flatMap((b) => {
    const migrated = migrateScenarioDocument(JSON.parse(b.text));
    return migrated.ok ? [{ name: b.name, document: migrated.document }] : [];
  });
  it.each(readable)('agrees with the zod schema on "$name"', ({ document }) => {
    expect(errorsOf(document).length === 0).toBe(ScenarioDocument.safeParse(document).success);
  });
});
