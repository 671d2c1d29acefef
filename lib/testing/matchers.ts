/**
 * Assertions on a `Testing.synth` result (or on a `VerifyResult` of `hubspoke/verify`), as plain
 * functions returning `{ pass, message }`: the shape vitest's and jest's `expect.extend` take,
 * without importing either (`hubspoke/testing/vitest` registers them with vitest). Messages name
 * pairs, findings and config lines; config lines are masked (`lib/ir/secrets.ts`), so a failing
 * test never prints a key, not even one the test itself expected.
 */
import { redactLine } from '../ir/secrets.js';
import type { PairResult, Problem, VerifyResult } from '../verify/types.js';
import type { SynthesizedStack } from './testing.js';

/** What a matcher returns (vitest's and jest's `ExpectationResult`). */
export interface MatcherResult {
  readonly pass: boolean;
  /** The failure text, for either outcome (`.not` shows it when `pass` is true). */
  readonly message: () => string;
}

/** A site pair for `toHaveBrokenPairs`: `[from, to]`, each a hostname or a site network (`A.B.C.D/N`). */
export type PairSpec = readonly [from: string, to: string];

/** Narrows a finding for `toHaveFinding`. */
export interface FindingFilter {
  /** Hostname of the device whose line is at fault. @default - any device */
  readonly device?: string;
  /** @default - either severity */
  readonly severity?: 'error' | 'warning';
}

/** At most this many items are listed in a message; the rest are counted. */
const LISTED = 20;

interface Proof {
  readonly name: string;
  readonly verification: VerifyResult;
  /** Why the stack is not proven (empty when proven). */
  readonly errors: readonly string[];
}

/** Passes when the stack is proven: `App.synth()` would write it (for a VerifyResult: `ok`). */
export function toBeProven(received: unknown): MatcherResult {
  const proof = proofOf(received, 'toBeProven');
  const pass = proof.errors.length === 0;
  const s = proof.verification.summary;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${proof.name} not to be proven, but it is: ${s.covered}/${s.pairs} ordered site pairs covered`
        : `expected ${proof.name} to be proven, but ${s.pairs - s.covered} of ${s.pairs} ordered site pairs are not covered (${s.broken} broken, ${s.unverified} unverified):\n${listed(proof.errors)}`,
  };
}

/**
 * Passes when the pairs that are not covered are exactly `expected`: every expected pair matches a
 * pair that is not covered, and every such pair is matched. A side matches a pair by hostname or by
 * site network, so `['Spoke1', 'Spoke2']` covers every site pair between the two routers.
 */
export function toHaveBrokenPairs(received: unknown, expected: readonly PairSpec[]): MatcherResult {
  const proof = proofOf(received, 'toHaveBrokenPairs');
  const broken = proof.verification.pairs.filter((p) => !p.covered);
  const matches = (spec: PairSpec, p: PairResult): boolean =>
    (spec[0] === p.from || spec[0] === p.fromNetwork) && (spec[1] === p.to || spec[1] === p.toNetwork);
  const missing = expected.filter((spec) => !broken.some((p) => matches(spec, p)));
  const unexpected = broken.filter((p) => !expected.some((spec) => matches(spec, p)));
  const pass = missing.length === 0 && unexpected.length === 0;
  const brokenText = broken.length === 0 ? ' none' : `\n${listed(broken.map(describePair))}`;
  return {
    pass,
    message: () => {
      if (pass)
        return `expected ${proof.name} not to have exactly the broken pairs ${JSON.stringify(expected)}, but it has:${brokenText}`;
      const parts = [`expected ${proof.name} to have exactly the broken pairs ${JSON.stringify(expected)}`];
      if (missing.length > 0) parts.push(`these are covered (or no such pair exists): ${JSON.stringify(missing)}`);
      if (unexpected.length > 0) parts.push(`these are broken too:\n${listed(unexpected.map(describePair))}`);
      return parts.join('\n');
    },
  };
}

/**
 * Passes when the config of `hostname` has the line `line`. A line given with leading whitespace
 * (a sub-mode line such as ` crypto map VPN`) must match with that indentation; otherwise
 * indentation is ignored. Trailing whitespace is ignored.
 */
export function toContainConfigLine(received: unknown, hostname: string, line: string): MatcherResult {
  const stack = stackOf(received, 'toContainConfigLine');
  const shown = JSON.stringify(redactLine(line));
  const config = stack.configs.get(hostname);
  if (config === undefined) {
    return {
      pass: false,
      message: () =>
        `expected stack ${stack.stackId} to have a config for ${JSON.stringify(hostname)} containing ${shown}, but its routers are ${[...stack.configs.keys()].join(', ') || 'none'}`,
    };
  }
  const wanted = line.trimEnd();
  const indented = /^\s/.test(wanted);
  const found = config.lines.some((l) => (indented ? l.trimEnd() === wanted : l.trim() === wanted.trim()));
  return {
    pass: found,
    message: () => {
      if (found) return `expected ${config.file} not to contain the line ${shown}, but it does`;
      const first = wanted.trim().split(/\s+/)[0]!.toLowerCase();
      const similar = config.lines
        .filter((l) => l.trim().split(/\s+/)[0]?.toLowerCase() === first)
        .map((l) => JSON.stringify(redactLine(l.trimEnd())));
      return `expected ${config.file} to contain the line ${shown}${similar.length > 0 ? `; lines starting with "${first}":\n${listed(similar)}` : ` (no line starts with "${first}")`}`;
    },
  };
}

/** Passes when the proof reported a finding with problem code `code` (docs/problems.md), optionally on one device or of one severity. */
export function toHaveFinding(received: unknown, code: string, filter: FindingFilter = {}): MatcherResult {
  const proof = proofOf(received, 'toHaveFinding');
  const findings = proof.verification.findings;
  const wanted = (f: Problem): boolean =>
    f.code === code &&
    (filter.device === undefined || f.device === filter.device) &&
    (filter.severity === undefined || f.severity === filter.severity);
  const hits = findings.filter(wanted);
  const what = `a finding ${code}${filter.device !== undefined ? ` on ${filter.device}` : ''}${filter.severity !== undefined ? ` (${filter.severity})` : ''}`;
  return {
    pass: hits.length > 0,
    message: () =>
      hits.length > 0
        ? `expected ${proof.name} not to have ${what}, but it has:\n${listed(hits.map(describeFinding))}`
        : `expected ${proof.name} to have ${what}, but its findings are:${findings.length === 0 ? ' none' : `\n${listed(findings.map(describeFinding))}`}`,
  };
}

/** Every matcher, for `expect.extend` (vitest or jest). */
export const matchers = { toBeProven, toHaveBrokenPairs, toContainConfigLine, toHaveFinding } as const;

function describePair(p: PairResult): string {
  const causes = [...new Set(p.problems.filter((x) => x.severity === 'error').map((x) => x.code))];
  return `${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork}: ${p.status}${causes.length > 0 ? ` (${causes.join(', ')})` : ''}`;
}

function describeFinding(f: Problem): string {
  return `${f.code} (${f.severity}) at ${f.line > 0 ? `${f.file}:${f.line}` : f.file}: ${f.message}`;
}

/** Up to `LISTED` items, one per line, then a count of the rest. */
function listed(items: readonly string[]): string {
  const lines = items.slice(0, LISTED).map((i) => `  - ${i}`);
  if (items.length > LISTED) lines.push(`  ... and ${items.length - LISTED} more`);
  return lines.join('\n');
}

function isStack(x: unknown): x is SynthesizedStack {
  return typeof x === 'object' && x !== null && 'proofErrors' in x && 'verification' in x && 'configs' in x;
}

function isVerifyResult(x: unknown): x is VerifyResult {
  return typeof x === 'object' && x !== null && 'pairs' in x && 'findings' in x && 'summary' in x && 'ok' in x;
}

// By shape, not class: the test may load another copy of hubspoke than the matchers.
function stackOf(received: unknown, matcher: string): SynthesizedStack {
  if (isStack(received)) return received;
  throw new TypeError(
    `${matcher}: expected the result of Testing.synth(stack), got ${received === null ? 'null' : typeof received}`,
  );
}

function proofOf(received: unknown, matcher: string): Proof {
  if (isStack(received))
    return { name: `stack ${received.stackId}`, verification: received.verification, errors: received.proofErrors };
  if (isVerifyResult(received)) {
    const errors = [
      ...received.findings.filter((f) => f.severity === 'error').map(describeFinding),
      ...received.pairs.filter((p) => !p.covered).map(describePair),
    ];
    // A result without pairs proves nothing (`ok` is false then).
    return {
      name: 'the verification result',
      verification: received,
      errors: received.ok ? [] : errors.length > 0 ? errors : ['no site pair to prove'],
    };
  }
  throw new TypeError(
    `${matcher}: expected the result of Testing.synth(stack) or of verifyNetwork, got ${received === null ? 'null' : typeof received}`,
  );
}
