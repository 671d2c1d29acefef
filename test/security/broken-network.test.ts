import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as verify } from '../../lib/cli/verify.js';
import { formatText, MAX_LISTED_DEVICES, MAX_LISTED_FINDINGS } from '../../lib/verify/findings/format.js';
import type { Problem, VerifyResult } from '../../lib/verify/types.js';
import { runCli } from '../cli/io.js';

const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-broken-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** N routers sharing nothing: every ordered pair of their LANs is broken, each with its own NO_ROUTE. */
function unconnected(n: number): string {
  const dir = join(scratch, `n${n}`);
  mkdirSync(dir);
  for (let i = 0; i < n; i += 1) writeFileSync(join(dir, `r${i}.cfg`), `hostname R${i}\ninterface Ethernet0\n ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0\n`);
  return dir;
}

describe('verify on broken networks: output grows with devices, not with findings', () => {
  it('GIVEN 40 and 80 unconnected routers WHEN verified as text THEN findings are aggregated per device and cause, and the output grows linearly', async () => {
    const small = await runCli(verify, [unconnected(40)]);
    const large = await runCli(verify, [unconnected(80)]);
    expect(large.code).toBe(1);
    expect(large.stdout).toContain('6320 pairs, 0 covered, 6320 broken');
    expect(large.stdout).toContain('      ... and 78 more NO_ROUTE errors on R0 (--format json lists every one)');
    // 80 devices x 79 findings = 6320 NO_ROUTE findings; each device prints one and a count.
    expect(large.stdout.match(/^ {2}error {3}NO_ROUTE /gm)).toHaveLength(80);
    const lines = (s: string) => s.split('\n').length;
    expect(lines(large.stdout)).toBeLessThan(2.2 * lines(small.stdout));
    const json = JSON.parse((await runCli(verify, [unconnected(81), '--format', 'json'])).stdout);
    expect(json.findings).toHaveLength(81 * 80);
  }, 120_000);

  it('GIVEN more devices and findings than the text limits WHEN formatted THEN the listing stops with summary lines and the verdict', () => {
    const n = MAX_LISTED_DEVICES + 300;
    const devices = Array.from({ length: n }, (_, i) => ({ hostname: `R${i}`, file: `r${i}.cfg`, role: 'other' as const }));
    const findings: Problem[] = devices.flatMap((d) =>
      [1, 2, 3].map((k) => ({ code: 'NO_ROUTE' as const, severity: 'error' as const, device: d.hostname, file: d.file, line: 0, message: `${d.hostname} has no route to 10.${k}.0.0/24`, hint: 'add a route' })),
    );
    const result = {
      devices, sites: [], pairs: [], findings, ok: false, siteSource: 'inferred' as const,
      summary: { pairs: 0, covered: 0, broken: 0, unverified: 0, errors: findings.length, warnings: 0 },
    } as unknown as VerifyResult;
    const text = formatText(result);
    expect(text).toContain(`  ... and 300 more devices`);
    // The device being listed when the limit is reached is finished.
    expect(text.match(/^ {2}error {3}NO_ROUTE /gm)!.length).toBeLessThanOrEqual(MAX_LISTED_FINDINGS + 3);
    expect(text).toMatch(/^\.\.\. \d+ more finding\(s\) on \d+ more device\(s\) not listed \(--format json lists every one\)$/m);
    expect(text.trimEnd().split('\n').pop()).toMatch(/NOT PROVEN/);
  });
});
