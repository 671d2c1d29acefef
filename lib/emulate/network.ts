/**
 * The emulated network: routers built from parsed configurations, the underlay between their WAN
 * interfaces, one virtual clock, and a log of every packet that crossed the WAN.
 */
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { cryptoAnsweringInterface } from '../rules/crypto-local-address.js';
import { declaredNatOf, natMappings, seenAddress, type NatMapping } from '../rules/nat-traversal.js';
import { VirtualClock } from './clock.js';
import { Device } from './device.js';
import type { PingOptions, PingResult } from './ping.js';
import type { DeviceCore, Fabric, NetworkOptions, WanLogEntry } from './types.js';
import { Underlay } from './underlay.js';
import { assignLeases, declaredLeasesOf, withLeases } from '../rules/dhcp-lease.js';
import { runsForever } from '../rules/ip-sla.js';
import { runDpdUntil } from './dpd-timers.js';
import { expireAll } from './sa-rekey.js';

/** A parsed configuration file (the shape `loadConfigs` returns; only these fields are read). */
export interface ParsedConfigFile {
  readonly file: string;
  readonly config: RouterConfig;
}

/** A ping from one router. */
export interface NetworkPingOptions extends PingOptions {
  /** Hostname of the router that pings. */
  readonly from: string;
}

/**
 * A network of emulated IOS routers.
 *
 * ```ts
 * const net = Network.fromParsed(await loadConfigs(['seed-lab/two-spokes']));
 * net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').output; // ... !!!!! ...
 * net.wanLog.every((p) => p.encrypted); // nothing crossed the WAN in clear text
 * ```
 */
export class Network implements Fabric {
  /** Builds a network from parsed configuration files (device name = `hostname`). */
  static fromParsed(files: readonly ParsedConfigFile[], options: NetworkOptions = {}): Network {
    return new Network(
      files.map((f) => ({ config: f.config, file: f.file })),
      options,
    );
  }

  /** Builds a network from IR objects (no files). */
  static fromConfigs(configs: readonly RouterConfig[], options: NetworkOptions = {}): Network {
    return new Network(
      configs.map((config) => ({ config })),
      options,
    );
  }

  /** The virtual clock behind every timestamp. */
  readonly clock = new VirtualClock();
  /** Which WAN interfaces reach each other. */
  readonly underlay: Underlay;
  /** Every packet that crossed the underlay, in order, with its encrypted/clear flag. */
  readonly wanLog: WanLogEntry[] = [];
  readonly options: NetworkOptions;
  private readonly byName = new Map<string, Device>();
  private readonly ordered: Device[] = [];
  private readonly owners = new Map<number, { core: Device; iface: InterfaceConfig }>();
  /** NAT mappings, declared by the topology or assumed (docs/ios-semantics.md#nat-traversal). */
  private readonly nat: { readonly mappings: readonly NatMapping[]; readonly byOutside: Map<number, NatMapping> };

  private constructor(parsed: readonly { config: RouterConfig; file?: string }[], options: NetworkOptions) {
    this.options = options;
    // docs/ios-semantics.md#dhcp-wan-addresses: addresses assigned at run time hold their leases
    // (the `leases` option first, then the topology's, else the default lease).
    const leases = assignLeases(
      parsed.map((e) => e.config),
      [...(options.leases ?? []), ...declaredLeasesOf(options.topology)],
    );
    const entries = parsed.map((e) => ({ ...e, config: withLeases(e.config, leases.get(e.config)) }));
    for (const e of entries) {
      const name = e.config.hostname;
      if (this.byName.has(name)) {
        const first = this.byName.get(name)!.file ?? 'an earlier config';
        throw new Error(`two configurations use hostname ${name}: ${first} and ${e.file ?? 'a later config'}`);
      }
      const text = e.file !== undefined ? options.configTexts?.get(e.file) : undefined;
      const d = new Device(this, e.config, e.file, text);
      this.byName.set(name, d);
      this.ordered.push(d);
      for (const i of e.config.interfaces) {
        if (i.shutdown) continue;
        for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) {
          const n = ipToNumber(a.ip);
          if (!this.owners.has(n)) this.owners.set(n, { core: d, iface: i });
        }
      }
    }
    const { mappings } = natMappings(
      entries.map((e) => e.config),
      declaredNatOf(options.topology),
    );
    this.nat = { mappings, byOutside: new Map(mappings.map((m) => [ipToNumber(m.outside), m])) };
    // A topology without underlay segments (one that only selects sites) says nothing about the underlay.
    this.underlay =
      options.topology && options.topology.underlay.segments.length > 0
        ? Underlay.fromTopology(options.topology)
        : Underlay.fromConfigs(entries.map((e) => e.config));
  }

  /** The router with this hostname; throws an Error naming the known ones when there is none. */
  device(hostname: string): Device {
    const d = this.byName.get(hostname);
    if (!d)
      throw new Error(
        `unknown device "${hostname}" (known: ${this.ordered.map((x) => x.hostname).join(', ') || 'none'})`,
      );
    return d;
  }

  /** True when a router has this hostname. */
  hasDevice(hostname: string): boolean {
    return this.byName.has(hostname);
  }

  /** All routers, in the order given. */
  devices(): readonly Device[] {
    return this.ordered;
  }

  /** Pings from a router; see {@link Device.ping}. */
  ping(options: NetworkPingOptions): PingResult {
    const { from, ...rest } = options;
    return this.device(from).ping(rest);
  }

  /**
   * Powers a router off: it answers nothing (IKE, DPD, ESP, pings) and forgets its SAs, as a
   * router that lost power; its peers find out through dead peer detection, expiry or a failed
   * negotiation (docs/ios-semantics.md#dead-peer-detection).
   */
  powerOff(hostname: string): void {
    this.device(hostname).setPoweredOff(true);
  }

  /** Boots a powered-off router: it comes up with its configuration and no SAs. */
  powerOn(hostname: string): void {
    this.device(hostname).setPoweredOff(false);
  }

  /**
   * Lets `seconds` of emulated time pass with nothing typed: dead peer detection, IP SLA probes and
   * SA expiry run as on idle routers, each DPD message stamped with its own time.
   */
  wait(seconds: number): void {
    runDpdUntil(this, this.clock.now + Math.max(0, Math.round(seconds * 1000)));
    this.runDueProbes();
    expireAll(this);
  }

  /** True when no user packet has crossed the underlay in clear text. */
  nothingInClear(): boolean {
    return this.wanLog.every((p) => p.encrypted);
  }

  /** @internal */
  core(hostname: string): DeviceCore | undefined {
    const d = this.byName.get(hostname);
    return d?.poweredOn ? d : undefined;
  }

  /** @internal */
  ownerOf(
    address: number,
    from?: string,
  ): { readonly core: DeviceCore; readonly iface: InterfaceConfig; readonly nat?: NatMapping } | undefined {
    const found = this.owners.get(address);
    // A powered-off router owns its addresses but answers for none of them.
    const o = found && found.core.poweredOn ? found : undefined;
    if (!found) {
      // docs/ios-semantics.md#nat-traversal: a device behind NAT is reached at its public address.
      const m = this.nat.byOutside.get(address);
      const inside = m ? this.owners.get(ipToNumber(m.inside)) : undefined;
      return m && inside && inside.core.poweredOn ? { ...inside, nat: m } : undefined;
    }
    if (!o) return undefined;
    const answering = cryptoAnsweringInterface(o.core.config, o.iface, from);
    return answering === o.iface ? o : { core: o.core, iface: answering };
  }

  /** @internal */
  seenAs(hostname: string, address: string): string {
    return this.nat.mappings.length === 0 ? address : seenAddress(this.nat.mappings, hostname, address);
  }

  /** @internal */
  cores(): readonly DeviceCore[] {
    return this.ordered;
  }

  /** When each IP SLA probe (`host/id`) runs next, on the virtual clock. */
  private readonly probeDue = new Map<string, number>();
  private probing = false;

  /**
   * @internal Runs the IP SLA icmp-echo probes that are due (docs/ios-semantics.md#ip-sla-probes):
   * an operation scheduled `life forever start-time now` sends its first echo at boot and then one
   * every `frequency` seconds; each runs as a one-packet ping from its router, so it brings up and
   * keeps up the SA its packet selects. Called before every command and ping.
   */
  runDueProbes(): void {
    if (this.probing) return;
    this.probing = true;
    try {
      for (const d of this.ordered) {
        if (!d.poweredOn) continue;
        for (const sla of d.config.ipSlas ?? []) {
          if (!runsForever(sla)) continue;
          const key = `${d.hostname}/${sla.id}`;
          if ((this.probeDue.get(key) ?? 0) > this.clock.now) continue;
          const src = sla.icmpEcho!.source;
          const source = src === undefined ? undefined : src.kind === 'address' ? src.address : src.interface;
          d.ping({ to: sla.icmpEcho!.destination, ...(source !== undefined ? { source } : {}), repeat: 1 });
          this.probeDue.set(key, this.clock.now + (sla.frequency ?? 60) * 1000);
        }
      }
    } finally {
      this.probing = false;
    }
  }
}
