/**
 * IPv4 helpers over ip-num. Parsing, masks, wildcard masks, containment, overlap and aggregation
 * go through ip-num; hot paths (routing tables, header-space intervals) then work on the unsigned
 * 32-bit integers these helpers return, which is what ip-num computes as bigint.
 */
import { IPv4, IPv4CidrRange, IPv4Mask, IPv4Prefix, Pool, RangedSet, Validator } from 'ip-num';
import type { Ipv4Prefix } from './router-config.js';

/** True when `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return typeof text === 'string' && Validator.isValidIPv4String(text)[0] && /^\d+\.\d+\.\d+\.\d+$/.test(text);
}

/** Parses a dotted quad to an unsigned 32-bit integer; throws on bad input (check `isIpv4` first). */
export function ipToNumber(text: string): number {
  return Number(IPv4.fromString(text).getValue());
}

/** Formats an unsigned 32-bit integer as a dotted quad. */
export function numberToIp(value: number): string {
  return IPv4.fromNumber(BigInt(value >>> 0)).toString();
}

/** True when `text` is a contiguous netmask such as `255.255.255.0`. */
export function isNetmask(text: string): boolean {
  return isIpv4(text) && Validator.isValidIPv4Mask(text)[0];
}

/** Prefix length of a contiguous netmask; throws on a non-contiguous one (check `isNetmask`). */
export function netmaskToLength(mask: string): number {
  return Number(IPv4Mask.fromDecimalDottedString(mask).prefix);
}

/** Netmask for a prefix length, e.g. 24 -> `255.255.255.0`. */
export function lengthToNetmask(length: number): string {
  return IPv4Prefix.fromNumber(BigInt(length)).toMask().toString();
}

/** Wildcard (inverse) mask for a prefix length, e.g. 24 -> `0.0.0.255`. */
export function lengthToWildcard(length: number): string {
  const mask = Number(IPv4Prefix.fromNumber(BigInt(length)).toMask().getValue());
  return numberToIp(~mask >>> 0);
}

/** Prefix length of a contiguous wildcard mask (`0.0.0.255` -> 24), or undefined. */
export function wildcardToLength(wildcard: string): number | undefined {
  if (!isIpv4(wildcard)) return undefined;
  const inverted = numberToIp(~ipToNumber(wildcard) >>> 0);
  return isNetmask(inverted) ? netmaskToLength(inverted) : undefined;
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
  const range = new IPv4CidrRange(IPv4.fromString(ip), IPv4Prefix.fromNumber(BigInt(prefixLength)));
  return { address: range.getFirst().toString(), prefixLength };
}

/** `A.B.C.D/N`. */
export function formatPrefix(prefix: Ipv4Prefix): string {
  return `${prefix.address}/${prefix.prefixLength}`;
}

/** First and last address of a prefix as unsigned integers. */
export function prefixBounds(prefix: Ipv4Prefix): [number, number] {
  const range = IPv4CidrRange.fromCidr(`${prefix.address}/${prefix.prefixLength}`);
  return [Number(range.getFirst().getValue()), Number(range.getLast().getValue())];
}

/** True when `outer` contains `inner` (equal prefixes contain each other). */
export function prefixContains(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  return IPv4CidrRange.fromCidr(formatPrefix(outer)).contains(IPv4CidrRange.fromCidr(formatPrefix(inner)));
}

/** True when the two prefixes share at least one address. */
export function prefixesOverlap(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
  return IPv4CidrRange.fromCidr(formatPrefix(a)).isOverlapping(IPv4CidrRange.fromCidr(formatPrefix(b)));
}

/** True when the address lies in the prefix. */
export function prefixContainsIp(prefix: Ipv4Prefix, ip: string): boolean {
  return IPv4CidrRange.fromCidr(formatPrefix(prefix)).contains(IPv4.fromString(ip));
}

/** Aggregates prefixes into the smallest equivalent list of CIDR prefixes, sorted by address. */
export function aggregatePrefixes(prefixes: readonly Ipv4Prefix[]): Ipv4Prefix[] {
  if (prefixes.length === 0) return [];
  const pool = Pool.fromCidrRanges(prefixes.map((p) => IPv4CidrRange.fromCidr(formatPrefix(p))));
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
