/**
 * One ACL line compiled to header-space boxes: what a permit/deny line matches, as pairwise
 * disjoint boxes over (source, destination, protocol, source port, destination port).
 *
 * A standard list matches the source address only. Wildcard (inverse) masks need not be
 * contiguous: a 1 bit means "ignore this bit", so `10.0.0.0 0.255.0.255` is a set of 256 /24-like
 * stripes. Port operators (`eq`, `neq`, `lt`, `gt`, `range`) apply to TCP and UDP only
 * (Cisco IOS Security Configuration Guide, "IP Access List Overview"). Lines past the expansion
 * caps are over-approximated and say so (`approximate`). Intervals are shared through an interner,
 * so a million-line hub keeps one copy of each prefix.
 */
import type { AccessList, AclProtocol, AclRule, AddressMatch, PortMatch } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { NAMED_IP_PROTOCOLS } from '../ir/protocols.js';
import {
  FULL_ADDRESS,
  FULL_PORT,
  FULL_PROTOCOL,
  boxHolds,
  type HeaderBox,
  type Interval,
  type Packet,
} from './header-space.js';
import { mergeIntervals } from './intervals.js';

/** Largest number of intervals one non-contiguous wildcard mask is expanded into. */
export const ADDRESS_EXPANSION_CAP = 1024;
/** Largest number of boxes one ACL line is expanded into. */
export const LINE_BOX_CAP = 4096;
/** Addresses an address match covers, as sorted disjoint intervals. */
export interface AddressExpansion {
  readonly intervals: readonly Interval[];
  /**
   * True when a non-contiguous wildcard had more stripes than the cap: the lowest stripes were
   * folded into their hull, so the intervals over-approximate the match.
   */
  readonly approximate: boolean;
}

/** Expands `any`, `host A` or `A W` (any wildcard, contiguous or not) into intervals. */
export function addressIntervals(match: AddressMatch, cap = ADDRESS_EXPANSION_CAP): AddressExpansion {
  if (match.kind === 'any') return { intervals: [FULL_ADDRESS], approximate: false };
  if (match.kind === 'host') {
    const a = ipToNumber(match.address);
    return { intervals: [[a, a]], approximate: false };
  }
  if (match.kind === 'object-group') throw unresolvedGroup(match.name);
  const w = ipToNumber(match.wildcard);
  // IOS ignores address bits under a 1 in the wildcard.
  const base = (ipToNumber(match.address) & ~w) >>> 0;
  let trailing = 0;
  while (trailing < 32 && (w >>> trailing) & 1) trailing += 1;
  const upperBits: number[] = [];
  for (let b = trailing; b < 32; b += 1) if ((w >>> b) & 1) upperBits.push(b);
  if (upperBits.length === 0) {
    return { intervals: [[base, trailing === 32 ? 0xffffffff : base + 2 ** trailing - 1]], approximate: false };
  }
  // Keep the highest bits enumerated and fold the lowest ones into each stripe when over the cap.
  let folded = 0;
  while (2 ** (upperBits.length - folded) > cap) folded += 1;
  let lowMask = trailing === 32 ? 0xffffffff : 2 ** trailing - 1;
  for (let i = 0; i < folded; i += 1) lowMask = (lowMask | (2 ** upperBits[i]!)) >>> 0;
  const enumerated = upperBits.slice(folded);
  const intervals: Interval[] = [];
  const count = 2 ** enumerated.length;
  for (let i = 0; i < count; i += 1) {
    let lo = base;
    for (let j = 0; j < enumerated.length; j += 1) if ((i >>> j) & 1) lo += 2 ** enumerated[j]!;
    // The lowest stripe bits are zero in `lo`, so `lo + lowMask` is the stripe's last address.
    intervals.push([lo, lo + lowMask]);
  }
  return { intervals: mergeIntervals(intervals), approximate: folded > 0 };
}

/** Port values a port condition covers; no condition means every port. */
export function portIntervals(match: PortMatch | undefined): Interval[] {
  if (!match) return [FULL_PORT];
  const ports = match.ports;
  switch (match.op) {
    case 'eq':
      return mergeIntervals(ports.map((p) => [p, p] as Interval));
    case 'neq': {
      // `neq` excludes the listed port(s); IOS takes one, tolerate several.
      const out: Interval[] = [];
      let next = 0;
      for (const p of [...ports].sort((a, b) => a - b)) {
        if (p > next) out.push([next, p - 1]);
        next = Math.max(next, p + 1);
      }
      if (next <= 65535) out.push([next, 65535]);
      return out;
    }
    case 'lt':
      return ports[0]! > 0 ? [[0, ports[0]! - 1]] : [];
    case 'gt':
      return ports[0]! < 65535 ? [[ports[0]! + 1, 65535]] : [];
    case 'range': {
      const a = ports[0] ?? 0;
      const b = ports[1] ?? a;
      return [[Math.min(a, b), Math.max(a, b)]];
    }
  }
}

/** Protocol numbers an ACL protocol keyword covers. */
export function protocolInterval(protocol: AclProtocol): Interval {
  if (protocol === 'ip') return FULL_PROTOCOL;
  if (typeof protocol === 'number') return [protocol, protocol];
  const n: number | undefined = NAMED_IP_PROTOCOLS[protocol];
  return n === undefined ? FULL_PROTOCOL : [n, n];
}

/** One ACL line compiled to boxes. */
export interface CompiledAclLine {
  /** 0-based position among the list's rules (remarks are not counted). */
  readonly index: number;
  readonly rule: AclRule;
  readonly action: 'permit' | 'deny';
  /** Pairwise-disjoint boxes whose union is what the line matches. */
  readonly boxes: readonly HeaderBox[];
  /** True when the boxes over-approximate the line (expansion cap reached). */
  readonly approximate: boolean;
}

/**
 * The interval of an address match that is a single one (`any`, `host A`, or a contiguous
 * wildcard), else undefined (a non-contiguous wildcard: stripes). Nothing is allocated for a
 * known interval of the shared interner: compilation of a million-line hub is mostly this.
 */
function singleInterval(match: AddressMatch, intern: IntervalInterner): Interval | undefined {
  if (match.kind === 'any') return intern(FULL_ADDRESS);
  let lo: number;
  let hi: number;
  if (match.kind === 'host') {
    lo = hi = ipToNumber(match.address);
  } else if (match.kind === 'object-group') {
    return undefined;
  } else {
    const w = ipToNumber(match.wildcard);
    // Contiguous: the wildcard is 2^k - 1, i.e. w + 1 is a power of two (0xffffffff included).
    if ((((w + 1) | 0) & w) !== 0) return undefined;
    lo = (ipToNumber(match.address) & ~w) >>> 0;
    hi = lo + w;
  }
  return intern === sharedInterner ? sharedPair(lo, hi) : intern([lo, hi]);
}

/** Compiles one ACL rule of a list of the given type. */
export function compileAclRule(
  rule: AclRule,
  type: AccessList['type'],
  index = 0,
  intern: IntervalInterner = identity,
): CompiledAclLine {
  const ported = type === 'extended' && hasPorts(rule.protocol);
  if (!ported || (rule.sourcePort === undefined && rule.destinationPort === undefined)) {
    const box = singleBox(rule, type, intern);
    if (box !== undefined) return { index, rule, action: rule.action, boxes: [box], approximate: false };
  }
  return expandedLine(rule, type, index, intern);
}

/** Port conditions exist for TCP and UDP only. */
function hasPorts(protocol: AclProtocol): boolean {
  return protocol === 'tcp' || protocol === 'udp' || protocol === 6 || protocol === 17;
}

/**
 * The usual line (one address interval each side, no port condition) is one box, built without
 * the intermediate expansions of the general case; undefined when the line is not of that kind.
 */
function singleBox(rule: AclRule, type: AccessList['type'], intern: IntervalInterner): HeaderBox | undefined {
  const s = singleInterval(rule.source, intern);
  if (s === undefined) return undefined;
  const d = type === 'extended' ? singleInterval(rule.destination, intern) : intern(FULL_ADDRESS);
  if (d === undefined) return undefined;
  const proto = type === 'extended' ? protocolInterval(rule.protocol) : FULL_PROTOCOL;
  return { src: s, dst: d, proto: intern(proto), sport: intern(FULL_PORT), dport: intern(FULL_PORT) };
}

/** The general case: the product of every dimension's intervals, hulled past {@link LINE_BOX_CAP}. */
function expandedLine(
  rule: AclRule,
  type: AccessList['type'],
  index: number,
  intern: IntervalInterner,
): CompiledAclLine {
  const src = addressIntervals(rule.source);
  let approximate = src.approximate;
  let srcIv: readonly Interval[] = src.intervals;
  let dstIv: readonly Interval[] = [FULL_ADDRESS];
  let proto: Interval = FULL_PROTOCOL;
  let sports: readonly Interval[] = [FULL_PORT];
  let dports: readonly Interval[] = [FULL_PORT];
  if (type === 'extended') {
    const dst = addressIntervals(rule.destination);
    approximate ||= dst.approximate;
    dstIv = dst.intervals;
    proto = protocolInterval(rule.protocol);
    if (hasPorts(rule.protocol)) {
      sports = portIntervals(rule.sourcePort);
      dports = portIntervals(rule.destinationPort);
    }
  }
  const product = () => srcIv.length * dstIv.length * sports.length * dports.length;
  if (product() > LINE_BOX_CAP) {
    srcIv = hull(srcIv);
    approximate = true;
  }
  if (product() > LINE_BOX_CAP) {
    dstIv = hull(dstIv);
    approximate = true;
  }
  const box = (s: Interval, d: Interval, sp: Interval, dp: Interval): HeaderBox => ({
    src: intern(s),
    dst: intern(d),
    proto: intern(proto),
    sport: intern(sp),
    dport: intern(dp),
  });
  let boxes: HeaderBox[];
  if (srcIv.length === 1 && dstIv.length === 1 && sports.length === 1 && dports.length === 1) {
    // The usual line: one box, in an array literal sized for it (a million of these make a hub).
    boxes = [box(srcIv[0]!, dstIv[0]!, sports[0]!, dports[0]!)];
  } else {
    boxes = [];
    for (const s of srcIv)
      for (const d of dstIv) for (const sp of sports) for (const dp of dports) boxes.push(box(s, d, sp, dp));
  }
  return { index, rule, action: rule.action, boxes, approximate };
}

/** Returns a shared interval equal to the given one (boxes are read-only, so sharing is safe). */
export type IntervalInterner = (iv: Interval) => Interval;

const identity: IntervalInterner = (iv) => iv;

/** Distinct interval starts the shared interner remembers before it starts over. */
const INTERN_CAP = 65536;
const internedByLo = new Map<number, Interval[]>();

/**
 * The interner shared by every compilation: lines repeat the same prefixes (every line of an
 * exact-mode hub entry has the same destination, every hub entry lists the same other sites or
 * pools as sources, every spoke names the same pools), and sharing their intervals across lists
 * keeps a million-line hub in memory and leaves less for the garbage collector to copy. Bounded:
 * past the cap it starts over, which only costs sharing.
 */
export const sharedInterner: IntervalInterner = (iv) => internInterval(iv[0], iv[1], iv);

/** The shared interval `[lo, hi]`, allocated only when it is new. */
function sharedPair(lo: number, hi: number): Interval {
  return internInterval(lo, hi, undefined);
}

function internInterval(lo: number, hi: number, given: Interval | undefined): Interval {
  // Most intervals share their start with few others: a short array per start suffices.
  const list = internedByLo.get(lo);
  if (list) {
    for (const x of list) if (x[1] === hi) return x;
    const iv = given ?? ([lo, hi] as const);
    list.push(iv);
    return iv;
  }
  if (internedByLo.size >= INTERN_CAP) internedByLo.clear();
  const iv = given ?? ([lo, hi] as const);
  internedByLo.set(lo, [iv]);
  return iv;
}

/** True when the line's boxes contain the packet. */
export function lineMatches(line: CompiledAclLine, p: Packet): boolean {
  for (const b of line.boxes) if (boxHolds(b, p)) return true;
  return false;
}

/**
 * Lists are evaluated through `lookupAcl`/`evaluatedAcl` (lib/rules/acl-resolve.ts), which
 * replace object-group lines by their members; reaching one here is a caller that skipped that.
 */
function unresolvedGroup(name: string): Error {
  return new Error(
    `internal: object-group ${name} reached ACL compilation unresolved; look lists up with lookupAcl(config, name)`,
  );
}

function hull(intervals: readonly Interval[]): Interval[] {
  if (intervals.length === 0) return [];
  return [[intervals[0]![0], intervals[intervals.length - 1]![1]]];
}
