import { describe, expect, it } from 'vitest';
import { stripProvenance } from '../../lib/ir/strip-provenance.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';

const parse = (text: string) => {
  const { config, diagnostics } = parseConfig(`hostname R\n${text}`, { file: 'dyn.cfg', platform: 'ios-15' });
  return { config, diagnostics: diagnostics.map((d) => ({ ...d, line: d.line - 1 })) };
};
const warnings = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.severity !== 'info')
    .map((d) => [d.code, d.line]);

const HUB = [
  'crypto dynamic-map DYN-SPOKES 10',
  ' description dhcp branches',
  ' set transform-set TS',
  ' set pfs group14',
  ' set isakmp-profile SPOKES',
  ' match address DYN-ACL',
  ' reverse-route',
  'crypto map VPN 10 ipsec-isakmp',
  ' set peer 198.51.100.10',
  ' set transform-set TS',
  ' match address TO-STATIC',
  'crypto map VPN 65535 ipsec-isakmp dynamic DYN-SPOKES',
].join('\n');

describe('dynamic crypto maps', () => {
  it('GIVEN a hub with a static entry and a dynamic entry at 65535 WHEN parsed THEN both are read without NOT_MODELLED', () => {
    const { config, diagnostics } = parse(HUB);
    expect(diagnostics).toEqual([]);
    expect(config.cryptoMaps[0]!.entries.map((e) => [e.seq, e.type, e.dynamicMap])).toEqual([
      [10, 'ipsec-isakmp', undefined],
      [65535, 'dynamic', 'DYN-SPOKES'],
    ]);
    expect(stripProvenance(config.dynamicMaps)).toEqual([
      {
        name: 'DYN-SPOKES',
        entries: [
          {
            seq: 10,
            description: 'dhcp branches',
            peers: [],
            transformSets: ['TS'],
            pfs: { group: 14 },
            isakmpProfile: 'SPOKES',
            matchAddress: 'DYN-ACL',
            reverseRoute: {},
            extraLines: [],
          },
        ],
      },
    ]);
    expect(config.dynamicMaps![0]!.entries[0]!.loc).toEqual({ file: 'dyn.cfg', line: 2 }); // after the hostname line
  });

  it('GIVEN dynamic map entries out of order, re-entered and negated WHEN parsed THEN they are sorted and merged, and no lines undo', () => {
    const { config } = parse(
      'crypto dynamic-map D 20\n set transform-set B\ncrypto dynamic-map D 5\n set transform-set A\n reverse-route\n set peer 192.0.2.7\ncrypto dynamic-map D 5\n no reverse-route\n no set peer',
    );
    expect(config.dynamicMaps![0]!.entries.map((e) => [e.seq, e.transformSets, e.reverseRoute, e.peers])).toEqual([
      [5, ['A'], undefined, []],
      [20, ['B'], undefined, []],
    ]);
  });

  it('GIVEN reverse-route forms hubspoke does not model, ASA one-liners and discover WHEN parsed THEN each is NOT_MODELLED', () => {
    expect(
      warnings(
        [
          'crypto dynamic-map D 10',
          ' reverse-route remote-peer 192.0.2.1',
          ' reverse-route static',
          'crypto map M 10 ipsec-isakmp',
          ' reverse-route',
          'crypto dynamic-map A 10 set pfs group1',
          'crypto map M 20 ipsec-isakmp dynamic D discover',
        ].join('\n'),
      ),
    ).toEqual([
      ['NOT_MODELLED', 2],
      ['NOT_MODELLED', 3],
      ['NOT_MODELLED', 5],
      ['NOT_MODELLED', 6],
      ['NOT_MODELLED', 7],
    ]);
  });

  it('GIVEN a malformed dynamic-map header WHEN parsed THEN it is a coded error', () => {
    expect(warnings('crypto dynamic-map D\ncrypto dynamic-map D 0\ncrypto dynamic-map D 10 x')).toEqual([
      ['BAD_CRYPTO_MAP', 1],
      ['BAD_CRYPTO_MAP', 2],
      ['BAD_CRYPTO_MAP', 3],
    ]);
  });
});

describe('addresses and routes learnt at run time', () => {
  it('GIVEN ip address dhcp, ip address negotiated and a later static address WHEN parsed THEN the last one is the interface address, without NOT_MODELLED', () => {
    const { config, diagnostics } = parse(
      'interface Gi0/0\n ip address dhcp\ninterface Dialer1\n ip address negotiated\ninterface Gi0/1\n ip address dhcp client-id Gi0/1\n ip address 10.0.0.1 255.255.255.0\ninterface Gi0/2\n ip address dhcp\n no ip address',
    );
    expect(diagnostics).toEqual([]);
    expect(config.interfaces.map((i) => [i.name, i.dynamicAddress, i.address?.ip])).toEqual([
      ['Gi0/0', 'dhcp', undefined],
      ['Dialer1', 'negotiated', undefined],
      ['Gi0/1', undefined, '10.0.0.1'],
      ['Gi0/2', undefined, undefined],
    ]);
  });

  it('GIVEN ip route ... dhcp in both forms WHEN parsed THEN the routes carry dhcp and render back the same', () => {
    const text =
      'ip route 0.0.0.0 0.0.0.0 dhcp\nip route 0.0.0.0 0.0.0.0 dhcp 200\nip route 10.0.0.0 255.0.0.0 Gi0/0 dhcp';
    const { config, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(stripProvenance(config.staticRoutes)).toEqual([
      { prefix: { address: '0.0.0.0', prefixLength: 0 }, dhcp: true },
      { prefix: { address: '0.0.0.0', prefixLength: 0 }, dhcp: true, distance: 200 },
      { prefix: { address: '10.0.0.0', prefixLength: 8 }, interface: 'Gi0/0', dhcp: true },
    ]);
    expect(renderConfig(config).text).toContain(`${text}\n`);
  });

  it('GIVEN pool addresses and a second dhcp word WHEN parsed THEN the first is NOT_MODELLED and the second an error', () => {
    expect(warnings('interface Gi1\n ip address pool P\nip route 0.0.0.0 0.0.0.0 dhcp dhcp')).toEqual([
      ['NOT_MODELLED', 2],
      ['BAD_ROUTE', 3],
    ]);
  });
});

describe('IP SLA operations', () => {
  it('GIVEN icmp-echo operations with their schedules WHEN parsed THEN each is read with its source, frequency and schedule', () => {
    const { config, diagnostics } = parse(
      [
        'ip sla 1',
        ' icmp-echo 10.0.0.1 source-ip 10.1.0.1',
        ' frequency 10',
        'ip sla schedule 1 life forever start-time now',
        'ip sla 2',
        ' icmp-echo 10.0.0.2 source-interface Vlan1',
        ' timeout 1000',
        'ip sla schedule 2 life 600 start-time after 00:01:00 ageout 30 recurring',
        'ip sla 3',
        ' udp-jitter 10.0.0.3 5000',
        'ip sla responder',
        'ip sla monitor 4',
        ' type echo protocol ipIcmpEcho 10.0.0.4',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(stripProvenance(config.ipSlas)).toEqual([
      {
        id: 1,
        icmpEcho: { destination: '10.0.0.1', source: { kind: 'address', address: '10.1.0.1' } },
        frequency: 10,
        schedule: { life: 'forever', startTime: 'now' },
        extraLines: [],
      },
      {
        id: 2,
        icmpEcho: { destination: '10.0.0.2', source: { kind: 'interface', interface: 'Vlan1' } },
        schedule: { life: 600, startTime: 'after 00:01:00', recurring: true },
        extraLines: ['timeout 1000'],
      },
      { id: 3, extraLines: ['udp-jitter 10.0.0.3 5000'] },
    ]);
    expect(config.extraLines.map((l) => l.text.trim())).toEqual([
      'ip sla responder',
      'ip sla monitor 4',
      'type echo protocol ipIcmpEcho 10.0.0.4',
    ]);
  });

  it('GIVEN a schedule for a missing operation, a bad frequency and a bad life WHEN parsed THEN each is reported and nothing is invented', () => {
    const { config, diagnostics } = parse(
      'ip sla schedule 9 life forever\nip sla 1\n icmp-echo 10.0.0.1\n frequency 0\nip sla schedule 1 life soon',
    );
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'UNKNOWN_SUBCOMMAND', 1],
      ['error', 'BAD_NUMBER', 4],
      ['error', 'BAD_NUMBER', 5],
    ]);
    expect(stripProvenance(config.ipSlas)).toEqual([{ id: 1, icmpEcho: { destination: '10.0.0.1' }, extraLines: [] }]);
  });
});
