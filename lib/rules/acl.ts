/**
 * Access-list matching, written over header-space boxes.
 *
 * IOS reads an ACL top-down and the first line that matches a packet decides (Cisco IOS Security
 * Configuration Guide, "IP Access List Overview": "the first match determines whether the router
 * accepts or rejects the packet"); a packet no line matches meets the implicit `deny any` at the
 * end. What one line matches is lib/rules/acl-line.ts.
 *
 * Every line compiles once into disjoint boxes; {@link partitionByAcl} (regions, for the verifier)
 * and {@link firstMatch} (points, for the emulator) both read those same boxes, so the two cannot
 * disagree. Compiled lists are cached per `AccessList` object and indexed by destination prefix,
 * so a list with a million lines is compiled once and a lookup does not scan it.
 */
import type { AccessList } from '../ir/router-config.js';
import {
  boxesIntersect,
  intersectBox,
  subtractSpaces,
  type HeaderBox,
  type HeaderSpace,
  type Packet,
} from './header-space.js';
import { compileAclRule, lineMatches, sharedInterner, type CompiledAclLine } from './acl-line.js';
import { PrefixIndex } from './prefix-index.js';
import { IdentityCache } from '../ir/identity-cache.js';

export type { CompiledAclLine } from './acl-line.js';

/** Lists up to this many lines are scanned; longer ones use the destination index. */
const SCAN_LIMIT = 32;

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
            if (lineMatches(this.lines[i]!, p)) {
              best = i;
              break;
            }
          }
        });
        return;
      }
      for (const i of bucket) {
        if (best !== undefined && i >= best) break;
        if (lineMatches(this.lines[i]!, p)) {
          best = i;
          break;
        }
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
