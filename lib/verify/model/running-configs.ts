/**
 * The configs as the proof runs them (docs/ios-semantics.md#dhcp-wan-addresses, #reverse-route):
 * dynamic WAN addresses hold their leases (`lib/rules/dhcp-lease.ts`) and a hub with dynamic
 * entries holds the reverse routes of its spokes' SAs (`lib/rules/reverse-routes.ts`).
 */
import type { InterfaceConfig, RouterConfig } from '../../ir/router-config.js';
import type { Topology } from '../../ir/topology.js';
import { assignLeases, declaredLeasesOf, withLeases, type Lease } from '../../rules/dhcp-lease.js';
import { withReverseRoutes } from '../../rules/reverse-routes.js';

/** A crypto interface proven with a leased address. */
export interface LeasedInterface {
  readonly iface: InterfaceConfig;
  readonly lease: Lease;
  readonly peer: string;
}

/** A parsed config as the model reads it. */
interface WithConfig {
  readonly config: RouterConfig;
}

/**
 * The configs as they run: dynamic WAN addresses with their leases (`lib/rules/dhcp-lease.ts`)
 * (declared in the topology, else the default lease) and, on a hub with dynamic entries, the reverse routes of the spokes' SAs
 * (`lib/rules/reverse-routes.ts`). The same objects when nothing applies.
 */
export function runningInputs<T extends WithConfig>(inputs: readonly T[], topology?: Topology): readonly T[] {
  const leases = assignLeases(
    inputs.map((f) => f.config),
    declaredLeasesOf(topology),
  );
  const leased = inputs.map((f) => {
    const given = leases.get(f.config);
    const running = withLeases(f.config, given);
    for (const i of running.interfaces) {
      const lease = given?.get(i.name);
      if (lease && i.dynamicAddress !== undefined) leaseOf.set(i, lease);
    }
    return running;
  });
  const running = withReverseRoutes(leased);
  return inputs.map((f, i) => (running[i] === f.config ? f : { ...f, config: running[i]! }));
}

/** The crypto interfaces of a running config that hold a lease, with the first peer of their map. */
export function leasedInterfaces(c: RouterConfig): LeasedInterface[] {
  const out: LeasedInterface[] = [];
  for (const i of c.interfaces) {
    if (i.dynamicAddress === undefined || !i.address || i.cryptoMap === undefined) continue;
    const map = c.cryptoMaps.find((m) => m.name === i.cryptoMap);
    const peer = map?.entries.find((e) => e.peers.length > 0)?.peers[0] ?? 'its peers';
    const lease = leaseOf.get(i);
    if (lease) out.push({ iface: i, lease, peer });
  }
  return out;
}

/** The lease each running interface was given (by interface object). */
const leaseOf = new WeakMap<InterfaceConfig, Lease>();
