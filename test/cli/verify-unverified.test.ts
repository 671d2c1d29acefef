import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as verify } from '../../lib/cli/verify.js';
import { runCli } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-unverified-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

let n = 0;
/** A copy of the reference lab with `lines` added under spoke1's LAN interface (line 26 on). */
function labWithSpoke1Lan(lines: string[]): string {
  const dir = join(scratch, `lab-${(n += 1)}`);
  cpSync(LAB, dir, { recursive: true });
  const file = join(dir, 'spoke1.cfg');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('interface Ethernet0\n', `interface Ethernet0\n${lines.join('\n')}\n`),
  );
  return dir;
}

describe('GIVEN a proven lab whose spoke gains a relevant unmodelled line', () => {
  const dir = labWithSpoke1Lan([' ip policy route-map TO-INTERNET']);

  it('WHEN verified as text THEN it exits 1, NOT PROVEN, and names the line of the unverified pairs', async () => {
    const r = await runCli(verify, [dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unverified pairs (6)');
    expect(r.stdout).toContain(`NOT_MODELLED at ${join(dir, 'spoke1.cfg')}:26`);
    expect(r.stdout).toMatch(/12 pairs, 6 covered, 0 broken, 6 unverified; .*NOT PROVEN\n$/);
  });

  it('WHEN verified as JSON THEN pairs carry status unverified and the summary counts them', async () => {
    const r = await runCli(verify, [dir, '--format', 'json', '--broken-only']);
    const json = JSON.parse(r.stdout) as {
      pairs: { status: string; covered: boolean }[];
      summary: { unverified: number; broken: number };
      ok: boolean;
    };
    expect(r.code).toBe(1);
    expect(json.summary).toMatchObject({ unverified: 6, broken: 0 });
    expect(json.pairs).toHaveLength(6);
    expect(json.pairs.every((p) => p.status === 'unverified' && !p.covered)).toBe(true);
    expect(json.ok).toBe(false);
  });

  it('WHEN verified as JUnit THEN each unverified pair fails with type UNVERIFIED and the line', async () => {
    const r = await runCli(verify, [dir, '--format', 'junit']);
    expect(r.stdout.match(/type="UNVERIFIED"/g)).toHaveLength(6);
    expect(r.stdout).toContain('unverified: NOT_MODELLED at ');
  });

  it('WHEN verified as SARIF THEN the NOT_MODELLED result is an error at its line with the unverified pair count', async () => {
    const r = await runCli(verify, [dir, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as {
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region?: { startLine: number } } }[];
          properties: { unverifiedPairs?: number };
        }[];
      }[];
    };
    const result = log.runs[0]!.results.find((x) => x.ruleId === 'NOT_MODELLED')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation.region?.startLine).toBe(26);
    expect(result.properties.unverifiedPairs).toBe(6);
  });

  it('WHEN run in GitHub Actions THEN the NOT_MODELLED line is an error annotation and the verdict counts the unverified pairs', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const r = await runCli(verify, [dir]);
    expect(r.stdout).toMatch(/::error file=[^\n]*spoke1\.cfg,line=26,title=NOT_MODELLED/);
    expect(r.stdout).toContain('6 unverified: NOT PROVEN');
  });

  it('WHEN an HTML report is written THEN it shows the unverified count, cells and badges', async () => {
    const report = join(dir, 'report.html');
    const r = await runCli(verify, [dir, '--report', report]);
    expect(r.code).toBe(1);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('unverified pairs (6)');
    expect(html.match(/class="cell unverified"/g)).toHaveLength(6);
    expect(html).toContain('<span class="badge unverified">unverified</span>');
  });
});

describe('GIVEN a proven lab whose spoke gains only inert lines', () => {
  it('WHEN verified THEN it still proves (exit 0)', async () => {
    const dir = labWithSpoke1Lan([
      ' description users',
      ' speed 100',
      ' duplex full',
      ' bandwidth 10000',
      ' no ip proxy-arp',
    ]);
    const r = await runCli(verify, [dir]);
    expect(r.stdout).toMatch(/12 pairs, 12 covered, 0 broken, 0 unverified; .*PROVEN\n$/);
    expect(r.code).toBe(0);
  });
});
