import { freshId, isItem, listOf, textOf, type DocPath, type Item, type StudioDocument } from './studioDocument.ts';

/**
 * Edits as pure functions of the document: each returns a new document and leaves the old one as
 * it was, so every view (grid, forms, statechart, source) re-reads one value and stays in sync.
 */

/** The document with `value` at `path` (undefined removes the key); missing containers are made. */
export function setAt(document: StudioDocument, path: DocPath, value: unknown): StudioDocument {
  return put(document, path, value) as StudioDocument;
}

function put(node: unknown, path: DocPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(node) ? [...node] : [];
    list[head] = put(list[head], rest, value);
    return list;
  }
  const object: Item = isItem(node) ? { ...node } : {};
  const next = put(object[head!], rest, value);
  if (next === undefined) delete object[head!];
  else object[head!] = next;
  return object;
}

export function getAt(document: unknown, path: DocPath): unknown {
  let node = document;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Changes some fields of one item of a list part; `undefined` removes a field. */
export function patchItem(document: StudioDocument, part: string, index: number, patch: Item): StudioDocument {
  const list = listOf(document, part);
  const item = { ...list[index] };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete item[key];
    else item[key] = value;
  }
  list[index] = item;
  return { ...document, [part]: list };
}

export function insertItem(document: StudioDocument, part: string, index: number, item: Item): StudioDocument {
  const list = listOf(document, part);
  list.splice(index, 0, item);
  return { ...document, [part]: list };
}

export function removeItem(document: StudioDocument, part: string, index: number): StudioDocument {
  const list = listOf(document, part);
  list.splice(index, 1);
  return { ...document, [part]: list };
}

/** Moves an item by `by` places (clamped to the list). */
export function moveItem(document: StudioDocument, part: string, index: number, by: number): StudioDocument {
  const list = listOf(document, part);
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  if (to === index || !list[index]) return document;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item!);
  return { ...document, [part]: list };
}

/** A copy of a timeline row below it, with a fresh id and no number (it takes its place's). */
export function duplicateRow(document: StudioDocument, index: number): StudioDocument {
  const row = listOf(document, 'timeline')[index];
  if (!row) return document;
  const copy: Item = { ...structuredClone(row), id: freshId(document, 'timeline', textOf(row.id).replace(/_\d+$/, '') || 'inject') };
  delete copy.number;
  // A decision's id is unique in the document: the copy's needs its own.
  if (isItem(copy.decision)) copy.decision = { ...copy.decision, id: `${textOf(copy.decision.id)}_copy` };
  return insertItem(document, 'timeline', index + 1, copy);
}

/** The items of the list at `path` (nested lists too: `['actions', 2, 'fields']`). */
export function itemsAt(document: StudioDocument, path: DocPath): Item[] {
  const value = getAt(document, path);
  return Array.isArray(value) ? value.map((item) => (isItem(item) ? item : {})) : [];
}

/** Changes the list at `path` as a whole. */
export function updateList(document: StudioDocument, path: DocPath, change: (list: Item[]) => Item[]): StudioDocument {
  return setAt(document, path, change(itemsAt(document, path)));
}

/** An id not yet used in the list at `path`: `team_1`, `team_2`, ... */
export function freshIdAt(document: StudioDocument, path: DocPath, stem: string, key = 'id'): string {
  const taken = new Set(itemsAt(document, path).map((item) => textOf(item[key])));
  for (let n = 1; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}
