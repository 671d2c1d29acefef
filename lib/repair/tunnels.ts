/**
 * The hub-and-spoke tunnels of a network under repair: for every spoke, its entry towards the hub
 * and the hub's entry towards it (either may be missing), with the IKE addresses of both ends.
 * Repairs are computed per tunnel: what the design requires of the two crypto ACLs, keys, policies
 * and transform sets of one hub/spoke pair.
 */
import type { CryptoMap, RouterConfig } from '../ir/router-config.js';
import { cryptoMapBindings, compileCryptoMap, type CompiledCryptoEntry } from '../rules/crypto-map.js';
import { cryptoLocalAddress } from '../rules/crypto-local-address.js';
import { upTunnels } from '../rules/tunnels.js';
import type { ModelDevice, NetworkModel, Site } from '../verify/model/network-model.js';

/** One end of a tunnel. */
export interface TunnelEnd {
  readonly device: ModelDevice;
  /** The address IKE and ESP use on this end. @default - none found */
  readonly address?: string;
  /** This end's entry for the other end. @default - none */
  readonly entry?: CompiledCryptoEntry;
  /** The map holding `entry`. @default - none */
  readonly map?: CryptoMap;
}

/** A spoke and its hub. */
export interface Tunnel {
  readonly hub: TunnelEnd;
  readonly spoke: TunnelEnd;
}

/** The address IKE uses on a device: its applied crypto map's local address, else its first WAN address. */
export function ikeAddress(device: ModelDevice): string | undefined {
  for (const b of cryptoMapBindings(device.config)) {
    if (!b.map) continue;
    const a = cryptoLocalAddress(device.config, b.interface);
    if (a) return a;
  }
  for (const i of device.config.interfaces) if (device.wan.has(i.name) && i.address && !i.shutdown) return i.address.ip;
  return undefined;
}

/** Maps of a device, the applied ones first. */
function mapsInOrder(config: RouterConfig): CryptoMap[] {
  const applied = cryptoMapBindings(config).flatMap((b) => (b.map ? [b.map] : []));
  return [...new Set([...applied, ...config.cryptoMaps])];
}

function permits(entry: CompiledCryptoEntry): number {
  return entry.acl ? entry.acl.entries.filter((e) => e.kind === 'rule' && e.action === 'permit').length : -1;
}

/**
 * The entry (applied maps first) whose peer list names an address `owns` accepts: the one whose
 * list permits the most lines, then the lowest sequence (an entry left empty by a repair is not
 * the one to fill).
 */
function entryFor(
  device: ModelDevice,
  owns: (address: string) => boolean,
): { entry: CompiledCryptoEntry; map: CryptoMap } | undefined {
  let best: { entry: CompiledCryptoEntry; map: CryptoMap } | undefined;
  for (const map of mapsInOrder(device.config)) {
    for (const entry of compileCryptoMap(device.config, map).entries) {
      if (entry.entry.type !== 'ipsec-isakmp' || !entry.entry.peers.some(owns)) continue;
      if (!best || permits(entry) > permits(best.entry)) best = { entry, map };
    }
  }
  return best;
}

/** Every spoke of the model's hub, with both entries. */
export function tunnels(model: NetworkModel): Tunnel[] {
  const hub = model.hub;
  if (!hub) return [];
  const hubAddress = ikeAddress(hub);
  const out: Tunnel[] = [];
  for (const spoke of model.devices) {
    if (spoke.role !== 'spoke') continue;
    const spokeAddress = ikeAddress(spoke);
    const toHub = entryFor(spoke, (a) => model.owner(a)?.device === hub);
    const toSpoke = entryFor(hub, (a) => a === spokeAddress || model.owner(a)?.device === spoke);
    out.push({
      hub: { device: hub, ...(hubAddress ? { address: hubAddress } : {}), ...(toSpoke ?? {}) },
      spoke: { device: spoke, ...(spokeAddress ? { address: spokeAddress } : {}), ...(toHub ?? {}) },
    });
  }
  return out;
}

/** Sites of every device but `device`. */
export function otherSites(model: NetworkModel, device: ModelDevice): Site[] {
  return model.sites.filter((s) => s.device !== device);
}

/**
 * True when a tunnel interface joins the two ends (a route-based design, docs/ios-semantics.md
 * #gre-over-ipsec): site traffic goes into the tunnel interface, and a crypto map between them
 * carries the tunnel's GRE, not site regions.
 */
export function routeBased(model: NetworkModel, t: Tunnel): boolean {
  const joins = (a: ModelDevice, b: ModelDevice) =>
    upTunnels(a.config).some(
      (i) => i.tunnel?.destination !== undefined && model.owner(i.tunnel.destination)?.device === b,
    );
  return joins(t.spoke.device, t.hub.device) || joins(t.hub.device, t.spoke.device);
}
