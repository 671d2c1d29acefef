/**
 * Sequence numbers of ACL lines, the way IOS assigns them, and free numbers for inserted lines.
 *
 * IOS numbers ACL entries 10, 20, 30... in configuration order ("IP Access List Entry Sequence
 * Numbering", 12.2(14)S / 12.3(2)T and later); a line entered without a number gets the last
 * entry's number plus 10. Remarks carry no number of their own there, so they cannot be addressed
 * by sequence. Sequence numbers go up to 2147483647.
 */
import type { AclEntry } from '../ir/router-config.js';

/** Highest sequence number IOS accepts. */
export const MAX_SEQUENCE = 2147483647;

/** The increment IOS uses for unnumbered lines and for `ip access-list resequence` by default. */
export const SEQUENCE_STEP = 10;

/**
 * Sequence number of every entry (undefined for remarks): an explicit `seq` wins, an unnumbered
 * rule gets the previous rule's number plus 10.
 */
export function assignSequenceNumbers(entries: readonly AclEntry[]): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let last = 0;
  for (const entry of entries) {
    if (entry.kind === 'remark') {
      out.push(undefined);
      continue;
    }
    const seq = entry.seq ?? last + SEQUENCE_STEP;
    out.push(seq);
    last = seq;
  }
  return out;
}

/**
 * `count` ascending numbers strictly between `after` and `before` (`before` undefined: no upper
 * neighbour), none of them in `taken` (sorted ascending), spread evenly so later insertions find
 * room too (one line between 20 and 30 gets 25). Undefined when there is not enough room.
 */
export function allocateSequenceNumbers(
  after: number,
  before: number | undefined,
  count: number,
  taken: readonly number[],
): number[] | undefined {
  if (count === 0) return [];
  if (before === undefined) {
    let base = after;
    for (const t of taken) if (t > base) base = t;
    const last = base + SEQUENCE_STEP * count;
    if (last > MAX_SEQUENCE) return undefined;
    return Array.from({ length: count }, (_, i) => base + SEQUENCE_STEP * (i + 1));
  }
  const inGap = taken.filter((t) => t > after && t < before);
  const free = before - after - 1 - inGap.length;
  if (free < count) return undefined;
  const out: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    // The i-th of count+1 equal parts of the free numbers, then skipped past the taken ones.
    let n = after + 1 + Math.floor((free * i) / (count + 1));
    for (const t of inGap) if (t <= n) n += 1;
    out.push(n);
  }
  return out;
}
