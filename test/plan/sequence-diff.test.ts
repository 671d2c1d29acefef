import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSequences } from '../../lib/plan/sequence-diff.js';

/** Length of a longest common subsequence by dynamic programming (the reference). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

describe('alignSequences', () => {
  it('GIVEN a line inserted in the middle WHEN aligned THEN every old line is kept', () => {
    const { keptA, keptB } = alignSequences(['a', 'b', 'c'], ['a', 'x', 'b', 'c']);
    expect(keptA).toEqual([0, 1, 2]);
    expect(keptB).toEqual([0, 2, 3]);
  });

  it('GIVEN any two sequences WHEN aligned THEN kept pairs are equal, ascending and as many as the LCS', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 14 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const { keptA, keptB } = alignSequences(a, b);
        expect(keptA.length).toBe(keptB.length);
        for (let i = 0; i < keptA.length; i += 1) {
          expect(a[keptA[i]!]).toBe(b[keptB[i]!]);
          if (i > 0) {
            expect(keptA[i]!).toBeGreaterThan(keptA[i - 1]!);
            expect(keptB[i]!).toBeGreaterThan(keptB[i - 1]!);
          }
        }
        expect(keptA.length).toBe(lcsLength(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a thousand-line list with one line appended WHEN aligned THEN it keeps all old lines and adds only the new one', () => {
    const a = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const b = [...a.slice(0, 500), 'new', ...a.slice(500)];
    const { keptA } = alignSequences(a, b);
    expect(keptA.length).toBe(1000);
  });
});
