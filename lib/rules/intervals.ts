/**
 * Merging address, protocol or port intervals into the sorted, disjoint, non-adjacent form every
 * set operation of the proof and the emulator expects. Written once: the ACL compiler, the leg
 * proof and the site cover all merge through here.
 */
import type { Interval } from './header-space.js';

/**
 * Sorts `intervals` in place by start and returns their union as sorted, disjoint, non-adjacent
 * intervals (new tuples, except that a list of at most one interval is returned as it is).
 * For hot paths that own the array; {@link mergeIntervals} leaves its input alone.
 */
export function mergeIntervalsInPlace(intervals: Interval[]): Interval[] {
  if (intervals.length <= 1) return intervals;
  // Pieces mostly arrive in address order, or nearly (a device's own sites appended): an
  // insertion sort does no work then and allocates nothing; long unsorted lists use the built-in.
  if (intervals.length > 32) intervals.sort((x, y) => x[0] - y[0]);
  else {
    for (let i = 1; i < intervals.length; i += 1) {
      const iv = intervals[i]!;
      let j = i - 1;
      while (j >= 0 && intervals[j]![0] > iv[0]) {
        intervals[j + 1] = intervals[j]!;
        j -= 1;
      }
      intervals[j + 1] = iv;
    }
  }
  const out: [number, number][] = [];
  let last: [number, number] | undefined;
  for (let i = 0; i < intervals.length; i += 1) {
    const lo = intervals[i]![0];
    const hi = intervals[i]![1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push((last = [lo, hi]));
  }
  return out;
}

/** The union of `intervals` as sorted, disjoint, non-adjacent intervals (the input is not changed). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  return mergeIntervalsInPlace(intervals.slice());
}
