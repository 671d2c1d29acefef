/**
 * IR of the dynamic-peer lines: dynamic crypto maps (`crypto dynamic-map NAME SEQ`, bound into a
 * crypto map by `crypto map M SEQ ipsec-isakmp dynamic NAME`), interface addresses assigned at run
 * time (`ip address dhcp`, `ip address negotiated`), and IP SLA icmp-echo operations (`ip sla N`,
 * `ip sla schedule N ...`), the probes that keep a dynamic spoke's SA up. Data only, like the rest
 * of the IR: what IOS does with them is a rule (`lib/rules/dynamic-map.ts`,
 * docs/ios-semantics.md#dynamic-crypto-maps and #ip-sla-probes).
 */
import type { PfsSetting, Traceable } from './router-config.js';

/**
 * `reverse-route [static]` in a crypto map or dynamic map entry: while an SA of the entry exists
 * (or, with `static`, while the entry is configured) a static route to the remote proxy is
 * installed, next hop the peer.
 */
export interface ReverseRoute {
  /** `reverse-route static`: the route follows the ACL, not the SA. @default false */
  readonly static?: boolean;
}

/**
 * One `crypto dynamic-map NAME SEQ` entry: a template a responder fills with the initiator's
 * address and proxy identities. Every field but `seq` is optional on IOS (an entry needs only
 * `set transform-set`).
 */
export interface DynamicMapEntry extends Traceable {
  readonly seq: number;
  readonly description?: string;
  /** `set peer` lines: when present, only these peers are accepted. @default - any peer */
  readonly peers: readonly string[];
  /** `set transform-set` names, in preference order. */
  readonly transformSets: readonly string[];
  /** `match address` ACL: proxy identities must lie inside it. @default - any proxy identity */
  readonly matchAddress?: string;
  /** `reverse-route [static]`. @default - no reverse route */
  readonly reverseRoute?: ReverseRoute;
  /** `set ikev2-profile P`: the entry answers IKEv2 (docs/ios-semantics.md#ikev2-dynamic-crypto-maps). @default - none */
  readonly ikev2Profile?: string;
  /** @default - no PFS required */
  readonly pfs?: PfsSetting;
  /** `set security-association lifetime seconds N`. */
  readonly saLifetimeSeconds?: number;
  /** `set security-association lifetime kilobytes N`. */
  readonly saLifetimeKilobytes?: number;
  /** `set isakmp-profile P`. @default - none */
  readonly isakmpProfile?: string;
  /** Lines inside the entry that the IR does not model, without indentation. */
  readonly extraLines: readonly string[];
}

/** `crypto dynamic-map NAME`: its entries in ascending sequence order. */
export interface DynamicCryptoMap extends Traceable {
  readonly name: string;
  readonly entries: readonly DynamicMapEntry[];
}

/**
 * An interface address assigned at run time: `ip address dhcp` (DHCP client, Ethernet WANs) or
 * `ip address negotiated` (IPCP, PPP/PPPoE Dialer interfaces).
 */
export type DynamicAddress = 'dhcp' | 'negotiated';

/** Where an icmp-echo probe takes its source: `source-ip A` or `source-interface IF`. */
export type SlaSource =
  { readonly kind: 'address'; readonly address: string } | { readonly kind: 'interface'; readonly interface: string };

/** `icmp-echo DEST [source-ip A | source-interface IF]` of an IP SLA operation. */
export interface IcmpEcho {
  readonly destination: string;
  /** @default - the address of the interface the probe is routed out of */
  readonly source?: SlaSource;
}

/** `ip sla schedule N [life forever|S] [start-time now|...]`. */
export interface SlaSchedule extends Traceable {
  /** `forever` or seconds. @default 3600 (IOS default life) */
  readonly life?: 'forever' | number;
  /** `now`, or the start-time words as written (`pending`, `after 00:00:10`, a clock time). @default - pending */
  readonly startTime?: string;
  /** `recurring`. */
  readonly recurring?: boolean;
}

/** `ip sla N`: one operation; only icmp-echo is modelled (other types keep their lines). */
export interface IpSlaOperation extends Traceable {
  readonly id: number;
  /** The icmp-echo probe. @default - another operation type (its lines are in `extraLines`) */
  readonly icmpEcho?: IcmpEcho;
  /** `frequency S` (seconds between probes). @default 60 */
  readonly frequency?: number;
  /** The operation's `ip sla schedule` line. @default - not scheduled (never runs) */
  readonly schedule?: SlaSchedule;
  /** Lines inside the operation that the IR does not model (`timeout`, `threshold`, ...), without indentation. */
  readonly extraLines: readonly string[];
}
