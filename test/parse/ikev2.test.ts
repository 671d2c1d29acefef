import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const SECRET = 'Fake-Parse-Secret-4711';
const parse = (lines: string[]) =>
  parseConfig(['version 17.12', 'hostname hub', ...lines, 'end'].join('\n'), { file: 'hub.cfg' });
const notModelled = (lines: string[]) =>
  parse(lines)
    .diagnostics.filter((d) => d.code === 'NOT_MODELLED')
    .map((d) => d.line);

const HUB = [
  'crypto ikev2 proposal P',
  ' encryption aes-gcm-256',
  ' prf sha384',
  ' group 20 19',
  'crypto ikev2 policy POL',
  ' match fvrf any',
  ' match address local 198.51.100.2',
  ' proposal P',
  'crypto ikev2 keyring KR',
  ' peer BRANCH1',
  '  address 203.0.113.10',
  `  pre-shared-key local ${SECRET}`,
  `  pre-shared-key remote ${SECRET}x`,
  ' !',
  ' peer BRANCH2',
  '  identity fqdn branch2.example.net',
  `  pre-shared-key 6 ${SECRET}`,
  'crypto ikev2 profile PROF',
  ' match identity remote address 203.0.113.10 255.255.255.255',
  ' match identity remote fqdn domain example.net',
  ' identity local address 198.51.100.2',
  ' authentication remote pre-share',
  ' authentication remote rsa-sig',
  ' authentication local pre-share',
  ' keyring local KR',
  ' dpd 10 3 periodic',
  ' lifetime 28800',
  'crypto map VPN 10 ipsec-isakmp',
  ' set peer 203.0.113.10',
  ' set ikev2-profile PROF',
  ' match address 101',
];

describe('GIVEN an IKEv2 crypto-map configuration', () => {
  it('WHEN parsed THEN proposals, policies, keyrings, profiles and set ikev2-profile are read without NOT_MODELLED', () => {
    const { config, diagnostics } = parse(HUB);
    expect(diagnostics).toEqual([]);
    expect(config.ikev2Proposals?.[0]).toMatchObject({
      name: 'P',
      encryption: ['aes-gcm-256'],
      integrity: [],
      prf: ['sha384'],
      groups: [20, 19],
    });
    expect(config.ikev2Policies?.[0]).toMatchObject({
      matchFvrf: 'any',
      matchAddressLocal: ['198.51.100.2'],
      proposals: ['P'],
    });
    const [b1, b2] = config.ikev2Keyrings![0]!.peers;
    expect(b1).toMatchObject({
      name: 'BRANCH1',
      address: { address: '203.0.113.10', prefixLength: 32 },
      localKey: { encryption: 0 },
    });
    expect(b1?.key).toBeUndefined();
    expect(b2).toMatchObject({ identity: { kind: 'fqdn', value: 'branch2.example.net' }, key: { encryption: 6 } });
    expect(config.ikev2Profiles?.[0]).toMatchObject({
      matchIdentities: [
        { kind: 'address', address: '203.0.113.10', prefixLength: 32 },
        { kind: 'fqdn', value: 'example.net', domain: true },
      ],
      identityLocal: { kind: 'address', address: '198.51.100.2' },
      authenticationLocal: 'pre-share',
      authenticationRemote: ['pre-share', 'rsa-sig'],
      keyringLocal: 'KR',
      dpd: { interval: 10, retry: 3, mode: 'periodic' },
      lifetime: 28800,
    });
    expect(config.cryptoMaps[0]?.entries[0]?.ikev2Profile).toBe('PROF');
  });

  it('WHEN flattened (no indentation) THEN it reads to the same IR', () => {
    const flat = parse(HUB.map((l) => l.trimStart())).config;
    expect(JSON.stringify({ ...flat, interfaces: [] }).replace(/"loc":\{[^}]*\},?/g, '')).toBe(
      JSON.stringify({ ...parse(HUB).config, interfaces: [] }).replace(/"loc":\{[^}]*\},?/g, ''),
    );
  });

  it('WHEN lines outside the model appear THEN each is NOT_MODELLED (virtual-template is read) and no diagnostic quotes a key', () => {
    const lines = [
      'crypto ikev2 proposal default',
      ' group 21',
      'crypto ikev2 profile PROF',
      ' match certificate MAP',
      ' virtual-template 1',
      ` authentication local pre-share key ${SECRET}`,
      'crypto ikev2 dpd 10 2 on-demand',
    ];
    expect(notModelled(lines)).toEqual([3, 6, 8, 9]);
    expect(JSON.stringify(parse(lines).diagnostics)).not.toContain(SECRET);
  });

  it('WHEN a dynamic map entry names an IKEv2 profile THEN it is read, with no diagnostic (docs/ios-semantics.md#ikev2-dynamic-crypto-maps)', () => {
    const { config, diagnostics } = parse([
      'crypto dynamic-map DYN 10',
      ' set ikev2-profile PROF',
      ' set transform-set T',
    ]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([]);
    expect(config.dynamicMaps?.[0]?.entries[0]?.ikev2Profile).toBe('PROF');
  });

  it('WHEN smart defaults are removed and objects deleted THEN the IR says so', () => {
    const { config } = parse([
      ...HUB,
      'no crypto ikev2 proposal default',
      'no crypto ikev2 policy default',
      'no crypto ikev2 keyring KR',
    ]);
    expect(config.options.ikev2DefaultsOff).toEqual({ proposal: true, policy: true });
    expect(config.ikev2Keyrings).toBeUndefined();
  });

  it('WHEN an algorithm is unknown THEN the line is an error naming the proposal', () => {
    const d = parse(['crypto ikev2 proposal P', ' encryption aes-cbc-512']).diagnostics;
    expect(d).toMatchObject([{ code: 'UNKNOWN_ALGORITHM', line: 4 }]);
    expect(d[0]?.message).toContain('crypto ikev2 proposal P');
  });
});
