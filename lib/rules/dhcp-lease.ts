/**
 * Addresses assigned at run time (docs/ios-semantics.md#dhcp-wan-addresses): an interface with
 * `ip address dhcp` or `ip address negotiated` has no address in the text. The proof and the
 * emulator give it the same deterministic lease, so that every other rule (routing, the underlay,
 * key lookup by address, the emulator's SAs) reads an ordinary address; the proof states the
 * lease as an assumption.
 *
 * - The k-th dynamic interface of the network (devices in the order given, interfaces in config
 *   order) leases `100.64.(k/64).(4*(k%64)+2)/30` from the shared address space (RFC 6598, the
 *   space ISPs number customer edges from) with the gateway one below it; `negotiated` (IPCP)
 *   leases the same address as a /32 and has no gateway. A lease declared for the interface
 *   (topology.json `leases`, the emulator's `leases` option) replaces it.
 * - A DHCP client that receives the router option (3) installs a static default route to that
 *   gateway with administrative distance 254 (IOS since 12.3(8)T; `no ip dhcp client request
 *   router` on the interface stops it). `ip route P M dhcp [D]` routes to the DHCP gateway of the
 *   interface the lease came from (with several DHCP interfaces the first); `ip route P M IF dhcp`
 *   to the gateway of `IF`. The `dhcp` keyword is kept on the route.
 */
import type { InterfaceConfig, RouterConfig, StaticRoute } from '../ir/router-config.js';
import { ipToNumber, numberToIp, parseCidr } from '../ir/ipv4.js';
import type { Topology } from '../ir/topology.js';

/** A lease: the address, its prefix length and the gateway (none for a negotiated /32). */
export interface Lease {
  readonly ip: string;
  readonly prefixLength: number;
  /** @default - none (point-to-point) */
  readonly gateway?: string;
}

/** A declared lease: hostname and interface it is for. */
export interface DeclaredLease extends Lease {
  readonly hostname: string;
  readonly interface: string;
}

/** The leases a topology declares (devices' `leases`), in device order. */
export function declaredLeasesOf(topology: Topology | undefined): DeclaredLease[] {
  return (topology?.devices ?? []).flatMap((d) =>
    (d.leases ?? []).flatMap((l) => {
      // The topology schema checked the prefix; an unreadable one declares nothing.
      const cidr = parseCidr(l.address);
      if (!cidr) return [];
      const gateway = l.gateway !== undefined ? { gateway: l.gateway } : {};
      return [
        { hostname: d.hostname, interface: l.interface, ip: cidr.ip, prefixLength: cidr.prefixLength, ...gateway },
      ];
    }),
  );
}

/** First address of the lease pool: 100.64.0.0 (RFC 6598 shared address space). */
const POOL_BASE = ipToNumber('100.64.0.0');

/** The default lease of the k-th dynamic interface. */
export function defaultLease(k: number, kind: 'dhcp' | 'negotiated'): Lease {
  const subnet = POOL_BASE + 4 * k;
  return kind === 'dhcp'
    ? { ip: numberToIp(subnet + 2), prefixLength: 30, gateway: numberToIp(subnet + 1) }
    : { ip: numberToIp(subnet + 2), prefixLength: 32 };
}

/** True when the configuration has an interface whose address is assigned at run time. */
export function hasDynamicAddress(config: RouterConfig): boolean {
  return config.interfaces.some((i) => i.dynamicAddress !== undefined);
}

/** The lease of every dynamic interface of every config, in network order (see the module comment). */
export function assignLeases(
  configs: readonly RouterConfig[],
  declared: readonly DeclaredLease[] = [],
): Map<RouterConfig, Map<string, Lease>> {
  const out = new Map<RouterConfig, Map<string, Lease>>();
  let k = 0;
  for (const c of configs) {
    for (const i of c.interfaces) {
      if (i.dynamicAddress === undefined) continue;
      const given = declared.find((l) => l.hostname === c.hostname && l.interface === i.name);
      const lease = given ? { ip: given.ip, prefixLength: given.prefixLength, ...gatewayOf(given) } : undefined;
      let perConfig = out.get(c);
      if (!perConfig) out.set(c, (perConfig = new Map()));
      perConfig.set(i.name, lease ?? defaultLease(k, i.dynamicAddress));
      k += 1;
    }
  }
  return out;
}

const gatewayOf = (l: Lease): { gateway?: string } => (l.gateway !== undefined ? { gateway: l.gateway } : {});

/** `no ip dhcp client request router`: the lease installs no default route. */
function refusesRouter(i: InterfaceConfig): boolean {
  return i.extraLines.some((l) => /^no ip dhcp client request router\b/.test(l.trim()));
}

/**
 * The configuration as it runs with these leases: each dynamic interface holds its leased
 * address, `dhcp` routes name the lease gateway, and a DHCP lease with a gateway adds the default
 * route at distance 254. Returns `config` itself when it has no dynamic interface.
 */
export function withLeases(config: RouterConfig, leases: ReadonlyMap<string, Lease> | undefined): RouterConfig {
  if (!leases || leases.size === 0) return config;
  let firstGateway: { interface: string; gateway: string } | undefined;
  const interfaces = config.interfaces.map((i) => {
    const lease = leases.get(i.name);
    if (!lease) return i;
    if (lease.gateway !== undefined && i.dynamicAddress === 'dhcp')
      firstGateway ??= { interface: i.name, gateway: lease.gateway };
    return { ...i, address: { ip: lease.ip, prefixLength: lease.prefixLength } };
  });
  const staticRoutes: StaticRoute[] = [];
  for (const r of config.staticRoutes) {
    if (r.dhcp !== true || r.nextHop !== undefined) {
      staticRoutes.push(r);
      continue;
    }
    const gw = r.interface !== undefined ? leases.get(r.interface)?.gateway : firstGateway?.gateway;
    // Without a lease gateway the route has nothing to resolve to: IOS installs nothing.
    if (gw !== undefined) staticRoutes.push({ ...r, nextHop: gw });
  }
  for (const i of interfaces) {
    const lease = leases.get(i.name);
    if (!lease?.gateway || i.dynamicAddress !== 'dhcp' || refusesRouter(i)) continue;
    staticRoutes.push({
      prefix: { address: '0.0.0.0', prefixLength: 0 },
      nextHop: lease.gateway,
      distance: 254,
      dhcp: true,
      ...(i.loc ? { loc: i.loc } : {}),
    });
  }
  return { ...config, interfaces, staticRoutes };
}
