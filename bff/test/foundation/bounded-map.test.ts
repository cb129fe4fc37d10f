/** The bounded map behind the process-wide caches (prepared statements, cookie signatures). */
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/lib/bounded-map.ts';

describe('BoundedMap', () => {
  it('drops the oldest entry once full, and only then', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1).set('b', 2).set('c', 3);
    // Replacing a present key is not growth: nothing is dropped.
    map.set('a', 10);
    expect([...map]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    map.set('d', 4);
    expect([...map.keys()]).toEqual(['b', 'c', 'd']);
    expect(map.size).toBe(3);
    expect(map.get('a')).toBeUndefined();
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(Number.NaN)).toThrow(RangeError);
  });
});
