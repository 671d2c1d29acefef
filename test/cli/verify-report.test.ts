// `hubspoke verify` report outputs: --report FILE.html, --format junit|sarif, GitHub annotations.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../lib/cli/verify.js';
import { runCli } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const FAKE_KEY = 'FAKE-cli-psk-8c2f';
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-verify-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const cli = (args: string[]) => runCli(run, args);

/** The lab with a fake key; `broken` drops the hub ACL line protecting Spoke1 -> Spoke3. */
function lab(name: string, broken: boolean): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg']) {
    let text = readFileSync(join(LAB, f), 'utf8').replaceAll('cisco123', FAKE_KEY);
    if (broken && f === 'hub.cfg')
      text = text.replace('access-list 130 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255\n', '');
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('GIVEN the reference lab', () => {
  it('WHEN run with --report THEN a self-contained HTML report with 12 green cells is written, without the key', async () => {
    const out = join(tmp, 'report.html');
    const { code, stderr } = await cli([lab('ok', false), '--report', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<td class="cell ok"/g)).toHaveLength(12);
    expect(html).toMatch(/input <code>sha256:[0-9a-f]{64}<\/code>/);
    expect(html).toContain('WAN 10.1.4.1/24 (Ethernet1)');
    expect(html).not.toContain(FAKE_KEY);
  });

  it('WHEN run twice with --report THEN the two reports are byte-identical', async () => {
    const dir = lab('twice', true);
    await cli([dir, '--report', join(tmp, 'a.html')]);
    await cli([dir, '--report', join(tmp, 'b.html')]);
    expect(readFileSync(join(tmp, 'a.html'), 'utf8')).toBe(readFileSync(join(tmp, 'b.html'), 'utf8'));
  });

  it('WHEN the report cannot be written THEN the exit code is 2 with a clear message', async () => {
    const { code, stderr } = await cli([lab('ok2', false), '--report', join(tmp, 'no', 'such', 'dir', 'r.html')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hubspoke verify: cannot write report .*r\.html: ENOENT\n$/);
  });

  it('WHEN a broken lab is verified with --format junit THEN stdout is JUnit XML with one testcase per pair and one failure', async () => {
    const { code, stdout } = await cli([lab('junit', true), '--format', 'junit']);
    expect(code).toBe(1);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const suite = stdout.slice(stdout.indexOf('<testsuite name="site pairs"'), stdout.indexOf('</testsuite>'));
    expect(suite.match(/<testcase /g)).toHaveLength(12);
    expect(suite).toContain('name="Spoke1 172.16.1.0/24 -&gt; Spoke3 172.16.2.0/24"');
    expect(stdout).not.toContain(FAKE_KEY);
  });

  it('WHEN a broken lab is verified with --format sarif THEN stdout is a SARIF 2.1.0 log located at the hub config', async () => {
    const { code, stdout } = await cli([lab('sarif', true), '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const errors = log.runs[0]!.results.filter((r) => r.level === 'error');
    expect(errors.map((r) => r.ruleId)).toContain('NOT_PROTECTED');
    const hub = errors.find((r) => r.ruleId === 'NOT_PROTECTED')!.locations[0]!.physicalLocation;
    expect(hub.artifactLocation.uri).toMatch(/sarif\/hub\.cfg$/);
    expect(hub.region!.startLine).toBeGreaterThan(0);
    expect(stdout).not.toContain(FAKE_KEY);
  });

  it('WHEN GITHUB_ACTIONS=true THEN findings are printed as workflow commands (on stderr beside JSON)', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const text = await cli([lab('gha', true)]);
    expect(text.stdout).toMatch(/^::error file=[^,]*hub\.cfg,line=\d+,title=NOT_PROTECTED \(Hub\)::/m);
    expect(text.stdout).toMatch(/^::error title=hubspoke verify::hubspoke: 10\/12 ordered site pairs covered/m);
    const json = await cli([lab('gha', true), '--format', 'json']);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toMatch(/^::error file=/m);
  });

  it('WHEN GITHUB_ACTIONS is not set THEN no workflow commands are printed', async () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    const { stdout, stderr } = await cli([lab('nogha', true)]);
    expect(stdout).not.toMatch(/^::/m);
    expect(stderr).not.toMatch(/^::/m);
  });
});
