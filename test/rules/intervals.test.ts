import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval } from '../../lib/rules/header-space.js';
import { mergeIntervals, mergeIntervalsInPlace } from '../../lib/rules/intervals.js';

const interval = fc
  .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }))
  .map(([lo, len]) => [lo, lo + len] as Interval);

describe('interval merging', () => {
  it('GIVEN any intervals (short lists and lists over the insertion-sort limit) WHEN merged THEN the result is sorted, disjoint, non-adjacent and covers exactly their union', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), (ivs) => {
        const merged = mergeIntervals(ivs);
        for (let i = 1; i < merged.length; i += 1) expect(merged[i]![0]).toBeGreaterThan(merged[i - 1]![1] + 1);
        for (let x = 0; x <= 345; x += 1) {
          const inInput = ivs.some(([lo, hi]) => lo <= x && x <= hi);
          const inMerged = merged.some(([lo, hi]) => lo <= x && x <= hi);
          expect(inMerged).toBe(inInput);
        }
      }),
    );
  });

  it('GIVEN any intervals WHEN merged by copy and in place THEN both give the same union and the copy leaves its input as it was', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), (ivs) => {
        const before = ivs.map((iv) => [...iv]);
        const copied = mergeIntervals(ivs);
        expect(ivs.map((iv) => [...iv])).toEqual(before);
        expect(mergeIntervalsInPlace(ivs.slice())).toEqual(copied);
      }),
    );
  });
});
