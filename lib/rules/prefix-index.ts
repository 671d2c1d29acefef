/**
 * An index from address intervals to integer ids, by aligned prefix blocks. Rule lists (ACL lines,
 * crypto map entries) register the destination interval of each of their boxes; a lookup for an
 * address or an interval returns the ids whose intervals can intersect it, in 33 hash/binary
 * searches instead of a scan. This is what keeps a hub with thousands of entries and a million
 * ACL lines usable: the rules still decide, the index only narrows the candidates.
 */
import type { Interval } from './header-space.js';

/** Maximal aligned blocks `[network, prefixLength]` exactly covering an interval. */
export function intervalToBlocks([lo, hi]: Interval): [number, number][] {
  const out: [number, number][] = [];
  let cur = lo;
  while (cur <= hi) {
    let len = 32;
    while (len > 0) {
      const size = 2 ** (33 - len);
      if (cur % size !== 0 || cur + size - 1 > hi) break;
      len -= 1;
    }
    out.push([cur, len]);
    cur += 2 ** (32 - len);
  }
  return out;
}

/** Network address of the block of the given prefix length that contains `ip`. */
const BLOCK_SIZES = Array.from({ length: 33 }, (_, len) => 2 ** (32 - len));

/** The prefix length when the interval is exactly one aligned block (the usual case), else undefined. */
function alignedLength([lo, hi]: Interval): number | undefined {
  const size = hi - lo + 1;
  // A power of two (exact in doubles up to 2^32) whose multiple `lo` is.
  const len = 32 - Math.log2(size);
  return Number.isInteger(len) && lo % size === 0 ? len : undefined;
}

function blockOf(ip: number, length: number): number {
  return length === 0 ? 0 : ip - (ip % BLOCK_SIZES[length]!);
}

/** Prefix-block index over intervals; ids should be added in ascending order. */
export class PrefixIndex {
  /** Per prefix length, network -> ids; created on first use (most indices use one or two lengths). */
  private readonly byLength: (Map<number, number[]> | undefined)[] = new Array<Map<number, number[]> | undefined>(33);
  private sortedKeys: (number[] | undefined)[] | undefined;
  /** Prefix lengths that hold at least one block: lookups visit only these. */
  private readonly used: number[] = [];

  /** Registers an interval for an id. */
  add(interval: Interval, id: number): void {
    const aligned = alignedLength(interval);
    if (aligned !== undefined) {
      this.addBlock(interval[0], aligned, id);
      return;
    }
    for (const [network, length] of intervalToBlocks(interval)) this.addBlock(network, length, id);
  }

  private addBlock(network: number, length: number, id: number): void {
    let m = this.byLength[length];
    if (!m) {
      this.byLength[length] = m = new Map();
      let at = this.used.length;
      while (at > 0 && this.used[at - 1]! > length) at -= 1;
      this.used.splice(at, 0, length);
    }
    const list = m.get(network);
    if (!list) m.set(network, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
    this.sortedKeys = undefined;
  }

  /** Ids whose intervals contain the address (unsorted, may repeat). */
  point(address: number, out: number[] = []): number[] {
    this.pointBuckets(address, (ids) => {
      for (let k = 0; k < ids.length; k += 1) out.push(ids[k]!);
    });
    return out;
  }

  /** Calls `visit` for every id whose intervals intersect `[lo, hi]` (may repeat). */
  range(interval: Interval, visit: (id: number) => void): void {
    this.rangeBuckets(interval, (ids) => {
      for (let k = 0; k < ids.length; k += 1) visit(ids[k]!);
    });
  }

  /** Calls `visit` with each bucket (ids ascending) whose block contains the address. */
  pointBuckets(address: number, visit: (ids: readonly number[]) => void): void {
    for (let u = 0; u < this.used.length; u += 1) {
      const len = this.used[u]!;
      const list = this.byLength[len]!.get(blockOf(address, len));
      if (list) visit(list);
    }
  }

  /** Calls `visit` with each bucket (ids ascending) whose block intersects `[lo, hi]`. */
  rangeBuckets(interval: Interval, visit: (ids: readonly number[]) => void): void {
    const lo = interval[0];
    const hi = interval[1];
    const sorted = (this.sortedKeys ??= new Array<number[] | undefined>(33));
    for (let u = 0; u < this.used.length; u += 1) {
      const len = this.used[u]!;
      const ks = (sorted[len] ??= [...this.byLength[len]!.keys()].sort((a, b) => a - b));
      const map = this.byLength[len]!;
      for (let k = lowerBound(ks, blockOf(lo, len)); k < ks.length && ks[k]! <= hi; k += 1) visit(map.get(ks[k]!)!);
    }
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
