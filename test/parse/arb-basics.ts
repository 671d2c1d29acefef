// Basic fast-check generators shared by the IR generators (helper module, not a test file).
import fc from 'fast-check';

const octet = fc.integer({ min: 0, max: 255 });
export const ipArb = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
export const ipNum = fc.integer({ min: 0, max: 0xffffffff });
export const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
export const upperName = fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,9}$/);
export const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

export function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops undefined-valued keys so that generated objects match parsed ones structurally. */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
