import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boxContains,
  boxesIntersect,
  boxSize,
  intersectBox,
  mirrorBox,
  packetBox,
  subtractBox,
  subtractSpaces,
  type HeaderBox,
  type Interval,
  type Packet,
} from '../../lib/rules/header-space.js';

const iv = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as Interval);
const boxArb: fc.Arbitrary<HeaderBox> = fc.record({
  src: iv(20),
  dst: iv(20),
  proto: iv(3),
  sport: iv(3),
  dport: iv(3),
});
const pointArb: fc.Arbitrary<Packet> = fc.record({
  src: fc.integer({ min: 0, max: 20 }),
  dst: fc.integer({ min: 0, max: 20 }),
  proto: fc.integer({ min: 0, max: 3 }),
  sport: fc.integer({ min: 0, max: 3 }),
  dport: fc.integer({ min: 0, max: 3 }),
});
const holds = (boxes: readonly HeaderBox[], p: Packet) => boxes.filter((b) => boxContains(b, packetBox(p))).length;

describe('header-space boxes', () => {
  it('GIVEN random boxes WHEN one is subtracted from the other THEN pieces are disjoint, inside a, outside b, and sizes add up', () => {
    fc.assert(
      fc.property(boxArb, boxArb, fc.array(pointArb, { maxLength: 10 }), (a, b, points) => {
        const pieces = subtractBox(a, b);
        const inter = intersectBox(a, b);
        expect(boxesIntersect(a, b)).toBe(inter !== undefined);
        const total = pieces.reduce((s, x) => s + boxSize(x), 0) + (inter ? boxSize(inter) : 0);
        expect(total).toBe(boxSize(a));
        for (const p of points) {
          const inA = boxContains(a, packetBox(p));
          const inB = boxContains(b, packetBox(p));
          expect(holds(pieces, p)).toBe(inA && !inB ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN spaces WHEN subtracted THEN a point survives iff it is in the first and not the second; mirror swaps ends', () => {
    fc.assert(
      fc.property(fc.array(boxArb, { maxLength: 4 }), fc.array(boxArb, { maxLength: 4 }), pointArb, (xs, ys, p) => {
        const rest = subtractSpaces(xs, ys);
        const inX = xs.some((b) => boxContains(b, packetBox(p)));
        const inY = ys.some((b) => boxContains(b, packetBox(p)));
        expect(holds(rest, p) > 0).toBe(inX && !inY);
      }),
      { numRuns: 200 },
    );
    const b: HeaderBox = { src: [1, 2], dst: [3, 4], proto: [6, 6], sport: [5, 5], dport: [80, 80] };
    expect(mirrorBox(b)).toEqual({ src: [3, 4], dst: [1, 2], proto: [6, 6], sport: [80, 80], dport: [5, 5] });
  });
});
