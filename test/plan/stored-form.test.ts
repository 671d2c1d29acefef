import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedForm } from '../../lib/plan/stored-form.js';

describe('storedForm', () => {
  it('GIVEN separators of spaces and tabs and trailing blanks WHEN stored THEN words are one space apart and the indentation stays', () => {
    expect(storedForm('ip  classless')).toBe('ip classless');
    expect(storedForm('ip\tclassless \t')).toBe('ip classless');
    expect(storedForm('  key-string\t\tx  ')).toBe('  key-string x');
  });

  it('GIVEN any words WHEN joined by any whitespace THEN the stored form is the single-spaced line', () => {
    const word = fc.stringMatching(/^[!-~]{1,8}$/);
    const gap = fc.stringMatching(/^[ \t]{1,4}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 8 }), (parts) => {
        const typed = parts.map(([w, g]) => w + g).join('');
        expect(storedForm(typed)).toBe(parts.map(([w]) => w).join(' '));
      }),
    );
  });
});
