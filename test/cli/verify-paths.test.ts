// `hubspoke verify --report` writes the proof's per-pair paths into the HTML report only.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/verify.js';
import { runCli } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const FAKE_KEY = 'FAKE-paths-psk-51d0';
const CHANGED_KEY = 'FAKE-paths-other-77e1';
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-verify-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(run, args);

/** The reference lab with fake keys; `broken` changes the hub's key for Spoke2. */
function lab(name: string, broken: boolean): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg']) {
    let text = readFileSync(join(LAB, f), 'utf8').replaceAll('cisco123', FAKE_KEY);
    if (broken && f === 'hub.cfg')
      text = text.replace(
        `crypto isakmp key ${FAKE_KEY} address 10.1.3.1`,
        `crypto isakmp key ${CHANGED_KEY} address 10.1.3.1`,
      );
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('GIVEN the reference lab', () => {
  it('WHEN verified with --report THEN every pair detail shows the path with the ACL lines the proof used, and no key', async () => {
    const out = join(tmp, 'ok.html');
    const { code } = await cli([lab('ok', false), '--report', out]);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<h4>Path the proof followed<\/h4>/g)).toHaveLength(12);
    expect(html).toContain('access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255');
    expect(html).toContain('hub.cfg:53');
    expect(html).not.toContain(FAKE_KEY);
  });

  it('WHEN verified with --report --broken-only --format json THEN stdout lists only broken pairs and no path', async () => {
    const dir = lab('json', true);
    const { code, stdout } = await cli([dir, '--report', join(tmp, 'json.html'), '--broken-only', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { pairs: { covered: boolean }[]; summary: { broken: number } };
    expect(json.pairs.length).toBe(json.summary.broken);
    expect(json.pairs.every((p) => !p.covered)).toBe(true);
    expect(stdout).not.toContain('"path"');
    const plain = await cli([dir, '--broken-only', '--format', 'json']);
    expect(stdout).toBe(plain.stdout);
  });

  it('WHEN the hub key for Spoke2 changed and verified with --report THEN the report marks the failed key step and never shows a key', async () => {
    const out = join(tmp, 'broken.html');
    const { code } = await cli([lab('broken', true), '--report', out]);
    expect(code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<tr class="bad"><td class="mark">✗<\/td><td class="kind">pre-shared key<\/td>/);
    expect(html).not.toContain(FAKE_KEY);
    expect(html).not.toContain(CHANGED_KEY);
  });
});
