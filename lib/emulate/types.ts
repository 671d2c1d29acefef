/**
 * Shapes shared by the emulator's modules: options, the WAN log, packet traces, and the view of
 * the network that the packet walk and the negotiation need.
 */
import type { VirtualAccessTable } from './virtual-access.js';
import type { NatMapping } from '../rules/nat-traversal.js';
import type { AclCounters } from './acl-counters.js';
import type { TunnelCounters } from './tunnel-counters.js';
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import type { Topology } from '../ir/topology.js';
import type { DeclaredLease } from '../rules/dhcp-lease.js';
import type { VirtualClock } from './clock.js';
import type { SaDatabase } from './sa-database.js';
import type { Underlay, UnderlayEndpoint } from './underlay.js';

/** Options of `Network.fromParsed` / `Network.fromConfigs`. */
export interface NetworkOptions {
  /** Explicit underlay segments. @default - every WAN interface on one routed WAN */
  readonly topology?: Topology;
  /**
   * Accept an ISAKMP offer with a longer lifetime than the responder's (some releases do).
   * @default false (the documented rule: only the shorter side can initiate)
   */
  readonly relaxLifetime?: boolean;
  /** Demand exact proxy-identity matches, as ASA does. @default false (subset, as IOS) */
  readonly exactProxyMatch?: boolean;
  /**
   * Drop the packet that triggers an IKE negotiation, as real routers do while they negotiate (the
   * familiar `.!!!!`); the SAs are set up and the next packet uses them.
   * @default false (the triggering packet waits for the negotiation and is delivered)
   */
  readonly firstPacketLost?: boolean;
  /**
   * Unanswered main mode messages cost the time IOS spends on them: each retransmission waits
   * `IKE_PHASE1_RETRANSMIT_SECONDS` (lib/ir/ike-vocabulary.ts), so a dead first `set peer` delays the failover to the
   * next one by that much per retry, and the packet that waited is lost.
   * @default false (a peer that does not answer is given up at once)
   */
  readonly ikeTiming?: boolean;
  /**
   * Configuration text per file name (as in `ParsedFile.file`), for `show running-config`.
   * @default - `show running-config` says the text is not available
   */
  readonly configTexts?: ReadonlyMap<string, string>;
  /**
   * Leases of interfaces with `ip address dhcp|negotiated` (docs/ios-semantics.md#dhcp-wan-addresses).
   * @default - the deterministic lease of `lib/rules/dhcp-lease.ts` (100.64.0.0/10, one /30 each)
   */
  readonly leases?: readonly DeclaredLease[];
}

/** A packet that crossed the underlay. */
export interface WanLogEntry {
  /** 1-based order of crossing. */
  readonly seq: number;
  readonly from: UnderlayEndpoint;
  readonly to: UnderlayEndpoint;
  /** Outer header as it crossed the WAN. */
  readonly src: string;
  readonly dst: string;
  readonly proto: number;
  /** True for ESP (the user packet was encrypted); false when the user packet crossed in clear. */
  readonly encrypted: boolean;
  /** The user packet inside (equal to the outer header when not encrypted). */
  readonly inner: { readonly src: string; readonly dst: string; readonly proto: number };
}

/** What happened to a packet at one place. */
export type HopEvent =
  'originate' | 'receive' | 'route' | 'encrypt' | 'decrypt' | 'negotiate' | 'wan' | 'deliver' | 'drop';

/** One step of a packet's walk. */
export interface Hop {
  readonly device: string;
  readonly event: HopEvent;
  readonly detail: string;
}

/** What a console message is: a debug (printed while that debug is on) or a syslog message. */
export type ConsoleKind = 'isakmp' | 'ipsec' | 'ikev2' | 'syslog';

/** The router-side view the walk and the negotiation use. */
export interface DeviceCore {
  readonly hostname: string;
  readonly config: RouterConfig;
  readonly sadb: SaDatabase;
  /** Hit counters of the router's access-list lines (`show access-lists`). */
  readonly aclCounters: AclCounters;
  /** Packets each tunnel interface carried (`show interfaces TunnelN`). */
  readonly tunnelCounters: TunnelCounters;
  /** The virtual-access interfaces of a dynamic VTI hub (`virtual-access.ts`). */
  readonly virtualAccess: VirtualAccessTable;
  /** Writes a debug (only when that debug is on) or a syslog message to this router's console. */
  log(kind: ConsoleKind, message: string | (() => string)): void;
  /** True when messages of this kind are printed (debug on, or syslog). */
  wants(kind: ConsoleKind): boolean;
  /**
   * Waits one IKE retransmission interval before a main mode message is sent again, when the
   * network runs with `ikeTiming` (otherwise no time passes).
   */
  retransmitWait(): void;
  /** The up interface owning an address. @returns undefined when none */
  interfaceOwning(address: number): InterfaceConfig | undefined;
  /** Recomputes the reverse routes of dynamic entries after the SA database changed. */
  syncReverseRoutes(): void;
}

/** The network-side view the walk and the negotiation use. */
export interface Fabric {
  readonly clock: VirtualClock;
  readonly underlay: Underlay;
  readonly options: NetworkOptions;
  readonly wanLog: WanLogEntry[];
  /** @internal The device of a hostname (the emulator's own wiring, not for callers). */
  core(hostname: string): DeviceCore | undefined;
  /**
   * @internal The router and up interface owning an address (first in device order); for a crypto
   * map's `local-address` the crypto interface answering for it, by the route to `from` when given
   * (`lib/rules/crypto-local-address.ts`).
   */
  ownerOf(
    address: number,
    from?: string,
  ): { readonly core: DeviceCore; readonly iface: InterfaceConfig; readonly nat?: NatMapping } | undefined;
  /**
   * @internal The address the other routers see `hostname`'s IKE address as: its public address
   * behind NAT (docs/ios-semantics.md#nat-traversal), else the address itself.
   */
  seenAs(hostname: string, address: string): string;
  /** @internal Devices in a stable order. */
  cores(): readonly DeviceCore[];
  /** @internal Runs the IP SLA probes that are due on the virtual clock. */
  runDueProbes?(): void;
}
