/**
 * The default "parse back and prove coverage" step of synth: `lib/verify`'s prover, which parses
 * the rendered text (never the constructs) and proves every ordered site pair; its messages name
 * the code, file:line and the construct path that produced the line.
 */
import { proveRenderedStack } from '../verify/prove/stack-prover.js';
import type { CoverageProver } from './synth.js';

/**
 * The proof synth runs when no other prover is given. Its warnings stay in the report: the
 * constructs already warn about what they were told to allow (legacy crypto, lab keys).
 */
export const defaultCoverageProver: CoverageProver = (rendered) => {
  const verdict = proveRenderedStack(rendered);
  return { errors: verdict.errors, report: verdict.report, result: verdict.result };
};
