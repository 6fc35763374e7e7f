import { SCENARIO_SCHEMA_VERSION } from './document.ts';

/** One forward step of the scenario document format, from `from` to `from + 1`. */
interface Migration {
  from: number;
  name: string;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

/** Named, numbered, forward only; a document is carried through each in turn on load. */
export const SCENARIO_MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    name: 'add-default-responses',
    // v1 (the walking skeleton) had no scripted default responses for dry runs.
    up: (document) => ({ ...document, defaultResponses: document.defaultResponses ?? [] }),
  },
];

export type MigrationResult =
  | { ok: true; document: unknown; applied: string[] }
  | { ok: false; message: string };

/** Brings a raw document of any known older schemaVersion to the current one. */
export function migrateScenarioDocument(raw: unknown): MigrationResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, message: 'A scenario document is a JSON object.' };
  }
  let document = raw as Record<string, unknown>;
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `schemaVersion must be a whole number from 1 to ${SCENARIO_SCHEMA_VERSION}.` };
  }
  if (version > SCENARIO_SCHEMA_VERSION) {
    return {
      ok: false,
      message: `schemaVersion ${version} is newer than this StartEx understands (${SCENARIO_SCHEMA_VERSION}); upgrade StartEx.`,
    };
  }
  const applied: string[] = [];
  for (const migration of SCENARIO_MIGRATIONS) {
    if (migration.from < version) continue;
    document = { ...migration.up(document), schemaVersion: migration.from + 1 };
    applied.push(migration.name);
  }
  return { ok: true, document, applied };
}
