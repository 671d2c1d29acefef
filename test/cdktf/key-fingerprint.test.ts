import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKeyFingerprint, keyFingerprint } from '../../lib/cdktf/key-fingerprint.js';

describe('keyFingerprint', () => {
  it('GIVEN two equal keys WHEN fingerprinted THEN the fingerprints are equal, and GIVEN different keys THEN they differ', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(keyFingerprint(a) === keyFingerprint(b)).toBe(a === b);
      }),
    );
  });

  it('GIVEN any key WHEN fingerprinted THEN the result is one IOS word of at most 128 characters that does not contain the key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (key) => {
        const fp = keyFingerprint(key);
        expect(isKeyFingerprint(fp)).toBe(true);
        expect(fp.length).toBeLessThanOrEqual(128);
        expect(fp).not.toMatch(/\s/);
        expect(fp.includes(key)).toBe(false);
      }),
    );
  });

  it('GIVEN a fixed key WHEN fingerprinted twice THEN the output is identical (deterministic)', () => {
    expect(keyFingerprint('fake-lab-key')).toBe(keyFingerprint('fake-lab-key'));
  });
});
