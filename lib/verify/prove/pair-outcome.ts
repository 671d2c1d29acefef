/**
 * What deciding a pair yields before it becomes a `PairResult`: its state and its problems as the
 * stored findings (with whether each was found only behind an earlier failure). Pairs are kept in
 * this form while the proof runs, so the result can point every listed pair at the final form of
 * its findings (`ProblemBook.settle`).
 */
import type { Site } from '../model/network-model.js';
import type { PairPath, PairResult, PairStatus, Problem } from '../types.js';
import { compareText } from '../../ir/collections.js';

/** A decided pair. */
export interface PairOutcome {
  readonly status: PairStatus;
  /**
   * Stored findings on the pair's paths, each once with `behind` (found only behind an earlier
   * failure): a map from the walk, a short list from the shortcut.
   */
  readonly problems: Iterable<readonly [Problem, boolean]>;
  /** The path the walk recorded. @default - none */
  readonly path?: PairPath;
}

/** A covered pair with nothing to say (what the leg proof concludes). */
export const PROVEN: PairOutcome = { status: 'covered', problems: [] };

/** The state of a pair from what its walk found. */
export function pairStatus(failed: boolean, unverified: boolean): PairStatus {
  return failed ? 'broken' : unverified ? 'unverified' : 'covered';
}

/**
 * The pair as the result lists it: problems in device, line and code order, each in its final
 * form (`final`, when the proof is done) and marked `behind` where it was.
 */
export function pairResult(from: Site, to: Site, outcome: PairOutcome, final?: (p: Problem) => Problem): PairResult {
  const problems: Problem[] = [];
  for (const [stored, behind] of outcome.problems) {
    const p = final ? final(stored) : stored;
    problems.push(behind ? { ...p, behind: true } : p);
  }
  problems.sort((a, b) => compareText(a.device, b.device) || a.line - b.line || compareText(a.code, b.code));
  return {
    from: from.device.hostname,
    to: to.device.hostname,
    fromNetwork: from.network,
    toNetwork: to.network,
    covered: outcome.status === 'covered',
    status: outcome.status,
    problems,
    ...(outcome.path ? { path: outcome.path } : {}),
  };
}
