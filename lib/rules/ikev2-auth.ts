/**
 * IKEv2 IKE_AUTH between two routers (docs/ios-semantics.md#ikev2-authentication): the
 * initiator's profile (the crypto map entry's `set ikev2-profile`), the identity each side sends,
 * the responder's profile selection by the initiator's identity, the methods each side signs and
 * accepts, and the pre-shared keys found in the profiles' keyrings. Checks run in IOS's order and
 * the first failure is the outcome. Results carry keys by location only, never their text.
 *
 * - Identity sent: the profile's `identity local`, else the local IKE address (ID_IPV4_ADDR).
 * - The responder selects the profile whose `match identity remote` matches IDi (and whose `match
 *   address local` / `match fvrf` fit); none: AUTHENTICATION_FAILED. Several: IOS's choice is not
 *   documented, so `ambiguous` unless `resolve: 'first'` (the emulator: configuration order).
 * - Authentication is asymmetric: each side signs with its `authentication local` method and
 *   accepts only its `authentication remote` methods; with pre-share each side signs with its
 *   keyring peer's `pre-shared-key local` (else `pre-shared-key`) and verifies with `pre-shared-key
 *   remote` (else `pre-shared-key`).
 * - Keyring peer lookup: the initiator by the address it calls (longest `address` prefix); the
 *   responder by IDi (`identity`), else by the address IKE arrives from. Behind NAT these are the
 *   public addresses (`calledAs`, `seenAs`) while IDi/IDr and `match address local` stay each side's
 *   own address (docs/ios-semantics.md#ikev2-behind-nat).
 * - Whether an initiator checks the responder's identity against its own profile's `match identity
 *   remote` is not documented: an IDr the profile does not match is `ambiguous`.
 * - ECDSA signatures and EAP are not modelled (`ambiguous`); RSA signatures need a trustpoint on
 *   each side and are proven under the certificate assumption (docs/ios-semantics.md#certificates).
 */
import type {
  CryptoMapEntry,
  Ikev2AuthMethod,
  Ikev2Identity,
  Ikev2IdentityMatch,
  Ikev2Key,
  Ikev2KeyringPeer,
  Ikev2Profile,
  RouterConfig,
  SourceLocation,
} from '../ir/router-config.js';
import { blockStart, ipToNumber } from '../ir/ipv4.js';
import { sameSecret } from './psk.js';

/** A profile or keyring element in a result: name and place only. */
export interface Ikev2Ref {
  readonly name: string;
  readonly loc?: SourceLocation;
}

/** A key in a result: where it is and what kind, never what it is. */
export interface Ikev2KeyRef {
  readonly keyring: string;
  readonly peer: string;
  /** `local`/`remote` for a directional key, `both` for `pre-shared-key K`. */
  readonly use: 'both' | 'local' | 'remote';
  readonly encryption: 0 | 6 | 7;
  readonly loc?: SourceLocation;
}

/** Profiles bound to the IKE SA. */
export interface Ikev2Binding {
  readonly initiatorProfile: Ikev2Ref;
  readonly responderProfile: Ikev2Ref;
  readonly initiatorIdentity: Ikev2Identity;
  readonly responderIdentity: Ikev2Identity;
}

/** Outcome of {@link authenticateIkev2}. */
export type Ikev2AuthOutcome =
  | ({
      readonly kind: 'ok';
      readonly certificates?: { readonly initiator: readonly string[]; readonly responder: readonly string[] };
    } & Ikev2Binding)
  /** The entry names no IKEv2 profile that exists. */
  | { readonly kind: 'undefined-profile'; readonly name: string | undefined }
  /** No responder profile matches the initiator's identity. */
  | { readonly kind: 'no-profile-match'; readonly identity: Ikev2Identity; readonly initiatorProfile: Ikev2Ref }
  /** `side` refuses (or lacks) a method: the other side signs with `method`, `side` accepts `accepted`. */
  | {
      readonly kind: 'method-mismatch';
      readonly side: 'initiator' | 'responder';
      readonly profile: Ikev2Ref;
      readonly method: Ikev2AuthMethod | undefined;
      readonly accepted: readonly Ikev2AuthMethod[];
    }
  /** `side` has no key where it looks for the other (`keyring` undefined: the profile names none). */
  | {
      readonly kind: 'no-key';
      readonly side: 'initiator' | 'responder';
      readonly use: 'sign' | 'verify';
      readonly profile: Ikev2Ref;
      readonly keyring?: string;
    }
  /** The signer's key differs from the verifier's; `asymmetric` when a directional key is involved. */
  | {
      readonly kind: 'key-mismatch';
      readonly signer: 'initiator' | 'responder';
      readonly asymmetric: boolean;
      readonly signKey: Ikev2KeyRef;
      readonly verifyKey: Ikev2KeyRef;
    }
  | {
      readonly kind: 'keys-unverifiable';
      readonly signer: 'initiator' | 'responder';
      readonly signKey: Ikev2KeyRef;
      readonly verifyKey: Ikev2KeyRef;
    }
  | { readonly kind: 'no-trustpoint'; readonly side: 'initiator' | 'responder'; readonly profile: Ikev2Ref }
  /** The configs do not decide it. */
  | {
      readonly kind: 'ambiguous';
      readonly reason: 'profile-tie' | 'keyring-peer-tie' | 'initiator-identity-check' | 'method-not-modelled';
      readonly side: 'initiator' | 'responder';
      readonly profiles: readonly Ikev2Ref[];
    };

/** Options of {@link authenticateIkev2}. */
export interface Ikev2AuthOptions {
  /** `first`: configuration order decides ties (the emulator); `every`: ties are `ambiguous`. @default 'every' */
  readonly resolve?: 'every' | 'first';
  /** Take type 6 keys as equal when their stored text is (the emulator). @default false */
  readonly compareStoredKeys?: boolean;
}

const ref = (p: { name: string; loc?: SourceLocation }): Ikev2Ref => ({
  name: p.name,
  ...(p.loc ? { loc: p.loc } : {}),
});

/** The identity a profile sends: `identity local`, else the local IKE address. */
export function ikev2SentIdentity(profile: Ikev2Profile | undefined, localAddress: string): Ikev2Identity {
  return profile?.identityLocal ?? { kind: 'address', address: localAddress };
}

/** True when one `match identity remote` line matches an identity. */
export function ikev2IdentityMatches(m: Ikev2IdentityMatch, id: Ikev2Identity): boolean {
  if (m.kind === 'address') {
    return (
      id.kind === 'address' &&
      blockStart(ipToNumber(id.address), m.prefixLength) === blockStart(ipToNumber(m.address), m.prefixLength)
    );
  }
  if (id.kind !== m.kind) return false;
  const value = id.value.toLowerCase();
  const want = m.value.toLowerCase();
  if (m.kind === 'key-id' || !m.domain) return value === want;
  return m.kind === 'fqdn' ? value === want || value.endsWith(`.${want}`) : value.split('@')[1] === want;
}

/** The profiles of a responder that IDi selects on its local address `local`. */
export function ikev2ProfilesFor(config: RouterConfig, id: Ikev2Identity, local: string): Ikev2Profile[] {
  return (config.ikev2Profiles ?? []).filter(
    (p) =>
      (p.matchFvrf === undefined || p.matchFvrf === 'any') &&
      (p.matchAddressLocal.length === 0 || p.matchAddressLocal.includes(local)) &&
      p.matchIdentities.some((m) => ikev2IdentityMatches(m, id)),
  );
}

type PeerHit = { readonly peer: Ikev2KeyringPeer; readonly keyring: string } | 'none' | 'tie';

/** The keyring peer for `address` (longest prefix; first on a tie unless `every` and the keys differ), or by `identity` first. */
function keyringPeer(
  config: RouterConfig,
  keyring: string | undefined,
  address: string,
  identity: Ikev2Identity | undefined,
  resolve: 'every' | 'first',
): PeerHit {
  const ring = config.ikev2Keyrings?.find((k) => k.name === keyring);
  if (!ring) return 'none';
  const same = (a: Ikev2KeyringPeer, b: Ikev2KeyringPeer) =>
    JSON.stringify([a.key?.key, a.localKey?.key, a.remoteKey?.key]) ===
    JSON.stringify([b.key?.key, b.localKey?.key, b.remoteKey?.key]);
  const pick = (hits: readonly Ikev2KeyringPeer[]): PeerHit => {
    if (hits.length === 0) return 'none';
    if (resolve === 'every' && hits.some((h) => !same(h, hits[0]!))) return 'tie';
    return { peer: hits[0]!, keyring: ring.name };
  };
  if (identity !== undefined) {
    const byId = ring.peers.filter(
      (p) =>
        p.identity !== undefined && JSON.stringify(p.identity).toLowerCase() === JSON.stringify(identity).toLowerCase(),
    );
    if (byId.length > 0) return pick(byId);
  }
  const a = ipToNumber(address);
  let best = -1;
  let hits: Ikev2KeyringPeer[] = [];
  for (const p of ring.peers) {
    const m = p.address;
    if (!m || blockStart(a, m.prefixLength) !== blockStart(ipToNumber(m.address), m.prefixLength)) continue;
    if (m.prefixLength > best) [best, hits] = [m.prefixLength, [p]];
    else if (m.prefixLength === best) hits.push(p);
  }
  return pick(hits);
}

function keyOf(
  hit: Exclude<PeerHit, 'none' | 'tie'>,
  use: 'sign' | 'verify',
): { key: Ikev2Key; ref: Ikev2KeyRef } | undefined {
  const directional = use === 'sign' ? hit.peer.localKey : hit.peer.remoteKey;
  const key = directional ?? hit.peer.key;
  if (!key) return undefined;
  const u = directional ? (use === 'sign' ? 'local' : 'remote') : 'both';
  return {
    key,
    ref: {
      keyring: hit.keyring,
      peer: hit.peer.name,
      use: u,
      encryption: key.encryption,
      ...(key.loc ? { loc: key.loc } : {}),
    },
  };
}

interface Side {
  readonly role: 'initiator' | 'responder';
  readonly config: RouterConfig;
  readonly profile: Ikev2Profile;
  /** The other side's IKE address and identity, as this side looks it up. */
  readonly peerAddress: string;
  readonly peerIdentity: Ikev2Identity | undefined;
}

/** One direction of IKE_AUTH: `signer` signs with its local method, `verifier` checks it. */
function direction(
  signer: Side,
  verifier: Side,
  options: Ikev2AuthOptions,
): Ikev2AuthOutcome | { kind: 'signed'; trustpoints?: readonly string[] } {
  const method = signer.profile.authenticationLocal;
  if (method === undefined)
    return {
      kind: 'method-mismatch',
      side: signer.role,
      profile: ref(signer.profile),
      method: undefined,
      accepted: [],
    };
  if (!verifier.profile.authenticationRemote.includes(method))
    return {
      kind: 'method-mismatch',
      side: verifier.role,
      profile: ref(verifier.profile),
      method,
      accepted: verifier.profile.authenticationRemote,
    };
  if (method === 'ecdsa-sig' || method === 'eap')
    return { kind: 'ambiguous', reason: 'method-not-modelled', side: signer.role, profiles: [ref(signer.profile)] };
  if (method === 'rsa-sig') {
    for (const s of [signer, verifier])
      if (s.profile.pkiTrustpoints.length === 0)
        return { kind: 'no-trustpoint', side: s.role, profile: ref(s.profile) };
    return { kind: 'signed', trustpoints: signer.profile.pkiTrustpoints };
  }
  return pskDirection(signer, verifier, options);
}

/** One direction with pre-shared keys: the signer's local key against the verifier's remote key. */
function pskDirection(signer: Side, verifier: Side, options: Ikev2AuthOptions): Ikev2AuthOutcome | { kind: 'signed' } {
  const resolve = options.resolve ?? 'every';
  const sHit = keyringPeer(
    signer.config,
    signer.profile.keyringLocal,
    signer.peerAddress,
    signer.peerIdentity,
    resolve,
  );
  const vHit = keyringPeer(
    verifier.config,
    verifier.profile.keyringLocal,
    verifier.peerAddress,
    verifier.peerIdentity,
    resolve,
  );
  for (const [s, hit] of [
    [signer, sHit],
    [verifier, vHit],
  ] as const)
    if (hit === 'tie')
      return { kind: 'ambiguous', reason: 'keyring-peer-tie', side: s.role, profiles: [ref(s.profile)] };
  const sign = sHit === 'none' || sHit === 'tie' ? undefined : keyOf(sHit, 'sign');
  if (!sign) return noKey(signer, 'sign');
  const verify = vHit === 'none' || vHit === 'tie' ? undefined : keyOf(vHit, 'verify');
  if (!verify) return noKey(verifier, 'verify');
  const asymmetric = sign.ref.use !== 'both' || verify.ref.use !== 'both';
  if (sign.key.encryption !== 0 || verify.key.encryption !== 0) {
    const stored = options.compareStoredKeys === true;
    if (!stored) return { kind: 'keys-unverifiable', signer: signer.role, signKey: sign.ref, verifyKey: verify.ref };
    if (sign.key.encryption === verify.key.encryption && sameSecret(sign.key.key, verify.key.key))
      return { kind: 'signed' };
    return { kind: 'key-mismatch', signer: signer.role, asymmetric, signKey: sign.ref, verifyKey: verify.ref };
  }
  if (!sameSecret(sign.key.key, verify.key.key))
    return { kind: 'key-mismatch', signer: signer.role, asymmetric, signKey: sign.ref, verifyKey: verify.ref };
  return { kind: 'signed' };
}

function noKey(s: Side, use: 'sign' | 'verify'): Ikev2AuthOutcome {
  return {
    kind: 'no-key',
    side: s.role,
    use,
    profile: ref(s.profile),
    ...(s.profile.keyringLocal ? { keyring: s.profile.keyringLocal } : {}),
  };
}

/** IKE_AUTH between the initiator (with its crypto map entry or IPsec profile) and the responder. */
export function authenticateIkev2(
  initiator: {
    readonly config: RouterConfig;
    readonly address: string;
    /** What names the initiator's IKEv2 profile: a crypto map entry, or a VTI's IPsec profile. */
    readonly entry: Pick<CryptoMapEntry, 'ikev2Profile'>;
    /** The address the responder sees IKE arrive from (behind NAT: the public one). @default - `address` */
    readonly seenAs?: string;
  },
  responder: {
    readonly config: RouterConfig;
    readonly address: string;
    /** The address the initiator calls (the responder behind NAT: its public one). @default - `address` */
    readonly calledAs?: string;
  },
  options: Ikev2AuthOptions = {},
): Ikev2AuthOutcome {
  const name = initiator.entry.ikev2Profile;
  const iProfile = initiator.config.ikev2Profiles?.find((p) => p.name === name);
  if (!iProfile) return { kind: 'undefined-profile', name };
  const idi = ikev2SentIdentity(iProfile, initiator.address);
  const candidates = ikev2ProfilesFor(responder.config, idi, responder.address);
  if (candidates.length === 0) return { kind: 'no-profile-match', identity: idi, initiatorProfile: ref(iProfile) };
  if (candidates.length > 1 && options.resolve !== 'first')
    return { kind: 'ambiguous', reason: 'profile-tie', side: 'responder', profiles: candidates.map(ref) };
  const rProfile = candidates[0]!;
  const idr = ikev2SentIdentity(rProfile, responder.address);
  const I: Side = {
    role: 'initiator',
    config: initiator.config,
    profile: iProfile,
    peerAddress: responder.calledAs ?? responder.address,
    peerIdentity: undefined,
  };
  const R: Side = {
    role: 'responder',
    config: responder.config,
    profile: rProfile,
    peerAddress: initiator.seenAs ?? initiator.address,
    peerIdentity: idi,
  };
  const there = direction(I, R, options);
  if (there.kind !== 'signed') return there;
  // The initiator looks its peer up by address (it called it), also for the responder's AUTH.
  const back = direction(R, I, options);
  if (back.kind !== 'signed') return back;
  if (!iProfile.matchIdentities.some((m) => ikev2IdentityMatches(m, idr)) && options.resolve !== 'first')
    return { kind: 'ambiguous', reason: 'initiator-identity-check', side: 'initiator', profiles: [ref(iProfile)] };
  const binding: Ikev2Binding = {
    initiatorProfile: ref(iProfile),
    responderProfile: ref(rProfile),
    initiatorIdentity: idi,
    responderIdentity: idr,
  };
  const certs = there.trustpoints !== undefined || back.trustpoints !== undefined;
  return {
    kind: 'ok',
    ...binding,
    ...(certs ? { certificates: { initiator: iProfile.pkiTrustpoints, responder: rProfile.pkiTrustpoints } } : {}),
  };
}
