/*
 * A hash array mapped trie: 32-way branches indexed by five bits of the key's hash at a time, each
 * holding only the children present (a bitmap says which). `set` copies the path from the root to
 * one leaf (a handful of small arrays) and shares everything else with the map it came from.
 */
type Node<V> = Branch<V> | Leaf<V>;
interface Branch<V> {
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}
/** Keys whose hashes are equal (almost always one key). */
interface Leaf<V> {
  readonly hash: number;
  readonly entries: readonly (readonly [string, V])[];
}

const BITS = 5;
const MASK = 31;

/** 32-bit FNV-1a of the key's UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const isLeaf = <V>(node: Node<V>): node is Leaf<V> => 'entries' in node;

/** A branch at `shift` holding two leaves of different hashes. */
function branchOf<V>(a: Leaf<V>, b: Leaf<V>, shift: number): Branch<V> {
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { bitmap: 1 << ia, children: [branchOf(a, b, shift + BITS)] };
  return { bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

function insert<V>(node: Node<V> | undefined, hash: number, shift: number, key: string, value: V): { node: Node<V>; added: boolean } {
  if (node === undefined) return { node: { hash, entries: [[key, value]] }, added: true };
  if (isLeaf(node)) {
    if (node.hash !== hash) return { node: branchOf(node, { hash, entries: [[key, value]] }, shift), added: true };
    const at = node.entries.findIndex(([k]) => k === key);
    const entries = [...node.entries];
    if (at === -1) entries.push([key, value]);
    else entries[at] = [key, value];
    return { node: { hash, entries }, added: at === -1 };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const index = bitCount(node.bitmap & (bit - 1));
  const children = [...node.children];
  if (node.bitmap & bit) {
    const child = insert(children[index], hash, shift + BITS, key, value);
    children[index] = child.node;
    return { node: { bitmap: node.bitmap, children }, added: child.added };
  }
  children.splice(index, 0, { hash, entries: [[key, value]] });
  return { node: { bitmap: node.bitmap | bit, children }, added: true };
}

function walk<V>(node: Node<V> | undefined, visit: (value: V, key: string) => void): void {
  if (node === undefined) return;
  if (isLeaf(node)) for (const [key, value] of node.entries) visit(value, key);
  else for (const child of node.children) walk(child, visit);
}

/** Every entry under `node`, into `into` (nested generators would cost a frame per level per entry). */
function collect<V>(node: Node<V> | undefined, into: (readonly [string, V])[]): (readonly [string, V])[] {
  if (node === undefined) return into;
  if (isLeaf(node)) into.push(...node.entries);
  else for (const child of node.children) collect(child, into);
  return into;
}

/**
 * An immutable map from strings: `set` returns a new map and leaves this one as it was, sharing
 * all but one path of it. The engine's state is built of these, so a state once folded never
 * changes and can be kept as a snapshot for free. Iteration order follows the keys' hashes, not
 * insertion: sort where order matters.
 */
export class PersistentMap<V> implements Iterable<readonly [string, V]> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    return this.entry(key)?.[1];
  }

  has(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const { node, added } = insert(this.root, hashOf(key), 0, key, value);
    return new PersistentMap(node, added ? this.size + 1 : this.size);
  }

  /** The map with `key` set to `change(current)`. */
  update(key: string, change: (current: V | undefined) => V): PersistentMap<V> {
    return this.set(key, change(this.get(key)));
  }

  private entry(key: string): readonly [string, V] | undefined {
    const hash = hashOf(key);
    let node = this.root;
    for (let shift = 0; node !== undefined; shift += BITS) {
      if (isLeaf(node)) return node.hash === hash ? node.entries.find(([k]) => k === key) : undefined;
      const bit = 1 << ((hash >>> shift) & MASK);
      if (!(node.bitmap & bit)) return undefined;
      node = node.children[bitCount(node.bitmap & (bit - 1))];
    }
    return undefined;
  }

  /** Calls `visit` with every value, allocating nothing. */
  forEach(visit: (value: V, key: string) => void): void {
    walk(this.root, visit);
  }

  [Symbol.iterator](): Iterator<readonly [string, V]> {
    return collect(this.root, [])[Symbol.iterator]();
  }

  keys(): string[] {
    return collect(this.root, []).map(([key]) => key);
  }

  values(): V[] {
    return collect(this.root, []).map(([, value]) => value);
  }

  /** A plain object of the entries, keys sorted: for descriptions and tests. */
  toObject(): Record<string, V> {
    return Object.fromEntries([...this].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
