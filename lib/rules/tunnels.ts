/**
 * Tunnel interfaces (docs/ios-semantics.md#tunnel-interfaces): what a tunnel's source and
 * destination are, which tunnels a router has, and which addresses they lead to. Shared by site
 * inference (`wan.ts`), the proof and the emulator.
 */
import type { InterfaceConfig, RouterConfig, TunnelMode } from '../ir/router-config.js';
import { ipToNumber, isIpv4 } from '../ir/ipv4.js';

const TUNNEL_NAME = /^tunnel/i;
const VIRTUAL_TEMPLATE = /^virtual-template/i;

/** True for a dynamic VTI's virtual-access (`Virtual-AccessN`, or the proof's clone named after its template). */
export function isVirtualAccess(i: InterfaceConfig): boolean {
  return /^virtual-access/i.test(i.name);
}

/** True for an `interface TunnelN`. */
export function isTunnelInterface(i: InterfaceConfig): boolean {
  return TUNNEL_NAME.test(i.name);
}

/** The tunnel's mode, with the IOS default (`tunnel mode gre ip`) filled in. */
export function tunnelMode(i: InterfaceConfig): TunnelMode {
  return i.tunnel?.mode ?? 'gre ip';
}

/** The tunnel interfaces of a router that are not shut down. */
export function upTunnels(config: RouterConfig): InterfaceConfig[] {
  return config.interfaces.filter((i) => isTunnelInterface(i) && !i.shutdown);
}

/** Where a tunnel's packets come from: the source interface (by name, or the one owning the source address) and its address. */
export interface TunnelSource {
  /** The interface named (or owning the address); undefined when the router has none. */
  readonly interface?: InterfaceConfig;
  /** The outer source address: the address given, or the source interface's primary address. */
  readonly address?: string;
}

/** The source of a tunnel interface (`tunnel source IF|A`); empty when it has none. */
export function tunnelSource(config: RouterConfig, tunnel: InterfaceConfig): TunnelSource {
  const source = tunnel.tunnel?.source;
  if (source === undefined) return {};
  if (isIpv4(source)) {
    const n = ipToNumber(source);
    const owner = config.interfaces.find((i) =>
      [...(i.address ? [i.address] : []), ...i.secondaryAddresses].some((a) => ipToNumber(a.ip) === n),
    );
    return { ...(owner ? { interface: owner } : {}), address: source };
  }
  const named = config.interfaces.find((i) => i.name.toLowerCase() === source.toLowerCase());
  if (!named) return {};
  return { interface: named, ...(named.address ? { address: named.address.ip } : {}) };
}

/** Every `tunnel destination` of the router's up tunnels. */
export function tunnelDestinations(config: RouterConfig): string[] {
  const out: string[] = [];
  for (const t of upTunnels(config)) if (t.tunnel?.destination !== undefined) out.push(t.tunnel.destination);
  return out;
}

/**
 * True when the router has an up tunnel interface (whatever its lines) or an up `interface
 * Virtual-TemplateN type tunnel`, whose virtual-access interfaces are tunnels too
 * (docs/ios-semantics.md#dynamic-vti).
 */
export function hasTunnels(config: RouterConfig): boolean {
  return config.interfaces.some(
    (i) => !i.shutdown && (isTunnelInterface(i) || (VIRTUAL_TEMPLATE.test(i.name) && i.interfaceType === 'tunnel')),
  );
}

/** The router's up tunnel with IPsec protection whose destination is `address`, if any. */
export function protectedTunnelTo(config: RouterConfig, address: string): InterfaceConfig | undefined {
  return upTunnels(config).find((t) => t.tunnel?.protection !== undefined && t.tunnel.destination === address);
}

/**
 * Why a tunnel's line protocol is down (docs/ios-semantics.md#tunnel-interfaces): no source, a
 * source interface that is missing, down or without an address (or a source address the router
 * does not own), no destination, a destination no route leads to (or a discard route), or a
 * destination routed through the tunnel itself (recursive routing).
 */
export type TunnelDownReason =
  /** `shutdown`: administratively down; routes naming it are not installed either (docs/ios-semantics.md#tunnel-interfaces). */
  | 'shutdown'
  | 'no-source'
  | 'source-missing'
  | 'source-down'
  | 'source-no-address'
  | 'no-destination'
  | 'destination-unroutable'
  | 'recursive';

/**
 * Why the line protocol of an up (not shut down) tunnel is down, or undefined when it is up.
 * `lookup` is the router's longest-prefix match, `up` tells whether an interface is up.
 */
export function tunnelDownReason(
  config: RouterConfig,
  tunnel: InterfaceConfig,
  lookup: (dst: number) => { readonly exitInterface: string; readonly discard?: unknown } | undefined,
  up: (name: string) => boolean,
): TunnelDownReason | undefined {
  const t = tunnel.tunnel;
  if (t?.source === undefined) return 'no-source';
  const source = tunnelSource(config, tunnel);
  if (!source.interface) return 'source-missing';
  if (!up(source.interface.name)) return 'source-down';
  if (source.address === undefined) return 'source-no-address';
  if (t.destination === undefined) return 'no-destination';
  const route = lookup(ipToNumber(t.destination));
  if (!route || route.discard !== undefined) return 'destination-unroutable';
  if (route.exitInterface === tunnel.name) return 'recursive';
  return undefined;
}

/**
 * The tunnel of `far` that points back at a tunnel from `source` to `destination` (its source
 * address is `destination`, its destination `source`), if any.
 */
export function returnTunnel(far: RouterConfig, source: string, destination: string): InterfaceConfig | undefined {
  return upTunnels(far).find((t) => pointsBack(far, t, source, destination));
}

/**
 * The shut-down tunnel of `far` that would point back at a tunnel from `source` to `destination`:
 * shut, it takes no packets (docs/ios-semantics.md#tunnel-interfaces), and it is why none does.
 */
export function shutReturnTunnel(far: RouterConfig, source: string, destination: string): InterfaceConfig | undefined {
  return far.interfaces.find((t) => isTunnelInterface(t) && t.shutdown && pointsBack(far, t, source, destination));
}

function pointsBack(far: RouterConfig, t: InterfaceConfig, source: string, destination: string): boolean {
  return t.tunnel?.destination === source && tunnelSource(far, t).address === destination;
}

/** How two tunnels that point at each other disagree: mode, or protection on one side only. */
export function tunnelsDisagree(a: InterfaceConfig, b: InterfaceConfig): 'mode' | 'protection' | undefined {
  if (tunnelMode(a) !== tunnelMode(b)) return 'mode';
  if ((a.tunnel?.protection === undefined) !== (b.tunnel?.protection === undefined)) return 'protection';
  return undefined;
}
