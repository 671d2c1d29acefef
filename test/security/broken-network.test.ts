import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as verify } from '../../lib/cli/verify.js';
import { formatText, MAX_LISTED_DEVICES, MAX_LISTED_FINDINGS } from '../../lib/verify/findings/format.js';
import { DEFAULT_MAX_PAIRS, type Problem, type VerifyResult } from '../../lib/verify/types.js';
import { runCli } from '../cli/io.js';

const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-broken-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** N routers sharing nothing: every ordered pair of their LANs is broken, by a NO_ROUTE at each end. */
function unconnected(n: number): string {
  const dir = join(scratch, `n${n}`);
  mkdirSync(dir);
  for (let i = 0; i < n; i += 1)
    writeFileSync(
      join(dir, `r${i}.cfg`),
      `hostname R${i}\ninterface Ethernet0\n ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0\n`,
    );
  return dir;
}

describe('verify on broken networks: output grows with devices, not with findings', () => {
  it('GIVEN 40 and 80 unconnected routers WHEN verified as text THEN each router has one NO_ROUTE with its pair count, and the output grows linearly', async () => {
    const small = await runCli(verify, [unconnected(40)]);
    const large = await runCli(verify, [unconnected(80)]);
    expect(large.code).toBe(1);
    expect(large.stdout).toContain('6320 pairs, 0 covered, 6320 broken');
    // One finding per router and cause: 80 NO_ROUTE, each naming three destinations and counting its pairs.
    expect(large.stdout.match(/^ {2}error {3}NO_ROUTE /gm)).toHaveLength(80);
    expect(large.stdout).toContain('error   NO_ROUTE ');
    expect(large.stdout).toMatch(
      /R0 has no route to 10\.0\.1\.0\/24, 10\.0\.2\.0\/24, 10\.0\.3\.0\/24 and more \[158 broken pairs\]/,
    );
    const lines = (s: string) => s.split('\n').length;
    expect(lines(large.stdout)).toBeLessThan(2.2 * lines(small.stdout));
    const json = JSON.parse((await runCli(verify, [unconnected(81), '--format', 'json'])).stdout);
    expect(json.findings).toHaveLength(81);
    expect(json.findings.every((f: Problem) => f.brokenPairs === 160)).toBe(true);
    expect(json.pairs).toHaveLength(DEFAULT_MAX_PAIRS);
    expect(json.unlisted).toEqual({ broken: 81 * 80 - DEFAULT_MAX_PAIRS, unverified: 0, covered: 0 });
  }, 120_000);

  it('GIVEN 150 and 300 unconnected routers (89,700 broken pairs) WHEN verified in every format THEN each output is bounded and counts every pair', async () => {
    const sizes: Record<string, number[]> = {};
    for (const n of [150, 300]) {
      const dir = unconnected(n);
      const report = join(scratch, `report-${n}.html`);
      const outputs = {
        json: (await runCli(verify, [dir, '--format', 'json'])).stdout,
        junit: (await runCli(verify, [dir, '--format', 'junit'])).stdout,
        sarif: (await runCli(verify, [dir, '--format', 'sarif', '--report', report])).stdout,
        html: readFileSync(report, 'utf8'),
      };
      for (const [k, v] of Object.entries(outputs)) (sizes[k] ??= []).push(Buffer.byteLength(v));
      const pairs = n * (n - 1);
      const json = JSON.parse(outputs.json);
      expect(json.summary.broken).toBe(pairs);
      expect(json.pairs.length + json.unlisted.broken).toBe(pairs);
      expect(json.findings.length).toBeLessThanOrEqual(n);
      // JUnit: the listed pairs, one case for the rest, the findings no listed pair names.
      expect(outputs.junit.match(/<testcase /g)!.length).toBeLessThanOrEqual(DEFAULT_MAX_PAIRS + 1 + n);
      expect(outputs.junit).toContain(`${pairs - DEFAULT_MAX_PAIRS} more broken or unverified pairs not listed`);
      const sarif = JSON.parse(outputs.sarif);
      expect(sarif.runs[0].results).toHaveLength(json.findings.length);
      expect(sarif.runs[0].results[0].properties.brokenPairs).toBe(2 * (n - 1));
      // The report's grouped matrix counts every broken pair, listed or not.
      let broken = 0;
      for (const m of outputs.html.matchAll(/<td class="cell broken"[^>]*>(\d+)\/(\d+)<\/td>/g))
        broken += Number(m[2]) - Number(m[1]);
      expect(broken).toBe(pairs);
      expect(outputs.html).toContain(`Showing 1000 of ${pairs} broken or unverified pairs`);
    }
    // Twice the devices, four times the pairs: at most twice the output (findings grow with the
    // devices, the pair listing stops at its limit).
    for (const [k, [a, b]] of Object.entries(sizes)) expect(b!, k).toBeLessThan(2.2 * a!);
  }, 300_000);

  it('GIVEN --max-pairs WHEN verified THEN the listing stops at it ("all" lifts it) and a limit that is not a positive count is refused', async () => {
    const dir = unconnected(12);
    const five = JSON.parse((await runCli(verify, [dir, '--format', 'json', '--max-pairs', '5'])).stdout);
    expect(five.pairs).toHaveLength(5);
    expect(five.unlisted).toEqual({ broken: 127, unverified: 0, covered: 0 });
    const all = JSON.parse((await runCli(verify, [dir, '--format', 'json', '--max-pairs', 'all'])).stdout);
    expect(all.pairs).toHaveLength(132);
    expect(all.unlisted).toBeUndefined();
    for (const bad of ['0', 'many', '1e3', '2.5']) {
      const r = await runCli(verify, [dir, '--max-pairs', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--max-pairs: "${bad}" is neither a positive count nor "all"`);
    }
  });

  it('GIVEN more devices and findings than the text limits WHEN formatted THEN the listing stops with summary lines and the verdict', () => {
    const n = MAX_LISTED_DEVICES + 300;
    const devices = Array.from({ length: n }, (_, i) => ({
      hostname: `R${i}`,
      file: `r${i}.cfg`,
      role: 'other' as const,
    }));
    const findings: Problem[] = devices.flatMap((d) =>
      [1, 2, 3].map((k) => ({
        code: 'NO_ROUTE' as const,
        severity: 'error' as const,
        device: d.hostname,
        file: d.file,
        line: 0,
        message: `${d.hostname} has no route to 10.${k}.0.0/24`,
        hint: 'add a route',
      })),
    );
    const result = {
      devices,
      sites: [],
      pairs: [],
      findings,
      ok: false,
      siteSource: 'inferred' as const,
      summary: { pairs: 0, covered: 0, broken: 0, unverified: 0, errors: findings.length, warnings: 0 },
    } as unknown as VerifyResult;
    const text = formatText(result);
    expect(text).toContain(`  ... and 300 more devices`);
    // The device being listed when the limit is reached is finished.
    expect(text.match(/^ {2}error {3}NO_ROUTE /gm)!.length).toBeLessThanOrEqual(MAX_LISTED_FINDINGS + 3);
    expect(text).toMatch(
      /^\.\.\. \d+ more finding\(s\) on \d+ more device\(s\) not listed \(--format json lists every one\)$/m,
    );
    expect(text.trimEnd().split('\n').pop()).toMatch(/NOT PROVEN/);
  });
});
