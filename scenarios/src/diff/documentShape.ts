import { ScenarioDocument } from '@startex/shared';

/**
 * How the diff and the three-way merge see a scenario document: plain JSON in which a list of
 * objects named by `id` (rows, teams, metrics, ...) or `name` (action fields) is a set of things
 * with identities, and any other list (addressees, expected actions) is one value.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key that names an element of a list: its `id`, or its `name` (action fields). */
export function keyOf(element: unknown): string | undefined {
  if (!isObject(element)) return undefined;
  if (typeof element.id === 'string') return element.id;
  if (typeof element.name === 'string') return element.name;
  return undefined;
}

/** A non-empty list whose elements are all objects named by distinct keys. */
export function isKeyedList(value: unknown): value is JsonObject[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const keys = new Set<string>();
  for (const element of value) {
    const key = keyOf(element);
    if (key === undefined || keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

/** Two lists that are keyed the same way, an empty list counting as keyed beside a keyed one. */
export const bothKeyed = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) && (isKeyedList(a) || a.length === 0) && (isKeyedList(b) || b.length === 0) && a.length + b.length > 0;

/** Deep equality of JSON values; a property holding `undefined` is the same as a missing one. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((element, i) => sameValue(element, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** What a person calls an element: its title, name, subject or label, else its key. */
export function titleOf(element: unknown): string {
  if (!isObject(element)) return String(element);
  for (const field of ['title', 'name', 'subject', 'label']) {
    const value = element[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return keyOf(element) ?? '';
}

/**
 * A document as the diff compares it: a valid one with its defaults filled in and migrated to the
 * current schema version, so that `effects: []` written out and left out read the same; a draft
 * that does not pass the schema yet, as it is.
 */
export function comparable(document: unknown): JsonObject {
  const parsed = ScenarioDocument.safeParse(document);
  if (parsed.success) return parsed.data as unknown as JsonObject;
  return isObject(document) ? document : {};
}
