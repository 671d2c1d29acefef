import { describe, expect, it } from 'vitest';
import { emptyRouterConfig } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { DEFAULT_TRANSFORM_SETS, effectiveIsakmpPolicies, effectiveTransformSets } from '../../lib/rules/platform-defaults.js';

describe('platform defaults of ISAKMP policies and transform sets', () => {
  it('GIVEN an IOS 15 router without policies WHEN resolved THEN the built-in suites start as a real "show crypto isakmp policy" capture shows', () => {
    // Capture of "Default IKE policy" on IOS 15: 65507 AES-128/SHA/rsa-sig/group 5,
    // 65508 AES-128/SHA/pre-share/group 5, 65509 AES-128/MD5/rsa-sig/group 5, 65510 AES-128/MD5/pre-share/...
    const policies = effectiveIsakmpPolicies(emptyRouterConfig('R', 'ios-15'));
    expect(policies.map((p) => p.priority)).toEqual([65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514]);
    expect(policies.slice(0, 4).map((p) => [p.encryption, p.hash, p.authentication, p.group, p.lifetime])).toEqual([
      ['aes', 'sha', 'rsa-sig', 5, 86400],
      ['aes', 'sha', 'pre-share', 5, 86400],
      ['aes', 'md5', 'rsa-sig', 5, 86400],
      ['aes', 'md5', 'pre-share', 5, 86400],
    ]);
    expect(policies.every((p) => p.builtIn)).toBe(true);
  });

  it('GIVEN an IOS 12.2 router without policies WHEN resolved THEN there is none (built-in suites came with 12.4(20)T)', () => {
    expect(effectiveIsakmpPolicies(emptyRouterConfig('R', 'ios-12.2'))).toEqual([]);
    expect(effectiveTransformSets(emptyRouterConfig('R', 'ios-12.2'), [])).toEqual([]);
  });

  it('GIVEN the parsed lab policy with only hash md5 and pre-share WHEN resolved THEN it is DES/MD5/pre-share/group 1/86400', () => {
    const { config } = parseConfig('version 12.2\nhostname H\ncrypto isakmp policy 10\n hash md5\n authentication pre-share\n');
    expect(effectiveIsakmpPolicies(config).map((p) => [p.priority, p.encryption, p.hash, p.authentication, p.group, p.lifetime, p.builtIn])).toEqual([
      [10, 'des', 'md5', 'pre-share', 1, 86400, false],
    ]);
  });

  it('GIVEN an IOS-XE entry naming no transform set WHEN resolved THEN the default sets are offered, AES first', () => {
    expect(effectiveTransformSets(emptyRouterConfig('R', 'ios-xe-17'), []).map((t) => [t.name, t.transforms])).toEqual(
      DEFAULT_TRANSFORM_SETS.map((t) => [t.name, t.transforms]),
    );
    expect(DEFAULT_TRANSFORM_SETS[0]).toMatchObject({ name: '#$!default_transform_set_1', transforms: ['esp-aes', 'esp-sha-hmac'] });
  });
});
