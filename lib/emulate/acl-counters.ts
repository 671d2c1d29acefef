/**
 * Per-line hit counters of one router's access lists, as `show access-lists` prints them
 * (`(N matches)`). The walk counts each packet once per list it was matched against: the crypto
 * ACL line that selected the entry at egress, the interface list line that permitted or denied it,
 * the NAT list line that selected it for translation. The implicit deny has no counter, as on IOS.
 * Counting is emulator state; the rules only say which line matched.
 */
import type { AclRule } from '../ir/router-config.js';

/**
 * A line's counter key: its source location when parsed, because the rules evaluate a list whose
 * object-group lines are expanded into copies that keep the written line's `loc`
 * (lib/rules/acl-resolve.ts); the rule object itself for lists built from the IR.
 */
function key(rule: AclRule): object {
  return rule.loc ?? rule;
}

/** Hit counters of one router's list lines. */
export class AclCounters {
  private readonly hits = new Map<object, number>();

  /** Counts one packet matched by a line. */
  hit(rule: AclRule): void {
    const k = key(rule);
    this.hits.set(k, (this.hits.get(k) ?? 0) + 1);
  }

  /** Packets matched by a line since start or the last clear. */
  count(rule: AclRule): number {
    return this.hits.get(key(rule)) ?? 0;
  }

  /** `clear access-list counters`. */
  clear(): void {
    this.hits.clear();
  }
}
