/**
 * What the fits of both designs (crypto maps, `fit.ts`; static VTIs, `fit-vti.ts`) read the same
 * way from a site router: its LANs, its WAN interface and gateway, and its dead peer detection.
 */
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { prefixContains, prefixContainsIp } from '../ir/ipv4.js';
import type { DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { HUBSPOKE_IKEV2_NAMES, type IkeVersion } from '../patterns/ikev2-settings.js';
import type { LanProps, WanProps } from '../patterns/site.js';
import type { ModelDevice, NetworkModel } from '../verify/model/network-model.js';
import { networkUsesLegacy } from './fit-crypto.js';
import type { FitInput, FitOptions } from './fit.js';
import { constructId, variableName } from './names.js';
import type { HubSpec, ImportSpec, OtherSpec, SpokeSpec } from './spec.js';

/** `file:line`, or the file. */
export const where = (d: { file: string }, line?: number) => (line !== undefined ? `${d.file}:${line}` : d.file);

/** The LAN interfaces of the device's sites, as the `lan` prop says them. */
export function lanProps(d: ModelDevice): LanProps[] {
  const seen = new Set<string>();
  const out: LanProps[] = [];
  for (const s of d.sites) {
    const i = d.config.interfaces.find((x) => x.name === s.interface);
    if (!i?.address || seen.has(i.name)) continue;
    seen.add(i.name);
    out.push({ address: `${i.address.ip}/${i.address.prefixLength}`, interface: i.name });
  }
  return out;
}

/**
 * The next hop of the routes to other sites on the WAN link, when they use one (the pattern's
 * `wan.gateway`). A hub's reverse routes (the model runs them, docs/ios-semantics.md#reverse-route)
 * lead to leased spoke addresses off the link.
 */
export function gatewayOf(
  d: ModelDevice,
  model: NetworkModel,
  wan: InterfaceConfig,
  peer?: string,
): string | undefined {
  // Route-based: the sites are routed into tunnels, the next hop is that of the route to the peer.
  if (peer !== undefined) return underlayHop(d.config, peer);
  const remote = model.sites.filter((s) => s.device !== d).map((s) => s.prefix);
  const link = { address: wan.address!.ip, prefixLength: wan.address!.prefixLength };
  const hops = d.config.staticRoutes
    .filter(
      (r) =>
        r.nextHop !== undefined && prefixContainsIp(link, r.nextHop) && remote.some((p) => prefixContains(r.prefix, p)),
    )
    .map((r) => r.nextHop!);
  return hops[0];
}

/** The next hop of the most specific static route holding `address`, if it has one. */
function underlayHop(config: RouterConfig, address: string): string | undefined {
  const holding = config.staticRoutes.filter((r) => prefixContainsIp(r.prefix, address));
  holding.sort((a, b) => b.prefix.prefixLength - a.prefix.prefixLength);
  return holding[0]?.nextHop;
}

/** The `wan` prop: address, interface and gateway (towards `peer` for a route-based design). */
export function wanProps(d: ModelDevice, wan: InterfaceConfig, model: NetworkModel, peer?: string): WanProps {
  if (wan.dynamicAddress !== undefined) return { address: wan.dynamicAddress, interface: wan.name };
  const gateway = gatewayOf(d, model, wan, peer);
  return {
    address: `${wan.address!.ip}/${wan.address!.prefixLength}`,
    interface: wan.name,
    ...(gateway !== undefined ? { gateway } : {}),
  };
}

/** DPD as the config has it: `crypto isakmp keepalive`, or with IKEv2 the patterns' profile's `dpd`. */
export function dpdOf(config: RouterConfig, ike: IkeVersion): DeadPeerDetectionProps | false {
  if (ike === 'v2') {
    const d = config.ikev2Profiles?.find((p) => p.name === HUBSPOKE_IKEV2_NAMES.profile)?.dpd;
    return d ? { seconds: d.interval, retry: d.retry, mode: d.mode } : false;
  }
  const k = config.options.isakmpKeepalive;
  if (!k) return false;
  return {
    seconds: k.seconds,
    ...(k.retry !== undefined ? { retry: k.retry } : {}),
    ...(k.mode ? { mode: k.mode } : {}),
  };
}

/** True when two DPD settings are the same once defaults are filled in. */
export function sameDpd(
  a: DeadPeerDetectionProps | false | undefined,
  b: DeadPeerDetectionProps | false | undefined,
): boolean {
  const norm = (x: DeadPeerDetectionProps | false | undefined) =>
    x ? JSON.stringify([x.seconds, x.retry ?? 2, x.mode ?? 'on-demand']) : 'none';
  return norm(a) === norm(b);
}

/** What a hub and a spoke spec share (`peer`: the far IKE address of a route-based design). */
export function siteBase(d: ModelDevice, wan: InterfaceConfig, model: NetworkModel, used: Set<string>, peer?: string) {
  return {
    variable: variableName(d.hostname, used),
    id: constructId(d.hostname),
    hostname: d.hostname,
    file: d.file,
    platform: d.config.platform,
    lan: lanProps(d),
    wan: wanProps(d, wan, model, peer),
    routes: [],
    processSwitching: wan.noIpRouteCache === true,
    wanInterface: wan,
  };
}

/** The spec of a fitted network: the hub, its spokes, and every other router as an L1 `Router`. */
export function fittedSpec(
  inputs: readonly FitInput[],
  options: FitOptions,
  model: NetworkModel,
  f: {
    readonly hub: ModelDevice;
    readonly hubSpec: HubSpec;
    readonly spokes: readonly SpokeSpec[];
    readonly spokeDevices: readonly ModelDevice[];
    readonly keys: ImportSpec['keys'];
    readonly used: Set<string>;
  },
): ImportSpec {
  const others: OtherSpec[] = model.devices
    .filter((d) => d !== f.hub && !f.spokeDevices.includes(d))
    .map((d) => ({
      variable: variableName(d.hostname, f.used),
      id: constructId(d.hostname),
      hostname: d.hostname,
      file: d.file,
      platform: d.config.platform,
    }));
  return {
    stackId: options.stackId,
    platform: f.hub.config.platform,
    allowLegacyCrypto: f.hubSpec.crypto.allowLegacyCrypto === true || networkUsesLegacy(inputs),
    hub: f.hubSpec,
    spokes: f.spokes,
    others,
    keyMode: options.keyMode,
    keys: f.keys,
    masterSecretVariable: options.masterSecretVariable,
    inputs: new Map(inputs.map((i) => [i.config.hostname, i])),
  };
}
