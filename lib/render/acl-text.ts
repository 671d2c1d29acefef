/**
 * ACL line bodies shared by numbered (`access-list 110 permit ...`) and named (` permit ...`) lists.
 */
import { aclEntriesInOrder, aclEntriesNumbered } from '../ir/acl-sequence.js';
import { aclMatchText, portText } from '../ir/acl-text.js';
import type { AccessList, AclEntry, AclRule, NetworkObject, ObjectGroup, ServiceObject } from '../ir/router-config.js';
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

/** The text of one entry (remark or rule) without its sequence number. */
export function entryText(entry: AclEntry, type: AccessList['type']): string {
  return entry.kind === 'remark' ? `remark ${oneLine(entry.text)}` : ruleText(entry, type);
}

/**
 * Renders one list in its numbered or named form, entries in sequence order: where the numbers
 * are not printed (numbered lists, 12.2), the text order is the only order the device reads.
 */
export function renderAccessList(out: LineWriter, acl: AccessList, style: PlatformStyle): void {
  const entries =
    style.namedAclSequenceNumbers && !acl.numbered ? aclEntriesNumbered(acl.entries) : aclEntriesInOrder(acl.entries);
  if (acl.numbered) {
    const prefix = `access-list ${acl.name} `;
    for (const entry of entries) out.line(prefix + entryText(entry, acl.type), entry.origin ?? acl.origin);
    return;
  }
  out.line(`ip access-list ${acl.type} ${acl.name}`, acl.origin);
  for (const entry of entries) {
    const seq = style.namedAclSequenceNumbers && entry.seq !== undefined ? `${entry.seq} ` : '';
    out.line(` ${seq}${entryText(entry, acl.type)}`, entry.origin ?? acl.origin);
  }
}

function serviceItemText(item: ServiceObject): string {
  if (item.kind === 'group') return `group-object ${item.name}`;
  let text = String(item.protocol);
  if (item.sourcePort) text += ` source ${portText(item.sourcePort)}`;
  if (item.destinationPort) text += ` ${portText(item.destinationPort)}`;
  return text;
}

function networkItemText(item: NetworkObject): string {
  switch (item.kind) {
    case 'host':
      return `host ${item.address}`;
    case 'subnet':
      return `${item.address} ${item.mask}`;
    case 'range':
      return `range ${item.first} ${item.last}`;
    case 'group':
      return `group-object ${item.name}`;
  }
}

/** `object-group network|service NAME` and its items. */
export function renderObjectGroup(out: LineWriter, group: ObjectGroup): void {
  out.line(`object-group ${group.type} ${group.name}`, group.origin);
  if (group.description !== undefined) out.line(` description ${oneLine(group.description)}`, group.origin);
  if (group.type === 'network') for (const item of group.items) out.line(` ${networkItemText(item)}`, group.origin);
  else for (const item of group.items) out.line(` ${serviceItemText(item)}`, group.origin);
}
