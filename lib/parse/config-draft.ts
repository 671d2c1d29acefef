/**
 * The mutable configuration being read, and its conversion to the immutable IR. Blocks that IOS
 * lets you re-enter (interfaces, policies, ACLs, crypto map entries) are kept in maps so a second
 * block with the same name continues the first, as on the device.
 */
import type {
  AccessList,
  AclEntry,
  NetworkObject,
  ObjectGroup,
  ServiceObject,
  CryptoMap,
  CryptoMapEntry,
  DynamicAddress,
  DynamicCryptoMap,
  DynamicMapEntry,
  ExtraLine,
  IpSlaOperation,
  ReverseRoute,
  InterfaceAccessGroup,
  InterfaceAddress,
  DeadPeerDetection,
  NatKeepalive,
  IdentityMatch,
  IsakmpKey,
  IsakmpProfile,
  Keyring,
  KeyringKey,
  ProfileKeyring,
  Trustpoint,
  IsakmpPolicy,
  NatPool,
  NatRule,
  PfsSetting,
  RouteMap,
  Platform,
  RouterConfig,
  SourceLocation,
  StaticRoute,
  TransformSet,
  TunnelSettings,
  IpsecProfile,
  Ikev2Keyring,
  Ikev2KeyringPeer,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
  Ikev2IdentityMatch,
} from '../ir/router-config.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** An interface being read. */
export interface InterfaceDraft {
  name: string;
  description?: string;
  address?: InterfaceAddress;
  dynamicAddress?: DynamicAddress;
  secondaryAddresses: InterfaceAddress[];
  shutdown: boolean;
  accessGroupIn?: InterfaceAccessGroup;
  accessGroupOut?: InterfaceAccessGroup;
  nat?: 'inside' | 'outside';
  cryptoMap?: string;
  noIpRouteCache?: boolean;
  noIpMrouteCache?: boolean;
  tunnel?: Writable<TunnelSettings>;
  interfaceType?: string;
  unnumbered?: string;
  extraLines: string[];
  loc: SourceLocation;
}

/** An entry of a list being read, with the sequence number IOS gave it. */
export interface AclDraftItem {
  /** The entry without its number. */
  entry: AclEntry;
  /** Its number; for an unnumbered remark, the number of the rule typed after it. */
  seq: number;
  /** False for an unnumbered remark: it has no number of its own (`no N` cannot reach it). */
  addressable: boolean;
}

/** An access list being read. */
export interface AclDraft {
  name: string;
  type: 'standard' | 'extended';
  numbered: boolean;
  /** In sequence order. */
  items: AclDraftItem[];
  /** True once a number was written or used (`10 permit`, `no 20`, resequence): the IR keeps them. */
  showSeq: boolean;
  /** An unnumbered remark was typed and no unnumbered rule after it yet. */
  remarkPending: boolean;
  /** An unnumbered rule was typed after an unnumbered remark (its number depends on the release). */
  remarkShifted: boolean;
  /** The remark-numbering warning was given for this list. */
  remarkWarned?: boolean;
  /** Highest number of a rule or numbered remark (kept as entries come; recomputed on removal). */
  highest: number;
  /** Numbers in use by rules and numbered remarks. */
  used: Set<number>;
  /** Text keys of the rules in the list (IOS ignores an identical entry). */
  ruleKeys: Set<string>;
  loc: SourceLocation;
}

/** A route-map entry being read. */
export interface RouteMapEntryDraft {
  seq: number;
  action: 'permit' | 'deny';
  matchAddress: string[];
  extraLines: { text: string; loc: SourceLocation }[];
  loc: SourceLocation;
}

/** A route-map being read. */
export interface RouteMapDraft {
  name: string;
  entries: Map<number, RouteMapEntryDraft>;
  loc: SourceLocation;
}
/** An object group being read. */
export type ObjectGroupDraft =
  | { type: 'network'; name: string; description?: string; items: NetworkObject[]; loc: SourceLocation }
  | { type: 'service'; name: string; description?: string; items: ServiceObject[]; loc: SourceLocation };

/** A crypto map entry being read. */
export interface EntryDraft {
  seq: number;
  type: CryptoMapEntry['type'];
  dynamicMap?: string;
  description?: string;
  peers: string[];
  transformSets: string[];
  matchAddress?: string;
  pfs?: PfsSetting;
  saLifetimeSeconds?: number;
  saLifetimeKilobytes?: number;
  isakmpProfile?: string;
  /** Dynamic map entries only (the reader reports it on static entries). */
  reverseRoute?: ReverseRoute;
  ikev2Profile?: string;
  extraLines: string[];
  loc: SourceLocation;
}

/** A `crypto dynamic-map` being read (its entries read like crypto map entries). */
export interface DynamicMapDraft {
  name: string;
  entries: Map<number, EntryDraft>;
  loc: SourceLocation;
}

/** An `ip sla N` operation being read. */
export type SlaDraft = Writable<Omit<IpSlaOperation, 'extraLines'>> & { extraLines: string[] };
/** An IKEv2 proposal being read. */
export type Ikev2ProposalDraft = Writable<Ikev2Proposal> & {
  encryption: string[];
  integrity: string[];
  prf: string[];
  groups: number[];
  extraLines: string[];
};

/** An IKEv2 policy being read. */
export type Ikev2PolicyDraft = Writable<Ikev2Policy> & {
  matchAddressLocal: string[];
  proposals: string[];
  extraLines: string[];
};

/** A keyring peer being read. */
export type Ikev2PeerDraft = Writable<Ikev2KeyringPeer> & { extraLines: string[] };

/** An IKEv2 keyring being read. */
export type Ikev2KeyringDraft = Omit<Ikev2Keyring, 'peers' | 'extraLines'> & {
  peers: Ikev2PeerDraft[];
  extraLines: string[];
};

/** An IKEv2 profile being read. */
export type Ikev2ProfileDraft = Writable<Ikev2Profile> & {
  matchIdentities: Ikev2IdentityMatch[];
  matchAddressLocal: string[];
  authenticationRemote: Ikev2Profile['authenticationRemote'][number][];
  pkiTrustpoints: string[];
  extraLines: string[];
};

/** A keyring being read; `byPeer` finds the key a new line for the same peer replaces. */
export type KeyringDraft = Writable<Omit<Keyring, 'keys' | 'extraLines'>> & {
  keys: KeyringKey[];
  extraLines: string[];
  byPeer: Map<string, number>;
};

/** An ISAKMP profile being read. */
export type ProfileDraft = Writable<
  Omit<IsakmpProfile, 'keyrings' | 'matchIdentities' | 'trustpoints' | 'extraLines'>
> & {
  keyrings: ProfileKeyring[];
  matchIdentities: IdentityMatch[];
  /** Keys of `matchIdentities` (IOS keeps one line per identity; a hub's profile lists every spoke). */
  matchKeys: Set<string>;
  trustpoints: string[];
  extraLines: string[];
};

/** A trustpoint being read. */
export type TrustpointDraft = Writable<Omit<Trustpoint, 'lines'>> & { lines: string[] };

/** A `crypto ipsec profile` being read. */
export type IpsecProfileDraft = Writable<Omit<IpsecProfile, 'transformSets' | 'extraLines'>> & {
  transformSets: string[];
  extraLines: string[];
};

/** A crypto map being read. */
export interface CryptoMapDraft {
  name: string;
  entries: Map<number, EntryDraft>;
  loc: SourceLocation;
  localAddress?: string;
}

/** Everything read so far from one file. */
export class ConfigDraft {
  hostname: string | undefined;
  version: string | undefined;
  readonly interfaces = new Map<string, InterfaceDraft>();
  readonly staticRoutes: StaticRoute[] = [];
  readonly accessLists = new Map<string, AclDraft>();
  readonly objectGroups = new Map<string, ObjectGroupDraft>();
  readonly isakmpPolicies = new Map<number, Writable<IsakmpPolicy>>();
  /** Keyed by address/length: a new key for the same peer replaces the old one, as on IOS. */
  readonly isakmpKeys = new Map<string, IsakmpKey>();
  readonly transformSets = new Map<string, Writable<TransformSet>>();
  readonly cryptoMaps = new Map<string, CryptoMapDraft>();
  readonly dynamicMaps = new Map<string, DynamicMapDraft>();
  readonly ipSlas = new Map<number, SlaDraft>();
  /** `crypto ipsec profile` blocks by name (re-entering one continues it). */
  readonly ipsecProfiles = new Map<string, IpsecProfileDraft>();
  readonly natRules: NatRule[] = [];
  readonly natPools = new Map<string, NatPool>();
  readonly routeMaps = new Map<string, RouteMapDraft>();
  /** Keyrings by name (re-entering one continues it). */
  readonly keyrings = new Map<string, KeyringDraft>();
  /** ISAKMP profiles by name. */
  readonly isakmpProfiles = new Map<string, ProfileDraft>();
  readonly trustpoints = new Map<string, TrustpointDraft>();
  readonly ikev2Proposals = new Map<string, Ikev2ProposalDraft>();
  readonly ikev2Policies = new Map<string, Ikev2PolicyDraft>();
  readonly ikev2Keyrings = new Map<string, Ikev2KeyringDraft>();
  readonly ikev2Profiles = new Map<string, Ikev2ProfileDraft>();
  /** `no crypto ikev2 proposal|policy default`. */
  readonly ikev2DefaultsOff: { proposal?: boolean; policy?: boolean } = {};
  aggressiveModeDisabled: boolean | undefined;
  complianceShieldDisabled: boolean | undefined;
  isakmpIdentity: 'address' | 'hostname' | 'dn' | undefined;
  isakmpKeepalive: DeadPeerDetection | undefined;
  natTraversalDisabled: SourceLocation | undefined;
  natKeepalive: NatKeepalive | undefined;
  readonly extraLines: ExtraLine[] = [];

  constructor(readonly file: string) {}

  /** Location of a line of this file. */
  loc(line: number): SourceLocation {
    return { file: this.file, line };
  }

  private routeMapList(): RouteMap[] {
    return [...this.routeMaps.values()].map((m) => ({
      name: m.name,
      entries: [...m.entries.values()].sort((a, b) => a.seq - b.seq),
      loc: m.loc,
    }));
  }

  /** The IKEv2 blocks that were read (absent when none). */
  private ikev2Sections(): Pick<RouterConfig, 'ikev2Proposals' | 'ikev2Policies' | 'ikev2Keyrings' | 'ikev2Profiles'> {
    return {
      ...(this.ikev2Proposals.size > 0 ? { ikev2Proposals: [...this.ikev2Proposals.values()] } : {}),
      ...(this.ikev2Policies.size > 0 ? { ikev2Policies: [...this.ikev2Policies.values()] } : {}),
      ...(this.ikev2Keyrings.size > 0 ? { ikev2Keyrings: [...this.ikev2Keyrings.values()] } : {}),
      ...(this.ikev2Profiles.size > 0 ? { ikev2Profiles: [...this.ikev2Profiles.values()] } : {}),
    };
  }

  /** The global options that were read. */
  private options(): RouterConfig['options'] {
    const options: Writable<RouterConfig['options']> = {};
    if (this.ikev2DefaultsOff.proposal || this.ikev2DefaultsOff.policy)
      options.ikev2DefaultsOff = { ...this.ikev2DefaultsOff };
    if (this.aggressiveModeDisabled) options.aggressiveModeDisabled = true;
    if (this.complianceShieldDisabled) options.complianceShieldDisabled = true;
    if (this.isakmpIdentity !== undefined && this.isakmpIdentity !== 'address')
      options.isakmpIdentity = this.isakmpIdentity;
    if (this.isakmpKeepalive !== undefined) options.isakmpKeepalive = this.isakmpKeepalive;
    if (this.natTraversalDisabled) options.natTraversalDisabled = { loc: this.natTraversalDisabled };
    if (this.natKeepalive !== undefined) options.natKeepalive = this.natKeepalive;
    return options;
  }

  /** Freezes the draft into the IR. */
  toConfig(hostname: string, platform: Platform): RouterConfig {
    const cryptoMaps: CryptoMap[] = [];
    for (const map of this.cryptoMaps.values()) {
      // IOS keeps crypto map entries sorted by sequence number whatever order they were typed in.
      const entries: CryptoMapEntry[] = [...map.entries.values()].sort((a, b) => a.seq - b.seq);
      cryptoMaps.push({
        name: map.name,
        ...(map.localAddress !== undefined ? { localAddress: map.localAddress } : {}),
        entries,
        loc: map.loc,
      });
    }
    const options = this.options();
    return {
      hostname,
      platform,
      ...(this.version !== undefined ? { version: this.version } : {}),
      interfaces: [...this.interfaces.values()],
      staticRoutes: this.staticRoutes,
      accessLists: [...this.accessLists.values()].map(accessList),
      ...(this.objectGroups.size > 0 ? { objectGroups: [...this.objectGroups.values()].map(objectGroup) } : {}),
      isakmpPolicies: [...this.isakmpPolicies.values()],
      isakmpKeys: [...this.isakmpKeys.values()],
      ...(this.keyrings.size > 0 ? { keyrings: [...this.keyrings.values()].map(keyring) } : {}),
      ...(this.isakmpProfiles.size > 0 ? { isakmpProfiles: [...this.isakmpProfiles.values()].map(profile) } : {}),
      ...(this.trustpoints.size > 0 ? { trustpoints: [...this.trustpoints.values()] } : {}),
      ...this.ikev2Sections(),
      transformSets: [...this.transformSets.values()],
      cryptoMaps,
      ...(this.dynamicMaps.size > 0 ? { dynamicMaps: [...this.dynamicMaps.values()].map(dynamicMap) } : {}),
      ...(this.ipSlas.size > 0 ? { ipSlas: [...this.ipSlas.values()] } : {}),
      ...(this.ipsecProfiles.size > 0 ? { ipsecProfiles: [...this.ipsecProfiles.values()] } : {}),
      options,
      ...(this.natRules.length > 0 ? { natRules: this.natRules } : {}),
      ...(this.natPools.size > 0 ? { natPools: [...this.natPools.values()] } : {}),
      ...(this.routeMaps.size > 0 ? { routeMaps: this.routeMapList() } : {}),
      extraLines: this.extraLines,
    };
  }
}

/**
 * A list in the IR: entries in sequence order; numbers only when the text used them, so a list
 * typed without numbers reads back without them (IOS numbers it 10, 20, ... either way).
 */
function accessList(d: AclDraft): AccessList {
  const entries = d.items.map((i): AclEntry => (d.showSeq && i.addressable ? { ...i.entry, seq: i.seq } : i.entry));
  return { name: d.name, type: d.type, numbered: d.numbered, entries, loc: d.loc };
}

/** IOS keeps dynamic map entries sorted by sequence number, like crypto map entries. */
function dynamicMap(d: DynamicMapDraft): DynamicCryptoMap {
  const entries = [...d.entries.values()]
    .sort((a, b) => a.seq - b.seq)
    .map(({ type: _type, dynamicMap: _map, ...rest }): DynamicMapEntry => rest);
  return { name: d.name, entries, loc: d.loc };
}

function keyring(d: KeyringDraft): Keyring {
  const { byPeer: _index, ...rest } = d;
  return rest;
}

function profile(d: ProfileDraft): IsakmpProfile {
  const { matchKeys: _index, ...rest } = d;
  return rest;
}

function objectGroup(d: ObjectGroupDraft): ObjectGroup {
  const base = { name: d.name, ...(d.description !== undefined ? { description: d.description } : {}), loc: d.loc };
  return d.type === 'network'
    ? { type: 'network', ...base, items: d.items }
    : { type: 'service', ...base, items: d.items };
}
