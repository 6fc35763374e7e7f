import { migrateScenarioDocument, ScenarioDocument } from '@startex/shared';
import { jsonPath, type Problem } from './Problem.ts';
import { readYaml } from './readYaml.ts';

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

/**
 * Parses a JSON or YAML scenario file's text into a validated, current-version document: the one
 * way in for the CLI, the upload API and seeding, so each refuses the same files with the same words.
 */
export function parseScenarioText(text: string, format: 'json' | 'yaml'): ParseResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    return fail('too-large', `The document is larger than ${MAX_DOCUMENT_BYTES / 1024} KiB; split long inject bodies into attachments.`);
  }
  const read = format === 'json' ? readJson(text) : readYaml(text);
  return read.ok ? parseScenarioValue(read.value) : read;
}

/** JSON text as a value, or a `malformed` problem that says where (line and column) and how to fix it. */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // V8 says "at position N"; a person looks for a line and a column.
    const message = error.message.replace(/ at position (\d+)(?: \(line \d+ column \d+\))?/, (_match, position: string) => {
      const before = text.slice(0, Number(position)).split('\n');
      return ` at line ${before.length}, column ${before.at(-1)!.length + 1}`;
    });
    return { ok: false, problems: [{ severity: 'error', rule: 'malformed', path: '$', message: `Not valid JSON: ${message}. Fix the syntax there (a missing bracket, quote or comma).` }] };
  }
}

/** Validates an already-parsed value (e.g. an HTTP JSON body) as a scenario document. */
export function parseScenarioValue(raw: unknown): ParseResult {
  if (depthOf(raw) > MAX_DOCUMENT_DEPTH) {
    return fail('too-deep', `The document nests deeper than ${MAX_DOCUMENT_DEPTH} levels; flatten the state hierarchy.`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('schema-version', 'A scenario document is one object of keys and values; write it like the example in scenarios/README.md.', '$.schemaVersion');
  }
  const migrated = migrateScenarioDocument(raw);
  if (!migrated.ok) return fail('schema-version', migrated.message, '$.schemaVersion');
  const parsed = ScenarioDocument.safeParse(migrated.document);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error.issues, migrated.document) };
  return { ok: true, document: parsed.data, migrated: migrated.applied };
}

/** zod issues as analyzer problems, each at its JSON path with a message that says how to fix it. */
export function schemaProblems(issues: readonly Issue[], raw: unknown): Problem[] {
  return issues
    .flatMap((issue) => closestBranch(issue))
    .slice(0, 100)
    .map((issue) => ({ severity: 'error', rule: 'schema', path: jsonPath(issue.path), message: schemaMessage(issue, raw) }));
}

/**
 * An entry that matches none of a union's shapes: when one shape is clearly closest (fewest
 * problems), its problems say more than "invalid input"; when several tie, the entry's keys are
 * what is wrong.
 */
function closestBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
  const sizes = issue.errors.map((branch) => branch.length);
  const fewest = Math.min(...sizes);
  if (sizes.filter((n) => n === fewest).length !== 1) return [issue];
  const branch = issue.errors[sizes.indexOf(fewest)]!;
  return branch.flatMap((inner) => closestBranch({ ...inner, path: [...issue.path, ...inner.path] }));
}

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

/** What a value is, in a controller's words. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
  if (typeof value === 'object') return 'a mapping';
  return `${KIND[typeof value] ?? typeof value} (${String(value)})`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

type Issue = {
  code: string;
  message: string;
  path: PropertyKey[];
  expected?: unknown;
  values?: unknown[];
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  errors?: Issue[][];
};

/** A zod issue as a message that says what is wrong and how to fix it. */
function schemaMessage(issue: Issue, raw: unknown): string {
  const key = issue.path.at(-1);
  const name = typeof key === 'string' ? `"${key}"` : typeof key === 'number' ? `Item ${key}` : 'The document';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = KIND[String(issue.expected)] ?? String(issue.expected);
      const value = valueAt(raw, issue.path);
      return value === undefined
        ? `${name} is missing; add it (${expected}).`
        : `${name} must be ${expected}, not ${kindOf(value)}; change the value.`;
    }
    case 'invalid_value':
      return `${name} cannot be ${JSON.stringify(valueAt(raw, issue.path))}; use one of: ${(issue.values ?? []).map(String).join(', ')}.`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? issue.minimum : issue.maximum);
      const unit = issue.origin === 'array' ? ' entries' : issue.origin === 'string' ? ' characters' : '';
      const limit = issue.inclusive === false ? `${small ? 'more' : 'less'} than ${bound}` : `${small ? 'at least' : 'at most'} ${bound}`;
      return `${name} is too ${small ? 'small' : 'big'}; make it ${limit}${unit}.`;
    }
    case 'unrecognized_keys':
      return `${issue.message}; remove it or check its spelling.`;
    case 'invalid_union':
      return `${issue.message}: check this entry's keys against scenarios/README.md.`;
    default:
      return `${issue.message}; see scenarios/README.md for what ${name} holds.`;
  }
}
