import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintDocument, lintScenarioText, lintScenarioValue } from './analyzer/lintScenario.ts';
import type { ParseResult } from './analyzer/parseScenario.ts';
import type { Problem } from './analyzer/Problem.ts';
import { LIBRARY } from './library/index.ts';

export interface LoadedScenario {
  source: string;
  /** The document as written, when it parses. */
  parsed: ParseResult;
  problems: Problem[];
}

const DOCUMENT_FILES = new Set(['.json', '.yaml', '.yml', '.ts']);

/** Scenario files under a path: JSON, YAML, or TypeScript modules exporting documents. */
function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full);
    return DOCUMENT_FILES.has(extname(entry.name)) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Loads and lints scenarios from `target`: a file, a folder, `library` (every built-in one) or
 * `library:<id>`. A TypeScript module counts each exported object with a schemaVersion.
 */
export async function loadScenarios(target: string, cwd: string): Promise<LoadedScenario[]> {
  if (target === 'library' || target.startsWith('library:')) {
    const id = target.split(':')[1];
    const entries = Object.entries(LIBRARY).filter(([key]) => !id || key === id);
    if (entries.length === 0) throw new Error(`No library scenario "${id}". Known: ${Object.keys(LIBRARY).join(', ')}.`);
    return entries.map(([key, document]) => ({
      source: `library:${key}`,
      parsed: { ok: true, document, migrated: [] },
      problems: lintDocument(document),
    }));
  }
  const loaded: LoadedScenario[] = [];
  for (const file of files(resolve(cwd, target))) {
    const source = relative(cwd, file) || file;
    const extension = extname(file);
    if (extension === '.ts') {
      const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (value && typeof value === 'object' && 'schemaVersion' in value) {
          loaded.push({ source: `${source}#${name}`, ...lintScenarioValue(value) });
        }
      }
    } else {
      loaded.push({ source, ...lintScenarioText(readFileSync(file, 'utf8'), extension === '.json' ? 'json' : 'yaml') });
    }
  }
  return loaded;
}
