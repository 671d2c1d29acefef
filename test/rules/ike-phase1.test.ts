import { describe, expect, it } from 'vitest';
import { negotiatePhase1 } from '../../lib/rules/ike-phase1.js';
import { effectiveIsakmpPolicies, rejectsLegacyAlgorithms } from '../../lib/rules/platform-defaults.js';
import type { IsakmpPolicy, RouterConfig } from '../../lib/ir/router-config.js';
import { twoSpokeLab } from './lab-ir.js';

const withPolicies = (
  c: RouterConfig,
  isakmpPolicies: IsakmpPolicy[],
  extra: Partial<RouterConfig> = {},
): RouterConfig => ({
  ...c,
  isakmpPolicies,
  ...extra,
});

describe('effective policies', () => {
  it('GIVEN the lab policy (hash md5, pre-share) WHEN defaults are filled THEN it is DES/MD5/pre-share/group 1/86400', () => {
    const [p] = effectiveIsakmpPolicies(twoSpokeLab().hub);
    expect(p).toMatchObject({
      priority: 10,
      encryption: 'des',
      hash: 'md5',
      authentication: 'pre-share',
      group: 1,
      lifetime: 86400,
      builtIn: false,
    });
  });

  it('GIVEN no policy WHEN the platform is 12.2 THEN there is none, and on IOS 15 the built-in 65507-65514 apply', () => {
    const { hub } = twoSpokeLab();
    expect(effectiveIsakmpPolicies(withPolicies(hub, []))).toEqual([]);
    const modern = effectiveIsakmpPolicies(withPolicies(hub, [], { platform: 'ios-15' }));
    expect(modern.map((p) => p.priority)).toEqual([65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514]);
    expect(modern[1]).toMatchObject({
      encryption: 'aes',
      hash: 'sha',
      authentication: 'pre-share',
      group: 5,
      builtIn: true,
    });
  });
});

describe('main mode policy match', () => {
  it('GIVEN the lab WHEN spoke1 initiates to the hub THEN policy 10 matches with the offered lifetime', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const r = negotiatePhase1(spoke1, hub);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.policy.priority, r.lifetime]).toEqual([10, 86400]);
  });

  it('GIVEN different hashes WHEN negotiated THEN no-policy-match names the differing field', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const sha = withPolicies(spoke1, [{ priority: 10, authentication: 'pre-share', loc: { file: 's.cfg', line: 12 } }]);
    const r = negotiatePhase1(sha, hub);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('no-policy-match');
      expect(r.mismatches[0]?.fields).toEqual(['hash']);
      expect(r.locations).toContainEqual({ file: 's.cfg', line: 12 });
    }
  });

  it('GIVEN lifetimes that differ WHEN each side initiates THEN only the shorter side succeeds, and relaxLifetime lets both', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const short = withPolicies(spoke1, [{ priority: 10, hash: 'md5', authentication: 'pre-share', lifetime: 3600 }]);
    const fromShort = negotiatePhase1(short, hub);
    expect(fromShort.ok && fromShort.lifetime).toBe(3600);
    const fromLong = negotiatePhase1(hub, short);
    expect(fromLong.ok).toBe(false);
    if (!fromLong.ok) expect(fromLong.reason).toBe('lifetime');
    const relaxed = negotiatePhase1(hub, short, { relaxLifetime: true });
    expect(relaxed.ok && relaxed.lifetime).toBe(3600);
  });

  it('GIVEN policies without an authentication line (rsa-sig, the default) on both sides WHEN negotiated THEN they match like any attribute', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const p = [{ priority: 10, hash: 'md5' as const }];
    const r = negotiatePhase1(withPolicies(spoke1, p), withPolicies(hub, p));
    expect(r.ok && r.policy.authentication).toBe('rsa-sig');
  });

  it('GIVEN rsa-sig on one side and pre-share on the other WHEN negotiated THEN no policy matches, on the authentication field', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const r = negotiatePhase1(
      withPolicies(spoke1, [{ priority: 10, hash: 'md5' as const }]),
      withPolicies(hub, [{ priority: 10, hash: 'md5' as const, authentication: 'pre-share' as const }]),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('no-policy-match');
    expect(!r.ok && r.mismatches.map((m) => m.fields)).toEqual([['authentication']]);
  });

  it('GIVEN several responder policies WHEN negotiated THEN the lowest matching priority is taken', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const offer = withPolicies(spoke1, [
      { priority: 1, encryption: 'aes-256', hash: 'sha256', authentication: 'pre-share', group: 14 },
      { priority: 2, hash: 'md5', authentication: 'pre-share' },
    ]);
    const resp = withPolicies(hub, [
      { priority: 5, hash: 'md5', authentication: 'pre-share' },
      { priority: 20, encryption: 'aes-256', hash: 'sha256', authentication: 'pre-share', group: 14 },
    ]);
    const r = negotiatePhase1(offer, resp);
    expect(r.ok && r.policy.priority).toBe(5);
  });

  it('GIVEN an IOS-XE 17.11 responder WHEN only legacy policies exist THEN they are refused unless the compliance shield is off', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const xe = { ...hub, platform: 'ios-xe-17' as const, version: '17.12' };
    expect(rejectsLegacyAlgorithms(xe)).toBe(true);
    expect(rejectsLegacyAlgorithms({ ...xe, version: '17.9' })).toBe(false);
    const r = negotiatePhase1(spoke1, xe);
    expect(r.ok || r.reason).toBe('legacy-algorithm-rejected');
    expect(negotiatePhase1(spoke1, { ...xe, options: { complianceShieldDisabled: true } }).ok).toBe(true);
  });
});
