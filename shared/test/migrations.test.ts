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
    expect(result).toMatchObject({ ok: true, applied: ['add-default-responses'] });
    if (!result.ok) return;
    const document = ScenarioDocument.parse(result.document);
    expect(document.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(document.defaultResponses).toEqual([]);
    expect(document.injects.map((i) => i.id)).toEqual(['portal_alarm', 'supervisor_reply']);
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
