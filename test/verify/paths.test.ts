import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../lib/ir/topology.js';
import type { PairPath, PathHop, PathStep } from '../../lib/verify/types.js';
import { REPORT_ALL_PATHS_MAX_SITES, REPORT_SAMPLE_PATHS } from '../../lib/verify/types.js';
import { Proof, verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { edit, modernLab, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

/** 1-based line of an exact config line in a lab file (from the fixture text itself). */
function lineIn(lab: Lab, file: string, text: string): number {
  const i = lab[file]!.split('\n').indexOf(text);
  if (i < 0) throw new Error(`no line "${text}" in ${file}`);
  return i + 1;
}

function forward(path: PairPath | undefined): PathHop[] {
  return (path?.hops ?? []).filter((h) => h.direction !== 'reply');
}

function step(hop: PathHop | undefined, kind: string): PathStep {
  const s = hop?.steps.find((x) => x.kind === kind);
  if (!s) throw new Error(`no ${kind} step on ${hop?.device}`);
  return s;
}

const lab = seedLab('three-spokes');
const HUB_KEY_FOR_SPOKE2 = 'crypto isakmp key cisco123 address 10.1.3.1';

describe('proof paths of the reference lab', () => {
  const result = proveLab(lab, { paths: 'all' });
  const path = pair(result, 'Spoke1', 'Spoke2').path;

  it('GIVEN paths requested WHEN Spoke1 -> Spoke2 is proven THEN the first direction crosses Spoke1, Hub and Spoke2 with their tunnels', () => {
    const hops = forward(path);
    expect(hops.map((h) => h.device)).toEqual(['Spoke1', 'Hub', 'Spoke2']);
    expect(hops.map((h) => h.tunnelTo)).toEqual(['Hub', 'Spoke2', undefined]);
    expect(hops.flatMap((h) => h.steps).every((s) => s.ok !== false)).toBe(true);
  });

  it('GIVEN the path WHEN Spoke1 encrypts THEN it names its route, entry, ACL line, ISAKMP policy, key location, proposal and SA at their lines', () => {
    const spoke1 = forward(path)[0];
    expect(spoke1?.steps.map((s) => s.kind)).toEqual([
      'route',
      'crypto map entry',
      'acl line',
      'isakmp policy',
      'pre-shared key',
      'proposal',
      'sa',
    ]);
    expect(step(spoke1, 'route')).toMatchObject({
      file: 'spoke1.cfg',
      line: lineIn(lab, 'spoke1.cfg', 'ip route 192.168.1.0 255.255.255.0 Ethernet1'),
    });
    expect(step(spoke1, 'crypto map entry')).toMatchObject({
      file: 'spoke1.cfg',
      line: lineIn(lab, 'spoke1.cfg', 'crypto map mymap 10 ipsec-isakmp'),
    });
    const acl = 'access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255';
    expect(step(spoke1, 'acl line')).toMatchObject({
      text: acl,
      file: 'spoke1.cfg',
      line: lineIn(lab, 'spoke1.cfg', acl),
    });
    expect(step(spoke1, 'isakmp policy')).toMatchObject({
      file: 'spoke1.cfg',
      line: lineIn(lab, 'spoke1.cfg', 'crypto isakmp policy 10'),
    });
    expect(step(spoke1, 'pre-shared key').line).toBe(
      lineIn(lab, 'spoke1.cfg', 'crypto isakmp key cisco123 address 10.1.4.1'),
    );
    expect(step(spoke1, 'proposal').text).toContain('172.16.1.0/24 -> 192.168.1.0/24');
    expect(step(spoke1, 'sa').text).toContain('10.1.2.1 <-> Hub 10.1.4.1');
  });

  it('GIVEN the path WHEN the hub forwards THEN it decrypts, routes back out and uses entry 20 with the ACL line for Spoke2', () => {
    const hub = forward(path)[1];
    expect(hub?.steps[0]?.kind).toBe('decrypt');
    expect(step(hub, 'route')).toMatchObject({
      file: 'hub.cfg',
      line: lineIn(lab, 'hub.cfg', 'ip route 192.168.1.0 255.255.255.0 Ethernet1'),
    });
    expect(step(hub, 'crypto map entry')).toMatchObject({
      file: 'hub.cfg',
      line: lineIn(lab, 'hub.cfg', 'crypto map mymap 20 ipsec-isakmp'),
    });
    const acl = 'access-list 120 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255';
    expect(step(hub, 'acl line')).toMatchObject({ text: acl, file: 'hub.cfg', line: lineIn(lab, 'hub.cfg', acl) });
    expect(hub?.steps.map((s) => s.kind)).toEqual([
      'decrypt',
      'route',
      'crypto map entry',
      'acl line',
      'isakmp policy',
      'pre-shared key',
      'proposal',
      'sa',
    ]);
  });

  it('GIVEN the path WHEN Spoke2 receives THEN it decrypts and delivers to its connected LAN', () => {
    const spoke2 = forward(path)[2];
    expect(spoke2?.steps.map((s) => s.kind)).toEqual(['decrypt', 'deliver']);
    expect(step(spoke2, 'deliver')).toMatchObject({
      file: 'spoke2.cfg',
      line: lineIn(lab, 'spoke2.cfg', 'interface Ethernet0'),
    });
  });

  it('GIVEN the path WHEN the replies walk back THEN they reuse the SAs of the first direction and reach Spoke1', () => {
    const replies = (path?.hops ?? []).filter((h) => h.direction === 'reply');
    expect(replies.map((h) => h.device)).toEqual(['Spoke2', 'Hub', 'Spoke1']);
    expect(replies.slice(0, 2).map((h) => step(h, 'sa').text)).toEqual([
      'existing SA between Spoke2 and Hub',
      'existing SA between Hub and Spoke1',
    ]);
    expect(replies.flatMap((h) => h.steps).some((s) => s.kind === 'isakmp policy')).toBe(false);
    expect(step(replies[2], 'deliver').file).toBe('spoke1.cfg');
  });

  it('GIVEN paths for every pair WHEN serialized THEN no pre-shared key text appears', () => {
    expect(result.pairs.every((p) => p.path !== undefined && p.path.hops.length > 0)).toBe(true);
    expect(JSON.stringify(result.pairs.map((p) => p.path))).not.toContain('cisco123');
  });
});

describe('proof paths of a broken lab', () => {
  const fake = 'Fake-Changed-Key-0042';
  const broken = edit(lab, 'hub.cfg', (t) =>
    replaceLine(t, HUB_KEY_FOR_SPOKE2, [`crypto isakmp key ${fake} address 10.1.3.1`]),
  );
  const result = proveLab(broken, { paths: 'all' });

  it('GIVEN the hub key for Spoke2 changed WHEN Spoke1 -> Spoke2 is proven THEN the pre-shared key step of the hub hop towards Spoke2 fails', () => {
    const p = pair(result, 'Spoke1', 'Spoke2');
    expect(p.covered).toBe(false);
    const failing = (p.path?.hops ?? []).flatMap((h) =>
      h.steps.filter((s) => s.ok === false).map((s) => ({ hop: h, s })),
    );
    expect(failing.length).toBeGreaterThan(0);
    const first = failing[0]!;
    expect(first.hop).toMatchObject({ device: 'Hub', tunnelTo: 'Spoke2', direction: 'forward' });
    expect(first.s.kind).toBe('pre-shared key');
    expect(first.s.note).toContain('PSK_MISMATCH');
    expect(first.s.text).toContain(
      `hub.cfg:${lineIn(broken, 'hub.cfg', `crypto isakmp key ${fake} address 10.1.3.1`)}`,
    );
    expect(forward(p.path)[0]?.steps.every((s) => s.ok !== false)).toBe(true);
  });

  it('GIVEN the broken lab WHEN Spoke1 -> Spoke3 is proven THEN its path has no failed step', () => {
    const p = pair(result, 'Spoke1', 'Spoke3');
    expect(p.covered).toBe(true);
    expect(p.path?.hops.flatMap((h) => h.steps).every((s) => s.ok !== false)).toBe(true);
  });

  it("GIVEN a shorter ISAKMP lifetime on the hub WHEN Spoke1 -> Spoke2 is proven THEN Spoke1's policy step fails and the direction dependence follows the negotiation steps", () => {
    const shorter = edit(lab, 'hub.cfg', (t) =>
      replaceLine(t, ' authentication pre-share', [' authentication pre-share', ' lifetime 3600']),
    );
    const p = pair(proveLab(shorter, { paths: 'all' }), 'Spoke1', 'Spoke2');
    expect(p.covered).toBe(false);
    const spoke1 = forward(p.path)[0];
    expect(step(spoke1, 'isakmp policy')).toMatchObject({ ok: false });
    expect(step(spoke1, 'isakmp policy').note).toContain('IKE_LIFETIME');
    const kinds = spoke1?.steps.map(
      (s) => `${s.kind}${s.note?.startsWith('INITIATOR_DEPENDENT') ? ' (initiator)' : ''}`,
    );
    expect(kinds?.slice(3)).toEqual(['isakmp policy', 'pre-shared key', 'proposal', 'proposal (initiator)']);
  });

  it('GIVEN the broken lab WHEN every path is serialized THEN neither key text appears', () => {
    const json = JSON.stringify(result.pairs.map((p) => p.path));
    expect(json).not.toContain(fake);
    expect(json).not.toContain('cisco123');
  });
});

describe('path selection', () => {
  it('GIVEN no paths option WHEN proven THEN no pair has a path field and verdicts equal the recorded run', () => {
    const plain = proveLab(lab);
    expect(plain.pairs.length).toBe(12);
    expect(plain.pairs.some((p) => 'path' in p)).toBe(false);
    expect(JSON.stringify(plain)).not.toContain('"path"');
    const recorded = proveLab(lab, { paths: 'all' });
    expect(recorded.pairs.map(({ path: _path, ...p }) => p)).toEqual(plain.pairs);
  });

  it('GIVEN a selection function WHEN proven THEN only the pairs it picks carry a path', () => {
    const r = proveLab(lab, { paths: (p) => p.from === 'Hub' });
    expect(r.pairs.filter((p) => p.path).map((p) => p.from)).toEqual(['Hub', 'Hub', 'Hub']);
  });

  it('GIVEN brokenOnly and paths all WHEN one spoke is broken THEN only its broken pairs are listed, each with a path', () => {
    const broken = edit(lab, 'hub.cfg', (t) =>
      replaceLine(t, HUB_KEY_FOR_SPOKE2, ['crypto isakmp key Fake-Other-9 address 10.1.3.1']),
    );
    const r = proveLab(broken, { paths: 'all', brokenOnly: true });
    expect(r.pairs.length).toBe(r.summary.broken);
    expect(r.pairs.every((p) => !p.covered && p.path)).toBe(true);
  });

  it('GIVEN a small network and brokenOnly WHEN paths are asked for a report THEN every pair is listed with its path', () => {
    const r = proveLab(lab, { paths: 'report', brokenOnly: true });
    expect(r.pairs.length).toBe(12);
    expect(r.pairs.every((p) => p.covered && p.path)).toBe(true);
  });

  it(`GIVEN more than ${REPORT_ALL_PATHS_MAX_SITES} sites and brokenOnly WHEN paths are asked for a report THEN the broken pairs and a small sample of covered pairs carry paths`, () => {
    const big = edit(modernLab(41), 'spoke05.cfg', (t) =>
      replaceLine(t, ' permit ip 10.5.0.0 0.0.0.255 10.7.0.0 0.0.0.255', []),
    );
    const plain = proveLab(big, { brokenOnly: true });
    const r = proveLab(big, { brokenOnly: true, paths: 'report' });
    expect(plain.sites.length).toBeGreaterThan(REPORT_ALL_PATHS_MAX_SITES);
    expect(r.summary).toEqual(plain.summary);
    expect(r.pairs.filter((p) => !p.covered).map(({ path: _p, ...p }) => p)).toEqual(plain.pairs);
    expect(r.pairs.every((p) => p.path && p.path.hops.length > 0)).toBe(true);
    const sampled = r.pairs.filter((p) => p.covered);
    expect(sampled.length).toBeGreaterThan(0);
    expect(sampled.length).toBeLessThanOrEqual(REPORT_SAMPLE_PATHS);
    // Deterministic: the same sample on a second run.
    expect(proveLab(big, { brokenOnly: true, paths: 'report' }).pairs.map((p) => `${p.from}>${p.to}`)).toEqual(
      r.pairs.map((p) => `${p.from}>${p.to}`),
    );
    expect(JSON.stringify(r.pairs)).not.toContain('xyzzy42');
  });
});

describe('streaming callbacks and device details', () => {
  it('GIVEN onStart and onPair WHEN proven THEN onStart gets the pair count once before the first pair', () => {
    const events: string[] = [];
    verifyNetwork(parseLab(lab), { onStart: (n) => events.push(`start ${n}`), onPair: () => events.push('pair') });
    expect(events[0]).toBe('start 12');
    expect(events.filter((e) => e === 'pair').length).toBe(12);
    expect(events.filter((e) => e.startsWith('start')).length).toBe(1);
  });

  it('GIVEN brokenOnly without onPair WHEN proven THEN onStart still reports the pair count', () => {
    let total = -1;
    verifyNetwork(parseLab(lab), { brokenOnly: true, onStart: (n) => (total = n) });
    expect(total).toBe(new Proof(parseLab(lab)).pairCount());
  });

  it("GIVEN configs only WHEN proven THEN devices carry WAN addresses, platform and each spoke's hub from the WAN rule", () => {
    const r = proveLab(lab);
    const spoke2 = r.devices.find((d) => d.hostname === 'Spoke2');
    expect(spoke2).toMatchObject({
      role: 'spoke',
      hub: 'Hub',
      platform: 'ios-12.2',
      wan: [{ interface: 'Ethernet1', address: '10.1.3.1/24' }],
    });
    expect(r.devices.find((d) => d.hostname === 'Hub')).toMatchObject({
      role: 'hub',
      wan: [{ interface: 'Ethernet1', address: '10.1.4.1/24' }],
    });
    expect(r.devices.find((d) => d.hostname === 'Hub')?.hub).toBeUndefined();
  });

  it('GIVEN a topology WHEN proven THEN devices take WAN, platform and hub from it', () => {
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
            platform: 'ios-15',
            role: 'spoke',
            hub: 'Hub',
            sites: ['172.16.1.0/24'],
            wan: [{ interface: 'Ethernet1', address: '10.1.2.9/24' }],
          },
        ],
        underlay: {
          segments: [
            {
              name: 'wan',
              members: [
                { device: 'Hub', interface: 'Ethernet1' },
                { device: 'Spoke1', interface: 'Ethernet1' },
              ],
            },
          ],
        },
      }),
      'topology.json',
    );
    const r = proveLab(seedLab('two-spokes'), { topology });
    expect(r.devices.find((d) => d.hostname === 'Spoke1')).toMatchObject({
      hub: 'Hub',
      platform: 'ios-15',
      wan: [{ interface: 'Ethernet1', address: '10.1.2.9/24' }],
    });
  });
});
