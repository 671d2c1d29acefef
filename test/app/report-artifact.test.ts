// Synth writes report.html (the HTML coverage report) next to the configs.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { seedLabStack } from '../fixtures/seed-lab-stack.js';

const FAKE_KEY = 'FAKE-synth-report-key-51e0c7';
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-report-artifact-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The reference lab through the constructs, with a fake key. */
const lab = (outdir: string) => seedLabStack({ outdir, key: FAKE_KEY });

describe('GIVEN the reference lab as constructs', () => {
  it('WHEN app.synth() runs THEN report.html lies next to the configs: 12 green cells, WAN addresses, no key', () => {
    const outdir = join(tmp, 'a');
    lab(outdir).app.synth();
    const dir = join(outdir, 'seed-lab');
    expect(readdirSync(dir).sort()).toEqual([
      '.hubspoke-manifest.json',
      'Hub.cfg',
      'Spoke1.cfg',
      'Spoke2.cfg',
      'Spoke3.cfg',
      'harness.test.mjs',
      'report.html',
      'topology.json',
    ]);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<td class="cell ok"/g)).toHaveLength(12);
    expect(html).toContain('hubspoke coverage report: seed-lab');
    expect(html).toContain('WAN 10.1.4.1/24 (Ethernet1)');
    expect(html).toMatch(/input <code>sha256:[0-9a-f]{64}<\/code>/);
    expect(html).not.toContain(FAKE_KEY);
    expect(readFileSync(join(dir, 'Hub.cfg'), 'utf8')).toContain(FAKE_KEY);
  });

  it('WHEN synthesized twice THEN the two reports are byte-identical', () => {
    lab(join(tmp, 'b')).app.synth();
    lab(join(tmp, 'c')).app.synth();
    expect(readFileSync(join(tmp, 'b', 'seed-lab', 'report.html'), 'utf8')).toBe(
      readFileSync(join(tmp, 'c', 'seed-lab', 'report.html'), 'utf8'),
    );
  });

  it('WHEN synthesizeStack runs without htmlReport (cdktf integration) THEN no report is produced', () => {
    const { stack } = lab(join(tmp, 'd'));
    expect([...synthesizeStack(stack).files.keys()]).not.toContain('report.html');
    expect([...synthesizeStack(stack, { htmlReport: true }).files.keys()]).toContain('report.html');
  });
});
