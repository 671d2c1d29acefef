/**
 * Catalogue: findings of interface access lists and NAT on a pair's path
 * (docs/ios-semantics.md#interface-access-lists, #nat-and-the-order-of-operations). The walk's
 * filter and NAT steps (`prove/filter-checks.ts`, `prove/nat-checks.ts`) find what is dropped or
 * translated; these factories word it.
 */
import type { InterfaceConfig, NatRule } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { HeaderBox, Interval } from '../../rules/header-space.js';
import type { AclDirection, InterfaceFilter } from '../../rules/interface-acl.js';
import { at, intervalText, lineRef, regionText } from './describe.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** Where on the path a list meets the conversation's packets. */
export type FilterPoint =
  /** The source's LAN interface, inbound. */
  | 'from-lan'
  /** The destination's LAN interface, outbound. */
  | 'to-lan'
  /** The crypto interface's inbound list after decryption (releases before 12.3(8)T, FN29690). */
  | 'decrypted'
  /** The crypto interface's outbound list before encryption (releases before 12.3(8)T, FN29690). */
  | 'before-encryption';

const POINT_TEXT: Record<FilterPoint, string> = {
  'from-lan': 'arriving from its LAN',
  'to-lan': 'delivered to its LAN',
  decrypted: 'just decrypted (releases before 12.3(8)T check it against the inbound list)',
  'before-encryption': 'before encryption (releases before 12.3(8)T check it against the outbound list)',
};

function groupLine(f: InterfaceFilter): number {
  return f.group.loc?.line ?? 0;
}

function filterHint(d: FindingDevice, f: InterfaceFilter, traffic: string): Record<string, string> {
  return { traffic, acl: f.group.acl, direction: f.direction, interface: f.interface.name, device: d.hostname };
}

/**
 * INTERFACE_ACL_BLOCKS: `filter` on `iface` drops part of the conversation at `point`, by its
 * deny `line` or (without one) the implicit deny at the end of the list.
 */
export function conversationBlocked(f: {
  readonly device: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly direction: AclDirection;
  readonly filter: InterfaceFilter;
  readonly space: readonly HeaderBox[];
  readonly line: CompiledAclLine | undefined;
  readonly point: FilterPoint;
}): ProblemInput {
  const { device: d, filter, direction } = f;
  const region = regionText(f.space);
  const by = f.line
    ? `${lineRef(d.file, f.line)} of ACL ${filter.group.acl}`
    : `the implicit deny at the end of ACL ${filter.group.acl} (applied at ${at(d.file, filter.group.loc)})`;
  return {
    code: 'INTERFACE_ACL_BLOCKS',
    device: d.hostname,
    file: d.file,
    line: f.line?.rule.loc?.line ?? groupLine(filter),
    message: `${d.hostname} drops ${region} ${POINT_TEXT[f.point]} (ip access-group ${filter.group.acl} ${direction} on ${f.iface.name}): ${by}`,
    hintValues: filterHint(d, filter, region),
    dedupe: `${f.iface.name}|${direction}|${region}`,
  };
}

/** One end of the tunnel, as the IKE/ESP findings name it. */
export interface TunnelEnd {
  readonly device: FindingDevice;
  readonly address: string;
}

/**
 * INTERFACE_ACL_BLOCKS: the inbound list of `iface` on `device` drops IKE or ESP from the other end
 * `from`, so the tunnel between `local` and `peer` cannot carry traffic.
 */
export function tunnelBlocked(f: {
  readonly device: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly filter: InterfaceFilter;
  readonly protocol: 'ike' | 'esp';
  /** The packet's UDP port: 500 for IKE, 4500 for NAT-T (IKE and ESP, docs/ios-semantics.md#nat-traversal). @default - IKE on 500, bare ESP */
  readonly port?: number;
  readonly from: TunnelEnd;
  readonly line: CompiledAclLine | undefined;
  readonly local: FindingDevice;
  readonly peer: FindingDevice;
}): ProblemInput {
  const { device: rx, filter } = f;
  const port = f.port ?? (f.protocol === 'ike' ? 500 : undefined);
  const name = `${f.protocol === 'esp' ? 'ESP' : 'IKE'}${port === undefined ? '' : ` (UDP ${port})`}`;
  const fromName = `${f.from.address} (${f.from.device.hostname})`;
  const by = f.line ? lineRef(rx.file, f.line) : `the implicit deny of ACL ${filter.group.acl}`;
  return {
    code: 'INTERFACE_ACL_BLOCKS',
    device: rx.hostname,
    file: rx.file,
    line: f.line?.rule.loc?.line ?? groupLine(filter),
    message: `${rx.hostname} drops ${name} from ${fromName} on ${f.iface.name} (ip access-group ${filter.group.acl} in): ${by}, so the tunnel between ${f.local.hostname} and ${f.peer.hostname} cannot carry traffic`,
    hintValues: filterHint(rx, filter, `${port === undefined ? 'esp' : `udp eq ${port}`} from ${fromName}`),
    dedupe: `${f.iface.name}|${name}|${fromName}`,
  };
}

/**
 * NOT_MODELLED: an outbound list that would drop ESP towards the peer, on a release where Cisco
 * does not document whether the encrypted packet meets it.
 */
export function espOutboundUnknown(f: {
  readonly device: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly filter: InterfaceFilter;
}): ProblemInput {
  const { device: tx, iface } = f;
  return {
    code: 'NOT_MODELLED',
    device: tx.hostname,
    file: tx.file,
    line: groupLine(f.filter),
    message: `ip access-group ${f.filter.group.acl} out on ${iface.name} of ${tx.hostname} would drop ESP towards its peer if it saw the encrypted packet; from 12.3(8)T on, Cisco's documentation does not say whether it does, so the tunnel's fate is not modelled`,
    hintValues: { device: tx.hostname },
    dedupe: `${iface.name}|esp-out`,
  };
}

/** What the crypto map of the exit makes of translated packets. */
export type NatEffect =
  /** The exit carries no crypto map: clear text. */
  | { readonly kind: 'no-crypto-map'; readonly exit: InterfaceConfig }
  /** An entry takes the translated packets under a proxy that is not the site's. */
  | {
      readonly kind: 'wrong-proxy';
      readonly map: string;
      readonly entry: CompiledCryptoEntry;
      readonly line: CompiledAclLine;
    }
  /** No entry permits the translated source: clear text. */
  | { readonly kind: 'clear'; readonly map: string };

function natEffectText(file: string, e: NatEffect): string {
  switch (e.kind) {
    case 'no-crypto-map':
      return `${e.exit.name} carries no crypto map, so it leaves in clear text`;
    case 'wrong-proxy':
      return `crypto map ${e.map} entry ${e.entry.entry.seq} takes it with ${lineRef(file, e.line)}, so it travels under a proxy that is not the site's and arrives with a source that is not the site's address`;
    case 'clear':
      return `no entry of crypto map ${e.map} permits the translated source, so it leaves in clear text`;
  }
}

/** The NAT rule as its config line reads. */
function natRuleText(r: NatRule): string {
  if (r.kind === 'static')
    return r.network
      ? `ip nat inside source static network ${r.local} ${r.global} /${r.prefixLength}`
      : `ip nat inside source static ${r.local} ${r.global}`;
  const match = r.match.kind === 'list' ? `list ${r.match.acl}` : `route-map ${r.match.routeMap}`;
  const target = r.target.kind === 'interface' ? `interface ${r.target.interface}` : `pool ${r.target.pool}`;
  return `ip nat inside source ${match} ${target}${r.overload ? ' overload' : ''}`;
}

/** NAT_BEFORE_CRYPTO: `rule` translates the source of `space` to `global` before the crypto map of `exit` sees it. */
export function natBeforeCrypto(f: {
  readonly device: FindingDevice;
  readonly rule: NatRule;
  readonly space: readonly HeaderBox[];
  readonly global: Interval;
  readonly exit: InterfaceConfig;
  readonly effect: NatEffect;
}): ProblemInput {
  const d = f.device;
  const region = regionText(f.space);
  const rule = natRuleText(f.rule);
  return {
    code: 'NAT_BEFORE_CRYPTO',
    device: d.hostname,
    file: d.file,
    line: f.rule.loc?.line ?? 0,
    message: `${d.hostname} translates the source of ${region} to ${intervalText(f.global)} (${rule}) before the crypto map sees it: ${natEffectText(d.file, f.effect)}`,
    hintValues: { device: d.hostname, region, rule },
    dedupe: f.exit.name,
  };
}

/**
 * NOT_MODELLED: `rule` may translate the destination of traffic to its global addresses `global`
 * arriving on the NAT outside interface `ingress`; outside-to-inside translation is not modelled.
 */
export function destinationNat(f: {
  readonly device: FindingDevice;
  readonly rule: NatRule;
  readonly global: Interval;
  readonly ingress: InterfaceConfig;
}): ProblemInput {
  const d = f.device;
  return {
    code: 'NOT_MODELLED',
    device: d.hostname,
    file: d.file,
    line: f.rule.loc?.line ?? 0,
    message: `${d.hostname} may translate the destination of traffic to ${intervalText(f.global)} arriving on its NAT outside interface ${f.ingress.name} (${natRuleText(f.rule)}): outside-to-inside translation is not modelled; pairs through ${d.hostname} are unverified`,
    hintValues: { device: d.hostname },
    dedupe: f.ingress.name,
  };
}
