/**
 * Which interfaces face the WAN (the underlay) and which subnets are site LANs.
 *
 * Spec rule (docs/ios-semantics.md, "Underlay" and "Sites"): WAN interfaces are those that carry a
 * crypto map, own an address that some crypto map names as a peer (or a tunnel as its destination),
 * are the source of a tunnel, or are the exit of a route to such a peer; site LANs are the connected subnets of the other interfaces (not shut down).
 * For the route rule a router looks up the peers its own crypto maps name: those are the peers it
 * must reach, and it keeps the check linear in the size of the network.
 */
import type { AccessList, InterfaceConfig, Ipv4Prefix, RouterConfig, SourceLocation } from '../ir/router-config.js';
import { ipToNumber, networkOf, prefixBounds } from '../ir/ipv4.js';
import { compileAcl } from './acl.js';
import { mergeIntervals } from './intervals.js';
import type { Interval } from './header-space.js';
import { routingTable } from './routing.js';
import { isTunnelInterface, tunnelDestinations, tunnelSource, upTunnels } from './tunnels.js';

/** Why an interface counts as WAN. */
export type WanReason = 'crypto-map' | 'peer-address' | 'route-to-peer' | 'tunnel-source';

/** A WAN interface and the rules that made it one. */
export interface WanInterface {
  readonly interface: InterfaceConfig;
  readonly reasons: readonly WanReason[];
}

/** A site LAN: a connected subnet of a non-WAN interface. */
export interface SiteLan {
  readonly interface: InterfaceConfig;
  readonly prefix: Ipv4Prefix;
  readonly loc?: SourceLocation;
}

/**
 * Every address any crypto map entry of the given routers names with `set peer`, and every
 * `tunnel destination` of their up tunnels (docs/ios-semantics.md#tunnel-interfaces).
 */
export function cryptoPeerAddresses(configs: readonly RouterConfig[]): Set<string> {
  const out = new Set<string>();
  for (const c of configs) for (const p of ownPeers(c)) out.add(p);
  return out;
}

/** The addresses this router must reach over the underlay: its crypto peers and tunnel destinations. */
function ownPeers(config: RouterConfig): Set<string> {
  const own = new Set<string>();
  for (const m of config.cryptoMaps) for (const e of m.entries) for (const p of e.peers) own.add(p);
  for (const d of tunnelDestinations(config)) own.add(d);
  return own;
}

/** The router's WAN interfaces; `peers` is every peer address named in the network. */
export function wanInterfaces(config: RouterConfig, peers: ReadonlySet<string>): WanInterface[] {
  const reasons = new Map<string, WanReason[]>();
  const add = (name: string, r: WanReason) => {
    const list = reasons.get(name) ?? [];
    if (!list.includes(r)) list.push(r);
    reasons.set(name, list);
  };
  for (const i of config.interfaces) {
    if (i.cryptoMap !== undefined) add(i.name, 'crypto-map');
    const addrs = [...(i.address ? [i.address] : []), ...i.secondaryAddresses];
    if (addrs.some((a) => peers.has(a.ip))) add(i.name, 'peer-address');
  }
  // The source of a tunnel carries its outer packets (docs/ios-semantics.md#tunnel-interfaces).
  for (const t of upTunnels(config)) {
    const source = tunnelSource(config, t).interface;
    if (source && !isTunnelInterface(source)) add(source.name, 'tunnel-source');
  }
  const table = routingTable(config);
  for (const p of ownPeers(config)) {
    const route = table.lookup(ipToNumber(p));
    // A tunnel destination routed into a tunnel is recursive routing, not a WAN.
    if (route && !route.discard && !/^tunnel/i.test(route.exitInterface)) add(route.exitInterface, 'route-to-peer');
  }
  return config.interfaces
    .filter((i) => reasons.has(i.name))
    .map((i) => ({ interface: i, reasons: reasons.get(i.name)! }));
}

/**
 * Why a connected subnet is no site unless a crypto ACL names it (docs/ios-semantics.md#sites):
 * router ids and other loopbacks, host (/32) subnets, tunnel and dial transport interfaces,
 * management and out-of-band ports (by name or description), and interfaces in a VRF (not the
 * global table the crypto maps act on).
 */
export type NotSiteReason = 'loopback' | 'host' | 'tunnel' | 'management' | 'vrf';

const TRANSPORT = /^(tunnel|virtual-template|virtual-access|dialer|null)/i;
const MANAGEMENT_NAME = /^(mgmt|management)/i;
const MANAGEMENT_WORDS = /\b(mgmt|management|oob|out[- ]of[- ]band)\b/i;

/** The reason an interface subnet is not a site by itself, or undefined for a LAN. */
export function notSiteReason(i: InterfaceConfig, prefixLength: number): NotSiteReason | undefined {
  if (/^loopback/i.test(i.name)) return 'loopback';
  if (prefixLength === 32) return 'host';
  if (TRANSPORT.test(i.name)) return 'tunnel';
  if (MANAGEMENT_NAME.test(i.name) || MANAGEMENT_WORDS.test(i.description ?? '')) return 'management';
  if (i.extraLines.some((l) => /^(ip )?vrf forwarding\b/.test(l))) return 'vrf';
  return undefined;
}

/** Address ranges that some crypto ACL permit line of the network names (either side, `any` aside), sorted and merged. */
export function cryptoAclRanges(configs: readonly RouterConfig[]): Interval[] {
  const out: Interval[] = [];
  const seen = new Set<AccessList>();
  for (const c of configs) {
    for (const m of c.cryptoMaps) {
      for (const e of m.entries) {
        const acl = e.matchAddress === undefined ? undefined : c.accessLists.find((a) => a.name === e.matchAddress);
        if (!acl || seen.has(acl)) continue;
        seen.add(acl);
        for (const line of compileAcl(acl).lines) {
          if (line.action !== 'permit') continue;
          for (const b of line.boxes) {
            if (line.rule.source.kind !== 'any') out.push(b.src);
            if (line.rule.destination.kind !== 'any') out.push(b.dst);
          }
        }
      }
    }
  }
  return mergeIntervals(out);
}

/** True when a merged, sorted list of ranges meets `[lo, hi]`. */
export function rangesMeet(ranges: readonly Interval[], [lo, hi]: Interval): boolean {
  let left = 0;
  let right = ranges.length - 1;
  while (left <= right) {
    const mid = (left + right) >> 1;
    const r = ranges[mid]!;
    if (r[1] < lo) left = mid + 1;
    else if (r[0] > hi) right = mid - 1;
    else return true;
  }
  return false;
}

/**
 * The router's site LANs: connected subnets of up interfaces that are not WAN, without those
 * {@link notSiteReason} names unless `named` (a crypto ACL names addresses in them) says otherwise.
 */
export function siteLans(
  config: RouterConfig,
  peers: ReadonlySet<string>,
  named: (range: Interval) => boolean = () => false,
): SiteLan[] {
  const wan = new Set(wanInterfaces(config, peers).map((w) => w.interface.name));
  const out: SiteLan[] = [];
  // Two interfaces of one router in the same subnet (e.g. two tunnels) are one site, not two.
  const seen = new Set<string>();
  for (const i of config.interfaces) {
    if (wan.has(i.name) || i.shutdown) continue;
    for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) {
      const prefix = networkOf(a.ip, a.prefixLength);
      const key = `${prefix.address}/${prefix.prefixLength}`;
      if (seen.has(key)) continue;
      // A tunnel interface's subnet is transport, named by a crypto ACL or not (docs/ios-semantics.md#sites).
      if (isTunnelInterface(i)) continue;
      if (notSiteReason(i, prefix.prefixLength) !== undefined && !named(prefixBounds(prefix))) continue;
      seen.add(key);
      out.push({ interface: i, prefix, ...(i.loc ? { loc: i.loc } : {}) });
    }
  }
  return out;
}

/** WAN interfaces and site LANs of every router of a network, by hostname. */
export function classifyNetwork(
  configs: readonly RouterConfig[],
): Map<string, { readonly wan: readonly WanInterface[]; readonly lans: readonly SiteLan[] }> {
  const peers = cryptoPeerAddresses(configs);
  let ranges: Interval[] | undefined;
  const named = (r: Interval) => rangesMeet((ranges ??= cryptoAclRanges(configs)), r);
  const out = new Map<string, { wan: WanInterface[]; lans: SiteLan[] }>();
  for (const c of configs) out.set(c.hostname, { wan: wanInterfaces(c, peers), lans: siteLans(c, peers, named) });
  return out;
}
