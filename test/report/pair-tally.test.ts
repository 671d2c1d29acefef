import { describe, expect, it } from 'vitest';
import { renderHtmlReportSync } from '../../lib/report/html.js';
import { PairTally } from '../../lib/report/pair-tally.js';
import { parseConfig } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { formatText } from '../../lib/verify/findings/format.js';
import type { VerifyResult } from '../../lib/verify/types.js';

/** N routers sharing nothing: every ordered pair broken. */
function unconnected(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const file = `r${i}.cfg`;
    return {
      ...parseConfig(`hostname R${i}\ninterface Ethernet0\n ip address 10.0.${i}.1 255.255.255.0\nend\n`, { file }),
      file,
    };
  });
}

/** Proves with a listing limit and tallies the pairs left out, as `hubspoke verify --report` does. */
function limited(n: number, maxPairs: number): { result: VerifyResult; tally: PairTally } {
  let tally: PairTally | undefined;
  const result = verifyNetwork(unconnected(n), {
    brokenOnly: true,
    maxPairs,
    onStart: (_, network) => (tally = new PairTally(network.devices)),
    onUnlisted: (p) => tally!.add(p),
  });
  return { result, tally: tally! };
}

function brokenInCells(html: string): number {
  let broken = 0;
  for (const m of html.matchAll(/<td class="cell broken"[^>]*>(\d+)\/(\d+)<\/td>/g))
    broken += Number(m[2]) - Number(m[1]);
  return broken;
}

describe('reports of results whose listing stops at a limit', () => {
  it('GIVEN 45 unconnected routers listed up to 10 pairs WHEN the report is rendered with the tally of the others THEN its matrix counts all 1980 broken pairs', () => {
    const { result, tally } = limited(45, 10);
    expect(result.pairs).toHaveLength(10);
    expect(tally.total).toBe(45 * 44 - 10);
    const html = renderHtmlReportSync(result, { unlistedPairs: tally });
    expect(brokenInCells(html)).toBe(45 * 44);
    expect(html).toContain('Showing 10 of 1980 broken or unverified pairs');
  });

  it('GIVEN such a result WHEN the report is rendered without the tally THEN it refuses rather than draw unlisted pairs as covered', () => {
    const { result } = limited(45, 10);
    expect(() => renderHtmlReportSync(result)).toThrow(/lists 10 of its 1980 broken or unverified pairs/);
  });

  it('GIVEN 8 routers listed up to 5 pairs WHEN rendered and printed THEN neither shows a cell per pair (it would call the unlisted pairs covered)', () => {
    const { result, tally } = limited(8, 5);
    const html = renderHtmlReportSync(result, { unlistedPairs: tally });
    expect(html).not.toContain('class="matrix full"');
    expect(brokenInCells(html)).toBe(56);
    const text = formatText(result);
    expect(text).not.toContain('coverage (rows = from, columns = to)');
    expect(text).toContain('broken pairs (56):');
    expect(text).toContain('  ... and 51 more');
  });
});
