import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/verify.js';
import { runCli } from './io.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'seed-lab');
const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'seed-lab');
const labDir = (name: string) => join(SEED, name);

const cli = (args: string[]) => runCli(run, args);

const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-verify-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function brokenLab(): string {
  const dir = join(tmp, 'broken');
  mkdirSync(dir, { recursive: true });
  for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg']) {
    let text = readFileSync(join(labDir('three-spokes'), f), 'utf8');
    if (f === 'spoke2.cfg')
      text = text.replace(
        'crypto isakmp key cisco123 address 10.1.4.1',
        'crypto isakmp key fakeWrongKey9 address 10.1.4.1',
      );
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('GIVEN the reference lab', () => {
  it.each([
    ['two-spokes', 6],
    ['three-spokes', 12],
  ])(
    'WHEN verifying %s as JSON THEN every one of the %i ordered pairs is covered and the exit code is 0',
    async (name, n) => {
      const dir = (await import('node:fs')).existsSync(join(SHARED, name)) ? join(SHARED, name) : labDir(name);
      const { code, stdout, stderr } = await cli([dir, '--format', 'json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(json.summary).toMatchObject({ pairs: n, covered: n, broken: 0 });
      expect(json.pairs).toHaveLength(n);
      for (const p of json.pairs) {
        expect(Object.keys(p)).toEqual(
          expect.arrayContaining(['from', 'to', 'fromNetwork', 'toNetwork', 'covered', 'problems']),
        );
        expect(p.from).not.toBe(p.to);
      }
      expect(json.devices.map((d: { role: string }) => d.role).sort()).toEqual([
        'hub',
        ...Array(n === 6 ? 2 : 3).fill('spoke'),
      ]);
      for (const d of json.devices)
        expect(Object.keys(d)).toEqual(expect.arrayContaining(['hostname', 'file', 'role']));
      for (const s of json.sites) expect(Object.keys(s)).toEqual(expect.arrayContaining(['device', 'network']));
      for (const f of json.findings) {
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining(['code', 'severity', 'device', 'file', 'line', 'message', 'hint']),
        );
        expect(f.severity).toBe('warning');
      }
      expect(stdout).not.toContain('cisco123');
    },
  );

  it('WHEN verifying as text THEN it prints the coverage matrix and the counts', async () => {
    const { code, stdout } = await cli([labDir('three-spokes')]);
    expect(code).toBe(0);
    expect(stdout).toContain('coverage (rows = from, columns = to)');
    expect(stdout).toMatch(/Spoke1 172\.16\.1\.0\/24\s+ok\s+\.\s+ok\s+ok/);
    expect(stdout).toContain('12 pairs, 12 covered, 0 broken');
  });
});

describe('GIVEN a lab with a key mismatch', () => {
  it('WHEN verifying THEN the exit code is 1 and problems are grouped by device with file:line, without keys', async () => {
    const dir = brokenLab();
    const { code, stdout } = await cli([dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Spoke2:\n {2}error {3}PSK_MISMATCH .*spoke2\.cfg:14/);
    expect(stdout).toContain('XX');
    expect(stdout).not.toContain('fakeWrongKey9');
    expect(stdout).not.toContain('cisco123');
  });

  it('WHEN verifying with --broken-only as JSON THEN only broken pairs are listed but counts cover all', async () => {
    const { code, stdout } = await cli([brokenLab(), '--broken-only', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.summary).toMatchObject({ pairs: 12, covered: 6, broken: 6 });
    expect(json.pairs).toHaveLength(6);
    expect(json.pairs.every((p: { covered: boolean }) => !p.covered)).toBe(true);
  });
});

describe('GIVEN bad usage or unreadable input', () => {
  it.each([
    [[], 'give at least one config file'],
    [['x', '--format', 'xml'], '--format must be text, json, junit or sarif'],
    [['x', '--nope'], 'Unknown option'],
    [[join(tmp, 'does-not-exist')], 'cannot read'],
  ])('WHEN run with %j THEN the exit code is 2 with a clear message and no stack trace', async (args, message) => {
    const { code, stderr } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('WHEN the topology file is not valid THEN the exit code is 2 naming the file', async () => {
    const bad = join(tmp, 'topology.json');
    writeFileSync(bad, '{"format":"nope"}');
    const { code, stderr } = await cli([labDir('two-spokes'), '--topology', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain('topology.json');
  });

  it('WHEN a folder holds no config THEN the exit code is 2', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const { code, stderr } = await cli([empty]);
    expect(code).toBe(2);
    expect(stderr).toContain('no config files');
  });
});

describe('GIVEN a topology file', () => {
  it('WHEN verifying with --topology THEN sites and roles come from it', async () => {
    const topo = join(tmp, 'lab-topology.json');
    const dev = (hostname: string, file: string, role: string, site: string, wan: string) => ({
      hostname,
      file,
      platform: 'ios-12.2',
      role,
      sites: [site],
      wan: [{ interface: 'Ethernet1', address: wan }],
    });
    writeFileSync(
      topo,
      JSON.stringify({
        format: 'hubspoke-topology',
        version: 1,
        stack: 'lab',
        devices: [
          dev('Hub', 'hub.cfg', 'hub', '10.1.1.0/24', '10.1.4.1/24'),
          dev('Spoke1', 'spoke1.cfg', 'spoke', '172.16.1.0/24', '10.1.2.1/24'),
          dev('Spoke2', 'spoke2.cfg', 'spoke', '192.168.1.0/24', '10.1.3.1/24'),
        ],
        underlay: {
          segments: [
            { name: 'wan', members: ['Hub', 'Spoke1', 'Spoke2'].map((device) => ({ device, interface: 'Ethernet1' })) },
          ],
        },
      }),
    );
    const { code, stdout } = await cli([labDir('two-spokes'), '--topology', topo, '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.siteSource).toBe('topology');
    expect(json.summary).toMatchObject({ pairs: 6, covered: 6 });
  });
});

describe('GIVEN a lifetime mismatch', () => {
  it('WHEN verifying with --relax-lifetime THEN the pairs are covered and the exit code is 0', async () => {
    const dir = join(tmp, 'lifetime');
    mkdirSync(dir, { recursive: true });
    for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']) {
      let text = readFileSync(join(labDir('two-spokes'), f), 'utf8');
      if (f === 'spoke2.cfg') text = text.replace(' hash md5\n', ' hash md5\n lifetime 3600\n');
      writeFileSync(join(dir, f), text);
    }
    expect((await cli([dir])).code).toBe(1);
    expect((await cli([dir, '--relax-lifetime'])).code).toBe(0);
  });
});

describe('GIVEN a spoke whose crypto ACL splits its LAN into two /25 lines towards the hub LAN', () => {
  function splitLab(): string {
    const dir = join(tmp, 'split');
    mkdirSync(dir, { recursive: true });
    for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']) {
      let text = readFileSync(join(labDir('two-spokes'), f), 'utf8');
      if (f === 'spoke1.cfg') {
        text = text.replace(
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
          'access-list 110 permit ip 172.16.1.0 0.0.0.127 10.1.1.0 0.0.0.255\naccess-list 110 permit ip 172.16.1.128 0.0.0.127 10.1.1.0 0.0.0.255',
        );
      }
      writeFileSync(join(dir, f), text);
    }
    return dir;
  }
  const spoke1ToHub = (json: string) => {
    const pairs = (JSON.parse(json) as { pairs: { from: string; to: string; covered: boolean }[] }).pairs;
    return pairs.find((p) => p.from === 'Spoke1' && p.to === 'Hub')!;
  };

  it('WHEN verified with the IOS subset rule THEN Spoke1 -> Hub is covered (the hub accepts the narrower proposal)', async () => {
    const { stdout } = await cli([splitLab(), '--format', 'json']);
    expect(spoke1ToHub(stdout).covered).toBe(true);
  });

  it('WHEN verified with --exact-proxy THEN the same pair is broken (an ASA-style responder wants the exact line)', async () => {
    const { code, stdout } = await cli([splitLab(), '--format', 'json', '--exact-proxy']);
    expect(code).toBe(1);
    expect(spoke1ToHub(stdout).covered).toBe(false);
  });
});

describe('GIVEN --sites and --exclude', () => {
  it('WHEN --sites names two networks THEN only their pairs are proven', async () => {
    const { code, stdout } = await cli([
      labDir('three-spokes'),
      '--format',
      'json',
      '--sites',
      '172.16.1.0/24, 192.168.1.0/24',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sites).toEqual([
      { device: 'Spoke1', network: '172.16.1.0/24' },
      { device: 'Spoke2', network: '192.168.1.0/24' },
    ]);
  });

  it('WHEN --exclude names a network and an interface THEN those sites are left out', async () => {
    const { code, stdout } = await cli([
      labDir('three-spokes'),
      '--format',
      'json',
      '--exclude',
      '10.1.1.0/24,Spoke3:Ethernet0',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sites.map((s: { network: string }) => s.network)).toEqual([
      '172.16.1.0/24',
      '192.168.1.0/24',
    ]);
  });

  it('WHEN an item is malformed or a site is on no device THEN the exit code is 2 with a message naming it', async () => {
    const bad = await cli([labDir('three-spokes'), '--sites', '10.1.1.0/33']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sites: "10.1.1.0/33"');
    const odd = await cli([labDir('three-spokes'), '--exclude', 'two words']);
    expect(odd.code).toBe(2);
    const nowhere = await cli([labDir('three-spokes'), '--sites', '10.99.0.0/24']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('site 10.99.0.0/24: no device');
  });
});
