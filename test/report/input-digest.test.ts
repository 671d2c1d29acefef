import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inputDigest } from '../../lib/report/input-digest.js';

describe('inputDigest', () => {
  it('is the SHA-256 of the texts in file-name order, each followed by NUL', () => {
    const expected = createHash('sha256').update('A text\u0000B text\u0000').digest('hex');
    expect(
      inputDigest([
        { file: 'b.cfg', text: 'B text' },
        { file: 'a.cfg', text: 'A text' },
      ]),
    ).toBe(`sha256:${expected}`);
  });

  it('masks keys before hashing, so the digest cannot be used to test key guesses', () => {
    const withKey = (k: string) =>
      inputDigest([{ file: 'hub.cfg', text: `hostname Hub\ncrypto isakmp key ${k} address 10.1.2.1\n` }]);
    const masked = createHash('sha256')
      .update('hostname Hub\ncrypto isakmp key ***** address 10.1.2.1\n\u0000')
      .digest('hex');
    expect(withKey('cisco123')).toBe(`sha256:${masked}`);
    expect(withKey('FAKE-other-key')).toBe(withKey('cisco123'));
  });

  it('changes when any config text changes, not when the folder does', () => {
    const a = inputDigest([{ file: 'x/hub.cfg', text: 'hostname Hub\n' }]);
    expect(inputDigest([{ file: 'y/hub.cfg', text: 'hostname Hub\n' }])).toBe(a);
    expect(inputDigest([{ file: 'x/hub.cfg', text: 'hostname Hub2\n' }])).not.toBe(a);
  });
});
