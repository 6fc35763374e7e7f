/** The version of the scenario document this StartEx writes and reads; older ones are migrated forward. */
export const SCENARIO_SCHEMA_VERSION = 3;

type RawDocument = Record<string, unknown>;

/** One forward step of the scenario document format, from `from` to `from + 1`. */
interface Migration {
  from: number;
  name: string;
  up(document: RawDocument): RawDocument;
}

const isObject = (value: unknown): value is RawDocument => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * v2 declared flags by setting them in the root state's entry effects (so the context had the same
 * shape whatever the order of play); v3 declares them up front with their value at StartEx.
 * Any other root entry effect stays where it is.
 */
function declareFlagsUpFront(document: RawDocument): RawDocument {
  const machine = document.machine;
  if (!isObject(machine) || !Array.isArray(machine.entry)) return document;
  const flags = new Map<string, boolean>();
  const entry = machine.entry.filter((effect) => {
    if (!isObject(effect) || typeof effect.setFlag !== 'string') return true;
    flags.set(effect.setFlag, effect.value !== false);
    return false;
  });
  if (flags.size === 0) return document;
  const declared = Array.isArray(document.flags) ? document.flags : [];
  return {
    ...document,
    flags: [...declared, ...[...flags].map(([id, initial]) => ({ id, initial }))],
    machine: { ...machine, entry },
  };
}

/** Named, numbered, forward only; a document is carried through each in turn on load. */
export const SCENARIO_MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    name: 'add-default-responses',
    // v1 (the walking skeleton) had no scripted default responses for dry runs.
    up: (document) => ({ ...document, defaultResponses: document.defaultResponses ?? [] }),
  },
  { from: 2, name: 'declare-flags-up-front', up: declareFlagsUpFront },
];

export type MigrationResult =
  | { ok: true; document: unknown; applied: string[] }
  | { ok: false; message: string };

/** Brings a raw document of any known older schemaVersion to the current one. */
export function migrateScenarioDocument(raw: unknown): MigrationResult {
  if (!isObject(raw)) return { ok: false, message: 'A scenario document is a JSON object.' };
  let document = raw;
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
