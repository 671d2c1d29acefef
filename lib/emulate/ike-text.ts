/**
 * The console text of IKE/IPsec negotiations, in the words IOS 12.2 prints under
 * `debug crypto isakmp` / `debug crypto ipsec` and in its syslog messages (as captured in Cisco's
 * hub-and-spoke configuration example and its troubleshooting notes). Display only: the decisions
 * are made by `lib/rules/`. No function here ever receives a pre-shared key.
 */
import { NAMED_IP_PROTOCOLS } from '../ir/protocols.js';
import type { AddressMatch, AclRule } from '../ir/router-config.js';
import { addressMaskText } from '../ir/acl-text.js';
import type { EffectiveTransformSet } from '../rules/platform-defaults.js';
import { espAuthenticatorName, espKeyLength, espTransformName, lifeDurationLine } from './algorithm-names.js';

/** IOS protocol number of an ACL line for proxy identities (0 for `ip`). */
function protoNumber(rule: AclRule): number {
  const p = rule.protocol;
  if (typeof p === 'number') return p;
  return NAMED_IP_PROTOCOLS[p] ?? 0;
}

/** `addr/mask/prot/port` of one side of an ACL line, as `show crypto ipsec sa` prints idents. */
export function identText(match: AddressMatch, rule: AclRule, side: 'source' | 'destination'): string {
  const port = side === 'source' ? rule.sourcePort : rule.destinationPort;
  const p = port && port.op === 'eq' && port.ports.length === 1 ? port.ports[0]! : 0;
  return `${addressMaskText(match)}/${protoNumber(rule)}/${p}`;
}

/** `(type=4)` for subnets, `(type=1)` for hosts, as IOS tags proxy identities. */
function proxyType(match: AddressMatch): string {
  return match.kind === 'host' ? '(type=1)' : '(type=4)';
}

/** Transform list as IOS debug prints it: `esp-des esp-md5-hmac `. */
export function transformText(ts: EffectiveTransformSet): string {
  return `${ts.transforms.join(' ')} `;
}

/** Parameters of a key-engine message. */
export interface KeyEngineMessage {
  readonly direction: 'OUTBOUND' | 'INBOUND';
  readonly local: string;
  readonly remote: string;
  readonly localProxy: { readonly match: AddressMatch; readonly ident: string };
  readonly remoteProxy: { readonly match: AddressMatch; readonly ident: string };
  readonly transform: EffectiveTransformSet;
  readonly lifeSeconds: number;
  readonly lifeKilobytes: number;
}

function keyEngineBody(m: KeyEngineMessage, flags: string): string {
  return [
    `  (key eng. msg.) ${m.direction} local= ${m.local}, remote= ${m.remote},`,
    `    local_proxy= ${m.localProxy.ident} ${proxyType(m.localProxy.match)},`,
    `    remote_proxy= ${m.remoteProxy.ident} ${proxyType(m.remoteProxy.match)},`,
    `    protocol= ESP, transform= ${transformText(m.transform)},`,
    `    lifedur= ${m.lifeSeconds}s and ${m.lifeKilobytes}kb,`,
    `    spi= 0x0(0), conn_id= 0, keysize= 0, flags= ${flags}`,
  ].join('\n');
}

/** `IPSEC(sa_request)`: the first packet of a flow asks IKE for an SA. */
export function saRequestText(m: KeyEngineMessage): string {
  return `IPSEC(sa_request): ,\n${keyEngineBody(m, '0x4004')}`;
}

/** `IPSEC(validate_proposal_request)`: the responder checks a quick-mode proposal. */
export function validateProposalText(m: KeyEngineMessage): string {
  return `IPSEC(validate_proposal_request): proposal part #1,\n${keyEngineBody({ ...m, lifeSeconds: 0, lifeKilobytes: 0 }, '0x4')}`;
}

/**
 * The `transform 1` attribute lines of a quick-mode proposal. The encapsulation attribute is 1 for
 * tunnel mode and 2 for transport mode (RFC 2407 section 4.5).
 */
export function ipsecProposalLines(
  ts: EffectiveTransformSet,
  lifeSeconds: number,
  pfsGroup: number | undefined,
  lifeKilobytes: number,
  transport = false,
): string[] {
  const lines = [
    `ISAKMP: transform 1, ${espTransformName(ts.transforms)}`,
    'ISAKMP:   attributes in transform:',
    `ISAKMP:      encaps is ${transport ? 2 : 1}`,
    'ISAKMP:      SA life type in seconds',
    lifeDurationLine('SA life duration', lifeSeconds),
    'ISAKMP:      SA life type in kilobytes',
    lifeDurationLine('SA life duration', lifeKilobytes),
  ];
  const auth = espAuthenticatorName(ts.transforms);
  if (auth) lines.push(`ISAKMP:      authenticator is ${auth}`);
  const bits = espKeyLength(ts.transforms);
  if (bits !== undefined) lines.push(`ISAKMP:      key length is ${bits}`);
  if (pfsGroup !== undefined) lines.push(`ISAKMP:      group is ${pfsGroup}`);
  return lines;
}

/** Parameters of one created SA pair, for "Creating IPsec SAs" and `IPSEC(create_sa)`. */
export interface CreatedSa {
  readonly local: string;
  readonly peer: string;
  readonly localNet: string;
  readonly remoteNet: string;
  readonly inboundSpi: number;
  readonly inboundConnId: number;
  readonly outboundSpi: number;
  readonly outboundConnId: number;
  readonly lifeSeconds: number;
  readonly lifeKilobytes: number;
  readonly transform: EffectiveTransformSet;
}

/** Formats an SPI as IOS debug does: `0x1A2B3C4D(439041101)`. */
export function spiText(spi: number): string {
  return `0x${spi.toString(16).toUpperCase()}(${spi})`;
}

/** "Creating IPsec SAs" with the inbound and outbound halves. */
export function creatingSasText(conn: number, sa: CreatedSa): string {
  return [
    `ISAKMP (0:${conn}): Creating IPsec SAs`,
    `        inbound SA from ${sa.peer} to ${sa.local} (proxy ${sa.remoteNet} to ${sa.localNet})`,
    `        has spi 0x${sa.inboundSpi.toString(16).toUpperCase()} and conn_id ${sa.inboundConnId} and flags 4`,
    `        lifetime of ${sa.lifeSeconds} seconds`,
    `        lifetime of ${sa.lifeKilobytes} kilobytes`,
    `        outbound SA from ${sa.local} to ${sa.peer} (proxy ${sa.localNet} to ${sa.remoteNet})`,
    `        has spi 0x${sa.outboundSpi.toString(16).toUpperCase()} and conn_id ${sa.outboundConnId} and flags C`,
    `        lifetime of ${sa.lifeSeconds} seconds`,
    `        lifetime of ${sa.lifeKilobytes} kilobytes`,
  ].join('\n');
}

/** The two `IPSEC(create_sa)` messages (inbound, outbound). */
export function createSaTexts(sa: CreatedSa): string[] {
  const one = (dest: string, spi: number, conn: number) =>
    [
      'IPSEC(create_sa): sa created,',
      `  (sa) sa_dest= ${dest}, sa_prot= 50,`,
      `    sa_spi= ${spiText(spi)},`,
      `    sa_trans= ${transformText(sa.transform)}, sa_conn_id= ${conn}`,
    ].join('\n');
  return [one(sa.local, sa.inboundSpi, sa.inboundConnId), one(sa.peer, sa.outboundSpi, sa.outboundConnId)];
}
