/**
 * IOS text of access-list matches, written once for the renderer (configuration lines), the
 * verifier (problem messages, proof paths) and the emulator (proxy identities in debug output).
 */
import { ipToNumber, numberToIp } from './ipv4.js';
import type { AccessList, AclRule, AddressMatch, PortMatch } from './router-config.js';

/** `any`, `host A`, `A W` or `object-group NAME`, as an ACL line prints an address match. */
export function addressText(match: AddressMatch): string {
  switch (match.kind) {
    case 'any':
      return 'any';
    case 'host':
      return `host ${match.address}`;
    case 'wildcard':
      return `${match.address} ${match.wildcard}`;
    case 'object-group':
      return `object-group ${match.name}`;
  }
}

/** `eq 80 443`, `range 1000 2000`. */
export function portText(port: PortMatch): string {
  return port.ports.length === 0 ? port.op : `${port.op} ${port.ports.join(' ')}`;
}

/**
 * The match of a rule as a line of a list of `type` prints it, without the trailing words (`log`,
 * ICMP types): `permit tcp any host 10.0.0.1 eq 80`. Standard lists print only the source.
 */
export function aclMatchText(rule: AclRule, type: AccessList['type']): string {
  if (type === 'standard') return `${rule.action} ${addressText(rule.source)}`;
  const protocol = rule.service !== undefined ? `object-group ${rule.service}` : String(rule.protocol);
  let text = `${rule.action} ${protocol} ${addressText(rule.source)}`;
  if (rule.sourcePort) text += ` ${portText(rule.sourcePort)}`;
  text += ` ${addressText(rule.destination)}`;
  if (rule.destinationPort) text += ` ${portText(rule.destinationPort)}`;
  return text;
}

/**
 * `A/M` as IOS debug output prints a proxy identity (`192.168.1.0/255.255.255.0`): the address
 * with the wildcard's bits cleared, and the inverted wildcard.
 */
export function addressMaskText(match: AddressMatch): string {
  if (match.kind === 'any') return '0.0.0.0/0.0.0.0';
  if (match.kind === 'host') return `${match.address}/255.255.255.255`;
  // Rules see object-group lines expanded (lib/rules/acl-resolve.ts); the name is all there is here.
  if (match.kind === 'object-group') return `object-group ${match.name}`;
  const w = ipToNumber(match.wildcard);
  return `${numberToIp((ipToNumber(match.address) & ~w) >>> 0)}/${numberToIp(~w >>> 0)}`;
}

/**
 * The match of a standard-list rule as `show access-lists` prints it: `permit 10.1.1.1` for a host,
 * `permit 10.0.0.0, wildcard bits 0.0.0.255`, `permit any` (the configuration form differs:
 * `host A`, `A W`).
 */
export function standardShowText(rule: AclRule): string {
  const s = rule.source;
  const match =
    s.kind === 'host'
      ? s.address
      : s.kind === 'wildcard'
        ? `${s.address}, wildcard bits ${s.wildcard}`
        : addressText(s);
  return `${rule.action} ${match}`;
}
