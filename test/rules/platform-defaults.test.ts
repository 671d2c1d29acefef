import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSFORM_SETS,
  effectiveTransformSets,
  hasBuiltInDefaults,
  rejectsLegacyAlgorithms,
} from '../../lib/rules/platform-defaults.js';
import { twoSpokeLab } from './lab-ir.js';

describe('platform defaults', () => {
  it('GIVEN entries naming transform sets WHEN resolved THEN configured sets come in order and unknown names are skipped', () => {
    const { hub } = twoSpokeLab();
    const withTwo = {
      ...hub,
      transformSets: [...hub.transformSets, { name: 'strong', transforms: ['esp-aes 256', 'esp-sha256-hmac'] }],
    };
    expect(effectiveTransformSets(withTwo, ['strong', 'missing', 'myset']).map((t) => t.name)).toEqual([
      'strong',
      'myset',
    ]);
  });

  it('GIVEN an entry naming no transform set WHEN resolved THEN 12.2 has none and newer releases use the built-in sets', () => {
    const { hub } = twoSpokeLab();
    expect(hasBuiltInDefaults(hub)).toBe(false);
    expect(effectiveTransformSets(hub, [])).toEqual([]);
    const xe = { ...hub, platform: 'ios-xe-17' as const };
    expect(effectiveTransformSets(xe, []).map((t) => t.transforms)).toEqual(
      DEFAULT_TRANSFORM_SETS.map((t) => t.transforms),
    );
    expect(DEFAULT_TRANSFORM_SETS[0]!.transforms).toEqual(['esp-aes', 'esp-sha-hmac']);
  });

  it('GIVEN IOS-XE versions WHEN legacy rejection is asked THEN only 17.11+ without the shield disabled rejects', () => {
    const { hub } = twoSpokeLab();
    const xe = { ...hub, platform: 'ios-xe-17' as const };
    expect(rejectsLegacyAlgorithms({ ...xe, version: '17.11' })).toBe(true);
    expect(rejectsLegacyAlgorithms({ ...xe, version: '18.1' })).toBe(true);
    expect(rejectsLegacyAlgorithms({ ...xe, version: '17.3' })).toBe(false);
    const { version: _v, ...noVersion } = xe;
    expect(rejectsLegacyAlgorithms(noVersion)).toBe(true);
    expect(rejectsLegacyAlgorithms({ ...xe, options: { complianceShieldDisabled: true } })).toBe(false);
    expect(rejectsLegacyAlgorithms({ ...hub, platform: 'ios-15' })).toBe(false);
  });
});
