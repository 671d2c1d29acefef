/**
 * Fits a route-based network to `new Hub(..., { design: 'vti', vti })` and its spokes
 * (docs/route-based.md, docs/brownfield.md): the hub has one static VTI per spoke on consecutive
 * /30s of one pool (hub end the first host address, spoke end the second), numbered from
 * `vti.firstTunnel` in pool order, all sourced from one WAN interface (or a /32 loopback: `ikeSource`),
 * `tunnel mode ipsec ipv4` protected by one IPsec profile; each spoke has exactly one such tunnel,
 * from its WAN interface to the hub's IKE address, named alike on every spoke; no router has a
 * crypto map. A network of another shape gets the reasons, and the import keeps its routers as L1
 * constructs; what the shape leaves open (descriptions, routes, IKE details) is for the fixups,
 * and the round trip has the last word (`index.ts` falls back to L1 when it does not pass).
 */
import type { InterfaceConfig, IpsecProfile, Ipv4Prefix } from '../ir/router-config.js';
import { addressInPrefix, ipToNumber, networkOf, nthSubnet, prefixContainsIp } from '../ir/ipv4.js';
import { defaultDeadPeerDetection } from '../constructs/dead-peer-detection.js';
import { HUBSPOKE_IKEV2_NAMES, type IkeVersion } from '../patterns/ikev2-settings.js';
import type { IkeSourceProps } from '../patterns/ike-source.js';
import { TUNNEL_PREFIX_LENGTH, type VtiProps } from '../patterns/vti.js';
import type { ModelDevice, NetworkModel } from '../verify/model/network-model.js';
import { cryptoSettings } from './fit-crypto.js';
import { ikev2Settings } from './fit-features.js';
import { keyVariables, pairKey } from './fit-keys.js';
import { dpdOf, fittedSpec, sameDpd, siteBase, where } from './fit-site.js';
import type { FitInput, FitOptions } from './fit.js';
import type { HubSpec, ImportSpec, SpokeSpec } from './spec.js';

/** The route-based spec, or why the network does not have the shape of the design. */
export type VtiFit = { readonly spec: ImportSpec } | { readonly reasons: readonly string[] };

/** The pattern's defaults of `VtiProps`. */
const DEFAULTS = { ipsecProfileName: 'HUBSPOKE-VTI', firstTunnel: 1, spokeTunnel: 'Tunnel1' } as const;

/** One hub tunnel with its /30 and number. */
interface HubTunnel {
  readonly tunnel: InterfaceConfig;
  readonly subnet: Ipv4Prefix;
  readonly number: number;
  readonly destination: string;
}

/** One spoke matched to a hub tunnel. */
interface VtiSpokeMatch {
  readonly device: ModelDevice;
  readonly wan: InterfaceConfig;
  readonly hubTunnel: HubTunnel;
  readonly tunnel: InterfaceConfig;
}

const isTunnel = (i: InterfaceConfig) => i.tunnel !== undefined || /^tunnel/i.test(i.name);

/** Why a tunnel is not one of the design's (sVTI, one profile, a /30 end), if it is not. */
function tunnelProblem(d: ModelDevice, t: InterfaceConfig, host: 1 | 2): string | undefined {
  const at = `${where(d, t.loc?.line)}: ${d.hostname} ${t.name}`;
  const s = t.tunnel;
  if (t.shutdown) return `${at} is shut down`;
  if (s?.mode !== 'ipsec ipv4' || s.protection === undefined || s.protection.shared === true)
    return `${at} is not a static VTI (tunnel mode ipsec ipv4, tunnel protection ipsec profile P without shared)`;
  if (s.source === undefined || s.destination === undefined) return `${at} has no tunnel source or destination`;
  const a = t.address;
  const subnet = a && networkOf(a.ip, a.prefixLength);
  if (!a || !subnet || a.prefixLength !== TUNNEL_PREFIX_LENGTH || addressInPrefix(subnet, host) !== a.ip)
    return `${at} is not the ${host === 1 ? 'first' : 'second'} host address of a /${TUNNEL_PREFIX_LENGTH} (the design's tunnel addressing)`;
  return undefined;
}

/** The hub's tunnels in pool order, or reasons. */
function hubTunnels(hub: ModelDevice, reasons: string[]): HubTunnel[] {
  const out: HubTunnel[] = [];
  for (const t of hub.config.interfaces.filter(isTunnel)) {
    const problem = tunnelProblem(hub, t, 1);
    const number = /^Tunnel(\d+)$/.exec(t.name)?.[1];
    if (problem !== undefined || number === undefined) {
      reasons.push(problem ?? `${where(hub, t.loc?.line)}: ${hub.hostname} ${t.name} is not named TunnelN`);
      continue;
    }
    const subnet = networkOf(t.address!.ip, TUNNEL_PREFIX_LENGTH);
    out.push({ tunnel: t, subnet, number: Number(number), destination: t.tunnel!.destination! });
  }
  return out.sort((a, b) => ipToNumber(a.subnet.address) - ipToNumber(b.subnet.address));
}

/** The pool and first tunnel number that give back the hub tunnels in order, or a reason. */
function poolOf(hub: ModelDevice, tunnels: readonly HubTunnel[]): { pool: Ipv4Prefix; first: number } | string {
  const first = tunnels[0]!;
  const length = TUNNEL_PREFIX_LENGTH - Math.ceil(Math.log2(tunnels.length));
  const pool = { address: first.subnet.address, prefixLength: length };
  const aligned = networkOf(pool.address, length).address === pool.address;
  const shaped = tunnels.every(
    (t, i) => nthSubnet(pool, TUNNEL_PREFIX_LENGTH, i)?.address === t.subnet.address && t.number === first.number + i,
  );
  if (aligned && shaped) return { pool, first: first.number };
  return `${where(hub)}: ${hub.hostname}'s tunnel /30s are not consecutive from a pool boundary, numbered in the same order (the design allocates spoke i the i-th /30 and Tunnel<first+i>)`;
}

/** The interface a router reaches `address` by: a connected subnet, or that of the next hop of its static route. */
function exitTowards(d: ModelDevice, address: string): InterfaceConfig | undefined {
  const connected = (a: string) =>
    d.config.interfaces.find((i) => i.address && prefixContainsIp(networkOf(i.address.ip, i.address.prefixLength), a));
  const direct = connected(address);
  if (direct && !isTunnel(direct)) return direct;
  const route = [...d.config.staticRoutes]
    .filter((r) => prefixContainsIp(r.prefix, address))
    .sort((a, b) => b.prefix.prefixLength - a.prefix.prefixLength)[0];
  const named = route?.interface && d.config.interfaces.find((i) => i.name === route.interface);
  return named || (route?.nextHop !== undefined ? connected(route.nextHop) : undefined);
}

/** The hub's WAN interface and IKE source (the tunnels' common source), or a reason. */
function hubSource(
  hub: ModelDevice,
  tunnels: readonly HubTunnel[],
): { wan: InterfaceConfig; address: string; ikeSource?: IkeSourceProps } | string {
  const names = new Set(tunnels.map((t) => t.tunnel.tunnel!.source!.toLowerCase()));
  const source = hub.config.interfaces.find((i) => i.name.toLowerCase() === [...names][0]);
  if (names.size !== 1 || !source?.address)
    return `${where(hub)}: ${hub.hostname}'s tunnels are not all sourced from one interface with an address (tunnel source by name)`;
  if (!/^loopback/i.test(source.name)) return { wan: source, address: source.address.ip };
  const wan = exitTowards(hub, tunnels[0]!.destination);
  if (source.address.prefixLength !== 32 || !wan?.address)
    return `${where(hub, source.loc?.line)}: ${hub.hostname}'s tunnels are sourced from ${source.name}, which is not a /32 loopback with an uplink towards the spokes`;
  const ikeSource = { loopback: source.name, address: source.address.ip };
  return { wan, address: source.address.ip, ikeSource };
}

/** The spoke at the far end of a hub tunnel, with its one tunnel back, or a reason. */
function spokeOf(model: NetworkModel, t: HubTunnel, hubAddress: string, profile: string): VtiSpokeMatch | string {
  const owner = model.owner(t.destination);
  const d = owner?.device;
  if (!d || d.role !== 'spoke' || owner.nat)
    return `${t.tunnel.name} of the hub aims at ${t.destination}, which is no spoke's own WAN address`;
  const tunnels = d.config.interfaces.filter(isTunnel);
  const own = tunnels[0];
  if (tunnels.length !== 1 || !own)
    return `${where(d)}: ${d.hostname} has ${tunnels.length} tunnels; the design gives a spoke one`;
  const problem = tunnelProblem(d, own, 2);
  if (problem !== undefined) return problem;
  const wan = d.config.interfaces.find((i) => i.name.toLowerCase() === own.tunnel!.source!.toLowerCase());
  const fits =
    own.tunnel!.destination === hubAddress &&
    wan?.address?.ip === t.destination &&
    networkOf(own.address!.ip, TUNNEL_PREFIX_LENGTH).address === t.subnet.address &&
    own.tunnel!.protection!.profile === profile;
  if (!fits || !wan)
    return `${where(d, own.loc?.line)}: ${d.hostname} ${own.name} is not the mirror of the hub's ${t.tunnel.name} (source its WAN interface, destination ${hubAddress}, the same /30 and IPsec profile ${profile})`;
  return { device: d, wan, hubTunnel: t, tunnel: own };
}

/** The IKE version the profile negotiates, when it is the patterns' (none, or their IKEv2 profile). */
function ikeOf(hub: ModelDevice, profile: IpsecProfile | undefined, reasons: string[]): IkeVersion {
  if (profile?.ikev2Profile === undefined) return 'v1';
  if (profile.ikev2Profile !== HUBSPOKE_IKEV2_NAMES.profile)
    reasons.push(
      `${where(hub, profile.loc?.line)}: IPsec profile ${profile.name} names IKEv2 profile ${profile.ikev2Profile}, not the patterns' ${HUBSPOKE_IKEV2_NAMES.profile}`,
    );
  return 'v2';
}

/** What the routers of the design must not have: crypto maps, and with IKEv1 keyrings or ISAKMP profiles. */
function routerProblems(devices: readonly ModelDevice[], ike: IkeVersion, reasons: string[]): void {
  for (const d of devices) {
    if (d.config.cryptoMaps.length > 0 || d.config.interfaces.some((i) => i.cryptoMap !== undefined))
      reasons.push(`${where(d)}: ${d.hostname} has a crypto map; the route-based design has none`);
    if (ike === 'v1' && ((d.config.keyrings?.length ?? 0) > 0 || (d.config.isakmpProfiles?.length ?? 0) > 0))
      reasons.push(
        `${where(d)}: ${d.hostname} has keyrings or ISAKMP profiles; the route-based design uses global keys`,
      );
  }
}

/** The spokes of the hub tunnels, in pool order; every spoke of the model must be one. */
function matchSpokes(
  model: NetworkModel,
  tunnels: readonly HubTunnel[],
  hubAddress: string,
  profile: string,
  reasons: string[],
): VtiSpokeMatch[] {
  const matches: VtiSpokeMatch[] = [];
  for (const t of tunnels) {
    const m = spokeOf(model, t, hubAddress, profile);
    if (typeof m === 'string') reasons.push(m);
    else if (matches.some((x) => x.device === m.device)) reasons.push(`${m.device.hostname} has two hub tunnels`);
    else matches.push(m);
  }
  for (const d of model.devices)
    if (d.role === 'spoke' && !matches.some((m) => m.device === d))
      reasons.push(`${where(d)}: ${d.hostname} is a spoke no hub tunnel fits`);
  return matches;
}

/** Fits a network with tunnels to the route-based design (see the module comment). */
export function fitVti(inputs: readonly FitInput[], options: FitOptions, model: NetworkModel): VtiFit {
  const reasons: string[] = [];
  const hub = model.hub;
  if (!hub) return { reasons: ['no hub: no router has tunnels to two or more others'] };
  const tunnels = hubTunnels(hub, reasons);
  if (reasons.length > 0) return { reasons };
  if (tunnels.length === 0) return { reasons: [`${where(hub)}: ${hub.hostname} has no tunnel`] };
  const pool = poolOf(hub, tunnels);
  const source = hubSource(hub, tunnels);
  if (typeof pool === 'string' || typeof source === 'string')
    return { reasons: [typeof pool === 'string' ? pool : (source as string)] };
  const profileName = tunnels[0]!.tunnel.tunnel!.protection!.profile;
  if (tunnels.some((t) => t.tunnel.tunnel!.protection!.profile !== profileName))
    reasons.push(`${where(hub)}: ${hub.hostname}'s tunnels name different IPsec profiles`);
  const matches = matchSpokes(model, tunnels, source.address, profileName, reasons);
  const spokeTunnel = matches[0]?.tunnel.name ?? DEFAULTS.spokeTunnel;
  if (matches.some((m) => m.tunnel.name !== spokeTunnel))
    reasons.push('the spokes name their tunnels differently; the design names every spoke tunnel alike');
  const profile = hub.config.ipsecProfiles?.find((p) => p.name === profileName);
  const ike = ikeOf(hub, profile, reasons);
  routerProblems([hub, ...matches.map((m) => m.device)], ike, reasons);
  if (reasons.length > 0) return { reasons };
  const pairs = matches.map((m) => ({
    spoke: m.device,
    value: pairKey(
      hub,
      m.device,
      { address: m.hubTunnel.destination, prefixLength: 32 },
      source.address,
      'global-keys',
      reasons,
      ike,
    ),
    label: m.device.hostname,
  }));
  if (reasons.length > 0) return { reasons };
  const vti: VtiProps = {
    tunnelPool: `${pool.pool.address}/${pool.pool.prefixLength}`,
    ...(profileName !== DEFAULTS.ipsecProfileName ? { ipsecProfileName: profileName } : {}),
    ...(pool.first !== DEFAULTS.firstTunnel ? { firstTunnel: pool.first } : {}),
    ...(spokeTunnel !== DEFAULTS.spokeTunnel ? { spokeTunnel } : {}),
  };
  const keys = options.keyMode === 'environment' ? keyVariables(pairs) : [];
  return { spec: specOf(inputs, options, model, { hub, source, matches, ike, keys, vti, profile }) };
}

/** The spec of a fitted route-based network. */
function specOf(
  inputs: readonly FitInput[],
  options: FitOptions,
  model: NetworkModel,
  f: {
    readonly hub: ModelDevice;
    readonly source: { wan: InterfaceConfig; address: string; ikeSource?: IkeSourceProps };
    readonly matches: readonly VtiSpokeMatch[];
    readonly ike: IkeVersion;
    readonly keys: ImportSpec['keys'];
    readonly vti: VtiProps;
    readonly profile: IpsecProfile | undefined;
  },
): ImportSpec {
  const used = new Set<string>(['app', 'stack', 'hub', 'env', 'outdir']);
  const { hub, source, matches, ike, keys } = f;
  const variableOf = (hostname: string) => keys.find((k) => k.pairs.includes(hostname))?.variable;
  const hubDpd = dpdOf(hub.config, ike);
  const firstVariable = keys[0]?.variable;
  const hubSpec: HubSpec = {
    ...siteBase(hub, source.wan, model, used, matches[0]?.hubTunnel.destination),
    variable: 'hub',
    crypto: {
      ...cryptoSettings(hub, source.wan, f.profile, ike === 'v2'),
      ...(ike === 'v2' ? { ikev2: ikev2Settings(hub.config) } : {}),
    },
    ike,
    ...(sameDpd(hubDpd, defaultDeadPeerDetection(hub.config.platform)) ? {} : { deadPeerDetection: hubDpd }),
    ...(firstVariable !== undefined ? { keyVariable: firstVariable } : {}),
    ...(source.ikeSource ? { ikeSource: source.ikeSource } : {}),
    vti: f.vti,
  };
  const spokes: SpokeSpec[] = matches.map((m) => {
    const dpd = dpdOf(m.device.config, ike);
    const inherited = hubSpec.deadPeerDetection ?? defaultDeadPeerDetection(m.device.config.platform) ?? false;
    const variable = variableOf(m.device.hostname);
    return {
      ...siteBase(m.device, m.wan, model, used, source.address),
      localSequence: 10,
      features: {},
      vtiTunnels: { hub: m.hubTunnel.tunnel.name, spoke: m.tunnel.name },
      ...(sameDpd(dpd, inherited) ? {} : { deadPeerDetection: dpd }),
      ...(variable !== undefined && variable !== firstVariable ? { keyVariable: variable } : {}),
    };
  });
  const spokeDevices = matches.map((m) => m.device);
  return fittedSpec(inputs, options, model, { hubSpec, hub, spokes, spokeDevices, keys, used });
}
