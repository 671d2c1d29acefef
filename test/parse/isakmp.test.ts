import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const parse = (text: string) => parseConfig(text, { file: 'ike.cfg' });

describe('crypto isakmp policy', () => {
  it('GIVEN encryption spelled out and abbreviated with key sizes WHEN parsed THEN the IR names the algorithm', () => {
    const text = [
      'crypto isakmp policy 1',
      ' encryption des',
      'crypto isakmp policy 2',
      ' encr 3des',
      'crypto isakmp policy 3',
      ' encr aes',
      'crypto isakmp policy 4',
      ' encr aes 128',
      'crypto isakmp policy 5',
      ' encryption aes 192',
      'crypto isakmp policy 6',
      ' encr aes 256',
    ].join('\n');
    expect(parse(text).config.isakmpPolicies.map((p) => p.encryption)).toEqual([
      'des',
      '3des',
      'aes',
      'aes',
      'aes-192',
      'aes-256',
    ]);
  });

  it('GIVEN a bare policy WHEN parsed THEN unset fields stay undefined (defaults are a rule, not parser output)', () => {
    const policy = parse('crypto isakmp policy 20\n!').config.isakmpPolicies[0]!;
    expect(policy).toEqual({ priority: 20, loc: { file: 'ike.cfg', line: 1 } });
  });

  it('GIVEN hash, authentication, group and lifetime WHEN parsed THEN each is read', () => {
    const text = 'crypto isakmp policy 10\n hash sha384\n authentication rsa-encr\n group 19\n lifetime 3600';
    expect(parse(text).config.isakmpPolicies[0]).toMatchObject({
      hash: 'sha384',
      authentication: 'rsa-encr',
      group: 19,
      lifetime: 3600,
    });
  });

  it('GIVEN unknown algorithms and out-of-range values WHEN parsed THEN each line is skipped with a coded error', () => {
    const text =
      'crypto isakmp policy 10\n encr blowfish\n hash sha1024\n authentication magic\n group 3\n lifetime 10\ncrypto isakmp policy 0';
    const { config, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([
      ['UNKNOWN_ALGORITHM', 2],
      ['UNKNOWN_ALGORITHM', 3],
      ['UNKNOWN_ALGORITHM', 4],
      ['UNKNOWN_ALGORITHM', 5],
      ['BAD_NUMBER', 6],
      ['BAD_NUMBER', 7],
    ]);
    expect(config.isakmpPolicies).toEqual([{ priority: 10, loc: { file: 'ike.cfg', line: 1 } }]);
  });
});

describe('crypto isakmp key', () => {
  it('GIVEN keys with type 0, 6 and 7, a netmask, the wildcard and no-xauth WHEN parsed THEN each is read', () => {
    const text = [
      'crypto isakmp key fakeA address 192.0.2.1',
      'crypto isakmp key 0 fakeB address 192.0.2.2 no-xauth',
      'crypto isakmp key 6 FAKEC address 192.0.2.3',
      'crypto isakmp key 7 0822455D0A16 address 192.0.2.4',
      'crypto isakmp key fakeD address 1.1.1.1 255.255.255.0',
      'crypto isakmp key fakeE address 0.0.0.0 0.0.0.0',
    ].join('\n');
    const keys = parse(text).config.isakmpKeys;
    expect(keys.map((k) => [k.encryption, k.address, k.prefixLength, k.noXauth ?? false])).toEqual([
      [0, '192.0.2.1', 32, false],
      [0, '192.0.2.2', 32, true],
      [6, '192.0.2.3', 32, false],
      [7, '192.0.2.4', 32, false],
      [0, '1.1.1.1', 24, false],
      [0, '0.0.0.0', 0, false],
    ]);
    expect(keys.map((k) => k.key)).toEqual(['fakeA', 'fakeB', 'FAKEC', '0822455D0A16', 'fakeD', 'fakeE']);
  });

  it('GIVEN the wildcard key as show running-config prints it (mask shown as blanks) WHEN parsed THEN it is the wildcard, not a key for host 0.0.0.0', () => {
    const keys = parse('crypto isakmp key fakeW address 0.0.0.0        \ncrypto isakmp key fakeH address 192.0.2.9')
      .config.isakmpKeys;
    expect(keys.map((k) => [k.address, k.prefixLength])).toEqual([
      ['0.0.0.0', 0],
      ['192.0.2.9', 32],
    ]);
    // Written either way it is one key: the later line replaces the earlier.
    const both = parse('crypto isakmp key fakeold address 0.0.0.0 0.0.0.0\ncrypto isakmp key fakenew address 0.0.0.0')
      .config.isakmpKeys;
    expect(both.map((k) => [k.key, k.prefixLength])).toEqual([['fakenew', 0]]);
  });

  it('GIVEN a second key for the same peer WHEN parsed THEN it replaces the first, as on IOS', () => {
    const keys = parse('crypto isakmp key fakeold address 192.0.2.1\ncrypto isakmp key fakenew address 192.0.2.1')
      .config.isakmpKeys;
    expect(keys.map((k) => k.key)).toEqual(['fakenew']);
  });

  it('GIVEN bad key lines WHEN parsed THEN errors and warnings never contain the key text', () => {
    const text = [
      'crypto isakmp key s3cr3t-fake address 300.1.1.1',
      'crypto isakmp key s3cr3t-fake address 10.0.0.0 0.0.0.255',
      'crypto isakmp key s3cr3t-fake hostname peer.example.com',
      'crypto isakmp key s3cr3t-fake',
      'crypto isakmp key s3cr3t-fake address 10.0.0.1 extra words',
    ].join('\n');
    const { config, diagnostics } = parse(text);
    expect(config.isakmpKeys).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['BAD_ADDRESS', 'BAD_MASK', 'NOT_MODELLED', 'MISSING_ARGUMENT']),
    );
    expect(JSON.stringify(diagnostics)).not.toContain('s3cr3t');
  });
});

describe('global crypto options', () => {
  it('GIVEN aggressive-mode disable and compliance shield disable WHEN parsed THEN the options are set', () => {
    const { config } = parse('crypto isakmp aggressive-mode disable\ncrypto engine compliance shield disable');
    expect(config.options).toEqual({ aggressiveModeDisabled: true, complianceShieldDisabled: true });
  });

  it('GIVEN keyrings, isakmp profiles, dynamic maps and ipsec profiles next to IKEv2 WHEN parsed THEN the first four are read and only the rest are NOT_MODELLED', () => {
    const text = [
      'crypto keyring KR',
      ' pre-shared-key address 1.2.3.4 key fakekr',
      'crypto isakmp profile P',
      ' keyring KR',
      'crypto ikev2 proposal default',
      'crypto ipsec profile IP',
      'crypto dynamic-map D 10',
      'ip nat inside source list 1 interface Gi1 overload',
    ].join('\n');
    const { diagnostics, config } = parse(text);
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => [d.severity, d.line])).toEqual([
      ['warning', 5],
      ['warning', 8],
    ]);
    expect(config.ipsecProfiles?.map((p) => p.name)).toEqual(['IP']);
    expect(JSON.stringify(diagnostics)).not.toContain('fakekr');
    expect(config.keyrings).toEqual([
      {
        name: 'KR',
        keys: [
          {
            peer: { kind: 'address', address: '1.2.3.4', prefixLength: 32 },
            key: 'fakekr',
            encryption: 0,
            loc: { file: 'ike.cfg', line: 2 },
          },
        ],
        extraLines: [],
        loc: { file: 'ike.cfg', line: 1 },
      },
    ]);
    expect(config.isakmpProfiles?.map((p) => [p.name, p.keyrings.map((k) => k.name)])).toEqual([['P', ['KR']]]);
    expect(config.extraLines.map((l) => l.text)).not.toContain(' keyring KR');
  });
});
