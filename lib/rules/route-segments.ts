/**
 * The elementary address segments of a routing table (`routing.ts`): every address range between
 * two prefix boundaries, owned by its longest-prefix route, so a lookup is a binary search and a
 * destination interval splits into the pieces each route forwards.
 */
import type { Interval } from './header-space.js';
import type { Route, RouteSegment } from './routing.js';

/** Elementary segments: `starts[i]` begins a segment owned by `owners[i]` (or none). */
export interface Segments {
  readonly starts: number[];
  readonly owners: (Route | undefined)[];
}

/** Installed-route order: by first address, then by prefix length (shorter, i.e. wider, first). */
export function byAddressThenLength(a: Route, b: Route): number {
  return a.range[0] - b.range[0] || a.prefix.prefixLength - b.prefix.prefixLength;
}

/**
 * The segments of routes given in {@link byAddressThenLength} order: the caller sorts, so the
 * final table (already sorted for `routes`) is not copied and sorted a second time. Every router
 * of a 5,000-spoke network builds a table.
 */
export function buildSegments(routes: readonly Route[]): Segments {
  const starts: number[] = [];
  const owners: (Route | undefined)[] = [];
  const stack: Route[] = [];
  let cur = 0;
  const emit = (upto: number) => {
    if (upto <= cur) return;
    const owner = stack[stack.length - 1];
    if (owners.length > 0 && owners[owners.length - 1] === owner) {
      cur = upto;
      return;
    }
    starts.push(cur);
    owners.push(owner);
    cur = upto;
  };
  // Prefixes are nested or disjoint, so a stack sweep yields the longest match of every segment.
  for (const r of routes) {
    while (stack.length > 0 && stack[stack.length - 1]!.range[1] < r.range[0]) {
      emit(stack[stack.length - 1]!.range[1] + 1);
      stack.pop();
    }
    emit(r.range[0]);
    stack.push(r);
  }
  while (stack.length > 0) {
    emit(stack[stack.length - 1]!.range[1] + 1);
    stack.pop();
  }
  emit(2 ** 32);
  return { starts, owners };
}

function segmentIndex(s: Segments, dst: number): number {
  let lo = 0;
  let hi = s.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s.starts[mid]! <= dst) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lookupSegments(s: Segments, dst: number): Route | undefined {
  return s.owners[segmentIndex(s, dst)];
}

export function partitionSegments(s: Segments, [lo, hi]: Interval): RouteSegment[] {
  const out: RouteSegment[] = [];
  for (let i = segmentIndex(s, lo); i < s.starts.length && s.starts[i]! <= hi; i += 1) {
    const end = i + 1 < s.starts.length ? s.starts[i + 1]! - 1 : 0xffffffff;
    const route = s.owners[i];
    const range: Interval = [Math.max(lo, s.starts[i]!), Math.min(hi, end)];
    out.push(route ? { range, route } : { range });
  }
  return out;
}
