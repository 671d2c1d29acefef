/**
 * `npm run bench -- --check` (bench/index.mjs): the budgets file names only metrics the checker
 * computes, each with a bound and a reason, and the checker flags a ratio beyond its budget. No
 * timing is measured here; timings belong to the benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { checkBudgets, formatBudgets, METRIC_NAMES } from '../../bench/index.mjs';

interface Budget {
  readonly metric: string;
  readonly max?: number;
  readonly min?: number;
  readonly why: string;
}
interface Row extends Budget {
  readonly value?: number;
  readonly verdict: string;
}
const check = checkBudgets as (results: object, budgets: readonly Budget[]) => Row[];
const { budgets } = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'bench', 'budgets.json'), 'utf8'),
) as { budgets: Budget[] };

describe('bench budgets', () => {
  it('GIVEN bench/budgets.json WHEN read THEN every metric the checker computes has one budget, with a bound and a reason', () => {
    expect(budgets.map((b) => b.metric).sort()).toEqual([...(METRIC_NAMES as string[])].sort());
    for (const b of budgets) {
      expect((b.max === undefined) !== (b.min === undefined), b.metric).toBe(true);
      expect(b.why.length, b.metric).toBeGreaterThan(20);
    }
  });

  it('GIVEN results WHEN checked THEN a ratio beyond its budget is OVER BUDGET, one within is ok, a missing one is not measured', () => {
    const results = {
      synth: [
        { mode: 'summarized', spokes: 1000, totalMs: 3000, proofParseRatio: 30 },
        { mode: 'summarized', spokes: 200, naiveMs: 5000, proofMs: 50 },
      ],
      scale: [
        { name: 'parse.acl', ratio: 5.1 },
        { name: 'parse.hub', error: 'exit 1' },
      ],
    };
    const rows = check(results, [
      { metric: 'proof/parse.summarized.1000', max: 8, why: 'x' },
      { metric: 'naive/proof.summarized.200', min: 10, why: 'x' },
      { metric: 'parse.acl.scaling', max: 8, why: 'x' },
      { metric: 'parse.hub.scaling', max: 3, why: 'x' },
      { metric: 'no.such.metric', max: 1, why: 'x' },
    ]);
    expect(rows.map((r) => `${r.metric}=${r.value ?? '-'} ${r.verdict}`)).toEqual([
      'proof/parse.summarized.1000=30 OVER BUDGET',
      'naive/proof.summarized.200=100 ok',
      'parse.acl.scaling=5.1 ok',
      'parse.hub.scaling=- not measured',
      'no.such.metric=- unknown metric',
    ]);
    expect(formatBudgets(rows).split('\n')[1]).toMatch(/^proof\/parse\.summarized\.1000 +30 +<= 8 +OVER BUDGET$/);
  });
});
