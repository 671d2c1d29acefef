/**
 * L1 NAT constructs: RouteMap, InsideSourceNat and an Interface's NAT side. Their IR is what the
 * parser reads back from the rendered text, and bad props are refused naming path and property.
 */
import { describe, expect, it } from 'vitest';
import { InsideSourceNat } from '../../lib/constructs/inside-source-nat.js';
import { Interface } from '../../lib/constructs/interface.js';
import { RouteMap } from '../../lib/constructs/route-map.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';
import { newRouter } from './helpers.js';

describe('GIVEN NAT constructs on a router', () => {
  it('WHEN synthesized THEN route-map entries are in sequence order and the text parses back to the same NAT IR', () => {
    const { router } = newRouter();
    new Interface(router, 'Lan', { name: 'GigabitEthernet2', address: '10.1.0.1/24', nat: 'inside' });
    const wan = new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.11/24' });
    wan.setNat('outside');
    const map = new RouteMap(router, 'Map', {
      name: 'NAT',
      entries: [{ seq: 20, action: 'permit', matchAddress: [110] }],
    });
    map.addEntry({ seq: 10, action: 'deny', matchAddress: ['VPN', 'OTHER'] });
    map.addEntry({ seq: 30, action: 'deny' });
    new InsideSourceNat(router, 'Nat', { match: { routeMap: 'NAT' }, interface: 'GigabitEthernet1' });
    new InsideSourceNat(router, 'Nat2', { match: { accessList: 1 }, interface: 'GigabitEthernet1', overload: false });
    const ir = router.toIr();
    expect(ir.interfaces.map((i) => i.nat)).toEqual(['inside', 'outside']);
    expect(ir.routeMaps![0]!.entries.map((e) => [e.seq, e.action, e.matchAddress])).toEqual([
      [10, 'deny', ['VPN', 'OTHER']],
      [20, 'permit', ['110']],
      [30, 'deny', []],
    ]);
    const text = renderConfig(ir).text;
    expect(text).toContain('\nip nat inside source route-map NAT interface GigabitEthernet1 overload\n');
    expect(text).toContain('\nip nat inside source list 1 interface GigabitEthernet1\n');
    const back = parseConfig(text, { file: 'R1.cfg' }).config;
    expect(back.natRules?.map(({ origin: _o, loc: _l, ...r }) => r)).toEqual(
      ir.natRules?.map(({ origin: _o, ...r }) => r),
    );
    expect(back.routeMaps?.[0]?.entries.map((e) => [e.seq, e.action, e.matchAddress])).toEqual(
      ir.routeMaps![0]!.entries.map((e) => [e.seq, e.action, e.matchAddress]),
    );
    expect(back.interfaces.map((i) => i.nat)).toEqual(['inside', 'outside']);
  });

  it('WHEN an entry is removed or the NAT side cleared THEN it is gone from the IR; a missing entry is refused', () => {
    const { router } = newRouter();
    const lan = new Interface(router, 'Lan', { name: 'GigabitEthernet2', address: '10.1.0.1/24', nat: 'inside' });
    lan.setNat(undefined);
    const map = new RouteMap(router, 'Map', { name: 'NAT', entries: [{ seq: 10, action: 'deny' }] });
    map.removeEntry(10);
    expect(router.toIr().interfaces[0]!.nat).toBeUndefined();
    expect(router.toIr().routeMaps![0]!.entries).toEqual([]);
    expect(() => map.removeEntry(10)).toThrow('Stack/R1/Map: removeEntry: route-map NAT has no entry 10');
  });

  it('WHEN props are wrong THEN the error names the construct path and the property', () => {
    const { router } = newRouter();
    expect(() => new RouteMap(router, 'A', { name: 'bad name' })).toThrow(/Stack\/R1\/A: name .*is not a valid name/);
    expect(() => new RouteMap(router, 'B', { name: 'M', entries: [{ seq: 0, action: 'deny' }] })).toThrow(
      /Stack\/R1\/B: entries\[0\]\.seq .*is not a route-map sequence number/,
    );
    expect(() => new RouteMap(router, 'C', { name: 'M', entries: [{ seq: 5, action: 'allow' as 'deny' }] })).toThrow(
      /Stack\/R1\/C: entries\[0\]\.action .*is not a route-map action/,
    );
    const dup = new RouteMap(router, 'D', { name: 'M', entries: [{ seq: 5, action: 'deny' }] });
    expect(() => dup.addEntry({ seq: 5, action: 'permit' })).toThrow(/Stack\/R1\/D.*already has entry 5/);
    expect(
      () => new InsideSourceNat(router, 'E', { match: {} as { routeMap: string }, interface: 'GigabitEthernet1' }),
    ).toThrow(/Stack\/R1\/E: match .*must name one of accessList or routeMap/);
    expect(() => new InsideSourceNat(router, 'F', { match: { routeMap: 'M' }, interface: '' })).toThrow(
      /Stack\/R1\/F: interface/,
    );
    expect(() => new Interface(router, 'G', { name: 'GigabitEthernet3', nat: 'both' as 'inside' })).toThrow(
      /Stack\/R1\/G: nat .*is not a NAT side/,
    );
  });
});
