/** An entry, with its place in the order the entries were added. */
interface Slot<V> {
  readonly index: number;
  readonly value: V;
}

/*
 * A map that only grows, whose every version is immutable: a version is the first `size` entries
 * of a shared native Map, in the order they were added. Adding to the newest version extends the
 * shared Map in place (no copy, no garbage: the served requests of a long exercise, one per
 * action, made the trie of PersistentMap the server's largest source of garbage); adding to an
 * older version (a fold that branches, as the analyzer's does) first copies its own entries.
 */
export class AppendOnlyMap<V> {
  private static readonly EMPTY = new AppendOnlyMap<never>(new Map(), 0);

  private constructor(
    private readonly shared: Map<string, Slot<V>>,
    readonly size: number,
  ) {}

  static empty<V>(): AppendOnlyMap<V> {
    return AppendOnlyMap.EMPTY;
  }

  get(key: string): V | undefined {
    const slot = this.shared.get(key);
    // Entries at or beyond this version's size were added by a later version.
    return slot !== undefined && slot.index < this.size ? slot.value : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** This map with `key` added; a key it has keeps its first value. */
  add(key: string, value: V): AppendOnlyMap<V> {
    if (this.has(key)) return this;
    const shared = this.shared.size === this.size && this !== AppendOnlyMap.EMPTY ? this.shared : this.ownEntries();
    shared.set(key, { index: this.size, value });
    return new AppendOnlyMap(shared, this.size + 1);
  }

  toObject(): Record<string, V> {
    const object: Record<string, V> = {};
    for (const [key, slot] of this.shared) {
      if (slot.index >= this.size) break;
      object[key] = slot.value;
    }
    return object;
  }

  /** A native Map of this version's entries alone, for a branch to grow. */
  private ownEntries(): Map<string, Slot<V>> {
    const own = new Map<string, Slot<V>>();
    for (const [key, slot] of this.shared) {
      if (slot.index >= this.size) break;
      own.set(key, slot);
    }
    return own;
  }
}
