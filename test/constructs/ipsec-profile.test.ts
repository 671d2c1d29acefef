/**
 * The IpsecProfile and tunnel interfaces as L1 constructs (docs/ios-semantics.md#tunnel-interfaces):
 * rendered the way the parser reads them back, refused when they name what the router lacks.
 */
import { describe, expect, it } from 'vitest';
import { Interface } from '../../lib/constructs/interface.js';
import { IpsecProfile } from '../../lib/constructs/ipsec-profile.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { addressInPrefix, nthSubnet, subnetCount } from '../../lib/ir/ipv4.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';
import { newRouter, validationMessages } from './helpers.js';

describe('GIVEN an IpsecProfile and a tunnel interface on a router', () => {
  it('WHEN rendered and parsed back THEN the profile and the tunnel lines survive the round trip', () => {
    const { router } = newRouter();
    const ts = new TransformSet(router, 'Ts', { name: 'TS' });
    new IpsecProfile(router, 'Profile', { name: 'P', transformSets: [ts], pfs: 20, saLifetimeSeconds: 1800 });
    new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.1/24' });
    new Interface(router, 'Tunnel', {
      name: 'Tunnel7',
      address: '172.31.0.1/30',
      tunnel: { source: 'GigabitEthernet1', destination: '192.0.2.2', mode: 'ipsec ipv4', protectionProfile: 'P' },
    });
    const parsed = parseConfig(renderConfig(router.toIr()).text, { file: 'R1.cfg' }).config;
    expect(parsed.ipsecProfiles).toMatchObject([
      { name: 'P', transformSets: ['TS'], pfs: { group: 20 }, saLifetimeSeconds: 1800, extraLines: [] },
    ]);
    expect(parsed.interfaces.find((i) => i.name === 'Tunnel7')!.tunnel).toMatchObject({
      source: 'GigabitEthernet1',
      destination: '192.0.2.2',
      mode: 'ipsec ipv4',
      protection: { profile: 'P' },
    });
  });

  it('WHEN the profile names a transform set the router lacks, or an unknown PFS group THEN the path and the value are named', () => {
    const { router } = newRouter();
    new IpsecProfile(router, 'Profile', { name: 'P', transformSets: ['NOPE'] });
    expect(validationMessages(router)).toContain(
      'Stack/R1/Profile: IPsec profile P names transform set NOPE, which this router does not define',
    );
    expect(() => new IpsecProfile(router, 'Bad', { name: 'Q', transformSets: ['NOPE'], pfs: 3 })).toThrow(
      /Stack\/R1\/Bad: pfs .*is not a Diffie-Hellman group/,
    );
    expect(() => new IpsecProfile(router, 'Empty', { name: 'E', transformSets: [] })).toThrow(
      /Stack\/R1\/Empty: transformSets .*must name at least one transform set/,
    );
  });

  it('WHEN a tunnel destination is not an address THEN the interface prop is refused', () => {
    const { router } = newRouter();
    expect(
      () =>
        new Interface(router, 'T', {
          name: 'Tunnel1',
          tunnel: { source: 'GigabitEthernet1', destination: 'hub.example' },
        }),
    ).toThrow(/Stack\/R1\/T: tunnel\.destination/);
  });
});

describe('GIVEN a tunnel pool', () => {
  it('WHEN /30s are carved from it THEN they are consecutive, counted, and none past its end', () => {
    const pool = { address: '172.31.0.0', prefixLength: 29 };
    expect(subnetCount(pool, 30)).toBe(2);
    expect(subnetCount(pool, 28)).toBe(0);
    expect(nthSubnet(pool, 30, 1)).toEqual({ address: '172.31.0.4', prefixLength: 30 });
    expect(nthSubnet(pool, 30, 2)).toBeUndefined();
    expect(addressInPrefix({ address: '172.31.0.4', prefixLength: 30 }, 2)).toBe('172.31.0.6');
  });
});
