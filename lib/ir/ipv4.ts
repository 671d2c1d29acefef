/**
 * IPv4 helpers. Aggregation goes through ip-num; parsing, masks, containment and overlap compute
 * on unsigned 32-bit integers with ip-num's semantics (test/ir/ipv4.test.ts checks them against
 * ip-num), and hot paths (routing tables, header-space intervals) work on those integers.
 */
import { IPv4, IPv4CidrRange, IPv4Mask, Pool, RangedSet } from 'ip-num';
import type { Ipv4Prefix } from './router-config.js';

// The helpers below sit on hot paths (a hub with 5,000 spokes converts hundreds of thousands of
// addresses while it is validated, routed and proven): they compute on unsigned 32-bit integers,
// with the same results as ip-num (a property test compares them), instead of going through
// ip-num's string/BigInt conversions, which cost tens of microseconds each.

/** A decimal octet as ip-num's validator accepts it: 0-255, no leading zeros. */
const OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** The four octets of a dotted quad as an unsigned integer, or -1 when it is not one. */
function parseDottedQuad(text: string): number {
  if (typeof text !== 'string' || text.length < 7 || text.length > 15) return -1;
  let value = 0;
  let start = 0;
  for (let part = 0; part < 4; part++) {
    const dot = part < 3 ? text.indexOf('.', start) : text.length;
    if (dot < 0) return -1;
    const octet = text.slice(start, dot);
    if (!OCTET.test(octet)) return -1;
    value = value * 256 + Number(octet);
    start = dot + 1;
  }
  return value;
}

/** Size of a prefix of `length` bits (2^(32 - length)). */
function blockSize(length: number): number {
  return 2 ** (32 - length);
}

function checkLength(length: number): number {
  if (!Number.isInteger(length) || length < 0 || length > 32) throw new Error(`${length} is not a valid IPv4 prefix length (0-32)`);
  return length;
}

/** True when `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return parseDottedQuad(text) >= 0;
}

/** Parses a dotted quad to an unsigned 32-bit integer; throws on bad input (check `isIpv4` first). */
export function ipToNumber(text: string): number {
  const value = parseDottedQuad(text);
  if (value < 0) throw new Error(`${String(text)} is not a valid IPv4 address`);
  return value;
}

/** Formats an unsigned 32-bit integer as a dotted quad. */
export function numberToIp(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** True when `text` is a contiguous netmask such as `255.255.255.0`. */
export function isNetmask(text: string): boolean {
  const value = parseDottedQuad(text);
  return value >= 0 && NETMASK_LENGTHS.has(value);
}

/** Prefix length of a contiguous netmask; throws on a non-contiguous one (check `isNetmask`). */
export function netmaskToLength(mask: string): number {
  const value = ipToNumber(mask);
  const length = NETMASK_LENGTHS.get(value);
  if (length === undefined) return Number(IPv4Mask.fromDecimalDottedString(mask).prefix);
  return length;
}

const NETMASK_VALUES: readonly number[] = Array.from({ length: 33 }, (_, len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0));
const NETMASK_LENGTHS = new Map<number, number>(NETMASK_VALUES.map((v, len) => [v, len]));
const NETMASK_TEXTS: readonly string[] = NETMASK_VALUES.map(numberToIp);
const WILDCARD_TEXTS: readonly string[] = NETMASK_VALUES.map((v) => numberToIp(~v >>> 0));

/** Netmask for a prefix length, e.g. 24 -> `255.255.255.0`. */
export function lengthToNetmask(length: number): string {
  return NETMASK_TEXTS[checkLength(length)]!;
}

/** Wildcard (inverse) mask for a prefix length, e.g. 24 -> `0.0.0.255`. */
export function lengthToWildcard(length: number): string {
  return WILDCARD_TEXTS[checkLength(length)]!;
}

/** Prefix length of a contiguous wildcard mask (`0.0.0.255` -> 24), or undefined. */
export function wildcardToLength(wildcard: string): number | undefined {
  const value = parseDottedQuad(wildcard);
  if (value < 0) return undefined;
  return NETMASK_LENGTHS.get(~value >>> 0);
}

/** Parses `A.B.C.D/N` into a prefix; returns undefined when it is not one. Host bits may be set. */
export function parseCidr(text: string): { ip: string; prefixLength: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(text.trim());
  if (!m || !isIpv4(m[1]!)) return undefined;
  const prefixLength = Number(m[2]);
  if (prefixLength > 32) return undefined;
  return { ip: m[1]!, prefixLength };
}

/** The network prefix that contains `ip` at `prefixLength` (host bits cleared). */
export function networkOf(ip: string, prefixLength: number): Ipv4Prefix {
  const size = blockSize(checkLength(prefixLength));
  const value = ipToNumber(ip);
  return { address: numberToIp(value - (value % size)), prefixLength };
}

/** `A.B.C.D/N`. */
export function formatPrefix(prefix: Ipv4Prefix): string {
  return `${prefix.address}/${prefix.prefixLength}`;
}

/** First and last address of a prefix as unsigned integers. */
export function prefixBounds(prefix: Ipv4Prefix): [number, number] {
  const size = blockSize(checkLength(prefix.prefixLength));
  const value = ipToNumber(prefix.address);
  const first = value - (value % size);
  return [first, first + size - 1];
}

/** True when `outer` contains `inner` (equal prefixes contain each other). */
export function prefixContains(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  const [a, b] = prefixBounds(outer);
  const [c, d] = prefixBounds(inner);
  return a <= c && d <= b;
}

/** True when the two prefixes share at least one address. */
export function prefixesOverlap(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
  const [a0, a1] = prefixBounds(a);
  const [b0, b1] = prefixBounds(b);
  return a0 <= b1 && b0 <= a1;
}

/** True when the address lies in the prefix. */
export function prefixContainsIp(prefix: Ipv4Prefix, ip: string): boolean {
  const [first, last] = prefixBounds(prefix);
  const value = ipToNumber(ip);
  return first <= value && value <= last;
}

/** Aggregates prefixes into the smallest equivalent list of CIDR prefixes, sorted by address. */
export function aggregatePrefixes(prefixes: readonly Ipv4Prefix[]): Ipv4Prefix[] {
  if (prefixes.length === 0) return [];
  // ip-num's Pool.aggregate keeps a prefix nested in another one that starts at the same address
  // (10.0.0.0/8 + 10.0.0.0/24 stayed two ranges), so nested prefixes are dropped first. CIDR
  // prefixes either nest or are disjoint: after sorting by start (widest first), a prefix that
  // ends within the widest one seen so far is nested.
  const spans = prefixes
    .map((p) => ({ p, b: prefixBounds(p) }))
    .sort((x, y) => x.b[0] - y.b[0] || y.b[1] - x.b[1]);
  const outer: Ipv4Prefix[] = [];
  let reach = -1;
  for (const s of spans) {
    if (s.b[1] <= reach) continue;
    outer.push(s.p);
    reach = s.b[1];
  }
  const pool = Pool.fromCidrRanges(outer.map((p) => IPv4CidrRange.fromCidr(formatPrefix(p))));
  const out: Ipv4Prefix[] = [];
  for (const range of pool.aggregate().getRanges()) {
    for (const cidr of rangeToCidrs(range as RangedSet<IPv4>)) out.push(cidr);
  }
  return out.sort((a, b) => ipToNumber(a.address) - ipToNumber(b.address) || a.prefixLength - b.prefixLength);
}

function rangeToCidrs(range: RangedSet<IPv4>): Ipv4Prefix[] {
  if (range.isCidrAble()) {
    const cidr = range.toCidrRange() as IPv4CidrRange;
    return [{ address: cidr.getFirst().toString(), prefixLength: Number(cidr.getPrefix().getValue()) }];
  }
  // Split an arbitrary range into maximal aligned blocks.
  const out: Ipv4Prefix[] = [];
  let lo = Number(range.getFirst().getValue());
  const hi = Number(range.getLast().getValue());
  while (lo <= hi) {
    let len = 32;
    while (len > 0) {
      const size = 2 ** (32 - (len - 1));
      if (lo % size !== 0 || lo + size - 1 > hi) break;
      len -= 1;
    }
    out.push({ address: numberToIp(lo), prefixLength: len });
    lo += 2 ** (32 - len);
  }
  return out;
}
