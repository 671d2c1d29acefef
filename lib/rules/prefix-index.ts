/**
 * An index from address intervals to integer ids, by aligned prefix blocks. Rule lists (ACL lines,
 * crypto map entries) register the destination interval of each of their boxes; a lookup for an
 * address or an interval returns the ids whose intervals can intersect it, in 33 hash/binary
 * searches instead of a scan. This is what keeps a hub with thousands of entries and a million
 * ACL lines usable: the rules still decide, the index only narrows the candidates.
 */
import { blockLength, blockStart, rangeToBlocks } from '../ir/ipv4.js';
import type { Interval } from './header-space.js';

/** Prefix-block index over intervals; ids should be added in ascending order. */
export class PrefixIndex {
  /** Per prefix length, network -> ids; created on first use (most indices use one or two lengths). */
  private readonly byLength: (Map<number, number[]> | undefined)[] = new Array<Map<number, number[]> | undefined>(33);
  private sortedKeys: (number[] | undefined)[] | undefined;
  /** Prefix lengths that hold at least one block: lookups visit only these. */
  private readonly used: number[] = [];

  /** Registers an interval for an id. */
  add(interval: Interval, id: number): void {
    const aligned = blockLength(interval[0], interval[1]);
    if (aligned !== undefined) {
      this.addBlock(interval[0], aligned, id);
      return;
    }
    for (const [network, length] of rangeToBlocks(interval[0], interval[1])) this.addBlock(network, length, id);
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
      const list = this.byLength[len]!.get(blockStart(address, len));
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
      for (let k = lowerBound(ks, blockStart(lo, len)); k < ks.length && ks[k]! <= hi; k += 1) visit(map.get(ks[k]!)!);
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
