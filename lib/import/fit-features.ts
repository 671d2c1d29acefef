/**
 * The Hub and Spoke options an imported network uses, read from its parsed configs: where the hub
 * sources IKE (`ikeSource`, from `crypto map M local-address`), where the keys live (`keying`:
 * global keys or the patterns' keyring and profile), how the hub serves spokes with a leased WAN
 * address (`dynamicSpokes`, from its dynamic map binding), and per spoke a leased WAN (`dhcp`,
 * `negotiated`), the NAT device in front of it (`behindNat`, from the model's NAT mapping) and its
 * internet breakout (`internetBreakout`). Only what the patterns write can be fitted: anything else
 * is a reason for the L1 import, and the round trip decides in the end.
 */
import type { CryptoMap, CryptoMapEntry, InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { BREAKOUT_ROUTE_MAP } from '../patterns/internet-breakout.js';
import { DYNAMIC_SPOKES, DYNAMIC_SPOKES_SEQUENCE } from '../patterns/dynamic-spokes.js';
import type { IkeSourceProps } from '../patterns/ike-source.js';
import { HUBSPOKE_KEYRING, HUBSPOKE_PROFILE, type Keying } from '../patterns/keying.js';
import { HUBSPOKE_IKEV2_NAMES, type Ikev2CryptoSettings, type IkeVersion } from '../patterns/ikev2-settings.js';
import type { ModelDevice } from '../verify/model/network-model.js';

const where = (d: { file: string }, line?: number) => (line !== undefined ? `${d.file}:${line}` : d.file);

/** The hub's IKE address and, when it is a loopback's, the `ikeSource` prop. */
export interface HubIdentity {
  readonly address: string;
  readonly ikeSource?: IkeSourceProps;
}

/** The hub's IKE address: its crypto map's `local-address` loopback (/32), else the WAN address. */
export function hubIdentity(hub: ModelDevice, wan: InterfaceConfig, problems: string[]): HubIdentity | undefined {
  const map = hub.config.cryptoMaps.find((m) => m.name === wan.cryptoMap);
  if (map?.localAddress === undefined) return { address: wan.address!.ip };
  const source = hub.config.interfaces.find((i) => i.name === map.localAddress);
  if (!source?.address || !/^loopback/i.test(source.name) || source.address.prefixLength !== 32) {
    problems.push(
      `${where(hub, map.loc?.line)}: crypto map ${map.name} local-address ${map.localAddress}: the Hub pattern sources IKE from a loopback with a /32 address only`,
    );
    return undefined;
  }
  return { address: source.address.ip, ikeSource: { loopback: source.name, address: source.address.ip } };
}

/**
 * Where the keys live: `keyring` when the hub's static entries name the patterns' profile (which
 * lists the patterns' keyring), `global-keys` when none names a profile; another profile is a reason
 * for the L1 import.
 */
export function keyingOf(hub: ModelDevice, entries: readonly CryptoMapEntry[], problems: string[]): Keying {
  const profiles = new Set(entries.map((e) => e.isakmpProfile));
  if (profiles.size === 0 || (profiles.size === 1 && profiles.has(undefined))) return 'global-keys';
  const profile = hub.config.isakmpProfiles?.find((p) => p.name === HUBSPOKE_PROFILE);
  const ok =
    profiles.size === 1 &&
    profiles.has(HUBSPOKE_PROFILE) &&
    profile !== undefined &&
    profile.keyrings.length === 1 &&
    profile.keyrings[0]!.name === HUBSPOKE_KEYRING;
  if (!ok)
    problems.push(
      `${where(hub)}: the hub's entries name ISAKMP profile(s) ${[...profiles].map((p) => p ?? '(none)').join(', ')}; the Hub pattern's keying names ${HUBSPOKE_PROFILE} with keyring ${HUBSPOKE_KEYRING} on every entry, or none`,
    );
  return 'keyring';
}

/** A pre-shared key for one peer address (/32 or the /0 wildcard), global or in a keyring. */
export interface FoundKey {
  readonly key: string;
  readonly encryption: number;
  readonly line?: number;
}

/** The router's key for `address`/`prefixLength`: in the named keyring, else a global `crypto isakmp key`. */
export function findKey(
  config: RouterConfig,
  address: string,
  prefixLength: number,
  keyring?: string,
  ike: IkeVersion = 'v1',
  identity?: string,
): FoundKey | undefined {
  if (ike === 'v2') {
    // A dynamic spoke's peer is found by its FQDN identity (docs/ios-semantics.md#ikev2-dynamic-crypto-maps).
    const peer = config.ikev2Keyrings
      ?.find((r) => r.name === HUBSPOKE_IKEV2_NAMES.keyring)
      ?.peers.find((p) =>
        identity !== undefined
          ? p.identity?.kind === 'fqdn' && p.identity.value === identity && p.address === undefined
          : p.address?.address === address && p.address.prefixLength === prefixLength,
      );
    // The patterns write one key both ways; keys per direction are not theirs.
    const k = peer?.localKey || peer?.remoteKey ? undefined : peer?.key;
    return k ? { key: k.key, encryption: k.encryption, ...(k.loc ? { line: k.loc.line } : {}) } : undefined;
  }
  if (keyring !== undefined) {
    const k = config.keyrings
      ?.find((r) => r.name === keyring)
      ?.keys.find(
        (x) => x.peer.kind === 'address' && x.peer.address === address && x.peer.prefixLength === prefixLength,
      );
    return k ? { key: k.key, encryption: k.encryption, ...(k.loc ? { line: k.loc.line } : {}) } : undefined;
  }
  const k = config.isakmpKeys.find((x) => x.address === address && x.prefixLength === prefixLength);
  return k ? { key: k.key, encryption: k.encryption, ...(k.loc ? { line: k.loc.line } : {}) } : undefined;
}

/** The hub's dynamic map binding, as the `dynamicSpokes` prop says it. */
export interface DynamicBinding {
  readonly name: string;
  readonly sequence: number;
}

/** The hub map's binding of a dynamic map, when it has one (the patterns write at most one). */
export function dynamicBinding(map: CryptoMap | undefined): DynamicBinding | undefined {
  const e = map?.entries.find((x) => x.type === 'dynamic' && x.dynamicMap !== undefined);
  return e ? { name: e.dynamicMap!, sequence: e.seq } : undefined;
}

/** Why an IKEv2 dynamic spoke and the hub's dynamic entry are no pair of the patterns, if they are not. */
export function dynamicIkev2Problem(
  hub: ModelDevice,
  binding: DynamicBinding,
  d: ModelDevice,
  own: CryptoMapEntry,
): string | undefined {
  const entries = hub.config.dynamicMaps?.find((m) => m.name === binding.name)?.entries ?? [];
  const entry = entries[0];
  const profile = HUBSPOKE_IKEV2_NAMES.profile;
  if (entries.length === 1 && entry!.ikev2Profile === profile && own.ikev2Profile === profile) return undefined;
  return `${where(hub, entry?.loc?.line)}: the dynamic map ${binding.name} of ${hub.hostname} and ${d.hostname}'s entry negotiate IKEv2 with a profile other than the patterns' ${HUBSPOKE_IKEV2_NAMES.profile} on both ends`;
}

/** The `dynamicSpokes` prop of a binding and the spokes' domain: only what differs from the defaults. */
export function dynamicSpokesProps(
  b: DynamicBinding,
  domainName: string | undefined,
): { sequence?: number; name?: string; domainName?: string } {
  return {
    ...(b.sequence !== DYNAMIC_SPOKES_SEQUENCE ? { sequence: b.sequence } : {}),
    ...(b.name !== DYNAMIC_SPOKES ? { name: b.name } : {}),
    ...(domainName !== undefined ? { domainName } : {}),
  };
}

/** `ip domain name D` (or `ip domain-name D`) of a config. */
export function domainNameOf(config: RouterConfig): string | undefined {
  for (const l of config.extraLines) {
    const m = /^ip domain[ -]name (\S+)$/.exec(l.text.trim());
    if (m) return m[1];
  }
  return undefined;
}

/**
 * The domain of an IKEv2 dynamic spoke: its `identity local fqdn <hostname>.<domain>` in the
 * patterns' profile, the FQDN the Spoke pattern writes for a dynamic WAN with ike 'v2'.
 */
export function ikev2DomainOf(config: RouterConfig): string | undefined {
  const id = config.ikev2Profiles?.find((p) => p.name === HUBSPOKE_IKEV2_NAMES.profile)?.identityLocal;
  const prefix = `${config.hostname}.`;
  return id?.kind === 'fqdn' && id.value.startsWith(prefix) ? id.value.slice(prefix.length) : undefined;
}

/** The spoke options read from its config (not the hub's side). */
export interface SpokeFeatures {
  /** `dhcp` or `negotiated` when the WAN address is leased. */
  readonly dynamicWan?: 'dhcp' | 'negotiated';
  readonly internetBreakout?: { readonly nat: 'overload' };
  readonly behindNat?: { readonly publicAddress: string };
  readonly domainName?: string;
}

/** The spoke's own options: a leased WAN, its breakout (the patterns' route-map), its domain. */
export function spokeFeatures(d: ModelDevice, wan: InterfaceConfig): SpokeFeatures {
  const dynamicWan = wan.dynamicAddress;
  const breakout = (d.config.routeMaps ?? []).some((m) => m.name === BREAKOUT_ROUTE_MAP);
  const domain = dynamicWan !== undefined ? (ikev2DomainOf(d.config) ?? domainNameOf(d.config)) : undefined;
  return {
    ...(dynamicWan !== undefined ? { dynamicWan } : {}),
    ...(breakout ? { internetBreakout: { nat: 'overload' as const } } : {}),
    ...(domain !== undefined ? { domainName: domain } : {}),
  };
}

/** True when a hub/spoke pair's entries negotiate IKEv2 the way the patterns write it (their profile). */
export function patternIkev2(hubEntry: CryptoMapEntry, own: CryptoMapEntry): boolean {
  return hubEntry.ikev2Profile === HUBSPOKE_IKEV2_NAMES.profile && own.ikev2Profile === HUBSPOKE_IKEV2_NAMES.profile;
}

/** The Hub's `crypto.ikev2`: the algorithms of its proposal, as written. */
export function ikev2Settings(config: RouterConfig): Ikev2CryptoSettings | undefined {
  const p = config.ikev2Proposals?.find((x) => x.name === HUBSPOKE_IKEV2_NAMES.proposal);
  if (!p) return undefined;
  return {
    encryption: [...p.encryption],
    ...(p.integrity.length > 0 ? { integrity: [...p.integrity] } : {}),
    ...(p.prf.length > 0 ? { prf: [...p.prf] } : {}),
    groups: [...p.groups],
  } as Ikev2CryptoSettings;
}
