import { parse as parseYaml, YAMLParseError } from 'yaml';
import { migrateScenarioDocument, ScenarioDocument } from '@startex/shared';
import { jsonPath, type Problem } from './Problem.ts';

/** Larger documents are refused before parsing. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** Deeper nesting (objects and arrays) is refused before schema validation, which recurses. */
export const MAX_DOCUMENT_DEPTH = 40;

export type ParseResult = { ok: true; document: ScenarioDocument; migrated: string[] } | { ok: false; problems: Problem[] };

const fail = (rule: string, message: string, path = '$'): ParseResult => ({
  ok: false,
  problems: [{ severity: 'error', rule, path, message }],
});

/** Depth of a parsed value, iteratively, so a hostile document cannot overflow the stack. */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DOCUMENT_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Parses a JSON or YAML scenario file's text into a validated, current-version document. */
export function parseScenarioText(text: string, format: 'json' | 'yaml'): ParseResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    return fail('too-large', `The document is larger than ${MAX_DOCUMENT_BYTES / 1024} KiB; split long inject bodies into attachments.`);
  }
  let raw: unknown;
  try {
    raw = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      return fail('malformed', `Not valid YAML${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${error.message.split('\n')[0]}`);
    }
    return fail('malformed', `Not valid JSON: ${(error as Error).message}`);
  }
  return parseScenarioValue(raw);
}

/** Validates an already-parsed value (e.g. an HTTP JSON body) as a scenario document. */
export function parseScenarioValue(raw: unknown): ParseResult {
  if (depthOf(raw) > MAX_DOCUMENT_DEPTH) {
    return fail('too-deep', `The document nests deeper than ${MAX_DOCUMENT_DEPTH} levels; flatten the state hierarchy.`);
  }
  const migrated = migrateScenarioDocument(raw);
  if (!migrated.ok) return fail('schema-version', migrated.message, '$.schemaVersion');
  const parsed = ScenarioDocument.safeParse(migrated.document);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 100).map((issue) => ({
        severity: 'error' as const,
        rule: 'schema',
        path: jsonPath(issue.path),
        message: schemaMessage(issue),
      })),
    };
  }
  return { ok: true, document: parsed.data, migrated: migrated.applied };
}

function schemaMessage(issue: { code: string; message: string; path: PropertyKey[] }): string {
  if (issue.code === 'unrecognized_keys') return `${issue.message}; remove it or check its spelling.`;
  if (issue.code === 'invalid_union') return `${issue.message}: check this entry's keys against scenarios/README.md.`;
  return issue.message;
}
