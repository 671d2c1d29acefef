/**
 * ACL line bodies shared by numbered (`access-list 110 permit ...`) and named (` permit ...`) lists.
 */
import { aclMatchText } from '../ir/acl-text.js';
import type { AccessList, AclEntry, AclRule } from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import type { PlatformStyle } from './platform-style.js';

/**
 * The words after the list name (numbered) or at the start of a named-list line:
 * `permit tcp any host 10.0.0.1 eq 80 log`. Standard lists print only the source.
 */
export function ruleText(rule: AclRule, type: AccessList['type']): string {
  const text = aclMatchText(rule, type);
  return rule.trailing ? `${text} ${oneLine(rule.trailing)}` : text;
}

function entryText(entry: AclEntry, type: AccessList['type']): string {
  return entry.kind === 'remark' ? `remark ${oneLine(entry.text)}` : ruleText(entry, type);
}

/** Renders one list in its numbered or named form. */
export function renderAccessList(out: LineWriter, acl: AccessList, style: PlatformStyle): void {
  if (acl.numbered) {
    // Numbered lists have no sequence numbers in the configuration: position is the order.
    const prefix = `access-list ${acl.name} `;
    for (const entry of acl.entries) out.line(prefix + entryText(entry, acl.type), entry.origin ?? acl.origin);
    return;
  }
  out.line(`ip access-list ${acl.type} ${acl.name}`, acl.origin);
  for (const entry of acl.entries) {
    const seq = style.namedAclSequenceNumbers && entry.seq !== undefined ? `${entry.seq} ` : '';
    out.line(` ${seq}${entryText(entry, acl.type)}`, entry.origin ?? acl.origin);
  }
}
