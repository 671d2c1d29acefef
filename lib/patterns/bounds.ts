/**
 * Cached integer bounds of prefixes and addresses. ip-num computes them exactly but slowly
 * (BigInt, binary strings); patterns compare the same few thousand prefixes many times (overlaps,
 * pool containment, peer reachability), so each prefix is converted once and compared as
 * unsigned integers afterwards, as `lib/ir/ipv4.ts` recommends for hot paths.
 */
import { ipToNumber, prefixBounds } from '../ir/ipv4.js';
import type { Ipv4Prefix } from '../ir/router-config.js';

const prefixCache = new WeakMap<Ipv4Prefix, readonly [number, number]>();
const ipCache = new Map<string, number>();

/** First and last address of `prefix` (cached per prefix object). */
export function boundsOf(prefix: Ipv4Prefix): readonly [number, number] {
  let b = prefixCache.get(prefix);
  if (!b) {
    b = prefixBounds(prefix);
    prefixCache.set(prefix, b);
  }
  return b;
}

/** The address as an unsigned integer (cached). */
export function ipNumber(ip: string): number {
  let n = ipCache.get(ip);
  if (n === undefined) {
    n = ipToNumber(ip);
    ipCache.set(ip, n);
  }
  return n;
}

/** True when `outer` contains `inner`. */
export function containsPrefix(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  const [olo, ohi] = boundsOf(outer);
  const [ilo, ihi] = boundsOf(inner);
  return olo <= ilo && ihi <= ohi;
}

/** True when `prefix` contains address `ip`. */
export function containsIp(prefix: Ipv4Prefix, ip: string): boolean {
  const [lo, hi] = boundsOf(prefix);
  const n = ipNumber(ip);
  return lo <= n && n <= hi;
}
