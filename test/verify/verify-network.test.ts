import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../lib/verify/findings/problem-codes.js';
import { originFromTopology, Proof, verifyNetwork, verifyPairs } from '../../lib/verify/prove/verify-network.js';
import { parseTopology } from '../../lib/ir/topology.js';
import type { PairResult } from '../../lib/verify/types.js';
import { codes, edit, pair, parseLab, proveLab, replaceLine, seedLab } from './labs.js';

const LAB = seedLab('three-spokes');

describe('GIVEN header sets, not samples', () => {
  it('WHEN a spoke ACL denies one /32 host before its permits THEN the pair is broken and the message names that host', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255', [
          'access-list 110 deny ip host 172.16.1.77 host 192.168.1.200',
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        ]),
      ),
    );
    const p = pair(r, 'Spoke1', 'Spoke2');
    expect(p.covered).toBe(false);
    expect(codes(p, 'NOT_PROTECTED')[0]!.message).toContain('172.16.1.77 -> 192.168.1.200');
    expect(pair(r, 'Spoke1', 'Spoke3').covered).toBe(true);
  });

  it('WHEN a spoke ACL denies only TCP port 22 to another spoke THEN the pair is broken (every protocol and port counts)', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255', [
          'access-list 110 deny tcp 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255 eq 22',
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        ]),
      ),
    );
    const p = pair(r, 'Spoke1', 'Spoke2');
    expect(p.covered).toBe(false);
    expect(codes(p, 'NOT_PROTECTED')[0]!.message).toMatch(/proto 6 port 22/);
  });

  it('WHEN a hub route for a /25 half of a spoke LAN points at the LAN THEN only that gap breaks the pair', () => {
    const r = proveLab(
      edit(LAB, 'hub.cfg', (t) =>
        replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [
          'ip route 192.168.1.0 255.255.255.0 Ethernet1',
          'ip route 192.168.1.128 255.255.255.128 Ethernet0',
        ]),
      ),
    );
    const p = pair(r, 'Hub', 'Spoke2');
    expect(p.covered).toBe(false);
    expect(codes(p, 'NO_ROUTE')[0]!.message).toContain('192.168.1.128/25');
  });
});

describe('GIVEN the streaming API', () => {
  it('WHEN pairs are streamed THEN every ordered pair of sites on different devices comes once, in site order', () => {
    const seen: string[] = [];
    for (const p of verifyPairs(parseLab(LAB))) seen.push(`${p.from}>${p.to}`);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen[0]).toBe('Hub>Spoke1');
  });

  it('WHEN brokenOnly is set THEN only broken pairs are kept, onPair still sees all, and counts cover every pair', () => {
    const lab = edit(LAB, 'spoke2.cfg', (t) =>
      replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', ['crypto isakmp key fakeX1 address 10.1.4.1']),
    );
    const streamed: PairResult[] = [];
    const r = verifyNetwork(parseLab(lab), { brokenOnly: true, onPair: (p) => streamed.push(p) });
    expect(streamed).toHaveLength(12);
    expect(r.pairs).toHaveLength(6);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 6, broken: 6 });
  });

  it('WHEN a Proof is prepared THEN its pair count matches the enumeration without deciding pairs', () => {
    const proof = new Proof(parseLab(LAB));
    expect(proof.pairCount()).toBe(12);
    expect(proof.model.hub?.hostname).toBe('Hub');
  });
});

describe('GIVEN sites from topology.json', () => {
  const topology = parseTopology(
    JSON.stringify({
      format: 'hubspoke-topology',
      version: 1,
      stack: 'lab',
      devices: [
        {
          hostname: 'Hub',
          file: 'hub.cfg',
          platform: 'ios-12.2',
          role: 'hub',
          sites: ['10.1.1.0/24'],
          wan: [{ interface: 'Ethernet1', address: '10.1.4.1/24' }],
        },
        {
          hostname: 'Spoke1',
          file: 'spoke1.cfg',
          platform: 'ios-12.2',
          role: 'spoke',
          sites: ['172.16.1.0/24'],
          wan: [{ interface: 'Ethernet1', address: '10.1.2.1/24' }],
        },
        {
          hostname: 'Spoke2',
          file: 'spoke2.cfg',
          platform: 'ios-12.2',
          role: 'spoke',
          sites: ['192.168.1.0/24'],
          wan: [{ interface: 'Ethernet1', address: '10.1.3.1/24' }],
        },
        {
          hostname: 'Spoke3',
          file: 'spoke3.cfg',
          platform: 'ios-12.2',
          role: 'spoke',
          sites: ['172.16.2.0/24'],
          wan: [{ interface: 'Ethernet1', address: '10.1.5.1/24' }],
        },
      ],
      underlay: {
        segments: [
          {
            name: 'wan',
            members: [
              { device: 'Hub', interface: 'Ethernet1' },
              { device: 'Spoke1', interface: 'Ethernet1' },
              { device: 'Spoke2', interface: 'Ethernet1' },
            ],
          },
        ],
      },
      sourceMap: { 'spoke2.cfg': { '14': 'lab/Spoke2/HubKey' } },
    }),
  );

  it('WHEN a WAN interface is in no underlay segment THEN its peers are unreachable', () => {
    const r = verifyNetwork(parseLab(LAB), { topology });
    expect(r.siteSource).toBe('topology');
    expect(pair(r, 'Spoke1', 'Spoke2').covered).toBe(true);
    expectCodeOn(pair(r, 'Spoke3', 'Hub'), 'PEER_UNREACHABLE', 'Spoke3');
  });

  it('WHEN the topology carries a per-line source map (earlier releases) THEN problems name the construct path of their line', () => {
    const lab = edit(LAB, 'spoke2.cfg', (t) =>
      replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', ['crypto isakmp key fakeX1 address 10.1.4.1']),
    );
    const r = verifyNetwork(parseLab(lab), { topology });
    const m = r.findings.find((f) => f.code === 'PSK_MISMATCH')!;
    expect(m.origin).toBe('lab/Spoke2/HubKey');
  });

  it('WHEN the topology carries source ranges THEN a line inside a range gets its construct path and a line between ranges none', () => {
    const { sourceMap: _perLine, ...rest } = topology;
    const ranged = parseTopology(
      JSON.stringify({
        ...rest,
        sourceRanges: {
          'spoke2.cfg': [
            [3, 7, 'lab/Spoke2/Policy'],
            [14, 14, 'lab/Spoke2/HubKey'],
            [16, 20, 'lab/Spoke2/Map'],
          ],
        },
      }),
    );
    const lab = edit(LAB, 'spoke2.cfg', (t) =>
      replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', ['crypto isakmp key fakeX1 address 10.1.4.1']),
    );
    const r = verifyNetwork(parseLab(lab), { topology: ranged });
    expect(r.findings.find((f) => f.code === 'PSK_MISMATCH')!.origin).toBe('lab/Spoke2/HubKey');
    const origin = originFromTopology(ranged)!;
    expect([2, 3, 7, 8, 14, 15, 16, 20, 21].map((line) => origin('/any/dir/spoke2.cfg', line))).toEqual([
      undefined,
      'lab/Spoke2/Policy',
      'lab/Spoke2/Policy',
      undefined,
      'lab/Spoke2/HubKey',
      undefined,
      'lab/Spoke2/Map',
      'lab/Spoke2/Map',
      undefined,
    ]);
    expect(origin('hub.cfg', 3)).toBeUndefined();
  });

  it('WHEN source ranges overlap or run backwards THEN the topology is refused with the JSON path of the range', () => {
    const { sourceMap: _perLine, ...rest } = topology;
    const bad = (ranges: unknown) => () =>
      parseTopology(JSON.stringify({ ...rest, sourceRanges: { 'spoke2.cfg': ranges } }), 'topo.json');
    expect(
      bad([
        [3, 7, 'a'],
        [7, 9, 'b'],
      ]),
    ).toThrow(/topo\.json.*sourceRanges.*spoke2\.cfg.*1/s);
    expect(bad([[9, 3, 'a']])).toThrow(/empty or not after line 0/);
    expect(
      bad([
        [1, 2, 'a'],
        [4, 5, 'b'],
      ]),
    ).not.toThrow();
  });
});

function expectCodeOn(p: PairResult, code: string, device: string) {
  expect(p.covered).toBe(false);
  expect(
    p.problems.some((x) => x.code === code && x.device === device),
    p.problems.map((x) => `${x.code}@${x.device}`).join(' '),
  ).toBe(true);
}

describe('GIVEN a crypto map local-address (once not modelled)', () => {
  it('WHEN the hub names a loopback it does not have THEN no NOT_MODELLED, and every hub entry is PEER_UNREACHABLE naming the local-address', () => {
    const lab = edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
        'crypto map mymap local-address Loopback0',
        'crypto map mymap 10 ipsec-isakmp',
      ]),
    );
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.code === 'NOT_MODELLED')).toEqual([]);
    expect(r.ok).toBe(false);
    const unreachable = r.findings.filter((f) => f.code === 'PEER_UNREACHABLE' && f.device === 'Hub');
    expect(unreachable.length).toBeGreaterThan(0);
    for (const f of unreachable) expect(f.message).toContain('crypto map local-address Loopback0');
  });
});

describe('GIVEN the problem catalogue', () => {
  it('WHEN docs/problems.md is read THEN every code is documented with its severity', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'problems.md'), 'utf8');
    for (const c of PROBLEM_CODES) expect(doc).toMatch(new RegExp(`\\| \`${c.code}\` \\| ${c.severity} \\|`));
  });

  it("WHEN a code links its docs THEN docs/problems.md has that anchor on the code's own row", () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'problems.md'), 'utf8');
    for (const c of PROBLEM_CODES) {
      const anchor = c.docs.replace(/^docs\/problems\.md#/, '');
      expect(c.docs).toBe(`docs/problems.md#${anchor}`);
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${c.code}\` |`));
      expect(row, c.code).toContain(`<a id="${anchor}"></a>`);
    }
    expect(new Set(PROBLEM_CODES.map((c) => c.docs)).size).toBe(PROBLEM_CODES.length);
  });

  it('WHEN codes are listed THEN they are unique and each has a description and a hint', () => {
    expect(new Set(PROBLEM_CODES.map((c) => c.code)).size).toBe(PROBLEM_CODES.length);
    for (const c of PROBLEM_CODES) {
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.hint.length).toBeGreaterThan(5);
    }
  });

  it('WHEN the proof runs twice on the same input THEN the JSON is byte-identical', () => {
    const a = JSON.stringify(proveLab(LAB));
    const b = JSON.stringify(proveLab(LAB));
    expect(a).toBe(b);
  });
});

describe('GIVEN more sites than the matrix shows', () => {
  it('WHEN the text format is used THEN it lists the broken pairs instead of the matrix', async () => {
    const { formatText } = await import('../../lib/verify/findings/format.js');
    const { modernLab } = await import('./labs.js');
    const lab = edit(modernLab(41), 'spoke07.cfg', (t) => t.replace(' set pfs group14', ' set pfs group19'));
    const r = proveLab(lab, { brokenOnly: true });
    const text = formatText(r);
    expect(r.sites.length).toBe(42);
    expect(text).not.toContain('coverage (rows = from, columns = to)');
    expect(text).toContain(`broken pairs (${r.summary.broken}):`);
    expect(text).toMatch(/Spoke7 10\.7\.0\.0\/24 -> Hub 10\.0\.0\.0\/24: PFS_MISMATCH/);
  });
});

describe('GIVEN roles inferred from the configs', () => {
  it('WHEN a spoke whose file sorts first lists a dead peer before the hub THEN the hub is still the hub and the network proves', () => {
    // `aaa.cfg` sorts before `hub.cfg`: the spoke names two peer addresses, as many as the hub.
    const lab = seedLab('two-spokes');
    const spoke = edit(lab, 'spoke1.cfg', (t) =>
      t.replace(' set peer 10.1.4.1', ' set peer 10.1.4.99\n set peer 10.1.4.1'),
    )['spoke1.cfg']!;
    const renamed = { 'aaa.cfg': spoke, 'hub.cfg': lab['hub.cfg']!, 'spoke2.cfg': lab['spoke2.cfg']! };
    const r = proveLab(renamed);
    expect(r.devices.find((d) => d.hostname === 'Hub')?.role).toBe('hub');
    expect(r.devices.find((d) => d.hostname === 'Spoke1')?.role).toBe('spoke');
    expect(r.summary.broken).toBe(0);
    expect(r.ok).toBe(true);
  });
});
