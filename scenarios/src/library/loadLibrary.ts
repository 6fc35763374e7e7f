import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScenarioDocument } from '@startex/shared';
import { parseScenarioText } from '../analyzer/parseScenario.ts';

/**
 * The library's YAML files, read as an upload is: parsed, migrated and checked against the schema.
 * They are read from beside this module, which is where they are under tsx and vitest and, since
 * the server bundle keeps each module's own import.meta.url (server/scripts/bundle.ts), for the
 * bundled server too. Each is parsed when first used: a start reads the demo, not the whole library
 * (parsing all of it was a third of the server's start-up).
 */
export function loadLibrary(folder = fileURLToPath(new URL('.', import.meta.url))): Record<string, ScenarioDocument> {
  const library: Record<string, ScenarioDocument> = {};
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort()) {
    const id = file.slice(0, -'.yaml'.length);
    Object.defineProperty(library, id, {
      enumerable: true,
      configurable: true,
      get: () => {
        const document = readLibraryFile(folder, file);
        Object.defineProperty(library, id, { value: document, enumerable: true });
        return document;
      },
    });
  }
  return library;
}

function readLibraryFile(folder: string, file: string): ScenarioDocument {
  const parsed = parseScenarioText(readFileSync(`${folder}/${file}`, 'utf8'), 'yaml');
  if (!parsed.ok) throw new Error(`Library scenario ${file} does not parse: ${parsed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  if (`${parsed.document.id}.yaml` !== file) throw new Error(`Library scenario ${file} has the id "${parsed.document.id}"; name the file after it.`);
  return parsed.document;
}
