import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateScenarioDocument, ScenarioDocument, SCENARIO_SCHEMA_VERSION } from '../src/index.ts';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));

describe('scenario document migrations', () => {
  it('carries the walking skeleton v1 demo document to the current version', () => {
    const v1 = fixture('demo.v1.json');
    expect(v1.schemaVersion).toBe(1);
    const result = migrateScenarioDocument(v1);
    expect(result).toMatchObject({ ok: true, applied: ['add-default-responses', 'declare-flags-up-front'] });
    if (!result.ok) return;
    const document = ScenarioDocument.parse(result.document);
    expect(document.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(document.defaultResponses).toEqual([]);
    expect(document.injects.map((i) => i.id)).toEqual(['portal_alarm', 'supervisor_reply']);
  });

  it('carries a v2 document that set its flags in the root entry to flags declared up front', () => {
    const v2 = fixture('insider.v2.json');
    expect(v2.machine.entry).toHaveLength(6);
    const result = migrateScenarioDocument(v2);
    expect(result).toMatchObject({ ok: true, applied: ['declare-flags-up-front'] });
    if (!result.ok) return;
    const document = ScenarioDocument.parse(result.document);
    expect(document.flags).toEqual([
      { id: 'concern_recorded', initial: false },
      { id: 'regulator_notified', initial: false },
      { id: 'information_shared', initial: false },
      { id: 'joint_assessment_done', initial: false },
      { id: 'access_suspended', initial: false },
      { id: 'security_level_raised', initial: false },
    ]);
    expect(document.machine.entry).toEqual([]);
    // Everything else is as it was.
    expect(document.machine.states).toEqual(ScenarioDocument.parse({ ...v2, machine: { ...v2.machine, entry: [] } }).machine.states);
    expect(document.injects).toHaveLength(v2.injects.length);
  });

  it('reads an old document straight through the schema too (stored exercises pin old versions)', () => {
    const document = ScenarioDocument.parse(fixture('insider.v2.json'));
    expect(document.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(document.flags.map((f) => f.id)).toContain('access_suspended');
  });

  it('leaves a current document as it is', () => {
    const current = { ...fixture('demo.v1.json'), schemaVersion: SCENARIO_SCHEMA_VERSION, defaultResponses: [] };
    expect(migrateScenarioDocument(current)).toEqual({ ok: true, document: current, applied: [] });
  });

  it('refuses documents from the future, without a version, or not objects', () => {
    expect(migrateScenarioDocument({ schemaVersion: 99 })).toEqual({
      ok: false,
      message: `schemaVersion 99 is newer than this StartEx understands (${SCENARIO_SCHEMA_VERSION}); upgrade StartEx.`,
    });
    expect(migrateScenarioDocument({ title: 'x' })).toMatchObject({ ok: false });
    expect(migrateScenarioDocument([1, 2])).toEqual({ ok: false, message: 'A scenario document is a JSON object.' });
    expect(migrateScenarioDocument(null)).toMatchObject({ ok: false });
  });
});
