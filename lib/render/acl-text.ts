/**
 * ACL line bodies shared by numbered (`access-list 110 permit ...`) and named (` permit ...`) lists.
 */
import type { AccessList, AclEntry, AclRule, AddressMatch, PortMatch } from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import type { PlatformStyle } from './platform-style.js';

/** `any`, `host A` or `A W`. */
export function addressText(match: AddressMatch): string {
  switch (match.kind) {
    case 'any':
      return 'any';
    case 'host':
      return `host ${match.address}`;
    case 'wildcard':
      return `${match.address} ${match.wildcard}`;
  }
}

/** `eq 80 443`, `range 1000 2000`. */
export function portText(port: PortMatch): string {
  return port.ports.length === 0 ? port.op : `${port.op} ${port.ports.join(' ')}`;
}

/**
 * The words after the list name (numbered) or at the start of a named-list line:
 * `permit tcp any host 10.0.0.1 eq 80 log`. Standard lists print only the source.
 */
export function ruleText(rule: AclRule, type: AccessList['type']): string {
  let text: string;
  if (type === 'standard') {
    text = `${rule.action} ${addressText(rule.source)}`;
  } else {
    text = `${rule.action} ${rule.protocol} ${addressText(rule.source)}`;
    if (rule.sourcePort) text += ` ${portText(rule.sourcePort)}`;
    text += ` ${addressText(rule.destination)}`;
    if (rule.destinationPort) text += ` ${portText(rule.destinationPort)}`;
  }
  if (rule.trailing) text += ` ${oneLine(rule.trailing)}`;
  return text;
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
