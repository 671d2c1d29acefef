/**
 * `show access-lists [NAME|NUMBER]`: every list in configuration order, `Standard IP access list N`
 * or `Extended IP access list N`, then its rules in evaluation order with `(N matches)` when the
 * walk matched the line (lib/emulate/acl-counters.ts). Remarks are not shown, as on IOS.
 *
 * Sequence numbers: IOS prints them from the IP Access List Entry Sequence Numbering feature
 * (12.3(2)T, in every 15.x and IOS-XE release); the 12.2 mainline the reference lab runs prints the
 * bare lines. Standard lists print their source as `show` does, not as configured
 * (lib/ir/acl-text.ts `standardShowText`).
 */
import type { DeviceCore } from './types.js';
import { aclEntriesInOrder, effectiveSequenceNumbers } from '../ir/acl-sequence.js';
import { aclMatchText, standardShowText } from '../ir/acl-text.js';
import type { AccessList, AclRule } from '../ir/router-config.js';

function ruleText(rule: AclRule, type: AccessList['type']): string {
  const match = type === 'standard' ? standardShowText(rule) : aclMatchText(rule, type);
  return rule.trailing ? `${match} ${rule.trailing}` : match;
}

function listLines(dev: DeviceCore, acl: AccessList, numbers: boolean): string[] {
  const out = [`${acl.type === 'standard' ? 'Standard' : 'Extended'} IP access list ${acl.name}`];
  const seqs = effectiveSequenceNumbers(acl.entries);
  const seqOf = new Map(acl.entries.map((e, i) => [e, seqs[i]!]));
  for (const e of aclEntriesInOrder(acl.entries)) {
    if (e.kind !== 'rule') continue;
    const hits = dev.aclCounters.count(e);
    const seq = numbers ? `${seqOf.get(e)!} ` : '';
    out.push(`    ${seq}${ruleText(e, acl.type)}${hits > 0 ? ` (${hits} match${hits === 1 ? '' : 'es'})` : ''}`);
  }
  return out;
}

/** `show access-lists [NAME]`; a name that matches no list prints nothing, as IOS does. */
export function showAccessLists(dev: DeviceCore, name?: string): string {
  const numbers = dev.config.platform !== 'ios-12.2';
  const out: string[] = [];
  for (const acl of dev.config.accessLists) {
    if (name === undefined || acl.name === name) for (const l of listLines(dev, acl, numbers)) out.push(l);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
