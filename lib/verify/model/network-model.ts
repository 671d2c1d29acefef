/**
 * The network as the proof sees it: devices with their role, WAN interfaces and sites, and who owns
 * which address. Built from parsed configs only (the proof trusts the emitted text), with sites
 * and roles either from synth's `topology.json` or inferred by the spec's WAN rule
 * (`lib/rules/wan.ts`): site LANs are the connected subnets of the interfaces that are not WAN
 * interfaces, so a WAN whose crypto map was forgotten is still a WAN. The hub is the device whose
 * crypto maps and tunnel destinations name the most distinct peers (at least two), or the first
 * with a dynamic map bound into a crypto map (docs/ios-semantics.md#dynamic-crypto-maps); spokes
 * are the other devices with crypto map entries or tunnels; the rest are `other`. Addresses
 * assigned at run time hold their leases (`running-configs.ts`).
 */
import type { InterfaceConfig, Ipv4Prefix, RouterConfig } from '../../ir/router-config.js';
import { formatPrefix, ipToNumber, networkOf, parseCidr, prefixBounds } from '../../ir/ipv4.js';
import type { Topology } from '../../ir/topology.js';
import type { Interval } from '../../rules/header-space.js';
import {
  cryptoAclRanges,
  cryptoPeerAddresses,
  rangesMeet,
  siteLans,
  wanInterfaces,
  type WanInterface,
} from '../../rules/wan.js';
import { routingTable } from '../../rules/routing.js';
import { tunnelDestinations, upTunnels } from '../../rules/tunnels.js';
import { cryptoAnsweringInterface } from '../../rules/crypto-local-address.js';
import {
  declaredNatOf,
  natMappings,
  seenAddress,
  type AmbiguousNatPeer,
  type NatMapping,
} from '../../rules/nat-traversal.js';
import type { DeviceRole } from '../types.js';
import { appendAll } from '../../ir/collections.js';
import { hasDynamicEntries } from '../../rules/dynamic-map.js';
import { leasedInterfaces, runningInputs, type LeasedInterface } from './running-configs.js';

/** A parsed config as the proof needs it (`ParsedFile` satisfies it). */
export interface ConfigInput {
  readonly config: RouterConfig;
  readonly file: string;
  /** The parser's diagnostics of this file; `NOT_MODELLED` ones become findings. @default - none */
  readonly diagnostics?: readonly {
    readonly code: string;
    readonly message: string;
    readonly line: number;
    /** `error` diagnostics become INVALID_LINE findings. @default - not an error */
    readonly severity?: string;
  }[];
}

/** A device of the model. */
export interface ModelDevice {
  readonly index: number;
  readonly hostname: string;
  readonly file: string;
  readonly config: RouterConfig;
  readonly role: DeviceRole;
  /** Names of WAN interfaces. */
  readonly wan: ReadonlySet<string>;
  readonly sites: readonly Site[];
  /**
   * The relevant lines the parser could not model (its NOT_MODELLED diagnostics): no pair whose
   * path crosses this device can be proven covered (docs/ios-semantics.md#line-classification).
   */
  readonly unmodelled: readonly UnmodelledLine[];
  /**
   * Crypto interfaces whose address is a lease (docs/ios-semantics.md#dhcp-wan-addresses), with the
   * peer their map names first: the pairs through them are proven under that assumption.
   * @default - none
   */
  readonly leases?: readonly LeasedInterface[];
  /**
   * Set when the device takes part in the VPN, its sites are inferred and none was found: its WAN
   * interfaces with why each is one (docs/ios-semantics.md#sites). @default - the device has a site, or
   * its sites are declared
   */
  readonly noSite?: readonly WanInterface[];
}

export type { LeasedInterface } from './running-configs.js';

/** A relevant configuration line outside the model. */
export interface UnmodelledLine {
  readonly line: number;
  /** The parser's message, naming the line's command. */
  readonly message: string;
}

/** A site LAN of a device. */
export interface Site {
  readonly device: ModelDevice;
  readonly prefix: Ipv4Prefix;
  /** `A.B.C.D/N`. */
  readonly network: string;
  readonly range: Interval;
  /** Line of the interface (or 0 from topology without a matching interface). */
  readonly line: number;
  /** An address inside the site that belongs to the device (its LAN interface), if any. */
  readonly hostAddress?: string;
  /** The interface whose subnet the site is. @default - none (a declared site without one) */
  readonly interface?: string;
}

/** The owner of an interface address. */
export interface AddressOwner {
  readonly device: ModelDevice;
  readonly interface: InterfaceConfig;
  /**
   * Set when the address is the public NAT address of the device's IKE address (declared in
   * topology.json or assumed, docs/ios-semantics.md#nat-traversal). @default - the device's own address
   */
  readonly nat?: NatMapping;
}

/** The whole model. */
export interface NetworkModel {
  readonly devices: readonly ModelDevice[];
  readonly sites: readonly Site[];
  readonly hub?: ModelDevice;
  readonly siteSource: 'topology' | 'inferred';
  readonly byHostname: ReadonlyMap<string, ModelDevice>;
  /**
   * Owner of an interface address. For the `local-address` of a crypto map the owner's interface
   * is the crypto interface that answers IKE for it, chosen by the route to `from` (the other
   * end's IKE address) when given (`lib/rules/crypto-local-address.ts`).
   */
  owner(address: string, from?: string): AddressOwner | undefined;
  /** NAT mappings (declared and assumed) and the unowned peers several devices mirror (docs/ios-semantics.md#nat-traversal). */
  readonly nat: { readonly mappings: readonly NatMapping[]; readonly ambiguous: readonly AmbiguousNatPeer[] };
  /** The address the other devices see for `device`'s IKE address `address` (its public address behind NAT). */
  seenAs(device: ModelDevice, address: string): string;
  /** The NAT mapping of `device`'s IKE address `address`, when it sits behind NAT. */
  natOf(device: ModelDevice, address: string): NatMapping | undefined;
  /** True when the two WAN interfaces can reach each other over the underlay. @default true without topology segments */
  sameUnderlay(a: ModelDevice, aInterface: string, b: ModelDevice, bInterface: string): boolean | undefined;
}

/** The last path component of a file name (either separator). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

function interfaceAddresses(i: InterfaceConfig): { ip: string; prefixLength: number }[] {
  return [...(i.address ? [i.address] : []), ...i.secondaryAddresses];
}

/** Which networks are sites, besides what a topology's devices list (docs/ios-semantics.md#sites). */
export interface SiteSelection {
  /** Site networks (`A.B.C.D/N`), instead of the inferred ones, each on the device that has it. @default - inferred */
  readonly sites?: readonly string[];
  /** Networks (`A.B.C.D/N`: every site overlapping it) or interfaces (`NAME` or `HOST:NAME`) that are no sites. @default - none */
  readonly exclude?: readonly string[];
}

/** Builds the model; throws with a clear message on duplicate hostnames or a topology that names no loaded file. */
export function buildNetworkModel(
  inputs: readonly ConfigInput[],
  topology?: Topology,
  selection: SiteSelection = {},
): NetworkModel {
  checkHostnames(inputs);
  const { devices, sites } = buildDevices(runningInputs(inputs, topology), topology, selection);
  // Attached once the devices exist: the interfaces are the running configs' own objects.
  for (const d of devices) {
    const leased = leasedInterfaces(d.config);
    if (leased.length > 0) (d as { leases?: readonly LeasedInterface[] }).leases = leased;
  }
  const owners = addressOwners(devices);
  const hub = devices.find((d) => d.role === 'hub');
  const numbers = new Map<string, number>();
  const nat = natMappings(
    devices.map((d) => d.config),
    declaredNatOf(topology),
  );
  const byOutside = new Map(nat.mappings.map((m) => [m.outside, m]));
  return {
    devices,
    sites,
    ...(hub ? { hub } : {}),
    siteSource: topology ? 'topology' : 'inferred',
    byHostname: new Map(devices.map((d) => [d.hostname, d])),
    owner: (address, from) => {
      // Peer addresses repeat across pairs: convert each text once.
      let n = numbers.get(address);
      if (n === undefined) numbers.set(address, (n = ipToNumber(address)));
      const o = owners.get(n);
      if (!o) {
        const m = byOutside.get(address);
        const inside = m ? owners.get(ipToNumber(m.inside)) : undefined;
        return m && inside ? { ...inside, nat: m } : undefined;
      }
      const answering = cryptoAnsweringInterface(o.device.config, o.interface, from);
      return answering === o.interface ? o : { device: o.device, interface: answering };
    },
    nat,
    seenAs: (device, address) =>
      nat.mappings.length === 0 ? address : seenAddress(nat.mappings, device.hostname, address),
    natOf: (device, address) => nat.mappings.find((m) => m.hostname === device.hostname && m.inside === address),
    sameUnderlay: underlayTest(topology),
  };
}

function checkHostnames(inputs: readonly ConfigInput[]): void {
  const seen = new Map<string, string>();
  for (const f of inputs) {
    const prev = seen.get(f.config.hostname);
    if (prev !== undefined) throw new Error(`hostname ${f.config.hostname} appears in both ${prev} and ${f.file}`);
    seen.set(f.config.hostname, f.file);
  }
}

/** The devices with their roles, WANs and sites (from the topology, the selection, or inferred). */
function buildDevices(
  inputs: readonly ConfigInput[],
  topology: Topology | undefined,
  selection: SiteSelection,
): { devices: ModelDevice[]; sites: Site[] } {
  const configs = inputs.map((f) => f.config);
  const peers = cryptoPeerAddresses(configs);
  const topoByHost = new Map((topology?.devices ?? []).map((d) => [d.hostname, d]));

  const hubIndex = inferHub(inputs);
  let aclRanges: Interval[] | undefined;
  const named = (r: Interval) => rangesMeet((aclRanges ??= cryptoAclRanges(configs)), r);
  const explicit = explicitSites(inputs, [...(selection.sites ?? []), ...(topology?.sites ?? [])], peers);
  const excluded = exclusion([...(selection.exclude ?? []), ...(topology?.exclude ?? [])]);

  const devices: ModelDevice[] = [];
  const sites: Site[] = [];
  inputs.forEach((f, index) => {
    const c = f.config;
    const topo = topoByHost.get(c.hostname);
    const role: DeviceRole = topo
      ? topo.role
      : index === hubIndex
        ? 'hub'
        : c.cryptoMaps.some((m) => m.entries.length > 0) || tunnelDestinations(c).length > 0
          ? 'spoke'
          : 'other';
    const inferredWan = topo ? [] : wanInterfaces(c, peers);
    const wan = new Set(topo ? topo.wan.map((w) => w.interface) : inferredWan.map((w) => w.interface.name));
    // topology.json lists WANs with their address; a crypto interface that leases its address
    // (docs/ios-semantics.md#dhcp-wan-addresses) cannot be listed, and is a WAN all the same.
    if (topo)
      for (const i of c.interfaces) if (i.cryptoMap !== undefined && i.dynamicAddress !== undefined) wan.add(i.name);
    const unmodelled = (f.diagnostics ?? [])
      .filter((d) => d.code === 'NOT_MODELLED')
      .map((d) => ({ line: d.line, message: d.message }));
    // A site points at its device and the device lists its sites: the list is filled once built.
    const own: Site[] = [];
    const device: ModelDevice = {
      index,
      hostname: c.hostname,
      file: f.file,
      config: c,
      role,
      wan,
      sites: own,
      unmodelled,
    };
    const candidates = topo
      ? topologySites(device, topo.sites)
      : explicit
        ? explicitDeviceSites(device, explicit.get(index) ?? [])
        : inferredSites(device, peers, named);
    // Only an inference can lose a site unnoticed; declared and excluded sites are the user's choice,
    // and a hub without a LAN is a transit hub by design (docs/ios-semantics.md#sites).
    if (!topo && !explicit && role !== 'hub' && candidates.length === 0 && takesPartInVpn(c))
      (device as { noSite?: readonly WanInterface[] }).noSite = inferredWan;
    appendAll(
      own,
      candidates.filter((site) => !excluded(site)),
    );
    own.sort((a, b) => a.range[0] - b.range[0] || a.prefix.prefixLength - b.prefix.prefixLength);
    devices.push(device);
    appendAll(sites, own);
  });
  return { devices, sites };
}

/** True when the router applies a crypto map with entries on an up interface or has an up protected tunnel. */
function takesPartInVpn(c: RouterConfig): boolean {
  const maps = new Set(c.cryptoMaps.filter((m) => m.entries.length > 0).map((m) => m.name));
  return (
    c.interfaces.some((i) => !i.shutdown && i.cryptoMap !== undefined && maps.has(i.cryptoMap)) ||
    upTunnels(c).some((t) => t.tunnel?.protection !== undefined)
  );
}

/** The owner of every address of an up interface (the first device and interface that has it). */
function addressOwners(devices: readonly ModelDevice[]): Map<number, AddressOwner> {
  const owners = new Map<number, AddressOwner>();
  for (const d of devices) {
    for (const i of d.config.interfaces) {
      if (i.shutdown) continue;
      for (const a of interfaceAddresses(i))
        if (!owners.has(ipToNumber(a.ip))) owners.set(ipToNumber(a.ip), { device: d, interface: i });
    }
  }
  return owners;
}

/** `NetworkModel.sameUnderlay` over the topology's underlay segments. */
function underlayTest(topology: Topology | undefined): NetworkModel['sameUnderlay'] {
  const segmentOf = new Map<string, Set<string>>();
  for (const seg of topology?.underlay.segments ?? []) {
    for (const m of seg.members) {
      const key = `${m.device}\u0000${m.interface}`;
      const set = segmentOf.get(key) ?? new Set<string>();
      set.add(seg.name);
      segmentOf.set(key, set);
    }
  }
  return (a, ai, b, bi) => {
    // A topology that lists no underlay (one that only selects sites) says nothing about it.
    if (!topology || topology.underlay.segments.length === 0) return undefined;
    const sa = segmentOf.get(`${a.hostname}\u0000${ai}`);
    const sb = segmentOf.get(`${b.hostname}\u0000${bi}`);
    if (!sa || !sb) return false;
    for (const s of sa) if (sb.has(s)) return true;
    return false;
  };
}

/** The sites a topology lists for a device, each with the interface address inside it (if any). */
function topologySites(device: ModelDevice, networks: readonly string[]): Site[] {
  return networks.map((s) => {
    const cidr = parseCidr(s)!;
    const prefix = networkOf(cidr.ip, cidr.prefixLength);
    const iface = device.config.interfaces.find((i) => interfaceAddresses(i).some((a) => inPrefix(prefix, a.ip)));
    const host = iface ? interfaceAddresses(iface).find((a) => inPrefix(prefix, a.ip))?.ip : undefined;
    return makeSite(device, prefix, iface?.loc?.line ?? 0, host);
  });
}

/** Explicitly selected sites of a device, on the up interface that has an address inside each (if any). */
function explicitDeviceSites(device: ModelDevice, prefixes: readonly Ipv4Prefix[]): Site[] {
  return prefixes.map((prefix) => {
    const iface = device.config.interfaces.find(
      (i) => !i.shutdown && interfaceAddresses(i).some((a) => inPrefix(prefix, a.ip)),
    );
    const host = iface ? interfaceAddresses(iface).find((a) => inPrefix(prefix, a.ip))?.ip : undefined;
    return makeSite(device, prefix, iface?.loc?.line ?? 0, host, iface?.name);
  });
}

/** The site LANs the WAN rule infers for a device. */
function inferredSites(device: ModelDevice, peers: ReadonlySet<string>, named: (r: Interval) => boolean): Site[] {
  return siteLans(device.config, peers, named).map((lan) => {
    const host = interfaceAddresses(lan.interface).find((a) => inPrefix(lan.prefix, a.ip))?.ip;
    return makeSite(device, lan.prefix, lan.loc?.line ?? 0, host, lan.interface.name);
  });
}

/**
 * Role inference: the hub is the device with the most crypto neighbours (at least two), counted in
 * loaded devices and in both directions (devices it names in `set peer`, devices that name it): a
 * spoke with a failover list (`set peer` twice, one of them dead or a backup hub) names several
 * addresses but neighbours one or two devices, while every spoke names the hub. Without loaded
 * neighbours (a hub verified alone) the device naming the most distinct peer addresses is the hub.
 * Returns -1 when no device qualifies.
 */
function inferHub(inputs: readonly ConfigInput[]): number {
  // The device with a dynamic map bound into a crypto map answers the spokes it does not know.
  const dynamic = inputs.findIndex((f) => hasDynamicEntries(f.config));
  if (dynamic >= 0) return dynamic;
  const deviceOf = new Map<number, number>();
  inputs.forEach((f, i) => {
    for (const intf of f.config.interfaces) {
      for (const a of interfaceAddresses(intf)) if (!deviceOf.has(ipToNumber(a.ip))) deviceOf.set(ipToNumber(a.ip), i);
    }
  });
  const neighbours = inputs.map(() => new Set<number>());
  const addresses = inputs.map(() => new Set<string>());
  inputs.forEach((f, i) => {
    const named = [...f.config.cryptoMaps.flatMap((m) => m.entries.flatMap((e) => e.peers))];
    // Tunnel destinations are neighbours too (docs/ios-semantics.md#tunnel-interfaces).
    for (const p of [...named, ...tunnelDestinations(f.config)]) {
      addresses[i]!.add(p);
      const j = deviceOf.get(ipToNumber(p));
      if (j === undefined || j === i) continue;
      neighbours[i]!.add(j);
      neighbours[j]!.add(i);
    }
  });
  const best = (score: (i: number) => number): number => {
    let index = -1;
    let top = 1;
    inputs.forEach((_, i) => {
      if (score(i) > top) [top, index] = [score(i), i];
    });
    return index;
  };
  const byDevices = best((i) => neighbours[i]!.size);
  return byDevices >= 0 ? byDevices : best((i) => addresses[i]!.size);
}

function inPrefix(prefix: Ipv4Prefix, ip: string): boolean {
  const [lo, hi] = prefixBounds(prefix);
  const n = ipToNumber(ip);
  return n >= lo && n <= hi;
}

function makeSite(
  device: ModelDevice,
  prefix: Ipv4Prefix,
  line: number,
  host: string | undefined,
  iface?: string,
): Site {
  return {
    device,
    prefix,
    network: formatPrefix(prefix),
    range: prefixBounds(prefix),
    line,
    ...(host !== undefined ? { hostAddress: host } : {}),
    ...(iface !== undefined ? { interface: iface } : {}),
  };
}

function cidrPrefix(text: string, what: string): Ipv4Prefix {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`${what} "${text}" is not an IPv4 prefix (A.B.C.D/N)`);
  return networkOf(cidr.ip, cidr.prefixLength);
}

/**
 * Explicit sites by device index: each on the first device with an up interface address inside
 * it, else the first that routes it out of a LAN (not WAN) interface; undefined when none given.
 */
function explicitSites(
  inputs: readonly ConfigInput[],
  list: readonly string[],
  peers: ReadonlySet<string>,
): Map<number, Ipv4Prefix[]> | undefined {
  if (list.length === 0) return undefined;
  const out = new Map<number, Ipv4Prefix[]>();
  const seen = new Set<string>();
  for (const text of list) {
    const prefix = cidrPrefix(text, 'site');
    const key = formatPrefix(prefix);
    if (seen.has(key)) continue;
    seen.add(key);
    let at = inputs.findIndex((f) =>
      f.config.interfaces.some((i) => !i.shutdown && interfaceAddresses(i).some((a) => inPrefix(prefix, a.ip))),
    );
    if (at < 0) {
      at = inputs.findIndex((f) => {
        const route = routingTable(f.config).lookup(prefixBounds(prefix)[0]);
        return (
          route !== undefined &&
          !route.discard &&
          !wanInterfaces(f.config, peers).some((w) => w.interface.name === route.exitInterface)
        );
      });
    }
    if (at < 0) throw new Error(`site ${text}: no device has an interface address in it or routes it to a LAN`);
    out.set(at, [...(out.get(at) ?? []), prefix]);
  }
  return out;
}

/** The test for sites left out by `exclude` (networks, `NAME` or `HOST:NAME` interfaces). */
function exclusion(list: readonly string[]): (site: Site) => boolean {
  if (list.length === 0) return () => false;
  const ranges: Interval[] = [];
  const interfaces: { host?: string; name: string }[] = [];
  for (const item of list) {
    if (/^\d/.test(item)) ranges.push(prefixBounds(cidrPrefix(item, 'exclude')));
    else {
      const k = item.indexOf(':');
      interfaces.push(
        k > 0 ? { host: item.slice(0, k), name: item.slice(k + 1).toLowerCase() } : { name: item.toLowerCase() },
      );
    }
  }
  return (site) =>
    ranges.some(([lo, hi]) => site.range[0] <= hi && lo <= site.range[1]) ||
    (site.interface !== undefined &&
      interfaces.some(
        (x) => x.name === site.interface!.toLowerCase() && (x.host === undefined || x.host === site.device.hostname),
      ));
}
