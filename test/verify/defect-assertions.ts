/**
 * Shared assertions of the defect-class suites (defect-classes*.test.ts).
 */
import { expect } from 'vitest';
import type { VerifyResult } from '../../lib/verify/types.js';
import { codes, pair } from './labs.js';

export const beforeEnd = (t: string, lines: string[]) => t.replace(/\nend\s*$/, `\n${lines.join('\n')}\nend\n`);

export function errors(r: VerifyResult) {
  return r.findings.filter((f) => f.severity === 'error');
}

export function expectCovered(r: VerifyResult, pairs: [string, string][]) {
  for (const [a, b] of pairs) expect(pair(r, a, b).covered, `${a} -> ${b} should stay covered`).toBe(true);
}

export function expectCode(
  r: VerifyResult,
  from: string,
  to: string,
  code: string,
  device: string,
  side: 'hub' | 'spoke',
) {
  const p = pair(r, from, to);
  expect(p.covered, `${from} -> ${to} should be broken`).toBe(false);
  const found = codes(p, code).filter((x) => x.device === device);
  expect(
    found.length,
    `${code} on ${device} for ${from} -> ${to}; got ${p.problems.map((x) => `${x.code}@${x.device}`).join(' ')}`,
  ).toBeGreaterThan(0);
  expect(found[0]!.side).toBe(side);
  expect(found[0]!.line).toBeGreaterThanOrEqual(0);
  expect(r.findings.some((f) => f.code === code && f.device === device)).toBe(true);
}
