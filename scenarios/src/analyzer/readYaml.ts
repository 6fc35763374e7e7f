import { CST, isAlias, isScalar, Lexer, LineCounter, parseDocument, visit, type Document, type ErrorCode, type Node, type Pair, type YAMLError } from 'yaml';
import type { Problem } from './Problem.ts';

/**
 * YAML that may nest deeper than this is refused before it is parsed: the yaml library composes
 * recursively and catches a stack overflow deep inside itself, where V8 can then abort the whole
 * process. Real scenarios score far below (the deepest library one, laid out in flow style, 108).
 */
export const YAML_NESTING_LIMIT = 256;
/** Aliases (`*name`) resolved in all, beyond which a document is taken for an alias bomb. */
export const YAML_ALIAS_LIMIT = 100;
/** At most this many YAML syntax problems are reported; later ones often follow from the first. */
const MAX_SYNTAX_PROBLEMS = 10;

export type YamlReading = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

/**
 * Reads YAML text into a plain value, or says what is wrong in a controller's words: where
 * (line and column), the real cause and the fix, including mistakes YAML itself accepts silently
 * (an unquoted comma inside `{ ... }` that splits a value in two).
 */
export function readYaml(text: string): YamlReading {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const problem = (rule: string, message: string): Problem => ({ severity: 'error', rule, path: '$', message });

  const nesting = yamlNestingBound(text, YAML_NESTING_LIMIT);
  if (nesting.bound > YAML_NESTING_LIMIT) {
    return { ok: false, problems: [problem('too-deep', `The document nests or indents more than ${YAML_NESTING_LIMIT} levels deep (by line ${nesting.line}), too deep to read safely; flatten it.`)] };
  }

  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const seen = new Set<string>();
    const problems = document.errors
      .map((error) => problem(error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : error.code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : 'malformed', syntaxMessage(error, text, document, at)))
      .filter((p) => !seen.has(p.message) && seen.add(p.message));
    return { ok: false, problems: problems.slice(0, MAX_SYNTAX_PROBLEMS) };
  }

  const splitValues = commasInFlowMappings(document, text, at);
  if (splitValues.length > 0) return { ok: false, problems: splitValues.slice(0, MAX_SYNTAX_PROBLEMS).map((message) => problem('comma-in-value', message)) };

  try {
    return { ok: true, value: document.toJS({ maxAliasCount: YAML_ALIAS_LIMIT }) };
  } catch (error) {
    // The yaml library resolves aliases only here and reports their failures as ReferenceErrors.
    const message = error instanceof ReferenceError ? aliasMessage(error.message, document, at) : undefined;
    if (message === undefined) throw error;
    return { ok: false, problems: [problem(message.rule, message.text)] };
  }
}

/** An alias that refers to no anchor, or aliases that multiply past the limit (an alias bomb). */
function aliasMessage(error: string, document: Document, at: (offset: number) => string): { rule: string; text: string } | undefined {
  const aliases: { name: string; offset: number }[] = [];
  visit(document, { Alias: (_key, node) => void aliases.push({ name: node.source, offset: node.range?.[0] ?? 0 }) });
  const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(error)?.[1];
  if (unresolved !== undefined) {
    const alias = aliases.find((a) => a.name === unresolved);
    return {
      rule: 'malformed',
      text: `The alias *${unresolved} at ${at(alias?.offset ?? 0)} refers to no anchor: an anchor &${unresolved} must come before it. Add the anchor, or check the alias's spelling.`,
    };
  }
  if (!error.startsWith('Excessive alias count')) return undefined;
  return {
    rule: 'too-many-aliases',
    text: `The document's aliases (*name, the first at ${at(aliases[0]?.offset ?? 0)}) would copy their anchors more than ${YAML_ALIAS_LIMIT} times when read, which is how a "billion laughs" attack fills a server's memory. Write the repeated parts out, or use fewer aliases.`,
  };
}

/** A yaml library error as what is wrong, where, and how to fix it. */
function syntaxMessage(error: YAMLError, text: string, document: Document, at: (offset: number) => string): string {
  const [start, end] = error.pos;
  const where = at(start);
  const quoted = JSON.stringify(text.slice(start, Math.min(end, start + 40)).split('\n')[0]);
  const code: ErrorCode = error.code;
  switch (code) {
    case 'DUPLICATE_KEY': {
      const duplicate = duplicateKey(document, start);
      const name = duplicate ? JSON.stringify(duplicate.name) : quoted;
      const first = duplicate?.first === undefined ? '' : ` (first at ${at(duplicate.first)})`;
      return `The key ${name} at ${where} appears twice in the same mapping${first}; YAML would keep only one of them. Remove one, or rename it.`;
    }
    case 'TAB_AS_INDENT':
      return `A tab indents ${where}; YAML indents with spaces only. Change the tab to spaces.`;
    case 'BAD_INDENT': {
      const bracket = /end with a ([\]}])/.exec(error.message)?.[1];
      if (bracket) return `A ${bracket === ']' ? '[ ... ] list' : '{ ... } mapping'} is not closed before ${where}; add the missing "${bracket}" where it ends.`;
      return `The indentation at ${where} does not match the entries beside it (${lowerFirst(error.message)}). Make the entries of one mapping or list start at the same column, and indent what belongs to a key further than the key.`;
    }
    case 'BLOCK_IN_FLOW':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `The value at ${where} holds ": ", which YAML reads as the start of another key. Write the whole value in quotes, e.g. subject: "Alarm: lane 3".`;
    case 'MULTILINE_IMPLICIT_KEY':
      return `A key at ${where} runs over more than one line, usually because the value above lacks its closing quote or is not indented under its key; check the lines just before.`;
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) return `A quoted value runs on to ${where} without its closing quote; add the quote where the value ends.`;
      if (/Missing space after :/.test(error.message)) return `A ":" at ${where} has no space after it; write "key: value" with a space.`;
      if (/need to be followed by map values|Missing , or :/.test(error.message)) return `${quoted} at ${where} is neither "key: value" nor a list item; add the missing ":" or "- ", or write the text in quotes.`;
      if (/Missing ,/.test(error.message)) return `Two entries at ${where} have no comma between them; add the comma inside the brackets.`;
      return `${error.message} at ${where}; add it.`;
    case 'BAD_SCALAR_START':
      return `The value at ${where} starts with a character YAML reserves (${lowerFirst(error.message)}); write the value in quotes.`;
    case 'BAD_DQ_ESCAPE':
      return `The double-quoted value at ${where} has a backslash escape YAML does not know; write "\\\\" for a backslash, or use single quotes.`;
    case 'MULTIPLE_DOCS':
      return `The file holds more than one YAML document (a second "---" at ${where}); remove it and keep one scenario per file.`;
    case 'TAG_RESOLVE_FAILED':
      return `The tag at ${where} is not one StartEx reads (${lowerFirst(error.message)}); remove it.`;
    case 'RESOURCE_EXHAUSTION':
      return `The document nests too deeply to read safely (at ${where}); flatten it.`;
    case 'UNEXPECTED_TOKEN':
      return `Unexpected ${quoted} at ${where} (${lowerFirst(error.message)}); remove it, or write the value it belongs to in quotes.`;
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
    case 'BAD_COLLECTION_TYPE':
    case 'BAD_DIRECTIVE':
    case 'BAD_PROP_ORDER':
    case 'IMPOSSIBLE':
    case 'KEY_OVER_1024_CHARS':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'NON_STRING_KEY':
      return `${error.message} at ${where}; fix the YAML there (scenarios/README.md has an example to copy).`;
    default:
      return code satisfies never;
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The name of the duplicate key that starts at `offset`, and where the first of the two is. */
function duplicateKey(document: Document, offset: number): { name: string; first: number | undefined } | undefined {
  let found: { name: string; first: number | undefined } | undefined;
  visit(document, {
    Map(_key, map) {
      const keys = map.items.map((pair) => pair.key as Node | null);
      const duplicate = keys.find((key) => key?.range?.[0] === offset);
      if (!isScalar(duplicate)) return undefined;
      found = { name: String(duplicate.value), first: keys.find((key) => isScalar(key) && key.value === duplicate.value)?.range?.[0] };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Keys without a value inside `{ ... }`: YAML reads `{ name: Customs, Vilnius }` as two entries,
 * `name: Customs` and a key `Vilnius` with no value, without complaint. No scenario key is ever
 * left without a value, so each is a value cut short at a comma.
 */
function commasInFlowMappings(document: Document, text: string, at: (offset: number) => string): string[] {
  const messages: string[] = [];
  visit(document, {
    Map(_key, map) {
      if (!map.flow) return;
      map.items.forEach((pair, i) => {
        if (pair.value !== null || !isScalar(pair.key) || isAlias(pair.key)) return;
        const key = pair.key as Node;
        const [start, end] = key.range ?? [0, 0];
        const previous = map.items[i - 1] as Pair<Node, Node | null> | undefined;
        const before = previous?.value?.range ? text.slice(previous.key?.range?.[0] ?? previous.value.range[0], end) : undefined;
        messages.push(
          before
            ? `Inside { ... } a comma ends a value, so "${before}" at ${at(start)} was read as two entries (and ${JSON.stringify(text.slice(start, end))} as a key with no value). Write the value in quotes: ${quoteValue(before)}.`
            : `${JSON.stringify(text.slice(start, end))} at ${at(start)} is a key with no value; write "key: value", and write a value that holds a comma in quotes.`,
        );
      });
    },
  });
  return messages;
}

/** `name: Customs, Vilnius` as `name: "Customs, Vilnius"`. */
function quoteValue(entry: string): string {
  const colon = entry.indexOf(': ');
  return colon < 0 ? JSON.stringify(entry) : `${entry.slice(0, colon)}: ${JSON.stringify(entry.slice(colon + 2).trim())}`;
}

/**
 * An upper bound on how deeply a YAML text nests, read with the library's lexer (which does not
 * recurse), stopping once past `limit`: block collections nest at most two per indentation column,
 * compact `- ` and `? ` indicators count like columns, and each open flow bracket adds one.
 */
export function yamlNestingBound(text: string, limit: number): { bound: number; line: number } {
  let flow = 0;
  let indent = 0;
  let compact = 0;
  let lineStart = true;
  let bound = 0;
  let line = 1;
  for (const source of new Lexer().lex(text)) {
    const type = CST.tokenType(source);
    if (type === 'newline') {
      [lineStart, indent, compact] = [true, 0, 0];
      line++;
      continue;
    }
    if (type === 'space' && lineStart) indent = source.length;
    else if (type !== 'space' && type !== 'comment') lineStart = false;
    if (type === 'seq-item-ind' || type === 'explicit-key-ind') compact++;
    else if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    bound = Math.max(bound, 2 * (indent + compact + 1) + flow);
    if (bound > limit) return { bound, line };
  }
  return { bound, line };
}
