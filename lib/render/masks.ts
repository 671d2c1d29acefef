/**
 * Netmask and wildcard strings per prefix length, computed once through `lib/ir/ipv4.ts`: the
 * renderer formats hundreds of thousands of routes and keys, so it looks them up in a table.
 */
import { lengthToNetmask, lengthToWildcard } from '../ir/ipv4.js';

const NETMASKS: readonly string[] = Array.from({ length: 33 }, (_, len) => lengthToNetmask(len));
const WILDCARDS: readonly string[] = Array.from({ length: 33 }, (_, len) => lengthToWildcard(len));

/** `255.255.255.0` for 24; lengths outside 0..32 are clamped. */
export function netmaskFor(prefixLength: number): string {
  return NETMASKS[clamp(prefixLength)]!;
}

/** `0.0.0.255` for 24; lengths outside 0..32 are clamped. */
export function wildcardFor(prefixLength: number): string {
  return WILDCARDS[clamp(prefixLength)]!;
}

function clamp(length: number): number {
  if (!Number.isInteger(length)) return 32;
  return length < 0 ? 0 : length > 32 ? 32 : length;
}
