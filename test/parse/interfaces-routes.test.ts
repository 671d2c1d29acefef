import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const parse = (text: string) => parseConfig(text, { file: 'if.cfg' });

describe('interfaces', () => {
  it('GIVEN an interface re-opened later WHEN parsed THEN both blocks fill one interface', () => {
    const { config } = parse(
      'interface Ethernet1\n ip address 10.0.0.1 255.255.255.0\ninterface Ethernet1\n crypto map M\n no ip mroute-cache',
    );
    expect(config.interfaces).toHaveLength(1);
    expect(config.interfaces[0]).toMatchObject({
      address: { ip: '10.0.0.1', prefixLength: 24 },
      cryptoMap: 'M',
      noIpMrouteCache: true,
    });
  });

  it('GIVEN a bad mask, a bad address and no ip address WHEN parsed THEN errors are coded and the address is cleared', () => {
    const { config, diagnostics } = parse(
      'interface E0\n ip address 10.0.0.1 255.0.255.0\n ip address 10.0.0.999 255.255.255.0\n ip address 10.0.0.1 255.255.255.0\n no ip address',
    );
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([
      ['BAD_MASK', 2],
      ['BAD_ADDRESS', 3],
    ]);
    expect(config.interfaces[0]!.address).toBeUndefined();
  });

  it('GIVEN NAT, VRF, a tunnel key and address pool lines WHEN parsed THEN they are NOT_MODELLED warnings kept in extraLines (ip nat outside is read)', () => {
    const { config, diagnostics } = parse(
      'interface Gi1\n ip nat outside\n vrf forwarding RED\n tunnel key 5\n ip address pool P\n ip access-group EDGE\n zone-member security OUT\n ip policy route-map PBR\n duplex auto',
    );
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(config.interfaces[0]!.nat).toBe('outside');
    expect(config.interfaces[0]!.extraLines).toEqual([
      'vrf forwarding RED',
      'tunnel key 5',
      'ip address pool P',
      'ip access-group EDGE',
      'zone-member security OUT',
      'ip policy route-map PBR',
      'duplex auto',
    ]);
  });

  it('GIVEN ip access-group lines with a direction WHEN parsed THEN the interface holds them with their line, and `no` removes one', () => {
    const { config, diagnostics } = parse(
      'interface Gi1\n ip access-group EDGE in\n ip access-group 101 out\ninterface Gi2\n ip access-group X in\n no ip access-group X in\n ip access-group',
    );
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED')).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([
      ['MISSING_ARGUMENT', 7],
    ]);
    const [gi1, gi2] = config.interfaces;
    expect(gi1!.accessGroupIn).toMatchObject({ acl: 'EDGE', loc: { line: 2 } });
    expect(gi1!.accessGroupOut).toMatchObject({ acl: '101', loc: { line: 3 } });
    expect(gi1!.extraLines).toEqual([]);
    expect(gi2!.accessGroupIn).toBeUndefined();
  });
});

describe('static routes', () => {
  it('GIVEN routes by interface, next hop, both, distance and name WHEN parsed THEN each field is read', () => {
    const text = [
      'ip route 0.0.0.0 0.0.0.0 198.51.100.1',
      'ip route 10.0.0.0 255.0.0.0 Ethernet1 200',
      'ip route 10.2.0.0 255.255.0.0 Ethernet1 10.1.4.2 5 name backup tag 7 permanent',
    ].join('\n');
    expect(parse(text).config.staticRoutes).toMatchObject([
      { prefix: { address: '0.0.0.0', prefixLength: 0 }, nextHop: '198.51.100.1' },
      { prefix: { address: '10.0.0.0', prefixLength: 8 }, interface: 'Ethernet1', distance: 200 },
      {
        prefix: { address: '10.2.0.0', prefixLength: 16 },
        interface: 'Ethernet1',
        nextHop: '10.1.4.2',
        distance: 5,
        name: 'backup',
      },
    ]);
  });

  it('GIVEN host bits, a bad mask, a bad distance and a missing target WHEN parsed THEN each route is skipped with a code', () => {
    const text = [
      'ip route 10.1.1.1 255.255.255.0 Ethernet1',
      'ip route 10.0.0.0 255.0.255.0 Ethernet1',
      'ip route 10.0.0.0 255.0.0.0 Ethernet1 300',
      'ip route 10.0.0.0 255.0.0.0',
    ].join('\n');
    const { config, diagnostics } = parse(text);
    expect(config.staticRoutes).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([
      'INCONSISTENT_MASK',
      'BAD_MASK',
      'BAD_NUMBER',
      'BAD_ROUTE',
    ]);
  });

  it('GIVEN a VRF route and a multicast route WHEN parsed THEN they are NOT_MODELLED warnings and not routes', () => {
    const { config, diagnostics } = parse(
      'ip route vrf RED 10.0.0.0 255.0.0.0 1.1.1.1\nip route 10.0.0.0 255.0.0.0 1.1.1.1 multicast',
    );
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.line)).toEqual([1, 2]);
    expect(config.staticRoutes).toHaveLength(0);
  });

  it('GIVEN track and permanent WHEN parsed THEN they are fields of the route, not NOT_MODELLED, and both at once are refused', () => {
    const { config, diagnostics } = parse(
      'ip route 10.0.0.0 255.0.0.0 1.1.1.1 track 5\nip route 10.1.0.0 255.255.0.0 Ethernet1 permanent\nip route 10.2.0.0 255.255.0.0 Ethernet1 permanent track 3',
    );
    expect(config.staticRoutes).toMatchObject([
      { nextHop: '1.1.1.1', track: 5 },
      { interface: 'Ethernet1', permanent: true },
    ]);
    expect(diagnostics.filter((d) => d.line > 0).map((d) => [d.code, d.line])).toEqual([['BAD_ROUTE', 3]]);
  });

  it('GIVEN every spelling of the null interface and a spaced interface name WHEN parsed THEN they read as Null0 and the joined name', () => {
    const text = [
      'ip route 10.1.0.0 255.255.0.0 Null0',
      'ip route 10.2.0.0 255.255.0.0 null 0 250',
      'ip route 10.3.0.0 255.255.0.0 Nu0',
      'ip route 10.4.0.0 255.255.0.0 Ethernet 1 10.9.9.9',
    ].join('\n');
    expect(parse(text).config.staticRoutes).toMatchObject([
      { interface: 'Null0' },
      { interface: 'Null0', distance: 250 },
      { interface: 'Null0' },
      { interface: 'Ethernet1', nextHop: '10.9.9.9' },
    ]);
  });
});

describe('platform detection', () => {
  it('GIVEN version lines WHEN parsed THEN the platform family follows, and the option overrides it', () => {
    expect(parse('version 12.2\nhostname A').config.platform).toBe('ios-12.2');
    expect(parse('version 12.4\nhostname A').config.platform).toBe('ios-12.2');
    expect(parse('version 15.7\nhostname A').config.platform).toBe('ios-15');
    expect(parse('version 16.9\nhostname A').config.platform).toBe('ios-xe-17');
    expect(parse('version 17.12\nhostname A').config).toMatchObject({ platform: 'ios-xe-17', version: '17.12' });
    expect(parseConfig('version 12.2\nhostname A', { platform: 'ios-xe-17' }).config).toMatchObject({
      platform: 'ios-xe-17',
      version: '12.2',
    });
  });

  it('GIVEN no version line WHEN parsed THEN ios-15 is assumed and said so', () => {
    const { config, diagnostics } = parse('hostname A');
    expect(config.platform).toBe('ios-15');
    expect(diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['info', 'PLATFORM_ASSUMED']);
  });
});
