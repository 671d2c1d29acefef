import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intervalToBlocks, PrefixIndex } from '../../lib/rules/prefix-index.js';

describe('prefix index', () => {
  it('GIVEN an interval WHEN cut into blocks THEN the blocks are aligned, disjoint and cover it exactly', () => {
    expect(intervalToBlocks([0, 0xffffffff])).toEqual([[0, 0]]);
    expect(intervalToBlocks([5, 12])).toEqual([[5, 32], [6, 31], [8, 30], [12, 32]]);
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 100000 }), (lo, len) => {
      const hi = Math.min(0xffffffff, lo + len);
      let next = lo;
      for (const [net, plen] of intervalToBlocks([lo, hi])) {
        const size = 2 ** (32 - plen);
        expect(net).toBe(next);
        expect(net % size).toBe(0);
        next = net + size;
      }
      expect(next).toBe(hi + 1);
    }));
  });

  it('GIVEN random intervals WHEN queried by point and by range THEN exactly the intersecting ids are found', () => {
    const iv = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 700 })).map(([a, l]) => [a, a + l] as const);
    fc.assert(fc.property(fc.array(iv, { minLength: 1, maxLength: 20 }), iv, fc.integer({ min: 0, max: 6000 }), (ivs, q, point) => {
      const index = new PrefixIndex();
      ivs.forEach((x, i) => index.add(x, i));
      const byPoint = new Set(index.point(point));
      expect([...byPoint].sort((a, b) => a - b)).toEqual(ivs.flatMap(([a, b], i) => (point >= a && point <= b ? [i] : [])));
      const byRange = new Set<number>();
      index.range(q, (i) => byRange.add(i));
      expect([...byRange].sort((a, b) => a - b)).toEqual(ivs.flatMap(([a, b], i) => (a <= q[1] && b >= q[0] ? [i] : [])));
    }), { numRuns: 200 });
  });
});
