/**
 * Netmask and wildcard strings per prefix length for the renderer, from the tables of
 * `lib/ir/ipv4.ts` (built once, on first use), with out-of-range lengths clamped.
 */
import { lengthToNetmask, lengthToWildcard } from '../ir/ipv4.js';

/** `255.255.255.0` for 24; lengths outside 0..32 are clamped. */
export function netmaskFor(prefixLength: number): string {
  return lengthToNetmask(clamp(prefixLength));
}

/** `0.0.0.255` for 24; lengths outside 0..32 are clamped. */
export function wildcardFor(prefixLength: number): string {
  return lengthToWildcard(clamp(prefixLength));
}

function clamp(length: number): number {
  if (!Number.isInteger(length)) return 32;
  return length < 0 ? 0 : length > 32 ? 32 : length;
}
