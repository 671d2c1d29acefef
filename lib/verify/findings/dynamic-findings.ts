/**
 * Catalogue: findings about dynamic crypto map entries and addresses assigned at run time
 * (docs/ios-semantics.md#dynamic-crypto-maps, #dhcp-wan-addresses): the condition a pair through
 * a dynamic entry is proven under (the spoke brought its SA up), traffic no SA will ever carry,
 * and the lease a dynamic WAN address is proven with.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { formatPrefix } from '../../ir/ipv4.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { Lease } from '../../rules/dhcp-lease.js';
import type { HeaderBox } from '../../rules/header-space.js';
import { at, lineOf, lineRef, regionText } from './describe.js';
import { aboutSubject, regionSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** `crypto map M SEQ ipsec-isakmp dynamic D` (entry N of D at file:line). */
function dynamicEntryText(file: string, ce: CompiledCryptoEntry): string {
  const b = ce.dynamic;
  if (!b) return `entry ${ce.entry.seq} at ${at(file, ce.entry.loc)}`;
  return `dynamic entry ${b.dynamicMap.name} ${b.entry.seq} at ${at(file, b.entry.loc)} (bound at ${at(file, b.binding.loc)})`;
}

/**
 * SPOKE_MUST_INITIATE: `hub` sends `space` to `spoke` through a dynamic entry, under the SA that
 * `spoke` brings up for its crypto ACL line `line`; pinned to that line (one finding per line).
 */
export function spokeMustInitiate(f: {
  readonly hub: FindingDevice;
  readonly entry: CompiledCryptoEntry;
  readonly spoke: FindingDevice;
  readonly line: CompiledAclLine;
  readonly space: readonly HeaderBox[];
}): ProblemInput {
  const { hub, spoke } = f;
  return {
    code: 'SPOKE_MUST_INITIATE',
    device: spoke.hostname,
    file: spoke.file,
    line: lineOf(f.line.rule.loc),
    ...aboutSubject(
      `${hub.hostname} sends `,
      regionSubject(f.space),
      ` to ${spoke.hostname} through ${dynamicEntryText(hub.file, f.entry)}, which never initiates: only while ${spoke.hostname} keeps up the SA of ${lineRef(spoke.file, f.line)} (it sent matching traffic first); nothing on ${spoke.hostname} keeps it up`,
    ),
    hintValues: { spoke: spoke.hostname, line: lineRef(spoke.file, f.line) },
  };
}

/** NO_DYNAMIC_SA: `hub` owns `space` by a dynamic entry, and `spoke` brings up no SA that covers it. */
export function noDynamicSa(f: {
  readonly hub: FindingDevice;
  readonly entry: CompiledCryptoEntry;
  readonly spoke: FindingDevice;
  readonly space: readonly HeaderBox[];
}): ProblemInput {
  const { hub, spoke } = f;
  return {
    code: 'NO_DYNAMIC_SA',
    device: hub.hostname,
    file: hub.file,
    line: lineOf(f.entry.dynamic?.entry.loc ?? f.entry.entry.loc),
    ...aboutSubject(
      `${hub.hostname} drops `,
      regionSubject(f.space),
      `: ${dynamicEntryText(hub.file, f.entry)} owns it and never initiates, and ${spoke.hostname} sends no traffic to ${hub.hostname} whose SA would cover it`,
    ),
    hintValues: { spoke: spoke.hostname, hub: hub.hostname, traffic: regionText(f.space.map(mirrorOf)) },
  };
}

const mirrorOf = (b: HeaderBox): HeaderBox => ({
  src: b.dst,
  dst: b.src,
  proto: b.proto,
  sport: b.dport,
  dport: b.sport,
});

/** DYNAMIC_ADDRESS_ASSUMED: the pair crosses `iface` of `device`, whose address is the lease `lease`. */
export function dynamicAddressAssumed(f: {
  readonly device: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly lease: Lease;
  readonly peer: string;
}): ProblemInput {
  const { device: d, iface, lease } = f;
  const via = lease.gateway !== undefined ? ` via gateway ${lease.gateway}` : '';
  return {
    code: 'DYNAMIC_ADDRESS_ASSUMED',
    device: d.hostname,
    file: d.file,
    line: lineOf(iface.loc),
    message: `${iface.name} of ${d.hostname} at ${at(d.file, iface.loc)} takes its address at run time (ip address ${iface.dynamicAddress ?? 'dhcp'}): proven with the lease ${formatPrefix({ address: lease.ip, prefixLength: lease.prefixLength })}${via}, assuming the underlay carries IKE and ESP between it and ${f.peer}`,
    hintValues: { device: d.hostname, peer: f.peer },
  };
}
