import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap } from './PersistentMap.ts';

describe('PersistentMap', () => {
  it('behaves as a Map after any sequence of sets, and every earlier version stays as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 300 }), (sets) => {
        const versions: { map: PersistentMap<number>; expected: Map<string, number> }[] = [];
        let map = PersistentMap.empty<number>();
        const expected = new Map<string, number>();
        for (const [key, value] of sets) {
          map = map.set(key, value);
          expected.set(key, value);
          versions.push({ map, expected: new Map(expected) });
        }
        for (const version of versions) {
          expect(version.map.size).toBe(version.expected.size);
          expect(new Map(version.map)).toEqual(version.expected);
          for (const [key, value] of version.expected) expect(version.map.get(key)).toBe(value);
          expect(version.map.has('not a key at all')).toBe(false);
        }
      }),
    );
  });

  it('keeps keys whose 32-bit hashes collide apart', () => {
    // Pairs with the same FNV-1a hash.
    const map = PersistentMap.from([
      ['costarring', 1],
      ['liquid', 2],
      ['declinate', 3],
      ['macallums', 4],
    ]);
    const changed = map.set('liquid', 20);
    expect(changed.toObject()).toEqual({ costarring: 1, declinate: 3, liquid: 20, macallums: 4 });
    expect(map.get('liquid')).toBe(2);
    expect(changed.size).toBe(4);
  });

  it('update passes the current value', () => {
    const map = PersistentMap.empty<number>().update('a', (n) => (n ?? 0) + 1).update('a', (n) => (n ?? 0) + 1);
    expect(map.get('a')).toBe(2);
  });
});
