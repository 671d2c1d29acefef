/**
 * `hubspoke fix`: prints the proven plan per device and exits 0; `--out DIR` writes repaired
 * configs that `hubspoke verify` proves once the key placeholders are filled in; a network with no
 * proven repair exits 1 and writes nothing; bad usage exits 2.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/fix.js';
import { run as verify } from '../../lib/cli/verify.js';
import { network } from '../verify/differential-lab.js';
import { runCli } from './io.js';

const PUBLISHED = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'spoke3-as-published');
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-fix-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeLab(dir: string, lab: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [f, t] of Object.entries(lab)) writeFileSync(join(dir, f), t);
  return dir;
}

describe('GIVEN the published spoke-3 configs', () => {
  it('WHEN fixed with --out THEN exit 0, the plan per device, and verify proves the written configs', async () => {
    const out = join(tmp, 'repaired');
    const r = await runCli(run, [PUBLISHED, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PROVEN repair');
    expect(r.stdout).toContain('~ Spoke3');
    expect(r.stdout).not.toContain('cisco123');
    expect(readdirSync(out).sort()).toEqual(['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg']);
    expect(readFileSync(join(out, 'spoke3.cfg'), 'utf8')).toContain(
      'access-list 130 permit ip 172.16.2.0 0.0.0.255 10.1.1.0 0.0.0.255',
    );
    const v = await runCli(verify, [out]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('12 pairs, 12 covered');
  });

  it('WHEN fixed as JSON THEN the plan is data with commands per router', async () => {
    const r = await runCli(run, [PUBLISHED, '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.proven).toBe(true);
    expect(plan.changes.routers.filter((x: { change: string }) => x.change === 'changed')).toHaveLength(4);
    expect(plan.files[0].text).toBeUndefined();
  });
});

describe('GIVEN a spoke without a key for the hub', () => {
  it('WHEN fixed with --out THEN the file holds a placeholder, and with the key typed in verify proves it', async () => {
    const net = network(2, 'modern', 'none', 1, 2);
    const spoke = net.lab['spoke1.cfg']!;
    const keyLine = spoke.split('\n').find((l) => l.startsWith('crypto isakmp key'))!;
    const dir = writeLab(join(tmp, 'nokey'), { ...net.lab, 'spoke1.cfg': spoke.replace(`${keyLine}\n`, '') });
    const out = join(tmp, 'nokey-out');
    const r = await runCli(run, [dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('crypto isakmp key <key-for-198.51.100.1> address 198.51.100.1');
    expect(r.stdout).toContain('Key placeholders');
    const written = readFileSync(join(out, 'spoke1.cfg'), 'utf8');
    expect(written).toContain('<key-for-198.51.100.1>');
    const key = /crypto isakmp key (\S+) address 198\.51\.100\.11/.exec(net.lab['hub.cfg']!)![1]!;
    expect(r.stdout + r.stderr).not.toContain(key);
    writeFileSync(join(out, 'spoke1.cfg'), written.replace('<key-for-198.51.100.1>', key));
    expect((await runCli(verify, [out])).code).toBe(0);
  });
});

describe('GIVEN a network whose only repair is a design decision', () => {
  it('WHEN fixed with --out THEN exit 1, the reason, and nothing written', async () => {
    const net = network(2, 'modern', 'none', 1, 2);
    const dir = writeLab(join(tmp, 'overlap'), {
      ...net.lab,
      'spoke2.cfg': net.lab['spoke2.cfg']!.replace(
        'ip address 10.2.0.1 255.255.255.0',
        'ip address 10.1.0.1 255.255.255.0',
      ),
    });
    const out = join(tmp, 'overlap-out');
    const r = await runCli(run, [dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('OVERLAPPING_SITES');
    expect(r.stderr).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  });
});

describe('GIVEN bad usage', () => {
  it('WHEN no path, a bad format or --out onto the inputs THEN exit 2', async () => {
    expect((await runCli(run, [])).code).toBe(2);
    expect((await runCli(run, [PUBLISHED, '--format', 'xml'])).code).toBe(2);
    const copy = writeLab(
      join(tmp, 'same'),
      Object.fromEntries(
        readdirSync(PUBLISHED)
          .filter((f) => f.endsWith('.cfg'))
          .map((f) => [f, readFileSync(join(PUBLISHED, f), 'utf8')]),
      ),
    );
    const r = await runCli(run, [copy, '--out', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would overwrite');
  });
});

describe('GIVEN verify --report on a NOT PROVEN network', () => {
  it('WHEN the report is written THEN it shows the proven repair per device, keys never, and none for a proven network', async () => {
    const report = join(tmp, 'published.html');
    const r = await runCli(verify, [PUBLISHED, '--report', report]);
    expect(r.code).toBe(1);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<section class="card" id="repair"><h2>Proven repair</h2>');
    expect(html).toContain('access-list 110 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255');
    expect(html).toMatch(/<h3>Spoke3 <span class="muted">\(.*spoke3\.cfg\)<\/span><\/h3>/);
    expect(html).not.toContain('cisco123');
    const fixed = join(tmp, 'proven.html');
    await runCli(verify, [join(PUBLISHED, '..', 'three-spokes'), '--report', fixed]);
    expect(readFileSync(fixed, 'utf8')).not.toContain('id="repair"');
  });

  it('WHEN no repair proves THEN the report says why per finding', async () => {
    const net = network(2, 'modern', 'none', 1, 2);
    const dir = writeLab(join(tmp, 'overlap-report'), {
      ...net.lab,
      'spoke2.cfg': net.lab['spoke2.cfg']!.replace(
        'ip address 10.2.0.1 255.255.255.0',
        'ip address 10.1.0.1 255.255.255.0',
      ),
    });
    const report = join(tmp, 'overlap.html');
    await runCli(verify, [dir, '--report', report]);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<h2>No proven repair</h2>');
    expect(html).toContain('OVERLAPPING_SITES');
    expect(html).toContain('design decision');
  });
});
