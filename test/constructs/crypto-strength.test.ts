import { describe, expect, it } from 'vitest';
import { Annotations } from '../../lib/constructs/annotations.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { IsakmpPolicy } from '../../lib/constructs/isakmp-policy.js';
import { Router } from '../../lib/constructs/router.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { newRouter, validationMessages } from './helpers.js';

describe('legacy crypto needs an explicit opt-in', () => {
  it('GIVEN hash md5 without opt-in on ios-15 WHEN validated THEN the router has one error naming the construct, the algorithm and both ways out', () => {
    const { router } = newRouter('ios-15');
    new IsakmpPolicy(router, 'Policy', { hash: 'md5' });
    const messages = validationMessages(router);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^Stack\/R1: legacy crypto on ios-15 router R1: Policy \(hash "md5"\)\. .*choose strong algorithms.*allowLegacyCrypto: true/,
    );
    // Classic IOS accepts MD5: the refusal is hubspoke's, not the platform's, and says nothing of IOS-XE.
    expect(messages[0]).not.toMatch(/FN72510|IOS-XE|compliance/);
  });

  it('GIVEN esp-des with the router opt-in on ios-12.2 WHEN validated THEN it is a warning, not an error', () => {
    const { router } = newRouter('ios-12.2', { allowLegacyCrypto: true });
    const ts = new TransformSet(router, 'Ts', { name: 'myset', transforms: ['esp-des', 'esp-md5-hmac'] });
    expect(validationMessages(router)).toEqual([]);
    expect(Annotations.of(ts).warnings).toEqual([
      'uses legacy crypto: transform "esp-des" (allowed by allowLegacyCrypto)',
      'uses legacy crypto: transform "esp-md5-hmac" (allowed by allowLegacyCrypto)',
    ]);
  });

  it('GIVEN 3DES with opt-in on ios-xe-17 but the compliance shield on WHEN validated THEN the IOS-XE 17.11 refusal asks only for the shield', () => {
    const { router } = newRouter('ios-xe-17', { allowLegacyCrypto: true });
    new IsakmpPolicy(router, 'Policy', { encryption: '3des' });
    const messages = validationMessages(router);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^Stack\/R1: legacy crypto on ios-xe-17 router R1: Policy \(encryption "3des"\)\. IOS-XE 17\.11 and later refuses .*FN72510/,
    );
    expect(messages[0]).toMatch(/keep allowLegacyCrypto and also set complianceShieldDisabled: true/);
  });

  it('GIVEN 3DES with opt-in and the shield disabled on ios-xe-17 WHEN rendered to IR THEN the shield option is set and only a warning remains', () => {
    const { router } = newRouter('ios-xe-17', { allowLegacyCrypto: true, complianceShieldDisabled: true });
    new IsakmpPolicy(router, 'Policy', { encryption: '3des' });
    expect(validationMessages(router)).toEqual([]);
    expect(router.toIr().options.complianceShieldDisabled).toBe(true);
  });

  it('GIVEN a PFS group 2 entry without opt-in WHEN validated THEN it is an error', () => {
    const { router } = newRouter('ios-15');
    new CryptoMap(router, 'Map', { name: 'M' }).addEntry({ seq: 10, peers: ['192.0.2.1'], pfs: 2 });
    expect(validationMessages(router).filter((m) => m.includes('legacy'))).toEqual([
      expect.stringMatching(/^Stack\/R1: legacy crypto on ios-15 router R1: Map\/Entry10 \(pfs "group2"\)/),
    ]);
  });
});

describe('the legacy-crypto refusal is one message per router', () => {
  it('GIVEN a policy, a transform set and a PFS entry with legacy crypto on ios-xe-17 WHEN validated THEN one message lists them all with both ways out', () => {
    const { router } = newRouter('ios-xe-17');
    new IsakmpPolicy(router, 'Policy', { encryption: 'des', hash: 'md5', group: 2 });
    new TransformSet(router, 'Ts', { name: 'old', transforms: ['esp-3des', 'esp-md5-hmac'] });
    new CryptoMap(router, 'Map', { name: 'M' }).addEntry({
      seq: 10,
      peers: ['192.0.2.1'],
      transformSets: ['old'],
      pfs: 5,
    });
    const legacy = validationMessages(router).filter((m) => m.includes('legacy'));
    expect(legacy).toHaveLength(1);
    expect(legacy[0]).toContain(
      'Stack/R1: legacy crypto on ios-xe-17 router R1: Policy (encryption "des", hash "md5", group "2"); ' +
        'Ts (transform "esp-3des", transform "esp-md5-hmac"); Map/Entry10 (pfs "group5"). IOS-XE 17.11 and later refuses',
    );
    expect(legacy[0]).toMatch(
      /Two ways out: choose strong algorithms .*; or, .*set allowLegacyCrypto: true .* and complianceShieldDisabled: true/,
    );
  });

  it('GIVEN two routers with legacy crypto WHEN validated THEN each has its own message, and a strong router none', () => {
    const { router, stack } = newRouter('ios-15');
    new IsakmpPolicy(router, 'Policy', { hash: 'md5' });
    new TransformSet(router, 'Ts', { name: 'old', transforms: ['esp-des', 'esp-sha-hmac'] });
    const other = new Router(stack, 'R2', { hostname: 'R2', platform: 'ios-15' });
    new IsakmpPolicy(other, 'Policy', { group: 1, hash: 'sha256', encryption: 'aes-256' });
    const strong = new Router(stack, 'R3', { hostname: 'R3', platform: 'ios-15' });
    new IsakmpPolicy(strong, 'Policy');
    const legacy = validationMessages(stack).filter((m) => m.includes('legacy'));
    expect(legacy.map((m) => m.split(':')[0])).toEqual(['Stack/R1', 'Stack/R2']);
    expect(legacy[0]).toContain('Policy (hash "md5"); Ts (transform "esp-des")');
    expect(legacy[1]).toContain('Policy (group "1")');
  });

  it('GIVEN legacy crypto allowed by one construct only WHEN validated THEN that construct warns and the others are refused', () => {
    const { router } = newRouter('ios-15');
    const policy = new IsakmpPolicy(router, 'Policy', { hash: 'md5', allowLegacyCrypto: true });
    new TransformSet(router, 'Ts', { name: 'old', transforms: ['esp-des', 'esp-sha-hmac'] });
    const legacy = validationMessages(router).filter((m) => m.includes('legacy'));
    expect(legacy).toEqual([expect.stringContaining('router R1: Ts (transform "esp-des")')]);
    expect(legacy[0]).not.toContain('Policy');
    expect(Annotations.of(policy).warnings).toEqual(['uses legacy crypto: hash "md5" (allowed by allowLegacyCrypto)']);
  });
});

describe('strong defaults', () => {
  it('GIVEN an IsakmpPolicy with no props on ios-xe-17 WHEN turned into IR THEN it is AES-256/SHA-256/group 19/pre-share', () => {
    const { router } = newRouter('ios-xe-17');
    new IsakmpPolicy(router, 'Policy');
    expect(validationMessages(router)).toEqual([]);
    expect(router.toIr().isakmpPolicies).toEqual([
      {
        priority: 10,
        encryption: 'aes-256',
        hash: 'sha256',
        authentication: 'pre-share',
        group: 19,
        origin: 'Stack/R1/Policy',
      },
    ]);
  });

  it('GIVEN an entry with no pfs prop WHEN turned into IR THEN PFS is on with a named group 19', () => {
    const { router } = newRouter('ios-xe-17');
    new CryptoMap(router, 'Map', { name: 'M' }).addEntry({ seq: 10, peers: ['192.0.2.1'] });
    expect(router.toIr().cryptoMaps[0]!.entries[0]!.pfs).toEqual({ group: 19 });
  });

  it('GIVEN default SHA-256 on ios-12.2, which lacks it WHEN validated THEN the error says to set hash explicitly', () => {
    const { router } = newRouter('ios-12.2');
    new IsakmpPolicy(router, 'Policy');
    expect(validationMessages(router).join('\n')).toMatch(
      /hash "sha256" \(the default\) is not supported on ios-12\.2 .*set hash explicitly/,
    );
  });

  it('GIVEN IOS 12.2 defaults in a policy WHEN turned into IR THEN values equal to the defaults are left out, as a running-config does', () => {
    const { router } = newRouter('ios-12.2', { allowLegacyCrypto: true });
    new IsakmpPolicy(router, 'Policy', { encryption: 'des', hash: 'md5', group: 1, lifetime: 86400 });
    expect(router.toIr().isakmpPolicies[0]).toEqual({
      priority: 10,
      hash: 'md5',
      authentication: 'pre-share',
      origin: 'Stack/R1/Policy',
    });
  });

  it('GIVEN a policy changed through update() WHEN validated THEN the new values are checked', () => {
    const { router } = newRouter('ios-xe-17');
    const p = new IsakmpPolicy(router, 'Policy');
    p.update({ group: 5 });
    expect(validationMessages(router).join('\n')).toMatch(/legacy crypto on ios-xe-17 router R1: Policy \(group "5"\)/);
    expect(() => p.update({ lifetime: 10 })).toThrow('Stack/R1/Policy: lifetime 10 is not a lifetime (60-86400 s)');
  });
});
