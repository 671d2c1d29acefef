import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';

const parse = (text: string) => parseConfig(text, { file: 't.cfg' });

describe('NAT lines', () => {
  it('GIVEN the modelled inside-source forms, a pool and inside/outside marks WHEN parsed THEN the IR holds them with their lines and no NOT_MODELLED', () => {
    const text = [
      'interface Gi1',
      ' ip nat outside',
      'interface Gi2',
      ' ip nat inside',
      'ip nat pool PUB 203.0.113.16 203.0.113.31 netmask 255.255.255.240',
      'ip nat inside source list 1 interface Gi1 overload',
      'ip nat inside source list NAT pool PUB',
      'ip nat inside source route-map RM pool PUB overload',
      'ip nat inside source static 10.2.0.10 198.51.100.50',
      'ip nat inside source static network 10.3.0.0 203.0.113.0 /24',
      'access-list 1 permit 10.2.0.0 0.0.0.255',
      'ip access-list extended NAT',
      ' permit ip any any',
      'route-map RM deny 10',
      ' match ip address NAT',
      'route-map RM permit 20',
    ].join('\n');
    const { config, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED' || d.severity === 'error')).toEqual([]);
    expect(config.interfaces.map((i) => i.nat)).toEqual(['outside', 'inside']);
    expect(config.natPools).toMatchObject([
      { name: 'PUB', start: '203.0.113.16', end: '203.0.113.31', prefixLength: 28, loc: { line: 5 } },
    ]);
    expect(config.natRules).toMatchObject([
      {
        kind: 'dynamic',
        match: { kind: 'list', acl: '1' },
        target: { kind: 'interface', interface: 'Gi1' },
        overload: true,
        loc: { line: 6 },
      },
      { kind: 'dynamic', match: { kind: 'list', acl: 'NAT' }, target: { kind: 'pool', pool: 'PUB' }, overload: false },
      { kind: 'dynamic', match: { kind: 'route-map', routeMap: 'RM' }, overload: true },
      { kind: 'static', local: '10.2.0.10', global: '198.51.100.50', prefixLength: 32, network: false },
      { kind: 'static', local: '10.3.0.0', global: '203.0.113.0', prefixLength: 24, network: true },
    ]);
    expect(config.routeMaps).toMatchObject([
      {
        name: 'RM',
        entries: [
          { seq: 10, action: 'deny', matchAddress: ['NAT'] },
          { seq: 20, action: 'permit', matchAddress: [] },
        ],
      },
    ]);
    // Rendered and parsed again: the same rules.
    expect(parse(renderConfig(config).text).config.natRules).toEqual(
      config.natRules?.map((r) => ({ ...r, loc: expect.anything() })),
    );
  });

  it('GIVEN NAT forms that are not modelled WHEN parsed THEN each is a NOT_MODELLED warning on its line', () => {
    const text = [
      'ip nat outside source static 203.0.113.5 10.2.0.99',
      'ip nat inside source static 10.2.0.20 198.51.100.51 extendable',
      'ip nat inside source static 10.2.0.21 198.51.100.52 no-alias',
      'ip nat inside source list 7 interface Gi1 vrf RED overload',
      'ip nat inside source static tcp 10.2.0.22 80 198.51.100.53 80',
      'ip nat translation timeout 300',
    ].join('\n');
    const { config, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(config.natRules).toBeUndefined();
  });

  it('GIVEN a NAT rule with a missing list, pool or route-map, or a route-map with other clauses WHEN parsed THEN the rule or clause is NOT_MODELLED', () => {
    const text = [
      'ip nat inside source list 9 interface Gi1 overload',
      'ip nat inside source list 1 pool NOPE',
      'ip nat inside source route-map NORM interface Gi1 overload',
      'ip nat inside source route-map RM interface Gi1 overload',
      'access-list 1 permit any',
      'route-map RM permit 10',
      ' match interface Gi2',
    ].join('\n');
    const { diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.line)).toEqual([1, 2, 3, 7]);
  });
});
