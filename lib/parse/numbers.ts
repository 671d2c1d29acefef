/**
 * Hot-path scalar readers. The parser reads up to a million ACL lines with several addresses each,
 * so dotted quads and integers are checked with character loops instead of regular expressions or
 * ip-num objects (which allocate bigints); the results are plain unsigned 32-bit numbers.
 */
import { quadValue } from '../ir/ipv4.js';

/** The value of a dotted-quad IPv4 address, or -1 when `text` is not one (canonical form only). */
export const dottedQuad: (text: string) => number = quadValue;

/** True when `text` is a dotted-quad IPv4 address. */
export function isDottedQuad(text: string): boolean {
  return dottedQuad(text) >= 0;
}

/** Prefix length of a contiguous netmask value (ones then zeros), or -1. */
export function netmaskLength(mask: number): number {
  if (mask < 0) return -1;
  const inverted = ~mask >>> 0;
  // A contiguous mask's complement is 2^k - 1, so complement + 1 is a power of two.
  if ((inverted & (inverted + 1)) !== 0) return -1;
  let len = 32;
  let rest = inverted;
  while (rest !== 0) {
    rest >>>= 1;
    len--;
  }
  return len;
}

/** Unsigned integer in [min, max], or undefined. Accepts only plain decimal digits. */
export function uint(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 10) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return value >= min && value <= max ? value : undefined;
}

/** True when `text` starts with a decimal digit. */
export function startsWithDigit(text: string | undefined): boolean {
  if (text === undefined || text.length === 0) return false;
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57;
}
