/**
 * Every problem code has either a repair or a stated reason in `hubspoke fix` (never "no repair
 * known"), and docs/brownfield.md#every-problem-code says the same as the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_REPAIRS, defaultReason } from '../../lib/repair/why-not.js';
import { PROBLEM_CODES } from '../../lib/verify/findings/problem-codes.js';

const anchors = [...readFileSync('docs/problems.md', 'utf8').matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) =>
  m[1]!.toUpperCase().replace(/-/g, '_'),
);

describe('GIVEN every problem code of the catalogue and of docs/problems.md', () => {
  it('THEN each has a repair or a reason, and no code falls back to "no repair known"', () => {
    const codes = new Set([...PROBLEM_CODES.map((c) => c.code), ...anchors]);
    expect([...codes].sort()).toEqual(Object.keys(CODE_REPAIRS).sort());
    for (const code of codes) {
      expect(defaultReason(code as keyof typeof CODE_REPAIRS), code).not.toMatch(
        /no-repair-known|repair-did-not-prove/,
      );
    }
  });

  it('THEN docs/brownfield.md lists the same repair and reason for each code', () => {
    const doc = readFileSync('docs/brownfield.md', 'utf8');
    const section = doc.slice(doc.indexOf('### Every problem code'));
    const rows = [
      ...section.matchAll(/^\| \[`([A-Z0-9_]+)`\]\(problems\.md#([a-z0-9-]+)\) \| ([a-z-]+) \| ([a-z-]+) \|$/gm),
    ];
    expect(Object.fromEntries(rows.map((r) => [r[1], { repair: r[3], otherwise: r[4] }]))).toEqual(
      Object.fromEntries(
        Object.entries(CODE_REPAIRS).map(([c, r]) => [c, { repair: r.repair ?? '-', otherwise: r.otherwise }]),
      ),
    );
    for (const r of rows) expect(r[2]).toBe(r[1]!.toLowerCase().replace(/_/g, '-'));
  });

  it('THEN every code with a repair is named in the "What it repairs" table', () => {
    const doc = readFileSync('docs/brownfield.md', 'utf8');
    const table = doc.slice(doc.indexOf('### What it repairs'), doc.indexOf('### What it leaves to you'));
    const repaired = Object.entries(CODE_REPAIRS).filter(([, r]) => r.repair !== undefined);
    // INITIATOR_DEPENDENT and NO_DYNAMIC_SA are answered by the crypto ACL mirrors of PROXY_MISMATCH.
    const viaMirrors = new Set(['INITIATOR_DEPENDENT', 'NO_DYNAMIC_SA']);
    for (const [code] of repaired) if (!viaMirrors.has(code)) expect(table, code).toContain(`\`${code}\``);
  });
});
