const LOOPBACK = /^loopback/i;

/** Builds `topology.json` (schema in `lib/ir/topology.ts`) from the routers of a stack and their IR. */
import { formatPrefix, networkOf } from '../ir/ipv4.js';
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import type { Topology, TopologyDevice } from '../ir/topology.js';
import type { Router } from '../constructs/router.js';

/** One router as topology needs it. */
export interface TopologyInput {
  readonly router: Router;
  readonly ir: RouterConfig;
  readonly file: string;
  /** `sourceMap[i]` = construct path of line i+1. */
  readonly sourceMap: readonly (string | undefined)[];
}

/**
 * Devices in input order; WAN interfaces are those that carry a crypto map, source a tunnel (but a
 * loopback) or that the router declares (`underlayInterfaces`); sites are the declared site
 * prefixes, else the connected subnets of the other interfaces but tunnels, a crypto map's
 * local-address interface and a loopback tunnel source. Every WAN interface, with a static or a leased address, is in one
 * underlay segment `wan` (a routed WAN where every peer reaches every other).
 */
export function buildTopology(stackId: string, inputs: readonly TopologyInput[], pools: readonly string[]): Topology {
  const devices: TopologyDevice[] = [];
  const members: { device: string; interface: string }[] = [];
  const sourceRanges: Record<string, [number, number, string][]> = {};
  for (const { router, ir, file, sourceMap: map } of inputs) {
    const tunnelSources = tunnelSourceNames(ir);
    // A loopback tunnel source is an IKE endpoint like a crypto map's local-address: neither WAN nor site.
    const isWan = (i: InterfaceConfig) =>
      i.cryptoMap !== undefined ||
      router.underlayInterfaces.has(i.name) ||
      (tunnelSources.has(i.name.toLowerCase()) && !LOOPBACK.test(i.name));
    const wan = ir.interfaces
      .filter((i) => isWan(i) && i.address)
      .map((i) => {
        const publicAddress = router.natAddresses.get(i.name);
        return {
          interface: i.name,
          address: `${i.address!.ip}/${i.address!.prefixLength}`,
          ...(publicAddress !== undefined ? { publicAddress } : {}),
        };
      });
    // The interface a crypto map's local-address names is an IKE endpoint, not a site.
    const ikeSources = new Set(ir.cryptoMaps.flatMap((m) => (m.localAddress !== undefined ? [m.localAddress] : [])));
    for (const i of ir.interfaces)
      if (LOOPBACK.test(i.name) && tunnelSources.has(i.name.toLowerCase())) ikeSources.add(i.name);
    const sites =
      router.sitePrefixes !== undefined
        ? [...router.sitePrefixes]
        : ir.interfaces
            .filter((i) => !isWan(i) && i.tunnel === undefined && !ikeSources.has(i.name))
            .flatMap((i) => [...(i.address ? [i.address] : []), ...i.secondaryAddresses])
            .map((a) => formatPrefix(networkOf(a.ip, a.prefixLength)));
    devices.push({
      hostname: ir.hostname,
      file,
      platform: ir.platform,
      role: router.role,
      sites,
      wan,
      ...(router.hubHostname !== undefined ? { hub: router.hubHostname } : {}),
    });
    for (const w of wan) members.push({ device: ir.hostname, interface: w.interface });
    // A crypto interface that leases its address (dhcp, negotiated) is on the same WAN; its
    // address comes from the lease the proof states.
    for (const i of ir.interfaces)
      if (i.cryptoMap !== undefined && !i.address && i.dynamicAddress !== undefined)
        members.push({ device: ir.hostname, interface: i.name });
    sourceRanges[file] = lineRanges(map);
  }
  return {
    format: 'hubspoke-topology',
    version: 1,
    stack: stackId,
    devices,
    underlay: { segments: [{ name: 'wan', members }] },
    ...(pools.length > 0 ? { pools: [...pools] } : {}),
    sourceRanges,
  };
}

/**
 * Lower-case names of the interfaces the router's tunnels are sourced from (by name, or owning the
 * source address): they carry the outer packets, so they are WAN interfaces, not sites
 * (docs/ios-semantics.md#tunnel-interfaces).
 */
function tunnelSourceNames(ir: RouterConfig): Set<string> {
  const out = new Set<string>();
  for (const t of ir.interfaces) {
    const source = t.tunnel?.source;
    if (source === undefined) continue;
    const owner = ir.interfaces.find((i) => i.name.toLowerCase() === source.toLowerCase() || i.address?.ip === source);
    if (owner) out.add(owner.name.toLowerCase());
  }
  return out;
}

/** Consecutive lines with the same construct path as `[first, last, path]` (1-based lines). */
function lineRanges(map: readonly (string | undefined)[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  let open: [number, number, string] | undefined;
  for (let i = 0; i < map.length; i += 1) {
    const origin = map[i];
    if (origin === undefined) {
      open = undefined;
    } else if (open !== undefined && open[2] === origin) {
      open[1] = i + 1;
    } else {
      open = [i + 1, i + 1, origin];
      out.push(open);
    }
  }
  return out;
}
