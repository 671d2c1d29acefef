/**
 * Tunnel interfaces and IPsec profiles in the parser (docs/ios-semantics.md#tunnel-interfaces):
 * what the IR holds, what stays NOT_MODELLED, and that the renderer prints them back.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';

const parse = (text: string) => parseConfig(text, { file: 't.cfg' });
const notModelled = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.code === 'NOT_MODELLED')
    .map((d) => d.line);

const VTI = [
  'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
  'crypto ipsec profile VTI',
  ' description to the hub',
  ' set transform-set TS',
  ' set pfs group14',
  ' set security-association lifetime seconds 3600',
  ' set isakmp-profile HUB',
  'interface GigabitEthernet1',
  ' ip address 203.0.113.10 255.255.255.248',
  'interface Tunnel1',
  ' ip address 172.16.254.2 255.255.255.252',
  ' tunnel source GigabitEthernet1',
  ' tunnel destination 198.51.100.2',
  ' tunnel mode ipsec ipv4',
  ' tunnel protection ipsec profile VTI',
].join('\n');

describe('GIVEN a static VTI with its IPsec profile', () => {
  it('WHEN parsed THEN the tunnel and the profile are in the IR and nothing is NOT_MODELLED', () => {
    const { config, diagnostics } = parse(VTI);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const tunnel = config.interfaces.find((i) => i.name === 'Tunnel1')!;
    expect(tunnel.tunnel).toMatchObject({
      source: 'GigabitEthernet1',
      destination: '198.51.100.2',
      mode: 'ipsec ipv4',
      protection: { profile: 'VTI', loc: { line: 15 } },
    });
    expect(tunnel.extraLines).toEqual([]);
    expect(config.ipsecProfiles).toEqual([
      {
        name: 'VTI',
        description: 'to the hub',
        transformSets: ['TS'],
        pfs: { group: 14 },
        saLifetimeSeconds: 3600,
        isakmpProfile: 'HUB',
        extraLines: [],
        loc: { file: 't.cfg', line: 2 },
      },
    ]);
  });

  it('WHEN rendered and parsed again THEN the tunnel lines and the profile read back the same', () => {
    const { config } = parse(VTI);
    const again = parseConfig(renderConfig(config).text, { file: 't.cfg' }).config;
    expect(again.interfaces.find((i) => i.name === 'Tunnel1')!.tunnel).toMatchObject({
      source: 'GigabitEthernet1',
      destination: '198.51.100.2',
      mode: 'ipsec ipv4',
      protection: { profile: 'VTI' },
    });
    expect(again.ipsecProfiles?.map(({ loc: _loc, ...p }) => p)).toEqual(
      config.ipsecProfiles?.map(({ loc: _loc, ...p }) => p),
    );
  });

  it('WHEN lines are negated THEN they are back to unset (mode back to the GRE default)', () => {
    const { config } = parse(
      `${VTI}\n no tunnel mode\n no tunnel protection ipsec profile VTI\ncrypto ipsec profile VTI\n no set pfs\nno crypto ipsec profile OTHER`,
    );
    expect(config.interfaces.find((i) => i.name === 'Tunnel1')!.tunnel).toEqual({
      source: 'GigabitEthernet1',
      destination: '198.51.100.2',
    });
    expect(config.ipsecProfiles![0]!.pfs).toBeUndefined();
    expect(parse(`${VTI}\nno crypto ipsec profile VTI`).config.ipsecProfiles).toBeUndefined();
  });
});

describe('GIVEN tunnel and profile forms the IR does not hold', () => {
  it('WHEN parsed THEN each is NOT_MODELLED and kept as an extra line', () => {
    const text = [
      'interface Tunnel2',
      ' tunnel source 203.0.113.10',
      ' tunnel destination hub.example.net',
      ' tunnel mode gre multipoint',
      ' tunnel key 100',
      ' tunnel vrf INET',
      ' tunnel protection ipsec profile VTI shared extra',
      ' tunnel path-mtu-discovery',
      'crypto ipsec profile V2',
      ' set ikev2-profile P2',
      ' responder-only',
      ' set security-association replay window-size 128',
    ].join('\n');
    expect(notModelled(text)).toEqual([3, 4, 5, 6, 7, 11]);
    const { config } = parse(text);
    const t = config.interfaces[0]!;
    expect(t.tunnel).toEqual({ source: '203.0.113.10' });
    expect(t.extraLines).toEqual([
      'tunnel destination hub.example.net',
      'tunnel mode gre multipoint',
      'tunnel key 100',
      'tunnel vrf INET',
      'tunnel protection ipsec profile VTI shared extra',
      'tunnel path-mtu-discovery',
    ]);
    // set ikev2-profile is read (ikev2Profile) and modelled: tunnel protection negotiates IKEv2 with it.
    expect(config.ipsecProfiles![0]!.ikev2Profile).toBe('P2');
    expect(config.ipsecProfiles![0]!.extraLines).toEqual([
      'responder-only',
      'set security-association replay window-size 128',
    ]);
  });

  it('WHEN a profile line is malformed THEN IOS-style errors name the profile', () => {
    const { diagnostics } = parse('crypto ipsec profile X\n set transform-set\n set pfs group99\ncrypto ipsec profile');
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.message])).toEqual([
      ['MISSING_ARGUMENT', 2, 'crypto ipsec profile X: set transform-set needs at least one name'],
      ['UNKNOWN_ALGORITHM', 3, 'crypto ipsec profile X: unknown PFS group "group99"; line skipped'],
      ['MISSING_ARGUMENT', 4, 'crypto ipsec profile needs one profile name'],
    ]);
  });
});

const DVTI = [
  'crypto isakmp profile V1',
  ' match identity address 203.0.113.0 255.255.255.0',
  ' virtual-template 2',
  'crypto ikev2 profile V2',
  ' match identity remote address 203.0.113.10 255.255.255.255',
  ' authentication remote pre-share',
  ' authentication local pre-share',
  ' virtual-template 1',
  'interface Loopback0',
  ' ip address 172.16.254.1 255.255.255.255',
  'interface Virtual-Template1 type tunnel',
  ' ip unnumbered Loopback0',
  ' tunnel source GigabitEthernet1',
  ' tunnel mode ipsec ipv4',
  ' tunnel protection ipsec profile VTI',
].join('\n');

describe('GIVEN a dynamic VTI hub: profiles naming virtual templates and a tunnel template', () => {
  it("WHEN parsed THEN the template, its type, its borrowed address and the profiles' references are in the IR", () => {
    const { config, diagnostics } = parse(DVTI);
    // IKEv1 dynamic VTIs are not followed: the ISAKMP profile's template is read, and NOT_MODELLED.
    expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.line])).toEqual([
      ['NOT_MODELLED', 3],
    ]);
    const template = config.interfaces.find((i) => i.name === 'Virtual-Template1')!;
    expect(template).toMatchObject({ interfaceType: 'tunnel', unnumbered: 'Loopback0', extraLines: [] });
    expect(config.ikev2Profiles?.[0]?.virtualTemplate).toEqual({ number: 1, loc: { file: 't.cfg', line: 8 } });
    expect(config.isakmpProfiles?.[0]?.virtualTemplate).toEqual({ number: 2, loc: { file: 't.cfg', line: 3 } });
  });

  it('WHEN rendered and parsed again THEN the template and the references read back the same', () => {
    const { config } = parse(DVTI);
    const again = parse(renderConfig(config).text).config;
    expect(again.interfaces.find((i) => i.name === 'Virtual-Template1')).toMatchObject({
      interfaceType: 'tunnel',
      unnumbered: 'Loopback0',
    });
    expect(again.ikev2Profiles?.[0]?.virtualTemplate?.number).toBe(1);
    expect(again.isakmpProfiles?.[0]?.virtualTemplate?.number).toBe(2);
  });

  it('WHEN ip unnumbered is on another interface, or negated THEN it stays unmodelled there and is removed here', () => {
    expect(notModelled('interface Tunnel1\n ip unnumbered Loopback0')).toEqual([2]);
    const { config } = parse(
      `${DVTI}\ninterface Virtual-Template1\n no ip unnumbered\ncrypto ikev2 profile V2\n no virtual-template`,
    );
    expect(config.interfaces.find((i) => i.name === 'Virtual-Template1')!.unnumbered).toBeUndefined();
    expect(config.ikev2Profiles?.[0]?.virtualTemplate).toBeUndefined();
  });

  it("WHEN the router has crypto maps too THEN the IKEv2 profile's template is NOT_MODELLED (which one answers is not known)", () => {
    const lines = `${DVTI}\ncrypto map CM 10 ipsec-isakmp\n set peer 203.0.113.10`;
    expect(notModelled(lines)).toEqual([3, 8]);
  });

  it('WHEN virtual-template has no number THEN the line is an error naming the profile', () => {
    const { diagnostics } = parse('crypto ikev2 profile V2\n virtual-template one');
    expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.severity, d.line, d.message])).toEqual([
      ['error', 2, 'crypto ikev2 profile V2: virtual-template needs one template number; line skipped'],
    ]);
  });
});
