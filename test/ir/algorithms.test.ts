import { describe, expect, it } from 'vitest';
import {
  dhGroupStrength,
  isakmpPolicyFindings,
  isKnownTransform,
  pfsFindings,
  platformCryptoSupport,
  transformSetFindings,
  transformStrength,
} from '../../lib/ir/algorithms.js';

describe('algorithm strength (FN72510 and current guidance)', () => {
  it('GIVEN the reference lab policy (hash md5, DES and group 1 by default) WHEN assessed THEN all three are legacy and rejected by IOS-XE 17.11', () => {
    expect(isakmpPolicyFindings({ hash: 'md5' })).toEqual([
      { parameter: 'encryption', value: 'des', strength: 'legacy', rejectedByIosXe1711: true },
      { parameter: 'hash', value: 'md5', strength: 'legacy', rejectedByIosXe1711: true },
      { parameter: 'group', value: '1', strength: 'legacy', rejectedByIosXe1711: true },
    ]);
  });

  it('GIVEN AES-256, SHA-256 and group 19 WHEN assessed THEN there is no finding', () => {
    expect(isakmpPolicyFindings({ encryption: 'aes-256', hash: 'sha256', group: 19 })).toEqual([]);
  });

  it('GIVEN SHA-1 and group 14 WHEN assessed THEN they are acceptable but not rejected', () => {
    const f = isakmpPolicyFindings({ encryption: 'aes-256', hash: 'sha', group: 14 });
    expect(f.map((x) => [x.parameter, x.strength, x.rejectedByIosXe1711])).toEqual([
      ['hash', 'acceptable', false],
      ['group', 'acceptable', false],
    ]);
  });

  it('GIVEN the FN72510 transform list WHEN assessed THEN each is legacy; key sizes and spacing are normalized', () => {
    for (const t of ['esp-des', 'esp-3des', 'esp-md5-hmac', 'ah-md5-hmac', 'esp-null', 'esp-gmac'])
      expect(transformStrength(t)).toBe('legacy');
    expect(transformStrength('ESP-AES   256')).toBe('recommended');
    expect(transformSetFindings(['esp-aes 256', 'esp-sha256-hmac'])).toEqual([]);
    expect(isKnownTransform('esp-rot13')).toBe(false);
  });

  it('GIVEN a bare set pfs WHEN assessed THEN it counts as group 1 (legacy); group 20 is fine; no PFS has no finding', () => {
    expect(pfsFindings({})).toEqual([
      { parameter: 'pfs', value: 'group1', strength: 'legacy', rejectedByIosXe1711: true },
    ]);
    expect(pfsFindings({ group: 20 })).toEqual([]);
    expect(pfsFindings(undefined)).toEqual([]);
    expect(dhGroupStrength(99)).toBe('legacy');
  });

  it('GIVEN the platforms WHEN asked what they support THEN 12.2 lacks SHA-2 and groups above 5, and only IOS-XE rejects legacy by default', () => {
    expect(platformCryptoSupport('ios-12.2').isakmpHash).toEqual(['md5', 'sha']);
    expect(platformCryptoSupport('ios-12.2').dhGroups).toEqual([1, 2, 5]);
    expect(platformCryptoSupport('ios-12.2').transforms).not.toContain('esp-sha256-hmac');
    expect(platformCryptoSupport('ios-xe-17').rejectsLegacyByDefault).toBe(true);
    expect(platformCryptoSupport('ios-15').rejectsLegacyByDefault).toBe(false);
  });
});
