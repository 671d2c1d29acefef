/**
 * Inferred sites (docs/ios-semantics.md#sites) on a hand-written network with router-id loopbacks
 * and an out-of-band management port, and the explicit selections (`sites`, `exclude`, the same in
 * topology.json).
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../lib/ir/topology.js';
import { HAND_WRITTEN_SITES, handWritten } from './hand-written.js';
import { edit, proveLab, replaceLine } from './labs.js';

const LAB = handWritten();
const networks = (r: ReturnType<typeof proveLab>) => r.sites.map((s) => s.network).sort();

describe('GIVEN a hand-written network with loopback router ids and a management port', () => {
  it('WHEN sites are inferred THEN only the LANs the crypto ACLs carry are sites and the network is proven', () => {
    const r = proveLab(LAB);
    expect(networks(r)).toEqual(HAND_WRITTEN_SITES);
    expect(r.summary).toMatchObject({ pairs: 6, covered: 6, broken: 0, errors: 0 });
    expect(r.ok).toBe(true);
  });

  it('WHEN a crypto ACL names a loopback THEN that loopback is a site', () => {
    const lab = edit(LAB, 'branch-a.cfg', (t) =>
      replaceLine(t, ' permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255', [
        ' permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255',
        ' permit ip host 10.255.0.2 10.10.0.0 0.0.0.255',
      ]),
    );
    const r = proveLab(lab);
    expect(networks(r)).toContain('10.255.0.2/32');
    expect(networks(r)).not.toContain('10.255.0.1/32');
  });

  it('WHEN a second LAN is in no crypto ACL THEN it is still a site, and its pairs are broken', () => {
    const lab = edit(LAB, 'branch-b.cfg', (t) =>
      replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 203.0.113.1', [
        'interface FastEthernet2',
        ' ip address 192.168.21.1 255.255.255.0',
        'ip route 0.0.0.0 0.0.0.0 203.0.113.1',
      ]),
    );
    const r = proveLab(lab);
    expect(networks(r)).toContain('192.168.21.0/24');
    expect(r.ok).toBe(false);
  });

  it('WHEN that LAN is excluded by network or by HOST:interface THEN the network is proven again', () => {
    const lab = edit(LAB, 'branch-b.cfg', (t) =>
      replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 203.0.113.1', [
        'interface FastEthernet2',
        ' ip address 192.168.21.1 255.255.255.0',
        'ip route 0.0.0.0 0.0.0.0 203.0.113.1',
      ]),
    );
    expect(proveLab(lab, { exclude: ['192.168.21.0/24'] }).ok).toBe(true);
    expect(proveLab(lab, { exclude: ['BranchB:FastEthernet2'] }).ok).toBe(true);
    expect(proveLab(lab, { exclude: ['BranchA:FastEthernet2'] }).ok).toBe(false);
  });

  it('WHEN sites are given explicitly THEN exactly those are the sites, each on the device that has it', () => {
    const r = proveLab(LAB, { sites: ['10.10.0.0/24', '172.16.2.0/24'] });
    expect(r.sites).toEqual([
      { device: 'BranchA', network: '172.16.2.0/24' },
      { device: 'HQ', network: '10.10.0.0/24' },
    ]);
    expect(r.summary).toMatchObject({ pairs: 2, covered: 2 });
    expect(() => proveLab(LAB, { sites: ['10.99.0.0/24'] })).toThrow(/site 10\.99\.0\.0\/24: no device/);
  });

  it('WHEN topology.json carries only the exclusions THEN they apply and the underlay stays inferred', () => {
    const topology = parseTopology(
      JSON.stringify({
        format: 'hubspoke-topology',
        version: 1,
        stack: 'hand',
        devices: [],
        underlay: { segments: [] },
        exclude: ['BranchB:FastEthernet1'],
      }),
    );
    const r = proveLab(LAB, { topology });
    expect(networks(r)).toEqual(['10.10.0.0/24', '172.16.2.0/24']);
    expect(r.summary).toMatchObject({ pairs: 2, covered: 2 });
    expect(() =>
      parseTopology(
        JSON.stringify({
          format: 'hubspoke-topology',
          version: 1,
          stack: 's',
          devices: [],
          underlay: { segments: [] },
          exclude: ['not an interface'],
        }),
      ),
    ).toThrow(/exclude\.0 is neither an IPv4 prefix/);
  });
});
