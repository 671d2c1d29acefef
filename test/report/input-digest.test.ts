import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inputDigest } from '../../lib/report/input-digest.js';

describe('inputDigest', () => {
  it('is the SHA-256 of the texts in file-name order, each followed by NUL', () => {
    const expected = createHash('sha256').update('A text\u0000B text\u0000').digest('hex');
    expect(inputDigest([{ file: 'b.cfg', text: 'B text' }, { file: 'a.cfg', text: 'A text' }])).toBe(`sha256:${expected}`);
  });

  it('changes when any config text changes, not when the folder does', () => {
    const a = inputDigest([{ file: 'x/hub.cfg', text: 'hostname Hub\n' }]);
    expect(inputDigest([{ file: 'y/hub.cfg', text: 'hostname Hub\n' }])).toBe(a);
    expect(inputDigest([{ file: 'x/hub.cfg', text: 'hostname Hub2\n' }])).not.toBe(a);
  });
});
