import { DOCUMENT_PARTS, type DocumentPart, type FieldChange, type ItemChange, type PartDiff, type ScenarioDiff } from '@startex/shared';
import { bothKeyed, comparable, isObject, keyOf, sameValue, titleOf, type JsonObject } from './documentShape.ts';
import { longestCommonOrder } from './longestCommonOrder.ts';

/**
 * What changed between two versions of a scenario document, as a person reads it: the settings
 * field by field, and per part (teams, rows, metrics, ...) the things added, removed, changed
 * (field by field) and moved. Pure, so the studio shows exactly what the server computes.
 */

// The answer's shape is shared with the studio's client (shared/src/scenario/diff.ts).
export { DOCUMENT_PARTS, type DocumentPart, type FieldChange, type ItemChange, type PartDiff, type ScenarioDiff };

/** Parts whose elements have no id: an element is the same only if it is equal, so they are added or removed, never changed. */
const UNNAMED_PARTS = new Set<DocumentPart>(['endex', 'reactions', 'defaultResponses']);
/** Not a setting: the version number is the store's, and the parts above are compared as parts. */
const NOT_SETTINGS = new Set<string>(['version', 'machine', ...DOCUMENT_PARTS]);

export function diffScenarios(before: unknown, after: unknown): ScenarioDiff {
  const a = comparable(before);
  const b = comparable(after);
  const settings = fieldChanges(pick(a, (k) => !NOT_SETTINGS.has(k)), pick(b, (k) => !NOT_SETTINGS.has(k)), []);
  const parts = DOCUMENT_PARTS.map((part) => ({ part, changes: diffPart(part, a, b) })).filter((p) => p.changes.length > 0);
  const all = parts.flatMap((p) => p.changes);
  const counts = {
    settings: settings.length,
    added: all.filter((c) => c.change === 'added').length,
    removed: all.filter((c) => c.change === 'removed').length,
    changed: all.filter((c) => c.change === 'changed' && c.fields.length > 0).length,
    moved: all.filter((c) => c.change === 'changed' && c.moved).length,
  };
  return { settings, parts, counts, identical: settings.length === 0 && all.length === 0 };
}

function pick(object: JsonObject, keep: (key: string) => boolean): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => keep(key)));
}

interface Named {
  id: string;
  item: JsonObject;
}

/** The elements of a part with their ids, in the document's order. */
function elementsOf(part: DocumentPart, document: JsonObject): Named[] {
  switch (part) {
    case 'decisions':
      // A row's decision is its own thing to a controller; the row's comparison leaves it out.
      return listOf(document.timeline).flatMap((row) =>
        isObject(row.decision) && typeof row.decision.id === 'string' ? [{ id: row.decision.id, item: { ...row.decision, row: row.id } }] : [],
      );
    case 'timeline':
      return named(listOf(document.timeline).map(({ decision: _decision, ...row }) => row));
    case 'states':
      return statesOf(isObject(document.machine) ? document.machine : {}, '');
    case 'endex':
    case 'reactions':
    case 'defaultResponses':
      return unique(listOf(document[part]).map((item) => ({ id: JSON.stringify(canonical(item)), item })));
    default:
      return named(listOf(document[part]));
  }
}

const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A draft may hold an element without an id, or a repeated one, while it is being written. */
const named = (items: JsonObject[]): Named[] => unique(items.map((item, index) => ({ id: keyOf(item) ?? `#${index + 1}`, item })));

function unique(elements: Named[]): Named[] {
  const seen = new Set<string>();
  return elements.map(({ id, item }, index) => {
    const unseen = seen.has(id) ? `${id}#${index + 1}` : id;
    seen.add(unseen);
    return { id: unseen, item };
  });
}

/** Every state of the machine by its dotted path (the root is ''), without its child states. */
function statesOf(state: JsonObject, path: string): Named[] {
  const { states, ...own } = state;
  const children = isObject(states) ? Object.entries(states).filter((entry): entry is [string, JsonObject] => isObject(entry[1])) : [];
  return [{ id: path, item: own }, ...children.flatMap(([key, child]) => statesOf(child, path === '' ? key : `${path}.${key}`))];
}

function diffPart(part: DocumentPart, a: JsonObject, b: JsonObject): ItemChange[] {
  const before = elementsOf(part, a);
  const after = elementsOf(part, b);
  const beforeIndex = new Map(before.map((e, i) => [e.id, i]));
  const afterIndex = new Map(after.map((e, i) => [e.id, i]));
  const title = (e: Named) => (part === 'states' ? (typeof e.item.title === 'string' ? e.item.title : e.id || 'machine') : UNNAMED_PARTS.has(part) ? summaryOf(e.item) : titleOf(e.item));
  const changes: ItemChange[] = [];
  const common = after.filter((e) => beforeIndex.has(e.id)).map((e) => e.id);
  const inOrder = part === 'states' || UNNAMED_PARTS.has(part) ? new Set(common) : longestCommonOrder(before.filter((e) => afterIndex.has(e.id)).map((e) => e.id), common);
  before.forEach((e, index) => {
    if (!afterIndex.has(e.id)) changes.push({ change: 'removed', id: e.id, title: title(e), index, item: e.item });
  });
  after.forEach((e, index) => {
    const from = beforeIndex.get(e.id);
    if (from === undefined) {
      changes.push({ change: 'added', id: e.id, title: title(e), index, item: e.item });
      return;
    }
    const fields = fieldChanges(before[from]!.item, e.item, []);
    const moved = !inOrder.has(e.id);
    if (fields.length > 0 || moved) changes.push({ change: 'changed', id: e.id, title: title(e), index, fields, ...(moved ? { moved: { from, to: index } } : {}) });
  });
  return changes;
}

/** The fields that differ, descending into objects and named lists; any other value is compared whole. */
export function fieldChanges(before: unknown, after: unknown, path: string[]): FieldChange[] {
  if (sameValue(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], [...path, key]));
  }
  if (bothKeyed(before, after)) {
    const a = new Map((before as JsonObject[]).map((e) => [keyOf(e)!, e]));
    const b = new Map((after as JsonObject[]).map((e) => [keyOf(e)!, e]));
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    return keys.flatMap((key) => fieldChanges(a.get(key), b.get(key), [...path, key]));
  }
  return [{ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

/** The same JSON with object keys sorted, so that equal elements without ids get equal ids. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => value[key] !== undefined)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  }
  return value;
}

/** A short reading of an element without a title (an EndEx rule, a reaction, a scripted response). */
function summaryOf(item: JsonObject): string {
  const words = Object.entries(item)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${k} ${String(v)}`);
  return words.join(', ') || JSON.stringify(canonical(item)).slice(0, 120);
}
