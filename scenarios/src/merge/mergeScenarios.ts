import type { MergeConflict } from '@startex/shared';
import { bothKeyed, isObject, keyOf, sameValue, titleOf, type JsonObject } from '../diff/documentShape.ts';

/**
 * A three-way merge of scenario documents, for two authors who saved the same draft: what each
 * changed since the version both started from is kept, thing by thing (rows, teams, metrics by
 * id) and field by field. Where both changed the same field differently, or one removed what the
 * other changed, the merge keeps yours (or the changed thing: nothing is lost) and lists a conflict.
 */

// Its shape is shared with the studio's client (shared/src/scenario/diff.ts).
export type { MergeConflict };

export interface MergeResult {
  /** Everything both made, and yours where they conflict. */
  document: JsonObject;
  conflicts: MergeConflict[];
}

export function mergeScenarios(base: unknown, theirs: unknown, yours: unknown): MergeResult {
  const conflicts: MergeConflict[] = [];
  // The version number is the store's (publishing sets it), not an author's change: yours is kept.
  const version = isObject(yours) ? yours.version : undefined;
  const merged = merge3(withVersion(base, version), withVersion(theirs, version), yours, [], conflicts);
  const document = isObject(merged) ? merged : {};
  for (const conflict of conflicts) conflict.title = titleAt([yours, theirs, base], conflict.path);
  return { document, conflicts };
}

const withVersion = (document: unknown, version: unknown): unknown => (isObject(document) && version !== undefined ? { ...document, version } : document);

function merge3(base: unknown, theirs: unknown, yours: unknown, path: string[], conflicts: MergeConflict[]): unknown {
  if (sameValue(theirs, yours) || sameValue(base, theirs)) return yours;
  if (sameValue(base, yours)) return theirs;
  if (isObject(theirs) && isObject(yours)) {
    const b = isObject(base) ? base : {};
    const merged: JsonObject = {};
    for (const key of new Set([...Object.keys(yours), ...Object.keys(theirs)])) {
      const value = merge3(b[key], theirs[key], yours[key], [...path, key], conflicts);
      if (value !== undefined) setOwn(merged, key, value);
    }
    return merged;
  }
  if (bothKeyed(theirs, yours) && (base === undefined || bothKeyed(base, theirs) || (Array.isArray(base) && base.length === 0))) {
    return mergeLists(Array.isArray(base) ? (base as JsonObject[]) : [], theirs as JsonObject[], yours as JsonObject[], path, conflicts);
  }
  conflicts.push(conflict('both-changed', path, base, theirs, yours));
  return yours;
}

function conflict(kind: MergeConflict['kind'], path: string[], base: unknown, theirs: unknown, yours: unknown): MergeConflict {
  return {
    path,
    part: path[0] ?? '',
    title: '',
    kind,
    ...(base !== undefined ? { base } : {}),
    ...(theirs !== undefined ? { theirs } : {}),
    ...(yours !== undefined ? { yours } : {}),
  };
}

const byKey = (list: JsonObject[]) => new Map(list.map((element) => [keyOf(element)!, element]));

function mergeLists(base: JsonObject[], theirs: JsonObject[], yours: JsonObject[], path: string[], conflicts: MergeConflict[]): JsonObject[] {
  const b = byKey(base);
  const t = byKey(theirs);
  const y = byKey(yours);
  const merged = new Map<string, unknown>();
  for (const key of new Set([...y.keys(), ...t.keys(), ...b.keys()])) {
    const [inBase, inTheirs, inYours] = [b.get(key), t.get(key), y.get(key)];
    const at = [...path, key];
    if (inTheirs === undefined && inYours === undefined) continue;
    if (inTheirs === undefined) {
      // They removed it: gone, unless you changed it meanwhile.
      if (inBase !== undefined && sameValue(inBase, inYours)) continue;
      if (inBase !== undefined) conflicts.push(conflict('removed-by-them', at, inBase, undefined, inYours));
      merged.set(key, inYours);
    } else if (inYours === undefined) {
      if (inBase !== undefined && sameValue(inBase, inTheirs)) continue;
      if (inBase !== undefined) conflicts.push(conflict('removed-by-you', at, inBase, inTheirs, undefined));
      merged.set(key, inTheirs);
    } else {
      merged.set(key, merge3(inBase, inTheirs, inYours, at, conflicts));
    }
  }
  return orderOf(base, theirs, yours, merged);
}

/**
 * The merged list's order: the order of the side that reordered the things both kept (yours when
 * both or neither did), with the other side's new things after the thing they follow there.
 */
function orderOf(base: JsonObject[], theirs: JsonObject[], yours: JsonObject[], merged: Map<string, unknown>): JsonObject[] {
  const keys = (list: JsonObject[]) => list.map((e) => keyOf(e)!);
  const baseKeys = keys(base);
  const reordered = (side: string[]) => {
    const kept = side.filter((k) => baseKeys.includes(k));
    return !sameValue(kept, baseKeys.filter((k) => kept.includes(k)));
  };
  const [lead, other] = reordered(keys(theirs)) && !reordered(keys(yours)) ? [keys(theirs), keys(yours)] : [keys(yours), keys(theirs)];
  const order = lead.filter((k) => merged.has(k));
  other.forEach((key, i) => {
    if (order.includes(key) || !merged.has(key)) return;
    const before = other.slice(0, i).reverse().find((k) => order.includes(k));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, key);
  });
  // Things only the base still holds cannot be merged in; a removed-by conflict kept them in `merged`.
  for (const key of merged.keys()) if (!order.includes(key)) order.push(key);
  return order.map((k) => merged.get(k) as JsonObject);
}

/** What a person calls the thing a path leads into: the element of a part (a row's subject, a team's name), else the field. */
function titleAt(roots: unknown[], path: string[]): string {
  for (const root of roots) {
    if (!isObject(root)) continue;
    const part = root[path[0] ?? ''];
    if (Array.isArray(part) && path[1] !== undefined) {
      const element = part.find((e) => keyOf(e) === path[1]);
      if (element !== undefined) return titleOf(element);
    }
  }
  return path.join('.');
}

/** The document with one conflict settled as `choice`: the value `path` holds in that document (a removal where it has none). */
export function resolveConflict(document: JsonObject, conflict: MergeConflict, choice: 'base' | 'theirs' | 'yours'): JsonObject {
  const copy = structuredClone(document);
  setAt(copy, conflict.path, structuredClone(conflict[choice]));
  return copy;
}

function setAt(node: unknown, path: string[], value: unknown): void {
  const [segment, ...rest] = path;
  if (segment === undefined) return;
  if (Array.isArray(node)) {
    const index = node.findIndex((e) => keyOf(e) === segment);
    if (rest.length > 0) return setAt(node[index], rest, value);
    if (value === undefined) {
      if (index >= 0) node.splice(index, 1);
    } else if (index >= 0) node[index] = value;
    else node.push(value);
    return;
  }
  if (!isObject(node)) return;
  if (rest.length > 0) {
    if (node[segment] === undefined) setOwn(node, segment, {});
    return setAt(node[segment], rest, value);
  }
  if (value === undefined) delete node[segment];
  else setOwn(node, segment, value);
}

/** An own property even for a key such as "__proto__", which plain assignment would take as the prototype. */
const setOwn = (object: JsonObject, key: string, value: unknown) => Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
