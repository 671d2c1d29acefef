/**
 * The emitted harness: its text, and the real thing — synthesize the reference lab into a folder
 * inside the repository and run vitest on it in a child process (the harness imports
 * `hubspoke/emulator` and `hubspoke/verify`, which resolve to `dist/`, built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { HARNESS_FILE, renderHarness } from '../../lib/harness/index.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';

const repo = join(import.meta.dirname, '..', '..');
const runDir = join(repo, 'test-artifacts', `harness-run-${process.pid}`);
afterAll(() => rmSync(runDir, { recursive: true, force: true }));
const distReady = existsSync(join(repo, 'dist', 'emulate', 'index.js')) && existsSync(join(repo, 'dist', 'verify', 'index.js'));

function synthSeedLab(outdir: string): void {
  const app = new App({ outdir, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'seed-lab', { platform: 'ios-12.2' });
  const underlay = { destination: '10.1.0.0/16' };
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub', lan: { address: '10.1.1.1/24' }, wan: { address: '10.1.4.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText('cisco123'),
    crypto: {
      isakmp: { priority: 10, encryption: 'des', hash: 'md5', group: 1, authentication: 'pre-share' },
      transforms: ['esp-des', 'esp-md5-hmac'], transformSetName: 'myset', cryptoMapName: 'mymap', pfs: false, allowLegacyCrypto: true,
    },
    aclNaming: 'numbered', routes: [underlay],
  });
  new Spoke(stack, 'Spoke1', { hub, hostname: 'Spoke1', lan: { address: '172.16.1.1/24' }, wan: { address: '10.1.2.1/24' }, routes: [underlay] });
  new Spoke(stack, 'Spoke2', { hub, hostname: 'Spoke2', lan: { address: '192.168.1.1/24' }, wan: { address: '10.1.3.1/24' }, routes: [{ destination: '172.16.0.0/16' }, underlay] });
  new Spoke(stack, 'Spoke3', { hub, hostname: 'Spoke3', lan: { address: '172.16.2.1/24' }, wan: { address: '10.1.5.1/24' }, routes: [{ destination: '172.16.0.0/16' }, underlay] });
  app.synth();
}

function runVitest(dir: string): { status: number | null; out: string } {
  // A config of its own, so the child does not apply the repository's include pattern.
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['**/*.test.mjs'], maxWorkers: 1 } };\n");
  const r = spawnSync(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=verbose'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('GIVEN the harness template', () => {
  it('WHEN rendered twice THEN the text is identical and imports only vitest, node and the public subpaths', () => {
    const a = renderHarness({ stack: 'lab' });
    expect(renderHarness({ stack: 'lab' })).toBe(a);
    const imports = [...a.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['hubspoke', 'hubspoke/emulator', 'hubspoke/verify', 'node:fs', 'node:path', 'node:url', 'vitest']);
    expect(a).toContain("exec('clear crypto sa')");
    expect(a).toContain("exec('clear crypto isakmp')");
    expect(a).toContain('show crypto engine connections active');
    expect(a).toContain('const ALL_PAIRS_UP_TO = 50;');
  });
});

describe.skipIf(!distReady)('GIVEN the reference lab synthesized with its harness (needs dist/: npm test builds it)', () => {
  it('WHEN vitest runs the emitted harness THEN the proof and the emulated pings pass for all 12 ordered pairs', () => {
    const out = join(runDir, 'ok');
    synthSeedLab(out);
    expect(existsSync(join(out, 'seed-lab', HARNESS_FILE))).toBe(true);
    const r = runVitest(out);
    expect(r.status, r.out).toBe(0);
    expect((r.out.match(/✓ .*covers \S+ \S+ -> /g) ?? []).length).toBe(12);
    expect((r.out.match(/✓ .*ping \S+ /g) ?? []).length).toBe(12);
    expect(r.out).toContain('does not encrypt traffic to a destination outside the VPN');
  });

  it('WHEN a spoke key is changed after synth THEN the harness fails exactly the pairs of that spoke, and never prints a key', () => {
    const out = join(runDir, 'broken');
    synthSeedLab(out);
    const cfg = join(out, 'seed-lab', 'Spoke2.cfg');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/crypto isakmp key \S+ address 10\.1\.4\.1/, 'crypto isakmp key fakeEditedKey5 address 10.1.4.1'));
    const r = runVitest(out);
    expect(r.status).not.toBe(0);
    expect((r.out.match(/× .*ping \S+ /g) ?? []).length).toBe(6);
    expect((r.out.match(/× .*covers \S+ \S+ -> /g) ?? []).length).toBe(6);
    expect(r.out).not.toContain('fakeEditedKey5');
    expect(r.out).not.toContain('cisco123');
  });
});


describe('GIVEN more sites than the harness tests exhaustively', () => {
  /** Runs the emitted pair selection (the harness's own code) on made-up sites. */
  function emittedPairs(sites: { device: string }[], options: { allPairsUpTo?: number; sampleSize?: number } = {}): number[][] {
    const text = renderHarness({ stack: 'big', ...options });
    const body = /function pairsToTest\(\) \{[\s\S]*?\n\}\n/.exec(text)![0];
    const consts = [...text.matchAll(/^const (ALL_PAIRS_UP_TO|SAMPLE_SIZE) = \d+;$/gm)].map((m) => m[0]).join('\n');
    return new Function('sites', `${consts}\n${body}\nreturn pairsToTest();`)(sites) as number[][];
  }

  it('WHEN there are 50 sites or fewer THEN every ordered pair on different devices is tested', () => {
    const sites = Array.from({ length: 12 }, (_, i) => ({ device: `D${Math.floor(i / 2)}` }));
    const pairs = emittedPairs(sites);
    expect(pairs).toHaveLength(12 * 12 - 6 * 4);
  });

  it('WHEN there are more THEN a deterministic sample of distinct pairs on different devices is tested', () => {
    const sites = Array.from({ length: 400 }, (_, i) => ({ device: `D${i}` }));
    const a = emittedPairs(sites);
    expect(emittedPairs(sites)).toEqual(a);
    expect(a).toHaveLength(200);
    expect(new Set(a.map(([i, j]) => `${i}>${j}`)).size).toBe(200);
    for (const [i, j] of a) expect(i).not.toBe(j);
    expect(new Set(a.map(([i]) => i)).size).toBeGreaterThan(100);
  });
});
