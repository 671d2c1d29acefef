/**
 * Which pairs get a recorded path (`VerifyOptions.paths`). Recording walks a pair once more with a
 * trace (`path-trace.ts`), so it is planned up front: every pair (small networks), or the verdicts
 * that ask for it (broken pairs), plus a deterministic sample of covered pairs for the report of
 * a large network, whose covered pairs the leg proof settles in bulk without a walk.
 */
import type { Site } from '../model/network-model.js';
import {
  REPORT_ALL_PATHS_MAX_SITES,
  REPORT_MAX_BROKEN_PATHS,
  REPORT_SAMPLE_PATHS,
  type PairResult,
  type PathSelection,
} from '../types.js';

/** The plan for one proof run. */
export interface PathPlan {
  /** Record every pair while deciding it (one walk per pair, no leg proof). */
  readonly every: boolean;
  /** After a verdict: record this pair's path? (May count: call once per listed pair, in order.) */
  wants(verdict: PairResult, from: number, to: number): boolean;
  /** Pairs carrying a path stay in `pairs` even with `brokenOnly`. */
  readonly keepWithPath: boolean;
  /** Covered pairs (site indexes) to record and list besides the broken ones. */
  readonly sample: readonly (readonly [number, number])[];
}

/** The plan for a selection, or undefined when no path is recorded. */
export function pathPlan(
  selection: PathSelection | undefined,
  sites: readonly Site[],
  brokenOnly: boolean,
): PathPlan | undefined {
  if (selection === undefined || selection === 'none') return undefined;
  if (selection === 'all') {
    return brokenOnly
      ? { every: false, wants: (v) => !v.covered, keepWithPath: false, sample: [] }
      : { every: true, wants: () => true, keepWithPath: false, sample: [] };
  }
  if (typeof selection === 'function') {
    return { every: false, wants: (v) => (!brokenOnly || !v.covered) && selection(v), keepWithPath: false, sample: [] };
  }
  // The report shows every pair of a small network (full matrix), else broken pairs and samples.
  if (sites.length <= REPORT_ALL_PATHS_MAX_SITES)
    return { every: true, wants: () => true, keepWithPath: true, sample: [] };
  const sample = samplePairs(sites, REPORT_SAMPLE_PATHS);
  const sampled = new Set(sample.map(([i, j]) => i * sites.length + j));
  let broken = 0;
  return {
    every: false,
    wants: (v, i, j) => (!v.covered ? broken++ < REPORT_MAX_BROKEN_PATHS : sampled.has(i * sites.length + j)),
    keepWithPath: true,
    sample,
  };
}

/**
 * `count` ordered pairs of sites on different devices, spread over the site list: sources evenly
 * spaced, each towards a site about half the list away (so hub-to-spoke, spoke-to-hub and
 * spoke-to-spoke pairs all tend to appear). Sorted in site order, without repeats.
 */
export function samplePairs(sites: readonly Site[], count: number): [number, number][] {
  const n = sites.length;
  const out = new Map<number, [number, number]>();
  for (let k = 0; k < count && n > 1; k++) {
    const i = Math.floor((k * n) / count);
    const from = sites[i]!;
    for (let step = 0; step < n; step++) {
      const j = (i + Math.floor(n / 2) + k + step) % n;
      if (sites[j]!.device !== from.device) {
        out.set(i * n + j, [i, j]);
        break;
      }
    }
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}
