/**
 * The intermediate representation (IR): a plain, JSON-serializable model of one router's
 * configuration. Constructs produce it, renderers print it, the parser reads it back from text,
 * and the emulator and verifier reason over it. It holds data only; the IOS vocabulary (values,
 * defaults) lives beside it in `lib/ir/`, IOS behaviour (matching rules) in `lib/rules/`.
 *
 * Conventions:
 * - IPv4 addresses are dotted-quad strings (`"10.1.1.1"`); prefixes are `{ address, prefixLength }`.
 * - A property that IOS would not print when it has its default value is optional here and left
 *   `undefined` when not configured, so the IR says what the text says (the rules fill defaults).
 * - `loc` is set by the parser (file and 1-based line of the element's first line); `origin` is set
 *   by constructs (the construct path that produced the element) and feeds the render source map.
 *   Both are ignored when two IRs are compared for equality.
 */

import type { IsakmpAuthentication, IsakmpEncryption, IsakmpHash } from './ike-vocabulary.js';
import type { DeadPeerDetection, IsakmpProfile, Keyring, Trustpoint } from './isakmp-profile.js';
import type { DynamicAddress, DynamicCryptoMap, IpSlaOperation } from './dynamic.js';
import type { NamedIpProtocol } from './protocols.js';
import type { Ikev2DefaultsOff, Ikev2Keyring, Ikev2Policy, Ikev2Profile, Ikev2Proposal } from './ikev2.js';

export type * from './isakmp-profile.js';
export type * from './dynamic.js';
export type * from './ikev2.js';

/** Where an element stands in a configuration file. */
export interface SourceLocation {
  /** File name as given to the parser. */
  readonly file: string;
  /** 1-based line number of the element's first line. */
  readonly line: number;
}

/** Provenance shared by every IR element. */
export interface Traceable {
  /** Set by the parser. @default - not parsed from text */
  readonly loc?: SourceLocation;
  /** Construct path that produced the element. @default - not produced by a construct */
  readonly origin?: string;
}

/** All platforms, in a stable order. */
export const PLATFORMS = ['ios-12.2', 'ios-15', 'ios-xe-17'] as const;

/** Software families hubspoke renders and understands. */
export type Platform = (typeof PLATFORMS)[number];

/** An IPv4 prefix, e.g. `{ address: '10.1.1.0', prefixLength: 24 }`. */
export interface Ipv4Prefix {
  readonly address: string;
  readonly prefixLength: number;
}

/** An interface address: the interface's own IP and the prefix length of its subnet. */
export interface InterfaceAddress {
  readonly ip: string;
  readonly prefixLength: number;
}

/** `ip access-group ACL in|out` on an interface: the list that filters packets in one direction. */
export interface InterfaceAccessGroup extends Traceable {
  /** ACL number or name as written; the list need not exist (IOS then permits everything). */
  readonly acl: string;
}

export interface InterfaceConfig extends Traceable {
  /** Full IOS name, e.g. `Ethernet1`, `GigabitEthernet2`. */
  readonly name: string;
  readonly description?: string;
  /** Primary address. @default - no address */
  readonly address?: InterfaceAddress;
  /**
   * `ip address dhcp` or `ip address negotiated`: the primary address is assigned at run time
   * (then `address` is unset). @default - a static address or none
   */
  readonly dynamicAddress?: DynamicAddress;
  /** `ip address A M secondary` lines. */
  readonly secondaryAddresses: readonly InterfaceAddress[];
  /** `shutdown`. */
  readonly shutdown: boolean;
  /** `ip access-group ACL in`. @default - no inbound filter */
  readonly accessGroupIn?: InterfaceAccessGroup;
  /** `ip access-group ACL out`. @default - no outbound filter */
  readonly accessGroupOut?: InterfaceAccessGroup;
  /** `ip nat inside` or `ip nat outside`. @default - not a NAT interface */
  readonly nat?: 'inside' | 'outside';
  /** Name of the crypto map applied with `crypto map NAME`. @default - none */
  readonly cryptoMap?: string;
  /** `no ip route-cache` (process switching, advised for crypto interfaces on 12.2). */
  readonly noIpRouteCache?: boolean;
  /** `no ip mroute-cache`. */
  readonly noIpMrouteCache?: boolean;
  /**
   * The `tunnel ...` lines of a tunnel interface (docs/ios-semantics.md#tunnel-interfaces).
   * @default - none (not a tunnel, or a tunnel without modelled tunnel lines)
   */
  readonly tunnel?: TunnelSettings;
  /**
   * The `type` of `interface Virtual-TemplateN type T`: `tunnel` makes the template a dynamic VTI
   * (docs/ios-semantics.md#dynamic-vti). @default - none (written without a type: not a tunnel template)
   */
  readonly interfaceType?: string;
  /**
   * `ip unnumbered IF` on a virtual template: its virtual-access interfaces borrow IF's address and
   * have no subnet of their own (docs/ios-semantics.md#dynamic-vti; on other interfaces the line
   * stays unmodelled). @default - none
   */
  readonly unnumbered?: string;
  /** Lines inside the interface that the IR does not model, without leading indentation. */
  readonly extraLines: readonly string[];
}

/**
 * `virtual-template N` in an ISAKMP or IKEv2 profile: a peer bound to the profile gets a
 * virtual-access interface cloned from `interface Virtual-TemplateN` (docs/ios-semantics.md#dynamic-vti).
 */
export interface VirtualTemplateRef extends Traceable {
  readonly number: number;
}

/** Tunnel modes the IR reads: GRE over IPv4 (the IOS default) and static VTI (IPsec over IPv4). */
export type TunnelMode = 'gre ip' | 'ipsec ipv4';

/** `tunnel protection ipsec profile NAME [shared]`. */
export interface TunnelProtection extends Traceable {
  readonly profile: string;
  /** `shared`: one SA database for several tunnels with the same source. @default false */
  readonly shared?: boolean;
}

/** The modelled `tunnel ...` lines of an interface. */
export interface TunnelSettings {
  /** `tunnel source IF|A`: an interface name or an address as written. @default - none (the tunnel stays down) */
  readonly source?: string;
  /** `tunnel destination A`. @default - none (the tunnel stays down) */
  readonly destination?: string;
  /** `tunnel mode ...`. @default - gre ip (not printed) */
  readonly mode?: TunnelMode;
  /** `tunnel protection ipsec profile P`. @default - none (GRE in clear unless a crypto map on the way protects it) */
  readonly protection?: TunnelProtection;
}

export interface StaticRoute extends Traceable {
  readonly prefix: Ipv4Prefix;
  /** Exit interface. @default - none (next hop only) */
  readonly interface?: string;
  /** Next-hop address. @default - none (interface route) */
  readonly nextHop?: string;
  /**
   * `dhcp`: the next hop is the default gateway a DHCP client learnt (option 3), as in
   * `ip route 0.0.0.0 0.0.0.0 dhcp`; the route exists only once a lease gave one. @default false
   */
  readonly dhcp?: boolean;
  /** Administrative distance. @default 1 */
  readonly distance?: number;
  /** `name` keyword value. */
  readonly name?: string;
  /** `permanent`: installed even while its interface is down. @default false */
  readonly permanent?: boolean;
  /** `track N`: installed only while track object N is up. @default - not tracked */
  readonly track?: number;
}

/** Protocols an ACL line can name; a number is a raw IP protocol number. */
export type AclProtocol = NamedIpProtocol | number;

export type AddressMatch =
  | { readonly kind: 'any' }
  | { readonly kind: 'host'; readonly address: string }
  /** `A W` with a wildcard (inverse) mask; the wildcard need not be contiguous. */
  | { readonly kind: 'wildcard'; readonly address: string; readonly wildcard: string }
  /** `object-group NAME`: the addresses of a network object group of the same router. */
  | { readonly kind: 'object-group'; readonly name: string };

export type PortOperator = 'eq' | 'neq' | 'lt' | 'gt' | 'range';

/** A port condition (TCP/UDP only). `eq` may list several ports, as IOS allows. */
export interface PortMatch {
  readonly op: PortOperator;
  readonly ports: readonly number[];
}

export interface AclRule extends Traceable {
  readonly kind: 'rule';
  /**
   * Sequence number when written or shown; entries are evaluated in sequence order, whatever
   * their order here (see `aclEntriesInOrder`). @default - 10 more than the highest number before it
   */
  readonly seq?: number;
  readonly action: 'permit' | 'deny';
  /** Always `ip` for standard lists, and for lines that name a service object group. */
  readonly protocol: AclProtocol;
  /**
   * `permit object-group SVC ...`: protocols and ports come from this service object group
   * instead of `protocol` and the port conditions (which are then `ip` and unset).
   * @default - no service group
   */
  readonly service?: string;
  readonly source: AddressMatch;
  readonly sourcePort?: PortMatch;
  /** Always `any` for standard lists. */
  readonly destination: AddressMatch;
  readonly destinationPort?: PortMatch;
  /** Words after the match that the IR does not model (`log`, `established`, ...). */
  readonly trailing?: string;
}

export interface AclRemark extends Traceable {
  readonly kind: 'remark';
  readonly seq?: number;
  readonly text: string;
}

export type AclEntry = AclRule | AclRemark;

export interface AccessList extends Traceable {
  /** Number (`"110"`) or name (`"VPN-SPOKE1"`). */
  readonly name: string;
  readonly type: 'standard' | 'extended';
  /** Numbered (`access-list 110 ...`) or named (`ip access-list extended NAME`). */
  readonly numbered: boolean;
  readonly entries: readonly AclEntry[];
}

export type { IsakmpAuthentication, IsakmpEncryption, IsakmpHash } from './ike-vocabulary.js';
/** One item of `object-group network NAME`. */
export type NetworkObject =
  | { readonly kind: 'host'; readonly address: string }
  /** `A M` with a netmask (not a wildcard). */
  | { readonly kind: 'subnet'; readonly address: string; readonly mask: string }
  | { readonly kind: 'range'; readonly first: string; readonly last: string }
  | { readonly kind: 'group'; readonly name: string };

/** One item of `object-group service NAME`. */
export type ServiceObject =
  /** `PROTO`, or `tcp|udp|tcp-udp [source OP ports] [OP ports]`. */
  | {
      readonly kind: 'protocol';
      readonly protocol: AclProtocol | 'tcp-udp';
      readonly sourcePort?: PortMatch;
      readonly destinationPort?: PortMatch;
    }
  | { readonly kind: 'group'; readonly name: string };

/** `object-group network NAME`. */
export interface NetworkObjectGroup extends Traceable {
  readonly type: 'network';
  readonly name: string;
  readonly description?: string;
  readonly items: readonly NetworkObject[];
}

/** `object-group service NAME`. */
export interface ServiceObjectGroup extends Traceable {
  readonly type: 'service';
  readonly name: string;
  readonly description?: string;
  readonly items: readonly ServiceObject[];
}

export type ObjectGroup = NetworkObjectGroup | ServiceObjectGroup;

/** `crypto isakmp policy N`. Unset fields take the defaults of `ISAKMP_POLICY_DEFAULTS` (`ike-vocabulary.ts`). */
export interface IsakmpPolicy extends Traceable {
  readonly priority: number;
  readonly encryption?: IsakmpEncryption;
  readonly hash?: IsakmpHash;
  readonly authentication?: IsakmpAuthentication;
  readonly group?: number;
  /** Seconds. */
  readonly lifetime?: number;
}

/** `crypto isakmp key [0|6|7] KEY address A [MASK]`. */
export interface IsakmpKey extends Traceable {
  /** The key as written; for `encryption` 6 or 7 the encrypted form. Never log it. */
  readonly key: string;
  /** 0 = clear text, 6 = AES-encrypted, 7 = Vigenere-obfuscated. @default 0 */
  readonly encryption: 0 | 6 | 7;
  /** Peer address; `0.0.0.0` with prefix length 0 is the wildcard key. */
  readonly address: string;
  /** From the optional netmask. @default 32 */
  readonly prefixLength: number;
  /** `no-xauth` keyword. */
  readonly noXauth?: boolean;
}

export type TransformSetMode = 'tunnel' | 'transport' | 'transport require';

export interface TransformSet extends Traceable {
  readonly name: string;
  /** Transform names as IOS spells them, e.g. `esp-aes 256`, `esp-sha256-hmac`. */
  readonly transforms: readonly string[];
  /** @default - tunnel (not printed) */
  readonly mode?: TransformSetMode;
}

/** `set pfs [groupN]`; `group` undefined means a bare `set pfs` (group 1). */
export interface PfsSetting {
  readonly group?: number;
}

export interface CryptoMapEntry extends Traceable {
  readonly seq: number;
  /** Only `ipsec-isakmp` entries are modelled; others are kept for diagnostics. */
  readonly type: 'ipsec-isakmp' | 'ipsec-manual' | 'dynamic';
  /** For `dynamic` entries: the dynamic map's name. */
  readonly dynamicMap?: string;
  readonly description?: string;
  /** Ordered failover list from `set peer` lines. */
  readonly peers: readonly string[];
  /** `set transform-set` names, in offer order. */
  readonly transformSets: readonly string[];
  /** `match address` ACL name or number. */
  readonly matchAddress?: string;
  /** @default - no PFS */
  readonly pfs?: PfsSetting;
  /** `set security-association lifetime seconds N`. */
  readonly saLifetimeSeconds?: number;
  /** `set security-association lifetime kilobytes N`. */
  readonly saLifetimeKilobytes?: number;
  /** `set isakmp-profile P`: the profile the entry initiates with and requires of the IKE SA. @default - none */
  readonly isakmpProfile?: string;
  /**
   * `set ikev2-profile P`: the entry initiates IKEv2 with this profile (docs/ios-semantics.md#ikev2).
   * @default - none: the entry initiates IKEv1
   */
  readonly ikev2Profile?: string;
  /** Lines inside the entry that the IR does not model. */
  readonly extraLines: readonly string[];
}

/**
 * `crypto ipsec profile NAME`: the IPsec settings tunnel protection uses (the peer and the traffic
 * come from the tunnel, not from the profile).
 */
export interface IpsecProfile extends Traceable {
  readonly name: string;
  readonly description?: string;
  /** `set transform-set` names, in offer order. @default - none (the platform's default, if any) */
  readonly transformSets: readonly string[];
  /** @default - no PFS */
  readonly pfs?: PfsSetting;
  /** `set security-association lifetime seconds N`. */
  readonly saLifetimeSeconds?: number;
  /** `set security-association lifetime kilobytes N`. */
  readonly saLifetimeKilobytes?: number;
  /** `set isakmp-profile P`. @default - none */
  readonly isakmpProfile?: string;
  /** `set ikev2-profile P`: tunnel protection negotiates IKEv2 with this profile (docs/ios-semantics.md#ikev2). @default - none */
  readonly ikev2Profile?: string;
  /** Lines inside the profile that the IR does not model. */
  readonly extraLines: readonly string[];
}

export interface CryptoMap extends Traceable {
  readonly name: string;
  /**
   * `crypto map NAME local-address IF`: the interface whose address IKE and ESP of this map use
   * (rule: `lib/rules/crypto-local-address.ts`). @default - the interface the map is applied to
   */
  readonly localAddress?: string;
  /** Entries in ascending sequence order. */
  readonly entries: readonly CryptoMapEntry[];
}

/** `ip nat pool NAME START END netmask M | prefix-length N`. */
export interface NatPool extends Traceable {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly prefixLength: number;
}

/** What a dynamic inside-source rule translates: what an ACL permits, or what a route-map's permit entries match. */
export type NatMatch =
  { readonly kind: 'list'; readonly acl: string } | { readonly kind: 'route-map'; readonly routeMap: string };

/** Where a dynamic rule takes its global addresses: an interface's address, or a pool. */
export type NatTarget =
  { readonly kind: 'interface'; readonly interface: string } | { readonly kind: 'pool'; readonly pool: string };

/** `ip nat inside source list|route-map X interface IF|pool P [overload]`. */
export interface DynamicNat extends Traceable {
  readonly kind: 'dynamic';
  readonly match: NatMatch;
  readonly target: NatTarget;
  readonly overload: boolean;
}

/** `ip nat inside source static A B` (prefix length 32) or `... static network A B M|/N`. */
export interface StaticNat extends Traceable {
  readonly kind: 'static';
  /** Inside local address (or network). */
  readonly local: string;
  /** Inside global address (or network). */
  readonly global: string;
  readonly prefixLength: number;
  /** Written with `network`. */
  readonly network: boolean;
}

/** One inside-source NAT rule. */
export type NatRule = DynamicNat | StaticNat;

/** One `route-map NAME permit|deny SEQ` entry. */
export interface RouteMapEntry extends Traceable {
  readonly seq: number;
  readonly action: 'permit' | 'deny';
  /** ACLs of `match ip address` lines; none means the entry matches everything. */
  readonly matchAddress: readonly string[];
  /** Other lines of the entry (`set ...`, other `match` clauses), not modelled. */
  readonly extraLines: readonly ExtraLine[];
}

/** A route-map (entries in ascending sequence order). */
export interface RouteMap extends Traceable {
  readonly name: string;
  readonly entries: readonly RouteMapEntry[];
}

/** Global statements that change crypto behaviour or are printed by the platform. */
export interface GlobalOptions {
  /** `crypto isakmp aggressive-mode disable`. */
  readonly aggressiveModeDisabled?: boolean;
  /** `crypto engine compliance shield disable` (IOS-XE >= 17.11 legacy algorithms). */
  readonly complianceShieldDisabled?: boolean;
  /** `crypto isakmp identity address|hostname|dn`. @default - address (not printed) */
  readonly isakmpIdentity?: 'address' | 'hostname' | 'dn';
  /** `crypto isakmp keepalive S [R] [periodic|on-demand]` (dead peer detection). @default - none */
  readonly isakmpKeepalive?: DeadPeerDetection;
  /**
   * `no crypto ipsec nat-transparency udp-encapsulation`: NAT traversal off, so a NAT between the
   * peers is neither detected nor traversed (docs/ios-semantics.md#nat-traversal). @default false
   */
  readonly natTraversalDisabled?: Traceable;
  /** `crypto isakmp nat keepalive S`: NAT keepalives every S seconds (5-3600). @default - none */
  readonly natKeepalive?: NatKeepalive;
  /** `no crypto ikev2 proposal default` / `no crypto ikev2 policy default`. @default - smart defaults on */
  readonly ikev2DefaultsOff?: Ikev2DefaultsOff;
}

/** `crypto isakmp nat keepalive S` (docs/ios-semantics.md#nat-traversal). */
export interface NatKeepalive extends Traceable {
  /** Seconds between keepalives, 5-3600. */
  readonly seconds: number;
}

/** A configuration line that the IR does not model, kept for round trips and diagnostics. */
export interface ExtraLine extends Traceable {
  readonly text: string;
}

/** One router's configuration. */
export interface RouterConfig {
  readonly hostname: string;
  readonly platform: Platform;
  /** Value of the `version` line, e.g. `12.2`. @default - derived from `platform` */
  readonly version?: string;
  readonly interfaces: readonly InterfaceConfig[];
  readonly staticRoutes: readonly StaticRoute[];
  readonly accessLists: readonly AccessList[];
  /** `object-group network|service` definitions, in configuration order. @default - none */
  readonly objectGroups?: readonly ObjectGroup[];
  readonly isakmpPolicies: readonly IsakmpPolicy[];
  readonly isakmpKeys: readonly IsakmpKey[];
  /** `crypto keyring` blocks, in configuration order. @default - none */
  readonly keyrings?: readonly Keyring[];
  /** `crypto isakmp profile` blocks, in configuration order. @default - none */
  readonly isakmpProfiles?: readonly IsakmpProfile[];
  /** `crypto pki trustpoint` blocks (certificate authentication). @default - none */
  readonly trustpoints?: readonly Trustpoint[];
  /** `crypto ikev2 proposal` blocks, in configuration order. @default - none */
  readonly ikev2Proposals?: readonly Ikev2Proposal[];
  /** `crypto ikev2 policy` blocks, in configuration order. @default - none */
  readonly ikev2Policies?: readonly Ikev2Policy[];
  /** `crypto ikev2 keyring` blocks, in configuration order. @default - none */
  readonly ikev2Keyrings?: readonly Ikev2Keyring[];
  /** `crypto ikev2 profile` blocks, in configuration order. @default - none */
  readonly ikev2Profiles?: readonly Ikev2Profile[];
  readonly transformSets: readonly TransformSet[];
  readonly cryptoMaps: readonly CryptoMap[];
  /** `crypto dynamic-map` definitions, in configuration order. @default - none */
  readonly dynamicMaps?: readonly DynamicCryptoMap[];
  /** `ip sla N` operations with their schedules, in configuration order. @default - none */
  readonly ipSlas?: readonly IpSlaOperation[];
  /** `crypto ipsec profile` blocks, in configuration order. @default - none */
  readonly ipsecProfiles?: readonly IpsecProfile[];
  readonly options: GlobalOptions;
  /** `ip nat inside source ...` rules, in text order. @default - none */
  readonly natRules?: readonly NatRule[];
  /** `ip nat pool` definitions. @default - none */
  readonly natPools?: readonly NatPool[];
  /** `route-map` definitions. @default - none */
  readonly routeMaps?: readonly RouteMap[];
  /** Global lines the IR does not model, in order (rendered before `end`). */
  readonly extraLines: readonly ExtraLine[];
}

/** An empty configuration for a hostname and platform, to build on. */
export function emptyRouterConfig(hostname: string, platform: Platform): RouterConfig {
  return {
    hostname,
    platform,
    interfaces: [],
    staticRoutes: [],
    accessLists: [],
    isakmpPolicies: [],
    isakmpKeys: [],
    transformSets: [],
    cryptoMaps: [],
    options: {},
    extraLines: [],
  };
}
