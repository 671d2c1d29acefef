import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyRouterConfig, type RouterConfig } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig, renderedForm } from '../../lib/render/index.js';
import { labHubIr } from './lab-ir.js';

const FAKE_KEY = 'fake-test-key-1';

function meaningfulLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && l !== '!')
    .sort();
}

describe('renderConfig in the 12.2 reference-lab style', () => {
  it('GIVEN the lab hub as IR WHEN rendered THEN it has exactly the command lines of the seed-lab hub.cfg, plus no shutdown per interface', () => {
    const reference = readFileSync(
      new URL('../fixtures/seed-lab/three-spokes/hub.cfg', import.meta.url),
      'utf8',
    ).replaceAll('cisco123', FAKE_KEY);
    // The lab's listing is a running-config, which leaves `no shutdown` out; a config that is
    // pushed to a router must bring each of its (two) interfaces up itself.
    const expected = `${reference} no shutdown\n no shutdown\n`;
    const { text } = renderConfig(labHubIr(FAKE_KEY));
    expect(meaningfulLines(text)).toEqual(meaningfulLines(expected));
  });

  it('GIVEN interfaces up and down WHEN rendered and parsed back THEN each is up or down as in the IR', () => {
    const ir = labHubIr(FAKE_KEY);
    const down = { ...ir, interfaces: ir.interfaces.map((i, n) => ({ ...i, shutdown: n === 0 })) };
    const text = renderConfig(down).text;
    expect(text).toMatch(/interface Ethernet0\n(?: .*\n)* shutdown\n/);
    expect(text).toMatch(/interface Ethernet1\n(?: .*\n)* no shutdown\n/);
    const parsed = parseConfig(text, { file: 'hub.cfg' });
    expect(parsed.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(parsed.config.interfaces.map((i) => [i.name, i.shutdown])).toEqual([
      ['Ethernet0', true],
      ['Ethernet1', false],
    ]);
  });

  it('GIVEN the lab hub WHEN rendered THEN sections come in the fixed order and the text ends with end', () => {
    const { text } = renderConfig(labHubIr(FAKE_KEY));
    const lines = text.split('\n');
    const first = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    const order = [
      'version 12.2',
      'hostname Hub',
      'crypto isakmp policy',
      'crypto isakmp key',
      'crypto ipsec transform-set',
      'crypto map',
      'interface',
      'ip route',
      'access-list',
      'ip subnet-zero',
      'end',
    ];
    const positions = order.map(first);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.endsWith('end\n')).toBe(true);
  });

  it('GIVEN origins on IR elements WHEN rendered THEN the source map points each line at its element', () => {
    const { text, sourceMap } = renderConfig(labHubIr(FAKE_KEY));
    const lines = text.split('\n');
    expect(sourceMap.length).toBe(lines.length - 1);
    const entryLine = lines.indexOf('crypto map mymap 20 ipsec-isakmp');
    expect(sourceMap[entryLine]).toBe('Lab/Hub/Entry20');
    expect(sourceMap[entryLine + 1]).toBe('Lab/Hub/Entry20');
    expect(sourceMap[lines.indexOf(' hash md5')]).toBe('Lab/Hub/Policy10');
    expect(sourceMap[lines.indexOf(' crypto map mymap')]).toBe('Lab/Hub/Wan');
    expect(sourceMap[lines.indexOf('end')]).toBeUndefined();
    expect(sourceMap[lines.indexOf('!')]).toBeUndefined();
  });

  it('GIVEN the same IR twice WHEN rendered THEN the outputs are byte-identical', () => {
    expect(renderConfig(labHubIr(FAKE_KEY)).text).toBe(renderConfig(labHubIr(FAKE_KEY)).text);
  });
});

describe('renderConfig sections', () => {
  const base = (platform: RouterConfig['platform']): RouterConfig => emptyRouterConfig('R1', platform);

  it('GIVEN keys with a mask, the wildcard key, an encrypted key and no-xauth WHEN rendered THEN each uses the IOS key syntax', () => {
    const ir: RouterConfig = {
      ...base('ios-15'),
      isakmpKeys: [
        { key: 'k-a', encryption: 0, address: '10.0.0.0', prefixLength: 8 },
        { key: 'k-b', encryption: 0, address: '0.0.0.0', prefixLength: 0 },
        { key: 'ENC6', encryption: 6, address: '192.0.2.1', prefixLength: 32, noXauth: true },
      ],
    };
    const lines = renderConfig(ir).text.split('\n');
    expect(lines).toContain('crypto isakmp key k-a address 10.0.0.0 255.0.0.0');
    expect(lines).toContain('crypto isakmp key k-b address 0.0.0.0 0.0.0.0');
    expect(lines).toContain('crypto isakmp key 6 ENC6 address 192.0.2.1 no-xauth');
  });

  it('GIVEN an AES-256 policy WHEN rendered for 12.2, 15 and IOS-XE THEN 12.2 spells encryption and the others abbreviate to encr', () => {
    const policy = {
      priority: 5,
      encryption: 'aes-256' as const,
      hash: 'sha256' as const,
      authentication: 'pre-share' as const,
      group: 14,
    };
    const on = (p: RouterConfig['platform']) => renderConfig({ ...base(p), isakmpPolicies: [policy] }).text;
    expect(on('ios-12.2')).toContain('\n encryption aes 256\n');
    expect(on('ios-15')).toContain('\n encr aes 256\n');
    expect(on('ios-xe-17')).toContain('\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n');
  });

  it('GIVEN a policy holding only default values WHEN rendered for IOS-XE THEN no default is printed, but 12.2 prints them', () => {
    const policy = {
      priority: 7,
      encryption: 'des' as const,
      hash: 'sha' as const,
      authentication: 'rsa-sig' as const,
      group: 1,
      lifetime: 86400,
    };
    const xe = renderConfig({ ...base('ios-xe-17'), isakmpPolicies: [policy] }).text;
    expect(xe).toContain('crypto isakmp policy 7\n!');
    expect(xe).not.toContain('lifetime');
    const old = renderConfig({ ...base('ios-12.2'), isakmpPolicies: [policy] }).text;
    expect(old).toContain(' encryption des\n hash sha\n authentication rsa-sig\n group 1\n lifetime 86400\n');
  });

  it('GIVEN the compliance shield option WHEN rendered THEN IOS-XE prints it and 12.2 (which lacks the command) does not', () => {
    const ir = (p: RouterConfig['platform']): RouterConfig => ({
      ...base(p),
      options: { complianceShieldDisabled: true, aggressiveModeDisabled: true },
    });
    expect(renderConfig(ir('ios-xe-17')).text).toContain('\ncrypto engine compliance shield disable\n');
    expect(renderConfig(ir('ios-12.2')).text).not.toContain('compliance shield');
    expect(renderConfig(ir('ios-12.2')).text).toContain('\ncrypto isakmp aggressive-mode disable\n');
  });

  it('GIVEN crypto map entries with PFS, lifetimes, several peers and a dynamic entry WHEN rendered THEN the body lines are in IOS order', () => {
    const ir: RouterConfig = {
      ...base('ios-15'),
      cryptoMaps: [
        {
          name: 'VPN',
          entries: [
            {
              seq: 10,
              type: 'ipsec-isakmp',
              description: 'to site 1',
              peers: ['192.0.2.1', '192.0.2.2'],
              transformSets: ['A', 'B'],
              matchAddress: 'ACL1',
              pfs: { group: 14 },
              saLifetimeSeconds: 1800,
              saLifetimeKilobytes: 100000,
              extraLines: ['set security-association idle-time 600'],
            },
            { seq: 20, type: 'ipsec-isakmp', peers: ['192.0.2.3'], transformSets: ['A'], pfs: {}, extraLines: [] },
            { seq: 30, type: 'dynamic', dynamicMap: 'DYN', peers: [], transformSets: [], extraLines: [] },
          ],
        },
      ],
    };
    expect(renderConfig(ir).text).toContain(
      [
        'crypto map VPN 10 ipsec-isakmp',
        ' description to site 1',
        ' set peer 192.0.2.1',
        ' set peer 192.0.2.2',
        ' set security-association lifetime seconds 1800',
        ' set security-association lifetime kilobytes 100000',
        ' set transform-set A B',
        ' set pfs group14',
        ' match address ACL1',
        ' set security-association idle-time 600',
        'crypto map VPN 20 ipsec-isakmp',
        ' set peer 192.0.2.3',
        ' set transform-set A',
        ' set pfs',
        'crypto map VPN 30 ipsec-isakmp dynamic DYN',
      ].join('\n'),
    );
  });

  it('GIVEN transform sets with key sizes and a mode WHEN rendered THEN the transforms are printed in order with the mode line', () => {
    const ir: RouterConfig = {
      ...base('ios-xe-17'),
      transformSets: [{ name: 'TS', transforms: ['esp-aes 256', 'esp-sha256-hmac'], mode: 'transport require' }],
    };
    expect(renderConfig(ir).text).toContain(
      'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode transport require\n',
    );
  });

  it('GIVEN interfaces with secondaries, shutdown and no address WHEN rendered THEN IOS interface lines are printed', () => {
    const ir: RouterConfig = {
      ...base('ios-15'),
      interfaces: [
        {
          name: 'GigabitEthernet1',
          description: 'WAN',
          address: { ip: '198.51.100.2', prefixLength: 30 },
          secondaryAddresses: [{ ip: '198.51.100.9', prefixLength: 29 }],
          shutdown: true,
          cryptoMap: 'VPN',
          extraLines: ['negotiation auto'],
        },
        { name: 'GigabitEthernet2', secondaryAddresses: [], shutdown: false, extraLines: [] },
      ],
    };
    const text = renderConfig(ir).text;
    expect(text).toContain(
      'interface GigabitEthernet1\n description WAN\n ip address 198.51.100.2 255.255.255.252\n ip address 198.51.100.9 255.255.255.248 secondary\n shutdown\n negotiation auto\n crypto map VPN\n!',
    );
    expect(text).toContain('interface GigabitEthernet2\n no ip address\n no shutdown\n!');
  });

  it('GIVEN a description containing a line break WHEN rendered THEN it stays on one line', () => {
    const ir: RouterConfig = {
      ...base('ios-15'),
      interfaces: [
        { name: 'Gi1', description: 'a\nhostname evil', secondaryAddresses: [], shutdown: false, extraLines: [] },
      ],
    };
    expect(renderConfig(ir).text).not.toMatch(/^hostname evil/m);
  });

  it('GIVEN an IR without version WHEN rendered THEN the platform default version is printed and renderedForm says so', () => {
    const ir = base('ios-xe-17');
    expect(renderConfig(ir).text.startsWith('version 17.9\n')).toBe(true);
    expect(renderedForm(ir).version).toBe('17.9');
  });
});
