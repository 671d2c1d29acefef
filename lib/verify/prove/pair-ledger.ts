/**
 * The books of a proof run: counts over every pair, the pairs each finding is on, and the pairs
 * kept for the result's listing, at most a limit of each kind (the first in site order). Pairs
 * beyond the limit are counted and handed to a callback, never kept, so a network with millions of
 * broken pairs is proven in memory bounded by the limit and the findings.
 */
import type { Site } from '../model/network-model.js';
import type { FindingPairCounts } from '../findings/problem-book.js';
import type { PairResult, Problem, UnlistedPairs } from '../types.js';
import { pairResult, type PairOutcome } from './pair-outcome.js';

/** A pair kept for the listing: its place in site order, its sites and outcome. */
export interface ListedPair {
  readonly i: number;
  readonly j: number;
  readonly from: Site;
  readonly to: Site;
  outcome: PairOutcome;
}

/** How pairs are kept. */
export interface LedgerOptions {
  /** Most pairs kept of each kind (not covered / covered). */
  readonly limit: number;
  /** Called with each pair that is not covered and not kept. @default - none */
  readonly onUnlisted?: (pair: PairResult) => void;
}

/** Counts and kept pairs of one run. */
export class PairLedger {
  /** Pairs decided or counted. */
  pairs = 0;
  covered = 0;
  unverified = 0;
  /** Per stored finding: the broken and unverified pairs it is on. */
  readonly onPairs = new Map<Problem, FindingPairCounts>();
  private readonly kept: ListedPair[] = [];
  private readonly keptCovered: ListedPair[] = [];
  private readonly left = { broken: 0, unverified: 0, covered: 0 };

  constructor(private readonly options: LedgerOptions) {}

  /** Covered pairs proven in bulk, not listed. */
  countCovered(n: number): void {
    this.pairs += n;
    this.covered += n;
  }

  /**
   * Books a decided pair; `listed` says whether the caller lists it (a covered pair with
   * `brokenOnly` is not). Returns the kept entry, if it was kept.
   */
  record(i: number, j: number, from: Site, to: Site, outcome: PairOutcome, listed: boolean): ListedPair | undefined {
    this.pairs += 1;
    const status = outcome.status;
    if (status === 'covered') {
      this.covered += 1;
      if (!listed) return undefined;
      if (this.keptCovered.length >= this.options.limit) {
        this.left.covered += 1;
        return undefined;
      }
      const entry = { i, j, from, to, outcome };
      this.keptCovered.push(entry);
      return entry;
    }
    if (status === 'unverified') this.unverified += 1;
    for (const [p] of outcome.problems) {
      let c = this.onPairs.get(p);
      if (!c) this.onPairs.set(p, (c = { broken: 0, unverified: 0 }));
      if (status === 'broken') c.broken += 1;
      else c.unverified += 1;
    }
    if (this.kept.length >= this.options.limit) {
      if (status === 'broken') this.left.broken += 1;
      else this.left.unverified += 1;
      this.options.onUnlisted?.(pairResult(from, to, outcome));
      return undefined;
    }
    const entry = { i, j, from, to, outcome };
    this.kept.push(entry);
    return entry;
  }

  /** Kept pairs that are not covered, in site order. */
  notCovered(): readonly ListedPair[] {
    return this.kept;
  }

  /** Adds a covered pair the caller decided to list besides (a sampled path), within the limit. */
  keepCovered(entry: ListedPair): void {
    if (this.keptCovered.length < this.options.limit) this.keptCovered.push(entry);
  }

  /** Every kept pair in site order. */
  listed(): ListedPair[] {
    return [...this.kept, ...this.keptCovered].sort((a, b) => a.i - b.i || a.j - b.j);
  }

  /** Pairs left out by the limit, or undefined when none was. */
  unlisted(): UnlistedPairs | undefined {
    const l = this.left;
    return l.broken + l.unverified + l.covered > 0 ? { ...l } : undefined;
  }
}
