import { describe, expect, it } from 'vitest';
import { emptyRouterConfig, type RouterConfig } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';

describe('renderConfig routes, access lists and object groups', () => {
  const base = (platform: RouterConfig['platform']): RouterConfig => emptyRouterConfig('R1', platform);

  it('GIVEN routes by interface, next hop, both, distance and name WHEN rendered THEN each has the ip route syntax', () => {
    const ir: RouterConfig = {
      ...base('ios-15'),
      staticRoutes: [
        { prefix: { address: '0.0.0.0', prefixLength: 0 }, nextHop: '198.51.100.1' },
        {
          prefix: { address: '10.2.0.0', prefixLength: 16 },
          interface: 'GigabitEthernet1',
          nextHop: '198.51.100.1',
          distance: 250,
          name: 'backup',
        },
      ],
    };
    const text = renderConfig(ir).text;
    expect(text).toContain('\nip route 0.0.0.0 0.0.0.0 198.51.100.1\n');
    expect(text).toContain('\nip route 10.2.0.0 255.255.0.0 GigabitEthernet1 198.51.100.1 250 name backup\n');
  });

  it('GIVEN named and numbered ACLs with ports, remarks and sequence numbers WHEN rendered THEN named lists carry seq only where the platform prints them', () => {
    const acls: RouterConfig['accessLists'] = [
      {
        name: 'WEB',
        type: 'extended',
        numbered: false,
        entries: [
          { kind: 'remark', seq: 5, text: 'web servers' },
          {
            kind: 'rule',
            seq: 10,
            action: 'permit',
            protocol: 'tcp',
            source: { kind: 'any' },
            sourcePort: { op: 'range', ports: [1024, 65535] },
            destination: { kind: 'host', address: '10.0.0.1' },
            destinationPort: { op: 'eq', ports: [80, 443] },
            trailing: 'log',
          },
          {
            kind: 'rule',
            seq: 20,
            action: 'deny',
            protocol: 50,
            source: { kind: 'wildcard', address: '10.0.0.0', wildcard: '0.255.0.255' },
            destination: { kind: 'any' },
          },
        ],
      },
      {
        name: '10',
        type: 'standard',
        numbered: true,
        entries: [
          {
            kind: 'rule',
            action: 'permit',
            protocol: 'ip',
            source: { kind: 'wildcard', address: '10.1.0.0', wildcard: '0.0.255.255' },
            destination: { kind: 'any' },
          },
        ],
      },
    ];
    const xe = renderConfig({ ...base('ios-xe-17'), accessLists: acls }).text;
    expect(xe).toContain(
      'ip access-list extended WEB\n 5 remark web servers\n 10 permit tcp any range 1024 65535 host 10.0.0.1 eq 80 443 log\n 20 deny 50 10.0.0.0 0.255.0.255 any\n',
    );
    expect(xe).toContain('\naccess-list 10 permit 10.1.0.0 0.0.255.255\n');
    const old = renderConfig({ ...base('ios-12.2'), accessLists: acls }).text;
    expect(old).toContain('ip access-list extended WEB\n remark web servers\n permit tcp any');
  });

  it('GIVEN entries out of sequence order in the IR WHEN rendered THEN they are printed by number (12.2 and numbered lists print no numbers, so text order is the only order) and read back in that order', () => {
    const r = (name: string, seq?: number) => ({
      kind: 'rule' as const,
      action: 'permit' as const,
      protocol: 'ip' as const,
      source: { kind: 'host' as const, address: name },
      destination: { kind: 'any' as const },
      ...(seq !== undefined ? { seq } : {}),
    });
    const acls: RouterConfig['accessLists'] = [
      {
        name: 'VPN',
        type: 'extended',
        numbered: false,
        entries: [r('10.0.0.1', 20), r('10.0.0.2', 10), r('10.0.0.3')],
      },
      { name: '110', type: 'extended', numbered: true, entries: [r('10.0.0.4', 30), r('10.0.0.5', 5)] },
    ];
    const xe = renderConfig({ ...base('ios-xe-17'), accessLists: acls }).text;
    expect(xe).toContain(
      'ip access-list extended VPN\n 10 permit ip host 10.0.0.2 any\n 20 permit ip host 10.0.0.1 any\n 30 permit ip host 10.0.0.3 any\n',
    );
    expect(xe).toContain('access-list 110 permit ip host 10.0.0.5 any\naccess-list 110 permit ip host 10.0.0.4 any\n');
    const old = renderConfig({ ...base('ios-12.2'), accessLists: acls }).text;
    expect(old).toContain(
      'ip access-list extended VPN\n permit ip host 10.0.0.2 any\n permit ip host 10.0.0.1 any\n permit ip host 10.0.0.3 any\n',
    );
    for (const text of [xe, old]) {
      const back = parseConfig(text).config.accessLists.map((a) =>
        a.entries.map((e) => (e.kind === 'rule' && e.source.kind === 'host' ? e.source.address : '')),
      );
      expect(back).toEqual([
        ['10.0.0.2', '10.0.0.1', '10.0.0.3'],
        ['10.0.0.5', '10.0.0.4'],
      ]);
    }
  });

  it('GIVEN object groups and ACL lines naming them WHEN rendered THEN the groups come before the lists, in IOS syntax', () => {
    const ir: RouterConfig = {
      ...base('ios-xe-17'),
      objectGroups: [
        {
          type: 'network',
          name: 'LANS',
          description: 'spoke LANs',
          items: [
            { kind: 'host', address: '10.9.9.9' },
            { kind: 'subnet', address: '10.1.0.0', mask: '255.255.0.0' },
            { kind: 'range', first: '10.2.0.1', last: '10.2.0.9' },
          ],
        },
        { type: 'network', name: 'ALL', items: [{ kind: 'group', name: 'LANS' }] },
        {
          type: 'service',
          name: 'SVC',
          items: [
            { kind: 'protocol', protocol: 'esp' },
            {
              kind: 'protocol',
              protocol: 'tcp-udp',
              sourcePort: { op: 'gt', ports: [1023] },
              destinationPort: { op: 'eq', ports: [53] },
            },
          ],
        },
      ],
      accessLists: [
        {
          name: 'F',
          type: 'extended',
          numbered: false,
          entries: [
            {
              kind: 'rule',
              action: 'permit',
              protocol: 'ip',
              service: 'SVC',
              source: { kind: 'object-group', name: 'ALL' },
              destination: { kind: 'any' },
            },
          ],
        },
      ],
    };
    const text = renderConfig(ir).text;
    expect(text).toContain(
      [
        'object-group network LANS',
        ' description spoke LANs',
        ' host 10.9.9.9',
        ' 10.1.0.0 255.255.0.0',
        ' range 10.2.0.1 10.2.0.9',
        'object-group network ALL',
        ' group-object LANS',
        'object-group service SVC',
        ' esp',
        ' tcp-udp source gt 1023 eq 53',
        '!',
        'ip access-list extended F',
        ' permit object-group SVC object-group ALL any',
      ].join('\n'),
    );
    const parsed = parseConfig(text);
    expect(parsed.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('renderConfig performance', () => {
  it('GIVEN a hub with 1,000,000 ACL lines WHEN rendered THEN it costs a small factor of formatting the lines by hand', () => {
    const entries = Array.from({ length: 1_000_000 }, (_, i) => ({
      kind: 'rule' as const,
      action: 'permit' as const,
      protocol: 'ip' as const,
      source: {
        kind: 'wildcard' as const,
        address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.0`,
        wildcard: '0.0.0.255',
      },
      destination: { kind: 'wildcard' as const, address: `172.16.${i & 255}.0`, wildcard: '0.0.0.255' },
    }));
    const ir: RouterConfig = {
      ...emptyRouterConfig('Big', 'ios-15'),
      accessLists: [{ name: 'BIG', type: 'extended', numbered: false, entries }],
    };
    // The least any renderer must print (timings belong to npm run bench, not here).
    const manual = entries
      .map(
        (e) =>
          ` ${e.action} ${e.protocol} ${e.source.address} ${e.source.wildcard} ${e.destination.address} ${e.destination.wildcard}`,
      )
      .join('\n');
    const { text, sourceMap } = renderConfig(ir);
    expect(sourceMap.length).toBeGreaterThan(1_000_000);
    expect(text.length).toBeGreaterThan(manual.length);
  }, 240_000);
});
