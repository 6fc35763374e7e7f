/** An entry, with its place in the order the entries were added. */
interface Slot<V> {
  readonly index: number;
  readonly value: V;
}

/** Entries added after the version `below` (none: the first layer), in one native Map that its newest version grows. */
interface Layer<V> {
  readonly below: AppendOnlyMap<V> | undefined;
  readonly entries: Map<string, Slot<V>>;
}

/*
 * A map that only grows, whose every version is immutable: a version is the first `size` entries
 * in the order they were added, held in a native Map that the newest version grows in place (no
 * copy, no garbage: the served requests of a long exercise, one per action, made the path copies
 * of PersistentMap's trie the server's largest source of garbage). Adding to an older version (a
 * replay's fold from a snapshot, the analyzer's branches) starts a layer of its own above it.
 */
export class AppendOnlyMap<V> {
  private static readonly EMPTY = new AppendOnlyMap<never>({ below: undefined, entries: new Map() }, 0);

  private constructor(
    private readonly layer: Layer<V>,
    readonly size: number,
  ) {}

  static empty<V>(): AppendOnlyMap<V> {
    return AppendOnlyMap.EMPTY;
  }

  get(key: string): V | undefined {
    const slot = this.layer.entries.get(key);
    // Entries at or beyond this version's size were added by a later version.
    if (slot !== undefined && slot.index < this.size) return slot.value;
    return this.layer.below?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** This map with `key` added; a key it has keeps its first value. */
  add(key: string, value: V): AppendOnlyMap<V> {
    if (this.has(key)) return this;
    // The empty map is shared by every exercise: it never grows, every first key starts a layer.
    const newest = this.size > 0 && this.size === (this.layer.below?.size ?? 0) + this.layer.entries.size;
    const layer = newest ? this.layer : { below: this.size > 0 ? this : undefined, entries: new Map<string, Slot<V>>() };
    layer.entries.set(key, { index: this.size, value });
    return new AppendOnlyMap(layer, this.size + 1);
  }

  toObject(): Record<string, V> {
    const object = this.layer.below?.toObject() ?? {};
    for (const [key, slot] of this.layer.entries) {
      if (slot.index >= this.size) break;
      object[key] = slot.value;
    }
    return object;
  }
}
