/**
 * The emitted harness: its text, and the real thing — synthesize the reference lab into a folder
 * inside the repository and run vitest on it in a child process (the harness imports
 * `hubspoke/emulator` and `hubspoke/verify`, which resolve to `dist/`, built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { HARNESS_FILE, renderHarness } from '../../lib/harness/index.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildModernIkev2, MASTER_SECRET_VARIABLE } = await import('../../examples/modern-ikev2.js');

const repo = join(import.meta.dirname, '..', '..');
const runDir = join(repo, 'test-artifacts', `harness-run-${process.pid}`);
afterAll(() => rmSync(runDir, { recursive: true, force: true }));
const distReady =
  existsSync(join(repo, 'dist', 'emulate', 'index.js')) && existsSync(join(repo, 'dist', 'verify', 'index.js'));

function synthSeedLab(outdir: string): void {
  const app = new App({ outdir, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'seed-lab', { platform: 'ios-12.2' });
  const underlay = { destination: '10.1.0.0/16' };
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.1.1.1/24' },
    wan: { address: '10.1.4.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText('cisco123'),
    crypto: {
      isakmp: { priority: 10, encryption: 'des', hash: 'md5', group: 1, authentication: 'pre-share' },
      transforms: ['esp-des', 'esp-md5-hmac'],
      transformSetName: 'myset',
      cryptoMapName: 'mymap',
      pfs: false,
      allowLegacyCrypto: true,
    },
    aclNaming: 'numbered',
    routes: [underlay],
  });
  new Spoke(stack, 'Spoke1', {
    hub,
    hostname: 'Spoke1',
    lan: { address: '172.16.1.1/24' },
    wan: { address: '10.1.2.1/24' },
    routes: [underlay],
  });
  new Spoke(stack, 'Spoke2', {
    hub,
    hostname: 'Spoke2',
    lan: { address: '192.168.1.1/24' },
    wan: { address: '10.1.3.1/24' },
    routes: [{ destination: '172.16.0.0/16' }, underlay],
  });
  new Spoke(stack, 'Spoke3', {
    hub,
    hostname: 'Spoke3',
    lan: { address: '172.16.2.1/24' },
    wan: { address: '10.1.5.1/24' },
    routes: [{ destination: '172.16.0.0/16' }, underlay],
  });
  app.synth();
}

/**
 * A hub with one static spoke and two DHCP spokes on its dynamic map: Spoke2 keeps its SAs up with
 * the pattern's IP SLA probes, Spoke3 has none (its pairs are proven under SPOKE_MUST_INITIATE).
 */
function synthDynamicSpokes(outdir: string): void {
  const app = new App({ outdir, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'dynamic', { platform: 'ios-15' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText('harness-test-key-0123456789'),
    dynamicSpokes: { domainName: 'shops.example.net' },
    // IKEv1's dynamic map (wildcard key, ISAKMP profile), as this harness test was written for.
    ike: 'v1',
  });
  for (let i = 1; i <= 3; i++) {
    new Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `Spoke${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: i === 1 ? { address: '192.0.2.11/24' } : { address: 'dhcp' },
      ...(i === 3 ? { tunnelTrigger: false } : {}),
    });
  }
  app.synth();
}

/** The route-based design (docs/route-based.md): a static VTI per spoke, routes into the tunnels. */
function synthVti(outdir: string): void {
  const app = new App({ outdir, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'vti', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText('harness-test-key-0123456789'),
    design: 'vti',
    vti: { tunnelPool: '172.31.0.0/24' },
  });
  for (let i = 1; i <= 3; i++)
    new Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `Spoke${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `192.0.2.${10 + i}/24` },
    });
  app.synth();
}

interface HarnessRun {
  /** Exit status of the child vitest (non-zero: the broken lab's harness fails). */
  readonly status: number | null;
  /** Everything the child printed. */
  readonly out: string;
  /** Per lab folder (`ok`, `broken`): each test's title and status, from vitest's JSON report. */
  readonly results: ReadonlyMap<string, readonly { title: string; status: string }[]>;
}

let harnessRun: HarnessRun | undefined;

/**
 * Synthesizes the lab twice (`ok`, and `broken` with a spoke key edited after synth) and runs
 * vitest on both emitted harnesses in one child process: one vitest start instead of two.
 */
function runHarnesses(): HarnessRun {
  if (harnessRun) return harnessRun;
  synthSeedLab(join(runDir, 'ok'));
  synthSeedLab(join(runDir, 'broken'));
  synthDynamicSpokes(join(runDir, 'dynamic'));
  synthVti(join(runDir, 'vti'));
  // examples/modern-ikev2.ts: IKEv2 crypto maps on IOS-XE 17, five sites.
  buildModernIkev2(join(runDir, 'ikev2'), {
    [MASTER_SECRET_VARIABLE]: 'fake-master-for-the-ikev2-harness-5b1e7d',
  }).synth();
  const cfg = join(runDir, 'broken', 'seed-lab', 'Spoke2.cfg');
  writeFileSync(
    cfg,
    readFileSync(cfg, 'utf8').replace(
      /crypto isakmp key \S+ address 10\.1\.4\.1/,
      'crypto isakmp key fakeEditedKey5 address 10.1.4.1',
    ),
  );
  // A config of its own, so the child does not apply the repository's include pattern.
  writeFileSync(
    join(runDir, 'vitest.config.mjs'),
    "export default { test: { include: ['**/*.test.mjs'], maxWorkers: 1 } };\n",
  );
  const report = join(runDir, 'report.json');
  const r = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--reporter=verbose',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    {
      cwd: runDir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 240_000,
    },
  );
  const json = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')) as {
        testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
      })
    : { testResults: [] };
  const results = new Map<string, { title: string; status: string }[]>();
  for (const file of json.testResults) {
    // Keyed by the lab (first folder) and by the lab's stack (`ikev2/ikev2-vti`): one app may emit several stacks.
    const [lab, stack] = relative(runDir, file.name).split(sep);
    for (const key of [lab!, `${lab!}/${stack!}`])
      results.set(key, [...(results.get(key) ?? []), ...file.assertionResults]);
  }
  harnessRun = { status: r.status, out: `${r.stdout}\n${r.stderr}`, results };
  return harnessRun;
}

/** How many tests of a lab whose title matches `title` ended with `status`. */
function count(run: HarnessRun, lab: string, status: string, title: RegExp): number {
  return (run.results.get(lab) ?? []).filter((t) => t.status === status && title.test(t.title)).length;
}

describe('GIVEN the harness template', () => {
  it('WHEN rendered twice THEN the text is identical and imports only vitest, node and the public subpaths', () => {
    const a = renderHarness({ stack: 'lab' });
    expect(renderHarness({ stack: 'lab' })).toBe(a);
    const imports = [...a.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual([
      'hubspoke',
      'hubspoke/emulator',
      'hubspoke/verify',
      'node:fs',
      'node:path',
      'node:url',
      'vitest',
    ]);
    expect(a).toContain("exec('clear crypto sa')");
    expect(a).toContain("exec('clear crypto isakmp')");
    expect(a).toContain('show crypto engine connections active');
    expect(a).toContain('const ALL_PAIRS_UP_TO = 50;');
  });
});

describe.skipIf(!distReady)(
  'GIVEN the reference lab synthesized with its harness (needs dist/: npm test builds it)',
  () => {
    it('WHEN vitest runs the emitted harness THEN the proof and the emulated pings pass for all 12 ordered pairs', () => {
      const r = runHarnesses();
      expect(existsSync(join(runDir, 'ok', 'seed-lab', HARNESS_FILE))).toBe(true);
      expect(r.results.get('ok')?.length, r.out).toBeGreaterThan(0);
      expect(count(r, 'ok', 'failed', /./), r.out).toBe(0);
      expect(count(r, 'ok', 'passed', /covers \S+ \S+ -> /)).toBe(12);
      expect(count(r, 'ok', 'passed', /ping \S+ /)).toBe(12);
      expect(count(r, 'ok', 'passed', /does not encrypt traffic to a destination outside the VPN/)).toBe(1);
    }, 300_000); // one child vitest run over three synthesized labs; slow under load, not a performance check

    it('WHEN the network is route-based (static VTIs) THEN the proof and the emulated pings pass for all 12 ordered pairs', () => {
      const r = runHarnesses();
      expect(r.results.get('vti')?.length, r.out).toBeGreaterThan(0);
      expect(count(r, 'vti', 'failed', /./), r.out).toBe(0);
      expect(count(r, 'vti', 'passed', /covers \S+ \S+ -> /)).toBe(12);
      expect(count(r, 'vti', 'passed', /ping \S+ /)).toBe(12);
    });

    it('WHEN the network is examples/modern-ikev2.ts (IKEv2 crypto maps, and IKEv2 static VTIs) THEN the proof and the emulated pings pass for all 20 and all 12 ordered pairs', () => {
      const r = runHarnesses();
      expect(r.results.get('ikev2')?.length, r.out).toBeGreaterThan(0);
      expect(count(r, 'ikev2', 'failed', /./), r.out).toBe(0);
      for (const [stack, pairs] of [
        ['ikev2/ikev2-crypto-map', 20],
        ['ikev2/ikev2-vti', 12],
      ] as const) {
        expect(count(r, stack, 'passed', /covers \S+ \S+ -> /), stack).toBe(pairs);
        expect(count(r, stack, 'passed', /ping \S+ /), stack).toBe(pairs);
      }
    });

    it("WHEN the network has DHCP spokes on the hub's dynamic map THEN every pair pings once probes ran or the spoke sent first", () => {
      const r = runHarnesses();
      expect(r.results.get('dynamic')?.length, r.out).toBeGreaterThan(0);
      expect(count(r, 'dynamic', 'failed', /./), r.out).toBe(0);
      expect(count(r, 'dynamic', 'passed', /ping \S+ /)).toBe(12);
    });

    it('WHEN a spoke key is changed after synth THEN the harness fails exactly the pairs of that spoke, and never prints a key', () => {
      const r = runHarnesses();
      expect(r.status).not.toBe(0);
      expect(count(r, 'broken', 'failed', /ping \S+ /)).toBe(6);
      expect(count(r, 'broken', 'failed', /covers \S+ \S+ -> /)).toBe(6);
      expect(r.out).not.toContain('fakeEditedKey5');
      expect(r.out).not.toContain('cisco123');
    });
  },
);

describe('GIVEN more sites than the harness tests exhaustively', () => {
  /** Runs the emitted pair selection (the harness's own code) on made-up sites. */
  function emittedPairs(
    sites: { device: string }[],
    options: { allPairsUpTo?: number; sampleSize?: number } = {},
  ): number[][] {
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
