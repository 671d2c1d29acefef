/**
 * Access-list matching, written over header-space boxes.
 *
 * IOS reads an ACL top-down and the first line that matches a packet decides (Cisco IOS Security
 * Configuration Guide, "IP Access List Overview": "the first match determines whether the router
 * accepts or rejects the packet"); a packet no line matches meets the implicit `deny any` at the
 * end. A standard list matches the source address only. Wildcard (inverse) masks need not be
 * contiguous: a 1 bit means "ignore this bit", so `10.0.0.0 0.255.0.255` is a set of 256 /24-like
 * stripes. Port operators (`eq`, `neq`, `lt`, `gt`, `range`) apply to TCP and UDP only.
 *
 * Every line compiles once into disjoint boxes; {@link partitionByAcl} (regions, for the verifier)
 * and {@link firstMatch} (points, for the emulator) both read those same boxes, so the two cannot
 * disagree. Compiled lists are cached per `AccessList` object and indexed by destination prefix,
 * so a list with a million lines is compiled once and a lookup does not scan it.
 */
import type { AccessList, AclProtocol, AclRule, AddressMatch, PortMatch } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { NAMED_IP_PROTOCOLS } from '../ir/protocols.js';
import {
  FULL_ADDRESS,
  FULL_PORT,
  FULL_PROTOCOL,
  boxesIntersect,
  intersectBox,
  subtractSpaces,
  type HeaderBox,
  type HeaderSpace,
  type Interval,
  type Packet,
} from './header-space.js';
import { mergeIntervals } from './intervals.js';
import { PrefixIndex } from './prefix-index.js';
import { IdentityCache } from '../ir/identity-cache.js';

/** Largest number of intervals one non-contiguous wildcard mask is expanded into. */
export const ADDRESS_EXPANSION_CAP = 1024;
/** Largest number of boxes one ACL line is expanded into. */
export const LINE_BOX_CAP = 4096;
/** Lists up to this many lines are scanned; longer ones use the destination index. */
const SCAN_LIMIT = 32;

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
export function compileAclRule(rule: AclRule, type: AccessList['type'], index = 0, intern: IntervalInterner = identity): CompiledAclLine {
  // The usual line (one address interval each side, no port condition) is one box, built without
  // the intermediate expansions of the general case below.
  const ported = type === 'extended' && (rule.protocol === 'tcp' || rule.protocol === 'udp' || rule.protocol === 6 || rule.protocol === 17);
  if (!ported || (rule.sourcePort === undefined && rule.destinationPort === undefined)) {
    const s = singleInterval(rule.source, intern);
    const d = s === undefined ? undefined : type === 'extended' ? singleInterval(rule.destination, intern) : intern(FULL_ADDRESS);
    if (s !== undefined && d !== undefined) {
      const proto = type === 'extended' ? protocolInterval(rule.protocol) : FULL_PROTOCOL;
      const box: HeaderBox = { src: s, dst: d, proto: intern(proto), sport: intern(FULL_PORT), dport: intern(FULL_PORT) };
      return { index, rule, action: rule.action, boxes: [box], approximate: false };
    }
  }
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
    // Port conditions exist for TCP and UDP only.
    if (rule.protocol === 'tcp' || rule.protocol === 'udp' || rule.protocol === 6 || rule.protocol === 17) {
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
  const box = (s: Interval, d: Interval, sp: Interval, dp: Interval): HeaderBox =>
    ({ src: intern(s), dst: intern(d), proto: intern(proto), sport: intern(sp), dport: intern(dp) });
  let boxes: HeaderBox[];
  if (srcIv.length === 1 && dstIv.length === 1 && sports.length === 1 && dports.length === 1) {
    // The usual line: one box, in an array literal sized for it (a million of these make a hub).
    boxes = [box(srcIv[0]!, dstIv[0]!, sports[0]!, dports[0]!)];
  } else {
    boxes = [];
    for (const s of srcIv) for (const d of dstIv) for (const sp of sports) for (const dp of dports) boxes.push(box(s, d, sp, dp));
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
const sharedInterner: IntervalInterner = (iv) => internInterval(iv[0], iv[1], iv);

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

/** A compiled access list: its lines plus a destination-prefix index over their boxes. */
export interface CompiledAcl {
  readonly acl: AccessList;
  readonly lines: readonly CompiledAclLine[];
  /** True when some line was over-approximated (see {@link CompiledAclLine.approximate}). */
  readonly approximate: boolean;
  /** Sorted indices of the lines that can match some header of the space. */
  candidates(space: HeaderSpace): number[];
  /** Indices of the lines whose destination blocks contain the address (unsorted, may repeat). */
  candidatesForDestination(dst: number): number[];
  /** Index of the first line matching the packet (the point form of the partition), or undefined. */
  firstMatchIndex(packet: Packet): number | undefined;
}

const cache = new IdentityCache<AccessList, CompiledAcl>();

/** Compiles an access list once; later calls with the same object return the cached result. */
export function compileAcl(acl: AccessList): CompiledAcl {
  return cache.get(acl, buildCompiledAcl);
}

function buildCompiledAcl(acl: AccessList): CompiledAcl {
  const lines: CompiledAclLine[] = [];
  let approximate = false;
  // Every list shares intervals: a hub's short per-spoke lists name the same pools, and every
  // spoke's list names them too.
  const intern = sharedInterner;
  for (const entry of acl.entries) {
    if (entry.kind !== 'rule') continue;
    const line = compileAclRule(entry, acl.type, lines.length, intern);
    approximate ||= line.approximate;
    lines.push(line);
  }
  return new ListOfLines(acl, lines, approximate, lines.length > SCAN_LIMIT ? new LineIndex(lines) : undefined);
}

/**
 * A compiled list: short lists are scanned, long ones read their index. A class, so that its
 * methods live once on the prototype (a hub compiles one list per spoke).
 */
class ListOfLines implements CompiledAcl {
  constructor(
    readonly acl: AccessList,
    readonly lines: readonly CompiledAclLine[],
    readonly approximate: boolean,
    private readonly index: LineIndex | undefined,
  ) {}

  candidatesForDestination(dst: number): number[] {
    return this.index ? this.index.dst.point(dst) : this.lines.map((l) => l.index);
  }

  candidates(space: HeaderSpace): number[] {
    if (this.index) return this.index.candidates(space);
    const out: number[] = [];
    const lines = this.lines;
    // A line's index is its position in `lines` (compileAclRule is given lines.length).
    for (let i = 0; i < lines.length; i += 1) {
      const boxes = lines[i]!.boxes;
      let hit = false;
      for (let b = 0; b < boxes.length && !hit; b += 1) {
        for (let x = 0; x < space.length && !hit; x += 1) hit = boxesIntersect(boxes[b]!, space[x]!);
      }
      if (hit) out.push(i);
    }
    return out;
  }

  firstMatchIndex(p: Packet): number | undefined {
    if (this.index) return this.index.firstMatch(p);
    for (const l of this.lines) if (lineMatches(l, p)) return l.index;
    return undefined;
  }
}

/**
 * Two-level index over the lines of a long ACL: destination blocks first; a destination bucket
 * holding many lines (an exact-mode hub lists every other site towards one spoke LAN, so a
 * thousand lines share one destination) gets a source-block index of its own, built on first use.
 */
class LineIndex {
  readonly dst = new PrefixIndex();
  private readonly bySource = new Map<readonly number[], PrefixIndex>();

  constructor(private readonly lines: readonly CompiledAclLine[]) {
    for (const line of lines) for (const box of line.boxes) this.dst.add(box.dst, line.index);
  }

  private sourceIndex(bucket: readonly number[]): PrefixIndex | undefined {
    if (bucket.length <= SCAN_LIMIT) return undefined;
    let sub = this.bySource.get(bucket);
    if (!sub) {
      sub = new PrefixIndex();
      for (const i of bucket) for (const box of this.lines[i]!.boxes) sub.add(box.src, i);
      this.bySource.set(bucket, sub);
    }
    return sub;
  }

  candidates(space: HeaderSpace): number[] {
    const out: number[] = [];
    for (const box of space) {
      this.dst.rangeBuckets(box.dst, (bucket) => {
        const sub = this.sourceIndex(bucket);
        const check = (i: number) => {
          if (this.lines[i]!.boxes.some((b) => boxesIntersect(b, box))) out.push(i);
        };
        if (sub) sub.range(box.src, check);
        else for (const i of bucket) check(i);
      });
    }
    if (out.length <= 1) return out;
    out.sort((a, b) => a - b);
    let n = 1;
    for (let k = 1; k < out.length; k += 1) if (out[k] !== out[n - 1]) out[n++] = out[k]!;
    out.length = n;
    return out;
  }

  firstMatch(p: Packet): number | undefined {
    let best: number | undefined;
    this.dst.pointBuckets(p.dst, (bucket) => {
      const sub = this.sourceIndex(bucket);
      if (sub) {
        sub.pointBuckets(p.src, (ids) => {
          for (const i of ids) {
            if (best !== undefined && i >= best) break;
            if (lineMatches(this.lines[i]!, p)) { best = i; break; }
          }
        });
        return;
      }
      for (const i of bucket) {
        if (best !== undefined && i >= best) break;
        if (lineMatches(this.lines[i]!, p)) { best = i; break; }
      }
    });
    return best;
  }
}

/** The part of a space one line decides. */
export interface AclPiece {
  readonly line: CompiledAclLine;
  /** Headers this line is the first match for (disjoint boxes, never empty). */
  readonly space: readonly HeaderBox[];
}

/** First-match partition of a space by an ACL. */
export interface AclPartition {
  /** In line order; only lines that are the first match for some header of the space. */
  readonly pieces: readonly AclPiece[];
  /** Headers no line matches (the implicit `deny any`). */
  readonly implicitDeny: readonly HeaderBox[];
}

/** Splits a space into the pieces each line decides first, plus the implicit-deny remainder. */
export function partitionByAcl(acl: AccessList, space: HeaderSpace): AclPartition {
  const compiled = compileAcl(acl);
  const pieces: AclPiece[] = [];
  let remaining: HeaderBox[] = space.slice();
  const candidates = compiled.candidates(space);
  for (let c = 0; c < candidates.length && remaining.length > 0; c += 1) {
    const line = compiled.lines[candidates[c]!]!;
    const piece: HeaderBox[] = [];
    for (let b = 0; b < line.boxes.length; b += 1) {
      for (let r = 0; r < remaining.length; r += 1) {
        const x = intersectBox(remaining[r]!, line.boxes[b]!);
        if (x) piece.push(x);
      }
    }
    if (piece.length === 0) continue;
    pieces.push({ line, space: piece });
    remaining = subtractSpaces(remaining, line.boxes);
  }
  return { pieces, implicitDeny: remaining };
}

/** True when the line's boxes contain the packet. */
export function lineMatches(line: CompiledAclLine, p: Packet): boolean {
  for (const b of line.boxes) {
    if (
      p.src >= b.src[0] && p.src <= b.src[1] && p.dst >= b.dst[0] && p.dst <= b.dst[1] &&
      p.proto >= b.proto[0] && p.proto <= b.proto[1] && p.sport >= b.sport[0] && p.sport <= b.sport[1] &&
      p.dport >= b.dport[0] && p.dport <= b.dport[1]
    ) return true;
  }
  return false;
}

/** The first line matching a packet, or undefined for the implicit deny. Reads the compiled boxes. */
export function firstMatch(acl: AccessList, packet: Packet): CompiledAclLine | undefined {
  const compiled = compileAcl(acl);
  const i = compiled.firstMatchIndex(packet);
  return i === undefined ? undefined : compiled.lines[i];
}

/** Finds an access list by name or number in a list of ACLs. */
export function findAcl(acls: readonly AccessList[], name: string): AccessList | undefined {
  return acls.find((a) => a.name === name);
}

/**
 * Lists are evaluated through `lookupAcl`/`evaluatedAcl` (lib/rules/acl-resolve.ts), which
 * replace object-group lines by their members; reaching one here is a caller that skipped that.
 */
function unresolvedGroup(name: string): Error {
  return new Error(`internal: object-group ${name} reached ACL compilation unresolved; look lists up with lookupAcl(config, name)`);
}

function hull(intervals: readonly Interval[]): Interval[] {
  if (intervals.length === 0) return [];
  return [[intervals[0]![0], intervals[intervals.length - 1]![1]]];
}
