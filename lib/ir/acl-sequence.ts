/**
 * The order IOS keeps ACL entries in: by sequence number, an entry without one numbered 10 more
 * than the highest number before it (docs/ios-semantics.md#sequence-numbers). It lives in the IR
 * because the renderer must print entries in that order (the text has no numbers on some
 * platforms and for numbered lists) and the rules must evaluate them in it; both read this one
 * helper.
 */
import type { AclEntry } from './router-config.js';

/** The increment IOS uses for entries typed without a number and for `resequence`. */
export const ACL_SEQUENCE_STEP = 10;

/** Highest ACL sequence number IOS accepts. */
export const ACL_MAX_SEQUENCE = 2147483647;

/**
 * The number of every entry: an explicit `seq` wins; a rule without one gets the highest number
 * so far plus 10. A remark without a number takes the number the next unnumbered rule would get
 * but uses none (remarks are not addressable by sequence on the releases this models), so it
 * stays in front of the rule typed after it.
 */
export function effectiveSequenceNumbers(entries: readonly AclEntry[]): number[] {
  const out: number[] = [];
  let highest = 0;
  for (const entry of entries) {
    if (entry.seq !== undefined) {
      out.push(entry.seq);
      if (entry.seq > highest) highest = entry.seq;
    } else if (entry.kind === 'remark') {
      out.push(highest + ACL_SEQUENCE_STEP);
    } else {
      highest += ACL_SEQUENCE_STEP;
      out.push(highest);
    }
  }
  return out;
}

/**
 * Entries in evaluation (and display) order: ascending effective sequence number, ties in the
 * given order. Lists without any explicit number come back as given (no copy): a hub's
 * million-line lists are the common case and are already in order.
 */
export function aclEntriesInOrder<T extends AclEntry>(entries: readonly T[]): readonly T[] {
  let numbered = false;
  for (let i = 0; i < entries.length && !numbered; i += 1) numbered = entries[i]!.seq !== undefined;
  if (!numbered) return entries;
  const seqs = effectiveSequenceNumbers(entries);
  let sorted = true;
  for (let i = 1; i < seqs.length && sorted; i += 1) sorted = seqs[i - 1]! <= seqs[i]!;
  if (sorted) return entries;
  const order = entries.map((_, i) => i).sort((a, b) => seqs[a]! - seqs[b]! || a - b);
  return order.map((i) => entries[i]!);
}

/**
 * Entries in order with the number IOS gives each rule written on it, when the list has any
 * explicit number (else as given): what `show running-config` prints on platforms that print
 * numbers, and what the list reads back as. Unnumbered remarks stay unnumbered.
 */
export function aclEntriesNumbered<T extends AclEntry>(entries: readonly T[]): readonly T[] {
  const ordered = aclEntriesInOrder(entries);
  if (!ordered.some((e) => e.seq !== undefined)) return ordered;
  const seqs = effectiveSequenceNumbers(entries);
  const byEntry = new Map<T, number>(entries.map((e, i) => [e, seqs[i]!]));
  return ordered.map((e) => (e.seq !== undefined || e.kind === 'remark' ? e : { ...e, seq: byEntry.get(e)! }));
}
