import type { DraftDocument, TimelineRowInput } from '@startex/shared';

/**
 * The document the studio edits: what the author has written so far, valid or not (the analysis
 * says what is wrong). Views read it through these accessors, which never trust its shape.
 */
export type StudioDocument = DraftDocument;

/** A place in the document, e.g. `['timeline', 3, 'subject']`. */
export type DocPath = (string | number)[];

export type Item = Record<string, unknown>;

export const isItem = (value: unknown): value is Item => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The items of a list part (`teams`, `timeline`, ...); anything that is not an object reads as an empty item. */
export function listOf(document: StudioDocument, part: string): Item[] {
  const value = document[part];
  return Array.isArray(value) ? value.map((item) => (isItem(item) ? item : {})) : [];
}

export const rowsOf = (document: StudioDocument) => listOf(document, 'timeline') as Partial<TimelineRowInput>[] & Item[];

export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(textOf) : typeof value === 'string' && value ? [value] : [];
}

/** Ids already used in a part, so a new thing gets a fresh one. */
export function freshId(document: StudioDocument, part: string, stem: string): string {
  const taken = new Set(listOf(document, part).map((item) => textOf(item.id)));
  for (let n = 1; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A person's words as an id: "Police patrol" -> "police_patrol". */
export function idFromWords(words: string, fallback: string): string {
  const id = words
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  return id || fallback;
}

/** Reads `$.timeline[3].to[0]` (the analyzer's paths) as path segments. */
export function parseJsonPath(path: string): DocPath {
  const segments: DocPath = [];
  const pattern = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}
