import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrefixIndex } from '../../lib/rules/prefix-index.js';

describe('prefix index', () => {
  it('GIVEN random intervals WHEN queried by point and by range THEN exactly the intersecting ids are found', () => {
    const iv = fc
      .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 700 }))
      .map(([a, l]) => [a, a + l] as const);
    fc.assert(
      fc.property(
        fc.array(iv, { minLength: 1, maxLength: 20 }),
        iv,
        fc.integer({ min: 0, max: 6000 }),
        (ivs, q, point) => {
          const index = new PrefixIndex();
          ivs.forEach((x, i) => index.add(x, i));
          const byPoint = new Set(index.point(point));
          expect([...byPoint].sort((a, b) => a - b)).toEqual(
            ivs.flatMap(([a, b], i) => (point >= a && point <= b ? [i] : [])),
          );
          const byRange = new Set<number>();
          index.range(q, (i) => byRange.add(i));
          expect([...byRange].sort((a, b) => a - b)).toEqual(
            ivs.flatMap(([a, b], i) => (a <= q[1] && b >= q[0] ? [i] : [])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
