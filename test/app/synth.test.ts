import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { App, formatWarnings } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { MANIFEST_FILE, writeArtifactsAtomically } from '../../lib/app/write-artifacts.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { parseTopology } from '../../lib/ir/topology.js';
import { originFromTopology } from '../../lib/verify/prove/verify-network.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';

const FAKE_MASTER = 'fake-master-secret-for-synth-tests-3kf9';
const FAKE_ENV_KEY = 'fake-Env-Key-For-Tests-Mn4Q8';
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-synth-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A small modern VPN; keys derived from HS_TEST_MASTER in `env`. */
function build(outdir: string, env: NodeJS.ProcessEnv, spokes = 2) {
  const app = new App({ outdir, env, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'lab');
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HS_TEST_MASTER')),
  });
  for (let i = 1; i <= spokes; i++) {
    new Spoke(stack, `S${i}`, {
      hub,
      hostname: `spoke${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `192.0.2.${10 + i}/24` },
    });
  }
  return { app, stack, hub };
}

function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('App.synth', () => {
  it('GIVEN a valid stack WHEN synthesized THEN it writes <outdir>/<stack>/<hostname>.cfg and topology.json and reports them', () => {
    const out = tempDir();
    const result = build(out, { HS_TEST_MASTER: FAKE_MASTER }).app.synth();
    expect(result.outdir).toBe(out);
    expect(result.stacks.map((s) => s.directory)).toEqual([join(out, 'lab')]);
    const written = readdirSync(join(out, 'lab'));
    expect(written.filter((f) => f.endsWith('.cfg')).sort()).toEqual(['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']);
    expect(result.stacks[0]!.files).toContain(join(out, 'lab', 'topology.json'));
    expect(readFileSync(join(out, 'lab', 'hub.cfg'), 'utf8')).toMatch(/^hostname hub$/m);
    // Configs hold keys: owner-only.
    expect(statSync(join(out, 'lab', 'hub.cfg')).mode & 0o777).toBe(0o600);
  });

  it('GIVEN a synthesized stack WHEN topology.json is read back THEN it validates and describes roles, sites, WANs, the underlay and a source map', () => {
    const out = tempDir();
    build(out, { HS_TEST_MASTER: FAKE_MASTER }).app.synth();
    const topo = parseTopology(readFileSync(join(out, 'lab', 'topology.json'), 'utf8'));
    expect(topo.stack).toBe('lab');
    expect(topo.devices.map((d) => [d.hostname, d.file, d.platform, d.role, d.sites, d.wan, d.hub])).toEqual([
      [
        'hub',
        'hub.cfg',
        'ios-xe-17',
        'hub',
        ['10.0.0.0/24'],
        [{ interface: 'GigabitEthernet1', address: '192.0.2.1/24' }],
        undefined,
      ],
      [
        'spoke1',
        'spoke1.cfg',
        'ios-xe-17',
        'spoke',
        ['10.1.0.0/24'],
        [{ interface: 'GigabitEthernet1', address: '192.0.2.11/24' }],
        'hub',
      ],
      [
        'spoke2',
        'spoke2.cfg',
        'ios-xe-17',
        'spoke',
        ['10.2.0.0/24'],
        [{ interface: 'GigabitEthernet1', address: '192.0.2.12/24' }],
        'hub',
      ],
    ]);
    expect(topo.underlay.segments).toEqual([
      {
        name: 'wan',
        members: ['hub', 'spoke1', 'spoke2'].map((device) => ({ device, interface: 'GigabitEthernet1' })),
      },
    ]);
    const hubLines = readFileSync(join(out, 'lab', 'hub.cfg'), 'utf8').split('\n');
    const entryLine = hubLines.findIndex((l) => l.startsWith('crypto map HUBSPOKE-MAP 20 ')) + 1;
    expect(originFromTopology(topo)?.('hub.cfg', entryLine)).toBe('lab/Hub/Router/CryptoMap/Entry20');
    expect(originFromTopology(topo)?.('/elsewhere/hub.cfg', entryLine + 1)).toBe('lab/Hub/Router/CryptoMap/Entry20');
    // Ranges, not one entry per line: fewer ranges than lines that have an origin.
    const ranges = topo.sourceRanges!['hub.cfg']!;
    expect(ranges.length).toBeLessThan(hubLines.length / 2);
    expect(
      ranges.some(
        ([first, last, path]) => first <= entryLine && entryLine <= last && path === 'lab/Hub/Router/CryptoMap/Entry20',
      ),
    ).toBe(true);
  });

  it('GIVEN the same program WHEN synthesized twice into two folders THEN every file is byte-identical', () => {
    const a = tempDir();
    const b = tempDir();
    build(a, { HS_TEST_MASTER: FAKE_MASTER }).app.synth();
    build(b, { HS_TEST_MASTER: FAKE_MASTER }).app.synth();
    expect(snapshotDir(join(b, 'lab'))).toEqual(snapshotDir(join(a, 'lab')));
  });

  it('GIVEN one App WHEN synthesized twice THEN the output and the warnings are the same both times', () => {
    const out = tempDir();
    const { app } = build(out, { HS_TEST_MASTER: FAKE_MASTER });
    const first = app.synth();
    const before = snapshotDir(join(out, 'lab'));
    const second = app.synth();
    expect(snapshotDir(join(out, 'lab'))).toEqual(before);
    expect(second.warnings).toEqual(first.warnings);
  });

  it('GIVEN a previous output WHEN a later synth fails validation THEN nothing is written and the previous files are untouched', () => {
    const out = tempDir();
    build(out, { HS_TEST_MASTER: FAKE_MASTER }).app.synth();
    const before = snapshotDir(join(out, 'lab'));
    const { app, stack, hub } = build(out, { HS_TEST_MASTER: FAKE_MASTER }, 3);
    new Spoke(stack, 'Bad', {
      hub,
      hostname: 'bad',
      lan: { address: '10.1.0.129/25' },
      wan: { address: '192.0.2.1/24' },
    });
    expect(() => app.synth()).toThrow(ValidationError);
    expect(snapshotDir(join(out, 'lab'))).toEqual(before);
    expect(readdirSync(out)).toEqual(['lab']);
  });

  it('GIVEN several problems in different constructs WHEN synthesized THEN one error lists all of them with their paths', () => {
    const out = tempDir();
    const { app, stack, hub } = build(out, { HS_TEST_MASTER: FAKE_MASTER });
    new Spoke(stack, 'Bad', {
      hub,
      hostname: 'bad',
      lan: { address: '10.1.0.129/25' },
      wan: { address: '192.0.2.1/24' },
    });
    hub.cryptoMap.addEntry({ seq: 99 });
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const messages = (error as ValidationError).messages.join('\n');
    expect(messages).toMatch(
      /^lab\/Hub: site LAN 10\.1\.0\.128\/25 \(lab\/Bad lan\) overlaps site LAN 10\.1\.0\.0\/24 \(lab\/S1 lan\)$/m,
    );
    expect(messages).toMatch(/^lab\/Bad: wan\.address 192\.0\.2\.1 equals the hub's WAN address/m);
    expect(messages).toMatch(/^lab\/Hub\/Router\/CryptoMap\/Entry99: crypto map entry 99 has no peer/m);
    expect(existsSync(join(out, 'lab'))).toBe(false);
  });

  it('GIVEN the master secret variable is missing WHEN synthesized THEN the error names the variable and a construct path and nothing is written', () => {
    const out = tempDir();
    expect(() => build(out, {}).app.synth()).toThrow(
      /lab\/Hub\/Router\/Ikev2Keyring\/Peer-spoke1 \(and 2 more\): environment variable HS_TEST_MASTER is not set/,
    );
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('summarized stacks', () => {
  it('GIVEN a hub with site pools WHEN synthesized and proven THEN topology.json lists the pools and every spoke ACL has one line', () => {
    const app = new App({ outdir: tempDir(), logWarning: () => {} });
    const stack = new HubSpokeStack(app, 'pools');
    const hub = new Hub(stack, 'Hub', {
      hostname: 'hub',
      lan: { address: '172.31.0.1/24' },
      wan: { address: '192.0.2.1/24' },
      preSharedKey: PreSharedKey.fromEnv('HS_TEST_PSK'),
      aclMode: 'summarized',
      sitePools: ['10.0.0.0/8'],
    });
    for (let i = 1; i <= 4; i++) {
      new Spoke(stack, `S${i}`, {
        hub,
        hostname: `s${i}`,
        lan: { address: `10.${i}.0.1/24` },
        wan: { address: `192.0.2.${10 + i}/24` },
      });
    }
    const artifacts = synthesizeStack(stack, { env: { HS_TEST_PSK: FAKE_ENV_KEY } });
    expect(artifacts.topology.pools).toEqual(['10.0.0.0/8']);
    const spokeAcl = artifacts.files
      .get('s3.cfg')!
      .split('\n')
      .filter((l) => / permit ip /.test(` ${l}`));
    expect(spokeAcl).toHaveLength(2);
  });
});

describe('warning output', () => {
  it('GIVEN one message on many constructs WHEN printed THEN it is one line with the first paths and a count', () => {
    const lines = formatWarnings(
      [
        { path: 'a/1', message: 'uses legacy crypto: hash "md5"' },
        { path: 'a/2', message: 'uses legacy crypto: hash "md5"' },
        { path: 'a/3', message: 'other' },
        { path: 'a/4', message: 'uses legacy crypto: hash "md5"' },
      ],
      2,
    );
    expect(lines).toEqual([
      '[hubspoke] warning: uses legacy crypto: hash "md5" (a/1, a/2 and 1 more)',
      '[hubspoke] warning: other (a/3)',
    ]);
  });
});

describe('routers outside a stack', () => {
  it('GIVEN a hub created directly under the App WHEN synthesized THEN it is an error instead of a silent omission', () => {
    const out = tempDir();
    const app = new App({ outdir: out, logWarning: () => {} });
    new Hub(app, 'Loose', {
      hostname: 'loose',
      lan: { address: '10.0.0.1/24' },
      wan: { address: '192.0.2.1/24' },
      preSharedKey: PreSharedKey.fromEnv('UNUSED_IN_THIS_TEST'),
    });
    expect(() => app.synth()).toThrow(/Loose\/Router: this router is not inside a HubSpokeStack/);
    expect(readdirSync(out)).toEqual([]);
  });
});

/** The key of IKEv2 keyring peer `name` (the default on IOS-XE): ` peer NAME`, its address, `pre-shared-key K`. */
const KEY_OF_PEER = (name: string) => new RegExp(`^ peer ${name}\\n  address \\S+\\n  pre-shared-key (\\S+)$`, 'm');

describe('keys never leak', () => {
  it('GIVEN an env key WHEN artifacts, results and constructs are printed THEN the key appears only in the config text', () => {
    const out = tempDir();
    const app = new App({ outdir: out, env: { HS_TEST_PSK: FAKE_ENV_KEY }, logWarning: () => {} });
    const stack = new HubSpokeStack(app, 'lab');
    const hub = new Hub(stack, 'Hub', {
      hostname: 'hub',
      lan: { address: '10.0.0.1/24' },
      wan: { address: '192.0.2.1/24' },
      preSharedKey: PreSharedKey.fromEnv('HS_TEST_PSK'),
    });
    new Spoke(stack, 'S1', { hub, hostname: 's1', lan: { address: '10.1.0.1/24' }, wan: { address: '192.0.2.11/24' } });
    const result = app.synth();
    expect(readFileSync(join(out, 'lab', 'hub.cfg'), 'utf8')).toContain(
      ` peer s1\n  address 192.0.2.11\n  pre-shared-key ${FAKE_ENV_KEY}\n`,
    );
    const artifacts = result.stacks[0]!.artifacts;
    for (const shown of [
      JSON.stringify(result.stacks.map((s) => s.artifacts)),
      inspect(artifacts, { depth: 6 }),
      inspect(hub, { depth: 6 }),
      JSON.stringify(result.warnings),
    ]) {
      expect(shown).not.toContain(FAKE_ENV_KEY);
    }
  });

  it('GIVEN placeholder presentation WHEN synthesized without any secret THEN both ends carry the same token and no real key', () => {
    const { stack } = build(tempDir(), {});
    const artifacts = synthesizeStack(stack, {
      keyPresentation: 'placeholder',
      env: {},
      proveCoverage: () => ({ errors: [] }),
    });
    const hubKey = KEY_OF_PEER('spoke1').exec(artifacts.files.get('hub.cfg')!)![1];
    const spokeKey = KEY_OF_PEER('hub').exec(artifacts.files.get('spoke1.cfg')!)![1];
    expect(hubKey).toMatch(/^HUBSPOKE-PSK-/);
    expect(spokeKey).toBe(hubKey);
  });

  it('GIVEN derived keys WHEN synthesized THEN each pair has its own key and both ends agree', () => {
    const { stack } = build(tempDir(), {}, 3);
    const files = synthesizeStack(stack, {
      env: { HS_TEST_MASTER: FAKE_MASTER },
      proveCoverage: () => ({ errors: [] }),
    }).files;
    const hubKeys = [1, 2, 3].map((i) => KEY_OF_PEER(`spoke${i}`).exec(files.get('hub.cfg')!)![1]);
    expect(new Set(hubKeys).size).toBe(3);
    for (let i = 1; i <= 3; i++) {
      const spokeKey = KEY_OF_PEER('hub').exec(files.get(`spoke${i}.cfg`)!)![1];
      expect(spokeKey).toBe(hubKeys[i - 1]);
    }
  });
});

describe('writeArtifactsAtomically', () => {
  it('GIVEN an existing folder with a stale file WHEN written THEN the folder holds exactly the new files and no temp folder remains', () => {
    const root = tempDir();
    const dir = join(root, 'stack');
    writeArtifactsAtomically(
      dir,
      new Map([
        ['old.cfg', 'old\n'],
        ['keep.cfg', 'v1\n'],
      ]),
    );
    const written = writeArtifactsAtomically(
      dir,
      new Map([
        ['keep.cfg', 'v2\n'],
        ['topology.json', '{}\n'],
      ]),
    );
    expect(written).toEqual([join(dir, 'keep.cfg'), join(dir, 'topology.json')]);
    const { [MANIFEST_FILE]: manifest, ...files } = snapshotDir(dir);
    expect(files).toEqual({ 'keep.cfg': 'v2\n', 'topology.json': '{}\n' });
    expect(JSON.parse(manifest!)).toEqual({ generator: 'hubspoke', format: 1, files: ['keep.cfg', 'topology.json'] });
    expect(readdirSync(root)).toEqual(['stack']);
  });

  it('GIVEN a file name with a slash WHEN written THEN it is refused before touching the folder', () => {
    const root = tempDir();
    const dir = join(root, 'stack');
    writeArtifactsAtomically(dir, new Map([['a.cfg', 'a\n']]));
    expect(() => writeArtifactsAtomically(dir, new Map([['../evil.cfg', 'x']]))).toThrow(/not a plain file name/);
    expect(Object.keys(snapshotDir(dir))).toEqual([MANIFEST_FILE, 'a.cfg']);
    expect(snapshotDir(dir)['a.cfg']).toBe('a\n');
  });
});
