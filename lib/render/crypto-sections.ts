/**
 * ISAKMP policies, pre-shared keys, transform sets and crypto maps, in `show running-config` shape.
 */
import type {
  CryptoMap,
  DynamicCryptoMap,
  DynamicMapEntry,
  IpsecProfile,
  IsakmpEncryption,
  IsakmpKey,
  IsakmpPolicy,
  ReverseRoute,
  TransformSet,
} from '../ir/router-config.js';
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';
import type { PlatformStyle } from './platform-style.js';

const ENCRYPTION_WORDS: Readonly<Record<IsakmpEncryption, string>> = {
  des: 'des',
  '3des': '3des',
  aes: 'aes',
  'aes-192': 'aes 192',
  'aes-256': 'aes 256',
};

/**
 * One `crypto isakmp policy N` block. Releases that hide defaults in the running config do not
 * print a value equal to its documented default (`ISAKMP_POLICY_DEFAULTS`).
 */
export function renderIsakmpPolicy(out: LineWriter, policy: IsakmpPolicy, style: PlatformStyle): void {
  const o = policy.origin;
  const hide = style.omitPolicyDefaults;
  out.line(`crypto isakmp policy ${policy.priority}`, o);
  const d = ISAKMP_POLICY_DEFAULTS;
  if (policy.encryption !== undefined && !(hide && policy.encryption === d.encryption)) {
    out.line(` ${style.encryptionKeyword} ${ENCRYPTION_WORDS[policy.encryption]}`, o);
  }
  if (policy.hash !== undefined && !(hide && policy.hash === d.hash)) out.line(` hash ${policy.hash}`, o);
  if (policy.authentication !== undefined && !(hide && policy.authentication === d.authentication)) {
    out.line(` authentication ${policy.authentication}`, o);
  }
  if (policy.group !== undefined && !(hide && policy.group === d.group)) out.line(` group ${policy.group}`, o);
  if (policy.lifetime !== undefined && !(hide && policy.lifetime === d.lifetime))
    out.line(` lifetime ${policy.lifetime}`, o);
}

/**
 * `crypto isakmp key [6 ]K address A [MASK] [no-xauth]`. The mask is a netmask (not a wildcard) and
 * is printed only when the key covers more than one address; the wildcard key is `0.0.0.0 0.0.0.0`.
 */
export function isakmpKeyLine(key: IsakmpKey): string {
  const type = key.encryption === 0 ? '' : `${key.encryption} `;
  const mask = key.prefixLength === 32 ? '' : ` ${netmaskFor(key.prefixLength)}`;
  const xauth = key.noXauth ? ' no-xauth' : '';
  return `crypto isakmp key ${type}${key.key} address ${key.address}${mask}${xauth}`;
}

/** `crypto ipsec transform-set NAME t1 t2` and its `mode` line when one is set. */
export function renderTransformSet(out: LineWriter, set: TransformSet): void {
  out.line(`crypto ipsec transform-set ${set.name} ${set.transforms.join(' ')}`, set.origin);
  if (set.mode !== undefined) out.line(` mode ${set.mode}`, set.origin);
}

/** `crypto ipsec profile NAME`, body lines in the crypto map entry's order. */
export function renderIpsecProfile(out: LineWriter, profile: IpsecProfile): void {
  const o = profile.origin;
  out.line(`crypto ipsec profile ${profile.name}`, o);
  if (profile.description !== undefined) out.line(` description ${oneLine(profile.description)}`, o);
  if (profile.saLifetimeSeconds !== undefined)
    out.line(` set security-association lifetime seconds ${profile.saLifetimeSeconds}`, o);
  if (profile.saLifetimeKilobytes !== undefined)
    out.line(` set security-association lifetime kilobytes ${profile.saLifetimeKilobytes}`, o);
  if (profile.transformSets.length > 0) out.line(` set transform-set ${profile.transformSets.join(' ')}`, o);
  if (profile.pfs !== undefined)
    out.line(profile.pfs.group === undefined ? ' set pfs' : ` set pfs group${profile.pfs.group}`, o);
  if (profile.isakmpProfile !== undefined) out.line(` set isakmp-profile ${profile.isakmpProfile}`, o);
  if (profile.ikev2Profile !== undefined) out.line(` set ikev2-profile ${profile.ikev2Profile}`, o);
  for (const extra of profile.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** The body lines an entry of a crypto map or of a dynamic map shares. */
type EntryBody = Omit<DynamicMapEntry, 'seq' | 'reverseRoute'> & { readonly reverseRoute?: ReverseRoute };

/**
 * Body lines of one entry in the order IOS prints them: description, peers (in failover order), SA
 * lifetimes, transform sets, PFS, ISAKMP profile, match address, reverse-route, then unmodelled lines.
 */
function renderEntryBody(out: LineWriter, entry: EntryBody, o: string | undefined): void {
  if (entry.description !== undefined) out.line(` description ${oneLine(entry.description)}`, o);
  for (const peer of entry.peers) out.line(` set peer ${peer}`, o);
  if (entry.saLifetimeSeconds !== undefined) {
    out.line(` set security-association lifetime seconds ${entry.saLifetimeSeconds}`, o);
  }
  if (entry.saLifetimeKilobytes !== undefined) {
    out.line(` set security-association lifetime kilobytes ${entry.saLifetimeKilobytes}`, o);
  }
  if (entry.transformSets.length > 0) out.line(` set transform-set ${entry.transformSets.join(' ')}`, o);
  // A named group is always printed when known: a bare `set pfs` means group 1 (see the spec).
  if (entry.pfs !== undefined)
    out.line(entry.pfs.group === undefined ? ' set pfs' : ` set pfs group${entry.pfs.group}`, o);
  if (entry.isakmpProfile !== undefined) out.line(` set isakmp-profile ${entry.isakmpProfile}`, o);
  if (entry.ikev2Profile !== undefined) out.line(` set ikev2-profile ${entry.ikev2Profile}`, o);
  if (entry.matchAddress !== undefined) out.line(` match address ${entry.matchAddress}`, o);
  if (entry.reverseRoute !== undefined)
    out.line(entry.reverseRoute.static ? ' reverse-route static' : ' reverse-route', o);
  for (const extra of entry.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** Every entry of a crypto map (a dynamic entry is its header line only). */
export function renderCryptoMap(out: LineWriter, map: CryptoMap): void {
  // IOS prints the map's local-address line ahead of its entries.
  if (map.localAddress !== undefined) out.line(`crypto map ${map.name} local-address ${map.localAddress}`, map.origin);
  for (const entry of map.entries) {
    const o = entry.origin ?? map.origin;
    if (entry.type === 'dynamic') {
      out.line(`crypto map ${map.name} ${entry.seq} ipsec-isakmp dynamic ${entry.dynamicMap ?? ''}`.trimEnd(), o);
      continue;
    }
    out.line(`crypto map ${map.name} ${entry.seq} ${entry.type}`, o);
    renderEntryBody(out, entry, o);
  }
}

/** Every entry of a `crypto dynamic-map` (IOS prints them ahead of the crypto maps that bind them). */
export function renderDynamicMap(out: LineWriter, map: DynamicCryptoMap): void {
  for (const entry of map.entries) {
    const o = entry.origin ?? map.origin;
    out.line(`crypto dynamic-map ${map.name} ${entry.seq}`, o);
    renderEntryBody(out, entry, o);
  }
}
