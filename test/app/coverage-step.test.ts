/**
 * Synth surfaces what the proof says: its warnings reach SynthResult.warnings, stderr and the
 * printed summary with one consistent count, and a raw line the proof cannot read or does not
 * model fails synth naming the construct that added it and the line, with nothing written.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Interface } from '../../lib/constructs/interface.js';
import { Router } from '../../lib/constructs/router.js';

// The example imports the package by name; run it against the sources under test.
vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildSeedLab } = await import('../../examples/seed-lab.js');
const { formatSynthResult } = await import('hubspoke');
/** The App type as the example declares it (through the package name). */
type App = ReturnType<typeof buildSeedLab>;

const root = mkdtempSync(join(tmpdir(), 'hubspoke-coverage-step-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** The reference lab (its App logs warnings to stderr), writing below a fresh folder. */
function lab(): { app: App; outdir: string } {
  const outdir = join(root, `out-${(runs += 1)}`);
  return { app: buildSeedLab(outdir), outdir };
}

/** Runs `run`, collecting the lines it writes to stderr. */
function stderrOf<T>(run: () => T): { value: T; lines: string[] } {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l !== ''),
    );
    return true;
  });
  try {
    return { value: run(), lines };
  } finally {
    spy.mockRestore();
  }
}

function routerAt(app: App, path: string): Router {
  const r = app.node.findAll().find((c) => c.node.path === path);
  if (!r || !Router.isRouter(r)) throw new Error(`no router at ${path}`);
  return r;
}

function synthError(app: App): string {
  try {
    stderrOf(() => app.synth());
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

/** How many warnings a grouped stderr line stands for: the places it shows plus "and N more". */
function placesOf(line: string): number {
  const m = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(line);
  const inner = m?.[1] ?? '';
  const more = /and (\d+) more$/.exec(inner);
  const shown = inner.replace(/ and \d+ more$/, '').split(', ').length;
  return shown + (more ? Number(more[1]) : 0);
}

describe('the proof warnings at synth', () => {
  const { value: result, lines: log } = stderrOf(() => lab().app.synth());
  const summary = formatSynthResult(result);

  it('GIVEN the reference lab WHEN synthesized THEN SynthResult.warnings holds the proof warnings with code, construct path and line', () => {
    const proof = result.warnings.filter((w) => w.code !== undefined);
    expect(new Set(proof.map((w) => w.code))).toEqual(new Set(['WEAK_CRYPTO', 'WEAK_PSK', 'REUSED_PSK']));
    expect(proof).toContainEqual({
      path: 'seed-lab/Hub/Router/TransformSet',
      id: 'WEAK_CRYPTO',
      code: 'WEAK_CRYPTO',
      location: 'Hub.cfg:12',
      message: expect.stringMatching(
        /^WEAK_CRYPTO: transform set myset uses transform esp-des, transform esp-md5-hmac\. Fix: /,
      ),
    });
    expect(proof.find((w) => w.code === 'REUSED_PSK')).toMatchObject({
      path: 'seed-lab/Hub/Router/Key-Spoke1',
      location: 'Hub.cfg:8',
    });
  });

  it('GIVEN the same synth WHEN its count is printed THEN SynthResult, stderr and the summary give one number, and the proof report counts the proof share', () => {
    const n = result.warnings.length;
    const proof = result.warnings.filter((w) => w.code !== undefined).length;
    const count = `${n} warning(s): ${n - proof} from the constructs, ${proof} from the proof`;
    expect(log.at(-1)).toBe(`[hubspoke] ${count}`);
    expect(summary).toContain(`\n${count}; see the [hubspoke] warning lines.\n`);
    const grouped = log.filter((l) => l.startsWith('[hubspoke] warning: '));
    expect(grouped.reduce((sum, l) => sum + placesOf(l), 0)).toBe(n);
    expect(summary).toMatch(new RegExp(`0 error\\(s\\), ${proof} warning\\(s\\): PROVEN`));
    expect(proof).toBeGreaterThan(0);
  });

  it('GIVEN the lab key cisco123 WHEN warnings are reported THEN no key reaches SynthResult, stderr or the summary', () => {
    expect(JSON.stringify(result.warnings)).not.toContain('cisco123');
    expect(log.join('\n')).not.toContain('cisco123');
    expect(summary).not.toContain('cisco123');
  });
});

describe('raw lines the proof cannot vouch for', () => {
  it('GIVEN a raw route with a typo (ip rout) WHEN synthesized THEN synth fails naming the router path and the line, and writes nothing', () => {
    const { app, outdir } = lab();
    routerAt(app, 'seed-lab/Spoke1/Router').addLine('ip rout 10.0.0.0 255.0.0.0 Ethernet1');
    const message = synthError(app);
    expect(message).toMatch(
      /seed-lab\/Spoke1\/Router: NOT_MODELLED at Spoke1\.cfg:\d+ \("ip rout 10\.0\.0\.0 255\.0\.0\.0 Ethernet1"\): /,
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it('GIVEN a raw route the parser rejects (bad mask) WHEN synthesized THEN synth fails naming the router path, the code and the line', () => {
    const { app, outdir } = lab();
    routerAt(app, 'seed-lab/Spoke2/Router').addLine('ip route 10.9.0.0 255.255.0.300 Ethernet1');
    const message = synthError(app);
    expect(message).toMatch(
      /seed-lab\/Spoke2\/Router: BAD_MASK at Spoke2\.cfg:\d+ \("ip route 10\.9\.0\.0 255\.255\.0\.300 Ethernet1"\): the rendered config does not parse back/,
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it('GIVEN a raw line inside an interface that the proof does not model (zone-member security) WHEN synthesized THEN the error names the interface construct', () => {
    const { app, outdir } = lab();
    const lan = app.node.findAll().find((c) => c.node.path === 'seed-lab/Spoke3/Router/Lan') as Interface;
    lan.addLine('zone-member security INSIDE');
    const message = synthError(app);
    expect(message).toMatch(
      /seed-lab\/Spoke3\/Router\/Lan: NOT_MODELLED at Spoke3\.cfg:\d+ \("zone-member security INSIDE"\)/,
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it('GIVEN a raw key line the parser rejects WHEN synth fails THEN the error quotes the line with the key masked', () => {
    const { app } = lab();
    routerAt(app, 'seed-lab/Hub/Router').addLine('crypto isakmp key fake-Raw-Secret-77 address 10.1.9.300');
    const message = synthError(app);
    expect(message).toMatch(/seed-lab\/Hub\/Router: \w+ at Hub\.cfg:\d+ \("crypto isakmp key /);
    expect(message).not.toContain('fake-Raw-Secret-77');
  });

  it('GIVEN a raw line that cannot touch VPN traffic (ntp server) WHEN synthesized THEN synth succeeds', () => {
    const { app, outdir } = lab();
    routerAt(app, 'seed-lab/Hub/Router').addLine('ntp server 192.0.2.123');
    expect(() => stderrOf(() => app.synth())).not.toThrow();
    expect(existsSync(join(outdir, 'seed-lab', 'Hub.cfg'))).toBe(true);
  });
});
