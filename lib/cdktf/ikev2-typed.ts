/**
 * The IKEv2 sections of a router (proposal, policy, keyring, profile) as attributes of the typed
 * resources of the CiscoDevNet/iosxe provider, and back.
 *
 * Facts from the provider at v1.0.0 (docs/resources/crypto_ikev2_{proposal,policy,keyring,profile}.md
 * and gen/definitions/crypto_ikev2_*.yaml, which give each attribute's YANG path under
 * `native/crypto/ikev2`); docs/cdktf.md ("Typed IKEv2 resources") lists them. Each mapping is
 * partial on purpose: `toTyped*` returns undefined for any section the resource cannot carry
 * exactly (a line the IR does not model, a VRF or trustpoint the typed resource would reference
 * before `iosxe_cli` creates it, a type 6/7 key, an algorithm list with several entries whose
 * order the resource's boolean leaves do not keep, ...). Such a section stays in `iosxe_cli`.
 *
 * `fromTyped*` is the inverse (attributes -> IR). The caller renders it with hubspoke's own
 * renderer and keeps the typed form only when that gives back the proven lines exactly, so a
 * mapping mistake here can only keep a section in `iosxe_cli`, never deploy something the proof did
 * not see.
 *
 * Keys: the attributes hold the text's key words (fingerprints in cdktf mode); the deployment
 * replaces them by sensitive variable references. Never log attributes.
 */
import type {
  Ikev2Identity,
  Ikev2IdentityMatch,
  Ikev2Key,
  Ikev2Keyring,
  Ikev2KeyringPeer,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
} from '../ir/router-config.js';
import { lengthToNetmask, netmaskToLength } from '../ir/ipv4.js';

/** Attribute values of one typed resource (JSON-ready; keys as the text's key words). */
export type TypedAttributes = Readonly<Record<string, unknown>>;

const ENCRYPTION: Readonly<Record<string, string>> = {
  'aes-cbc-128': 'encryption_aes_cbc_128',
  'aes-cbc-192': 'encryption_aes_cbc_192',
  'aes-cbc-256': 'encryption_aes_cbc_256',
  'aes-gcm-128': 'encryption_aes_gcm_128',
  'aes-gcm-256': 'encryption_aes_gcm_256',
  '3des': 'encryption_en_3des',
};
const HASHES = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'] as const;
const GROUPS: Readonly<Record<number, string>> = {
  1: 'group_one',
  2: 'group_two',
  14: 'group_fourteen',
  15: 'group_fifteen',
  16: 'group_sixteen',
  19: 'group_nineteen',
  20: 'group_twenty',
  21: 'group_twenty_one',
  24: 'group_twenty_four',
};

function invert(table: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(table).map(([k, v]) => [v, k]));
}
const ENCRYPTION_BY_ATTRIBUTE = invert(ENCRYPTION);
const GROUP_BY_ATTRIBUTE = invert(GROUPS);

/** `iosxe_crypto_ikev2_proposal`: one algorithm per list at most (booleans keep no order). */
export function toTypedProposal(p: Ikev2Proposal): TypedAttributes | undefined {
  const lists = [p.encryption, p.integrity, p.prf, p.groups];
  if (p.extraLines.length > 0 || lists.some((l) => l.length > 1)) return undefined;
  const out: Record<string, unknown> = { name: p.name };
  for (const e of p.encryption) {
    const a = ENCRYPTION[e];
    if (a === undefined) return undefined;
    out[a] = true;
  }
  for (const [prefix, values] of [
    ['integrity', p.integrity],
    ['prf', p.prf],
  ] as const) {
    for (const h of values) {
      if (!(HASHES as readonly string[]).includes(h)) return undefined;
      out[`${prefix}_${h}`] = true;
    }
  }
  for (const g of p.groups) {
    const a = GROUPS[g];
    if (a === undefined) return undefined;
    out[a] = true;
  }
  return out;
}

/** The proposal the attributes configure. */
export function fromTypedProposal(a: TypedAttributes): Ikev2Proposal {
  const on = (k: string): boolean => a[k] === true;
  const keys = Object.keys(a).filter(on);
  return {
    name: String(a['name']),
    encryption: keys.flatMap((k) => ENCRYPTION_BY_ATTRIBUTE.get(k) ?? []),
    integrity: HASHES.filter((h) => on(`integrity_${h}`)),
    prf: HASHES.filter((h) => on(`prf_${h}`)),
    groups: keys.flatMap((k) => {
      const g = GROUP_BY_ATTRIBUTE.get(k);
      return g === undefined ? [] : [Number(g)];
    }),
    extraLines: [],
  };
}

/** `iosxe_crypto_ikev2_policy`: one proposal (the list's order on the device is not documented), fvrf `any` only. */
export function toTypedPolicy(p: Ikev2Policy): TypedAttributes | undefined {
  if (p.extraLines.length > 0 || p.proposals.length !== 1) return undefined;
  if (p.matchFvrf !== undefined && p.matchFvrf !== 'any') return undefined;
  return {
    name: p.name,
    ...(p.matchAddressLocal.length > 0 ? { match_address_local_ip: [...p.matchAddressLocal] } : {}),
    ...(p.matchFvrf === 'any' ? { match_fvrf_any: true } : {}),
    proposals: p.proposals.map((n) => ({ proposals: n })),
  };
}

/** The policy the attributes configure. */
export function fromTypedPolicy(a: TypedAttributes): Ikev2Policy {
  const proposals = (a['proposals'] as readonly { proposals: string }[] | undefined) ?? [];
  return {
    name: String(a['name']),
    matchAddressLocal: (a['match_address_local_ip'] as readonly string[] | undefined) ?? [],
    ...(a['match_fvrf_any'] === true ? { matchFvrf: 'any' } : {}),
    proposals: proposals.map((p) => p.proposals),
    extraLines: [],
  };
}

// `pre-shared-key [local|remote] K`, clear text only: type 6 needs the device's master key, and
// type 7 is not among the resource's encryption choices (0, 6).
function keyAttribute(out: Record<string, unknown>, name: string, k: Ikev2Key | undefined): boolean {
  if (k === undefined) return true;
  if (k.encryption !== 0) return false;
  out[name] = k.key;
  return true;
}

function toTypedPeer(peer: Ikev2KeyringPeer): Record<string, unknown> | undefined {
  if (peer.extraLines.length > 0) return undefined;
  const id = peer.identity;
  if (id !== undefined && id.kind !== 'address' && id.kind !== 'key-id') return undefined;
  const out: Record<string, unknown> = { name: peer.name };
  if (peer.description !== undefined) out['description'] = peer.description;
  if (peer.hostname !== undefined) out['hostname'] = peer.hostname;
  if (peer.address !== undefined) {
    out['ipv4_address'] = peer.address.address;
    if (peer.address.prefixLength !== 32) out['ipv4_mask'] = lengthToNetmask(peer.address.prefixLength);
  }
  if (id?.kind === 'address') out['identity_address'] = id.address;
  if (id?.kind === 'key-id') out['identity_key_id'] = id.value;
  const keys =
    keyAttribute(out, 'pre_shared_key', peer.key) &&
    keyAttribute(out, 'pre_shared_key_local', peer.localKey) &&
    keyAttribute(out, 'pre_shared_key_remote', peer.remoteKey);
  return keys ? out : undefined;
}

/** `iosxe_crypto_ikev2_keyring`: peers by address, hostname, address or key-id identity; clear-text keys. */
export function toTypedKeyring(r: Ikev2Keyring): TypedAttributes | undefined {
  if (r.extraLines.length > 0) return undefined;
  const peers: Record<string, unknown>[] = [];
  for (const p of r.peers) {
    const t = toTypedPeer(p);
    if (t === undefined) return undefined;
    peers.push(t);
  }
  return { name: r.name, ...(peers.length > 0 ? { peers } : {}) };
}

function key(a: Readonly<Record<string, unknown>>, name: string): Ikev2Key | undefined {
  const v = a[name];
  return typeof v === 'string' ? { key: v, encryption: 0 } : undefined;
}

/** The keyring the attributes configure. */
export function fromTypedKeyring(a: TypedAttributes): Ikev2Keyring {
  const peers = (a['peers'] as readonly Readonly<Record<string, unknown>>[] | undefined) ?? [];
  return {
    name: String(a['name']),
    peers: peers.map((p): Ikev2KeyringPeer => {
      const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
      const address = str('ipv4_address');
      const mask = str('ipv4_mask');
      const identity: Ikev2Identity | undefined =
        str('identity_address') !== undefined
          ? { kind: 'address', address: str('identity_address')! }
          : str('identity_key_id') !== undefined
            ? { kind: 'key-id', value: str('identity_key_id')! }
            : undefined;
      const [k, local, remote] = [
        key(p, 'pre_shared_key'),
        key(p, 'pre_shared_key_local'),
        key(p, 'pre_shared_key_remote'),
      ];
      return {
        name: String(p['name']),
        ...(str('description') !== undefined ? { description: str('description')! } : {}),
        ...(address !== undefined
          ? { address: { address, prefixLength: mask === undefined ? 32 : netmaskToLength(mask) } }
          : {}),
        ...(str('hostname') !== undefined ? { hostname: str('hostname')! } : {}),
        ...(identity !== undefined ? { identity } : {}),
        ...(k !== undefined ? { key: k } : {}),
        ...(local !== undefined ? { localKey: local } : {}),
        ...(remote !== undefined ? { remoteKey: remote } : {}),
        extraLines: [],
      };
    }),
    extraLines: [],
  };
}

function profileExpressible(p: Ikev2Profile): boolean {
  const matches = p.matchIdentities.every((m) => m.kind === 'address' || m.kind === 'key-id');
  const local =
    p.identityLocal === undefined || p.identityLocal.kind === 'address' || p.identityLocal.kind === 'key-id';
  const auth =
    (p.authenticationLocal === undefined || p.authenticationLocal === 'pre-share') &&
    p.authenticationRemote.every((m) => m === 'pre-share') &&
    p.authenticationRemote.length <= 1;
  return (
    matches &&
    local &&
    auth &&
    p.extraLines.length === 0 &&
    p.pkiTrustpoints.length === 0 &&
    p.matchAddressLocal.length <= 1 &&
    (p.matchFvrf === undefined || p.matchFvrf === 'any')
  );
}

/** `iosxe_crypto_ikev2_profile`: address/key-id identities, pre-share, fvrf `any`, no trustpoint. */
export function toTypedProfile(p: Ikev2Profile): TypedAttributes | undefined {
  if (!profileExpressible(p)) return undefined;
  const addresses = p.matchIdentities.flatMap((m) =>
    m.kind === 'address' ? [{ address: m.address, mask: lengthToNetmask(m.prefixLength) }] : [],
  );
  const keyIds = p.matchIdentities.flatMap((m) => (m.kind === 'key-id' ? [m.value] : []));
  const id = p.identityLocal;
  return {
    name: p.name,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.matchFvrf === 'any' ? { match_fvrf_any: true } : {}),
    ...(p.matchAddressLocal.length === 1 ? { match_address_local_ip: p.matchAddressLocal[0] } : {}),
    ...(addresses.length > 0 ? { match_identity_remote_ipv4_addresses: addresses } : {}),
    ...(keyIds.length > 0 ? { match_identity_remote_keys: keyIds } : {}),
    ...(id?.kind === 'address' ? { identity_local_address: id.address } : {}),
    ...(id?.kind === 'key-id' ? { identity_local_key_id: id.value } : {}),
    ...(p.authenticationRemote.length > 0 ? { authentication_remote_pre_share: true } : {}),
    ...(p.authenticationLocal !== undefined ? { authentication_local_pre_share: true } : {}),
    ...(p.keyringLocal !== undefined ? { keyring_local: p.keyringLocal } : {}),
    ...(p.lifetime !== undefined ? { lifetime: p.lifetime } : {}),
    ...(p.dpd !== undefined ? { dpd_interval: p.dpd.interval, dpd_retry: p.dpd.retry, dpd_query: p.dpd.mode } : {}),
  };
}

/** The profile the attributes configure. */
export function fromTypedProfile(a: TypedAttributes): Ikev2Profile {
  const str = (k: string): string | undefined => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  const addresses = (a['match_identity_remote_ipv4_addresses'] as readonly { address: string; mask: string }[]) ?? [];
  const keyIds = (a['match_identity_remote_keys'] as readonly string[] | undefined) ?? [];
  const matchIdentities: Ikev2IdentityMatch[] = [
    ...addresses.map((m) => ({ kind: 'address' as const, address: m.address, prefixLength: netmaskToLength(m.mask) })),
    ...keyIds.map((value) => ({ kind: 'key-id' as const, value })),
  ];
  const local = str('identity_local_address');
  const keyId = str('identity_local_key_id');
  const identityLocal: Ikev2Identity | undefined =
    local !== undefined
      ? { kind: 'address', address: local }
      : keyId !== undefined
        ? { kind: 'key-id', value: keyId }
        : undefined;
  const dpd = a['dpd_interval'];
  return {
    name: String(a['name']),
    ...(str('description') !== undefined ? { description: str('description')! } : {}),
    matchIdentities,
    matchAddressLocal: str('match_address_local_ip') !== undefined ? [str('match_address_local_ip')!] : [],
    ...(a['match_fvrf_any'] === true ? { matchFvrf: 'any' } : {}),
    ...(identityLocal !== undefined ? { identityLocal } : {}),
    ...(a['authentication_local_pre_share'] === true ? { authenticationLocal: 'pre-share' as const } : {}),
    authenticationRemote: a['authentication_remote_pre_share'] === true ? ['pre-share'] : [],
    ...(str('keyring_local') !== undefined ? { keyringLocal: str('keyring_local')! } : {}),
    pkiTrustpoints: [],
    ...(typeof dpd === 'number'
      ? { dpd: { interval: dpd, retry: a['dpd_retry'] as number, mode: a['dpd_query'] as 'periodic' | 'on-demand' } }
      : {}),
    ...(typeof a['lifetime'] === 'number' ? { lifetime: a['lifetime'] } : {}),
    extraLines: [],
  };
}
