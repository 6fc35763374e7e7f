import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendOnlyMap } from './AppendOnlyMap.ts';

/** The entries a version should hold: the first value of each key, in the order added. */
function firstValues(adds: readonly (readonly [string, number])[]): Record<string, number> {
  const expected = new Map<string, number>();
  for (const [key, value] of adds) if (!expected.has(key)) expected.set(key, value);
  return Object.fromEntries(expected);
}

describe('AppendOnlyMap', () => {
  it('gives every version exactly its own entries, whichever version later versions grew from', () => {
    // Each step adds a key to some earlier version (a fold that branches), not only to the newest.
    const step = fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.integer());
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const versions: { map: AppendOnlyMap<number>; adds: (readonly [string, number])[] }[] = [{ map: AppendOnlyMap.empty(), adds: [] }];
        for (const [pick, key, value] of steps) {
          const from = versions[pick % versions.length]!;
          versions.push({ map: from.map.add(key, value), adds: [...from.adds, [key, value]] });
        }
        for (const { map, adds } of versions) {
          const expected = firstValues(adds);
          expect(map.toObject()).toEqual(expected);
          expect(map.size).toBe(Object.keys(expected).length);
          for (const [key, value] of Object.entries(expected)) expect(map.get(key)).toBe(value);
          for (const [key] of adds) expect(map.has(key)).toBe(true);
          expect(map.has('not a key at all')).toBe(false);
        }
      }),
    );
  });

  it('keeps the first value of a key added twice', () => {
    const map = AppendOnlyMap.empty<number>().add('k', 1);
    expect(map.add('k', 2)).toBe(map);
    expect(map.get('k')).toBe(1);
  });

  it('does not show one branch the keys another branch added', () => {
    const root = AppendOnlyMap.empty<string>().add('shared', 'root');
    const left = root.add('left', 'L');
    const right = root.add('right', 'R');
    expect([left.has('right'), right.has('left'), root.has('left'), root.has('right')]).toEqual([false, false, false, false]);
    expect(left.add('more', 'L2').toObject()).toEqual({ shared: 'root', left: 'L', more: 'L2' });
    expect(right.toObject()).toEqual({ shared: 'root', right: 'R' });
    // Two maps grown from the empty one share nothing.
    expect(AppendOnlyMap.empty<string>().add('a', 'x').has('shared')).toBe(false);
  });
});
