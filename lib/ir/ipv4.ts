/**
 * IPv4 helpers over ip-num: masks, wildcards, prefixes and aggregation are computed by ip-num, and
 * any address text that is not a canonical dotted quad is read by ip-num. Canonical dotted quads
 * (what IOS prints and every parsed config holds) are read and printed with positional arithmetic,
 * which the tests check against ip-num on arbitrary input: the parser, the proof and the emulator
 * convert millions of addresses, and ip-num's bigint round trip costs microseconds each. Hot paths
 * (routing tables, header-space intervals) then work on unsigned 32-bit integers. The remaining
 * ip-num results are memoized per distinct text. ip-num itself loads on first use (lazy.ts):
 * most programs that import hubspoke never need it.
 */
import type * as IpNum from 'ip-num';
import type { IPv4, IPv4CidrRange, RangedSet } from 'ip-num';
import { lazy, lazyRequire } from './lazy.js';
import type { Ipv4Prefix } from './router-config.js';

const ipNum = lazyRequire<typeof IpNum>('ip-num');

/** Memo of ip-num results, cleared when it grows past a bound (a long-lived process stays small). */
class Memo<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K, compute: (key: K) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    if (this.map.size >= this.limit) this.map.clear();
    const value = compute(key);
    this.map.set(key, value);
    return value;
  }
}

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * The value of a dotted quad in canonical form (four decimal octets 0-255, no leading zeros), or
 * -1 for anything else. Canonical text is what IOS prints and what every parsed config holds; its
 * value is plain positional arithmetic, identical to ip-num's (the tests compare the two on
 * arbitrary strings), and reading it with a character loop costs no bigints: the parser, the
 * proof and the emulator read millions of addresses. Other text goes to ip-num.
 */
export function quadValue(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/** ip-num's value of a dotted quad, or -1 when ip-num does not accept it. */
const quadValues = new Memo<string, number>(1 << 18);
function parseDottedQuad(text: string): number {
  if (typeof text !== 'string') return -1;
  const canonical = quadValue(text);
  if (canonical >= 0) return canonical;
  if (!DOTTED_QUAD.test(text)) return -1;
  return quadValues.get(text, (t) =>
    ipNum().Validator.isValidIPv4String(t)[0] ? Number(ipNum().IPv4.fromString(t).getValue()) : -1,
  );
}

function checkLength(length: number): number {
  if (!Number.isInteger(length) || length < 0 || length > 32)
    throw new Error(`${length} is not a valid IPv4 prefix length (0-32)`);
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

/**
 * Formats an unsigned 32-bit integer as a dotted quad: the four octets in decimal, as ip-num's
 * `IPv4.toString` prints them (the tests compare the two), without a bigint per address.
 */
export function numberToIp(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** The 33 netmasks and wildcard masks, as ip-num computes them, indexed by prefix length. */
interface MaskTables {
  readonly netmaskTexts: readonly string[];
  readonly netmaskLengths: ReadonlyMap<string, number>;
  readonly wildcardTexts: readonly string[];
  readonly wildcardLengths: ReadonlyMap<string, number>;
}

const masks = lazy((): MaskTables => {
  const { IPv4Mask, IPv4Prefix } = ipNum();
  const netmaskTexts = Array.from({ length: 33 }, (_, len) => IPv4Prefix.fromNumber(BigInt(len)).toMask().toString());
  const wildcardTexts = netmaskTexts.map((t) =>
    numberToIp(Number(IPv4Mask.fromDecimalDottedString(t).getValue()) ^ 0xffffffff),
  );
  return {
    netmaskTexts,
    netmaskLengths: new Map(netmaskTexts.map((t, len) => [t, len])),
    wildcardTexts,
    wildcardLengths: new Map(wildcardTexts.map((t, len) => [t, len])),
  };
});

/** True when `text` is a contiguous netmask such as `255.255.255.0`. */
export function isNetmask(text: string): boolean {
  return parseDottedQuad(text) >= 0 && masks().netmaskLengths.has(numberToIp(ipToNumber(text)));
}

/** Prefix length of a contiguous netmask; throws on a non-contiguous one (check `isNetmask`). */
export function netmaskToLength(mask: string): number {
  const length = masks().netmaskLengths.get(numberToIp(ipToNumber(mask)));
  return length ?? Number(ipNum().IPv4Mask.fromDecimalDottedString(mask).prefix);
}

/** Netmask for a prefix length, e.g. 24 -> `255.255.255.0`. */
export function lengthToNetmask(length: number): string {
  return masks().netmaskTexts[checkLength(length)]!;
}

/** Wildcard (inverse) mask for a prefix length, e.g. 24 -> `0.0.0.255`. */
export function lengthToWildcard(length: number): string {
  return masks().wildcardTexts[checkLength(length)]!;
}

/** Prefix length of a contiguous wildcard mask (`0.0.0.255` -> 24), or undefined. */
export function wildcardToLength(wildcard: string): number | undefined {
  if (parseDottedQuad(wildcard) < 0) return undefined;
  return masks().wildcardLengths.get(numberToIp(ipToNumber(wildcard)));
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
  return { address: numberToIp(cidrBounds(ip, prefixLength)[0]), prefixLength };
}

// Addresses in a block of each prefix length: BLOCK_SIZES[len] = 2^(32 - len).
const BLOCK_SIZES: readonly number[] = Array.from({ length: 33 }, (_, len) => 2 ** (32 - len));

/** Number of addresses in a prefix of `length` (2^(32 - length)); `length` must be 0-32. */
export function blockSize(length: number): number {
  return BLOCK_SIZES[length]!;
}

/**
 * The network address of `value` at `length`: the first address of the aligned block of
 * 2^(32 - length) addresses that holds it (host bits cleared). `length` must be 0-32.
 */
export function blockStart(value: number, length: number): number {
  return value - (value % BLOCK_SIZES[length]!);
}

/** First and last address of the aligned block of `length` that holds `value`. */
export function blockBounds(value: number, length: number): [number, number] {
  const size = BLOCK_SIZES[length]!;
  const first = value - (value % size);
  return [first, first + size - 1];
}

/** The prefix length when `lo`-`hi` is exactly one aligned block, else undefined. */
export function blockLength(lo: number, hi: number): number | undefined {
  const size = hi - lo + 1;
  // A power of two (exact in doubles up to 2^32) whose multiple `lo` is.
  const len = 32 - Math.log2(size);
  return Number.isInteger(len) && lo % size === 0 ? len : undefined;
}

/** The maximal aligned blocks `[network, prefixLength]` that exactly cover `lo`-`hi`, in order. */
export function rangeToBlocks(lo: number, hi: number): [number, number][] {
  const out: [number, number][] = [];
  let cur = lo;
  while (cur <= hi) {
    let len = 32;
    while (len > 0) {
      const size = BLOCK_SIZES[len - 1]!;
      if (cur % size !== 0 || cur + size - 1 > hi) break;
      len -= 1;
    }
    out.push([cur, len]);
    cur += BLOCK_SIZES[len]!;
  }
  return out;
}

/**
 * First and last address of `ip/length`: the aligned block of 2^(32 - length) addresses holding
 * ip-num's value of `ip`, i.e. the bounds of ip-num's `IPv4CidrRange` (the tests check them
 * against it). Computed on that integer instead of through a range object: every site, route and
 * interface of a 5,000-spoke network asks, and each ip-num range costs bigints and strings.
 */
function cidrBounds(ip: string, length: number): readonly [number, number] {
  const len = checkLength(length);
  return blockBounds(ipToNumber(ip), len);
}

/** `A.B.C.D/N`. */
export function formatPrefix(prefix: Ipv4Prefix): string {
  return `${prefix.address}/${prefix.prefixLength}`;
}

/** First and last address of a prefix as unsigned integers. */
export function prefixBounds(prefix: Ipv4Prefix): [number, number] {
  const [first, last] = cidrBounds(prefix.address, prefix.prefixLength);
  return [first, last];
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
  const spans = prefixes.map((p) => ({ p, b: prefixBounds(p) })).sort((x, y) => x.b[0] - y.b[0] || y.b[1] - x.b[1]);
  const outer: Ipv4Prefix[] = [];
  let reach = -1;
  for (const s of spans) {
    if (s.b[1] <= reach) continue;
    outer.push(s.p);
    reach = s.b[1];
  }
  const { Pool, IPv4CidrRange } = ipNum();
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
  const blocks = rangeToBlocks(Number(range.getFirst().getValue()), Number(range.getLast().getValue()));
  return blocks.map(([network, prefixLength]) => ({ address: numberToIp(network), prefixLength }));
}

/** How many subnets of `length` a `pool` holds (0 when `length` is shorter than the pool's). */
export function subnetCount(pool: Ipv4Prefix, length: number): number {
  return length < pool.prefixLength ? 0 : blockSize(pool.prefixLength) / blockSize(length);
}

/**
 * The `index`-th subnet of `length` in `pool` (0 is the first), or undefined when the pool holds
 * fewer. Used to carve tunnel transport subnets deterministically out of a pool.
 */
export function nthSubnet(pool: Ipv4Prefix, length: number, index: number): Ipv4Prefix | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= subnetCount(pool, length)) return undefined;
  return { address: numberToIp(prefixBounds(pool)[0] + index * blockSize(length)), prefixLength: length };
}

/** The address `offset` places after the network address of `prefix`. */
export function addressInPrefix(prefix: Ipv4Prefix, offset: number): string {
  return numberToIp(prefixBounds(prefix)[0] + offset);
}
