/**
 * IKEv1 main-mode authentication between two routers once phase 1 has chosen a policy: which key
 * (or certificate) each side uses, which ISAKMP profile each side binds the IKE SA to, and whether
 * authentication succeeds (docs/ios-semantics.md#keyrings-and-isakmp-profiles,
 * docs/ios-semantics.md#certificates).
 *
 * Pre-shared keys, in the order IOS meets the checks:
 * 1. the initiator's key for the peer (`ike-keys.ts`): none, and it never sends MM1;
 * 2. the responder's key for the initiator's address: none, and it does not answer;
 * 3. the two keys: different, and MM5 decrypts into garbage (the responder drops it);
 * 4. the responder selects its profile by the initiator's identity (MM5) and checks that the key
 *    it used came from one of that profile's keyrings (Cisco Document 117259: the key chosen by
 *    address in MM1 must belong to the profile chosen by identity in MM5, else phase 1 fails).
 *
 * Where IOS's choice depends on configuration order (equally specific keys in several keyrings,
 * several profiles matching one identity) every choice is evaluated: when they agree the outcome
 * stands, when they differ the outcome is `ambiguous` (the proof then calls the pair unverified,
 * never covered). Combinations Cisco does not document (a key from a keyring with no profile
 * selected, an initiator profile whose `match identity` misses the responder) are `ambiguous` too.
 * The emulator asks with `resolve: 'first'` and gets one deterministic run instead: the default
 * keyring before keyrings, keyrings and profiles in configuration order.
 *
 * Certificates (`rsa-sig`): each side needs a trustpoint; the trust chain itself is outside the
 * configs, so a success is `certificate` and the proof states the assumption.
 */
import type {
  CryptoMapEntry,
  IsakmpAuthentication,
  IsakmpProfile,
  RouterConfig,
  SourceLocation,
} from '../ir/router-config.js';
import { initiatorKeys, responderKeys, type KeyChoice, type KeyLookup, type KeyringRef } from './ike-keys.js';
import { profileMatches, profileNamed, profilesFor, sentIdentity, type SentIdentity } from './isakmp-identity.js';
import { sameSecret } from './psk.js';

/** One side of main mode: its configuration and its IKE address. */
export interface AuthSide {
  readonly config: RouterConfig;
  /** Its own IKE address: its source, its ID_IPV4_ADDR identity, the local address its keyrings serve. */
  readonly address: string;
  /**
   * The address the other side sees it as and looks its key up by: behind NAT its public address
   * (docs/ios-semantics.md#nat-traversal). @default - `address`
   */
  readonly seenAs?: string;
}

/** The address the other side looks a side's key up by. */
function seen(side: AuthSide): string {
  return side.seenAs ?? side.address;
}

/** What is authenticated: the initiator (with the entry that starts the exchange) and the responder. */
export interface AuthRequest {
  readonly initiator: AuthSide & { readonly entry?: CryptoMapEntry };
  readonly responder: AuthSide;
  /** The authentication method of the phase 1 policy both sides agreed on. */
  readonly method: IsakmpAuthentication;
}

/** Options of {@link authenticate}. */
export interface AuthOptions {
  /**
   * `every` (the proof): an order-dependent choice is evaluated every way, and a disagreement is
   * `ambiguous`. `first` (the emulator): IOS's configuration order decides, never `ambiguous`.
   * @default 'every'
   */
  readonly resolve?: 'every' | 'first';
  /** Take encrypted keys (type 6/7) as equal when their stored text is (the emulator). @default false */
  readonly compareStoredKeys?: boolean;
}

/** A key in a result: where it is, never what it is. */
export interface KeyRef {
  readonly address: string;
  readonly prefixLength: number;
  readonly encryption: 0 | 6 | 7;
  /** True for a `0.0.0.0 0.0.0.0` key. */
  readonly wildcard: boolean;
  /** The keyring holding it; undefined for a global `crypto isakmp key`. */
  readonly keyring?: KeyringRef;
  readonly loc?: SourceLocation;
}

/** A profile in a result. */
export interface ProfileRef {
  readonly name: string;
  readonly loc?: SourceLocation;
  /** Its `keyring` lines. */
  readonly keyrings: readonly KeyringRef[];
}

/** Why the outcome cannot be decided from the configs. */
export interface Ambiguity {
  readonly reason:
    | 'keyring-tie'
    | 'profile-tie'
    | 'identity-uncertain'
    | 'undefined-profile'
    | 'keyring-without-profile'
    | 'profile-keyring-fallback'
    | 'initiator-profile'
    | 'rsa-encrypted-nonces';
  readonly side: 'initiator' | 'responder';
  /** Keys involved (ties: every equally specific one). */
  readonly keys: readonly KeyRef[];
  /** Profiles involved. */
  readonly profiles: readonly ProfileRef[];
  /** The profile name an entry names that does not exist. @default - none */
  readonly missingProfile?: string;
}

/** Profiles the IKE SA is bound to: the initiator's entry profile, and the responder's selected one. */
export interface ProfileBinding {
  readonly initiator?: ProfileRef;
  readonly responder?: ProfileRef;
}

/** Outcome of {@link authenticate}. */
export type AuthOutcome =
  | ({ readonly kind: 'psk'; readonly initiatorKey: KeyRef; readonly responderKey: KeyRef } & ProfileBinding)
  | ({
      readonly kind: 'certificate';
      readonly initiatorTrustpoints: readonly string[];
      readonly responderTrustpoints: readonly string[];
    } & ProfileBinding)
  /** The initiator has no key for the peer where it looks (`searched`). */
  | {
      readonly kind: 'no-key-local';
      readonly profile?: ProfileRef;
      readonly searched: readonly KeyringRef[];
      readonly searchedGlobal: boolean;
    }
  /** The responder has no key for the initiator's address; `profile` is the one the identity selects (where the key belongs). */
  | { readonly kind: 'no-key-remote'; readonly profile?: ProfileRef }
  | {
      readonly kind: 'key-mismatch' | 'keys-unverifiable';
      readonly initiatorKey: KeyRef;
      readonly responderKey: KeyRef;
    }
  /** The responder's key came from a keyring its selected profile does not list (Cisco 117259). */
  | { readonly kind: 'keyring-not-in-profile'; readonly responderKey: KeyRef; readonly profile: ProfileRef }
  /** A side authenticates with certificates but has no trustpoint. */
  | { readonly kind: 'no-trustpoint'; readonly side: 'initiator' | 'responder' }
  | { readonly kind: 'ambiguous'; readonly ambiguity: Ambiguity };

/** A key without its secret. */
export function keyRef(k: KeyChoice): KeyRef {
  return {
    address: k.address,
    prefixLength: k.prefixLength,
    encryption: k.encryption,
    wildcard: k.prefixLength === 0,
    ...(k.keyring ? { keyring: { name: k.keyring.name, ...(k.keyring.loc ? { loc: k.keyring.loc } : {}) } } : {}),
    ...(k.loc ? { loc: k.loc } : {}),
  };
}

/** A profile without its details. */
export function profileRef(p: IsakmpProfile): ProfileRef {
  return {
    name: p.name,
    ...(p.loc ? { loc: p.loc } : {}),
    keyrings: p.keyrings.map((k) => ({ name: k.name, ...(k.loc ? { loc: k.loc } : {}) })),
  };
}

const ambiguous = (
  a: Omit<Ambiguity, 'keys' | 'profiles'> & Partial<Pick<Ambiguity, 'keys' | 'profiles'>>,
): AuthOutcome => ({
  kind: 'ambiguous',
  ambiguity: { keys: [], profiles: [], ...a },
});

/** Decides main-mode authentication (see the file comment for the order of the checks). */
export function authenticate(req: AuthRequest, options: AuthOptions = {}): AuthOutcome {
  const first = options.resolve === 'first';
  const I = req.initiator;
  const named = I.entry?.isakmpProfile;
  const iProfile = named === undefined ? undefined : profileNamed(I.config, named);
  if (named !== undefined && !iProfile && !first)
    return ambiguous({ reason: 'undefined-profile', side: 'initiator', missingProfile: named });
  if (req.method === 'rsa-encr') return ambiguous({ reason: 'rsa-encrypted-nonces', side: 'responder' });
  if (req.method === 'rsa-sig') return certificates(req, iProfile, first);
  return preShared(req, iProfile, options);
}

/** The responder's profile for the initiator's identity, or why it cannot be told. */
function responderProfile(
  req: AuthRequest,
  iId: SentIdentity,
  first: boolean,
): { profile?: IsakmpProfile } | { outcome: AuthOutcome } {
  const sel = profilesFor(req.responder.config, iId);
  if (!first && sel.uncertain.length > 0)
    return {
      outcome: ambiguous({ reason: 'identity-uncertain', side: 'responder', profiles: sel.uncertain.map(profileRef) }),
    };
  if (!first && sel.matching.length > 1)
    return { outcome: ambiguous({ reason: 'profile-tie', side: 'responder', profiles: sel.matching.map(profileRef) }) };
  return sel.matching[0] ? { profile: sel.matching[0] } : {};
}

/**
 * An initiator profile whose `match identity` lines miss the responder's identity, or that has none
 * (IOS deems such a profile incomplete and ignores some of its lines): undocumented for the initiator.
 */
function initiatorProfileMisses(iProfile: IsakmpProfile | undefined, rId: SentIdentity): boolean {
  if (!iProfile) return false;
  return profileMatches(iProfile, rId) !== 'yes';
}

function binding(iProfile: IsakmpProfile | undefined, rProfile: IsakmpProfile | undefined): ProfileBinding {
  return {
    ...(iProfile ? { initiator: profileRef(iProfile) } : {}),
    ...(rProfile ? { responder: profileRef(rProfile) } : {}),
  };
}

function certificates(req: AuthRequest, iProfile: IsakmpProfile | undefined, first: boolean): AuthOutcome {
  const I = req.initiator;
  const R = req.responder;
  if ((I.config.trustpoints ?? []).length === 0) return { kind: 'no-trustpoint', side: 'initiator' };
  if ((R.config.trustpoints ?? []).length === 0) return { kind: 'no-trustpoint', side: 'responder' };
  const chosen = responderProfile(req, sentIdentity(I.config, I.address, iProfile), first);
  if ('outcome' in chosen) return chosen.outcome;
  const rId = sentIdentity(R.config, R.address, chosen.profile);
  if (!first && initiatorProfileMisses(iProfile, rId))
    return ambiguous({ reason: 'initiator-profile', side: 'initiator', profiles: [profileRef(iProfile!)] });
  // A profile's `ca trust-point` lines name the authorities it accepts; without them, every trustpoint.
  const trusted = (c: RouterConfig, p: IsakmpProfile | undefined) =>
    p && p.trustpoints.length > 0 ? p.trustpoints : (c.trustpoints ?? []).map((t) => t.name);
  return {
    kind: 'certificate',
    initiatorTrustpoints: trusted(I.config, iProfile),
    responderTrustpoints: trusted(R.config, chosen.profile),
    ...binding(iProfile, chosen.profile),
  };
}

function preShared(req: AuthRequest, iProfile: IsakmpProfile | undefined, options: AuthOptions): AuthOutcome {
  const first = options.resolve === 'first';
  const I = req.initiator;
  const R = req.responder;
  const mine = initiatorKeys(I.config, I.address, seen(R), iProfile);
  if (mine.candidates.length === 0) return noLocalKey(req, iProfile, mine, first);
  const theirs = responderKeys(R.config, R.address, seen(I));
  const iId = sentIdentity(I.config, I.address, iProfile);
  if (theirs.candidates.length === 0) {
    const p = profilesFor(R.config, iId).matching[0];
    return { kind: 'no-key-remote', ...(p ? { profile: profileRef(p) } : {}) };
  }
  const iKeys = first ? mine.candidates.slice(0, 1) : mine.candidates;
  const rKeys = first ? theirs.candidates.slice(0, 1) : theirs.candidates;
  // MM5 is decrypted with the responder's key before the identity is read: the keys decide first.
  const compared = agree(iKeys.flatMap((ik) => rKeys.map((rk) => compareKeys(ik, rk, options))));
  if (compared === undefined) return tie(iKeys, rKeys);
  if (compared.kind !== 'psk') return compared;
  const chosen = responderProfile(req, iId, first);
  if ('outcome' in chosen) return chosen.outcome;
  const rId = sentIdentity(R.config, R.address, chosen.profile);
  if (!first && initiatorProfileMisses(iProfile, rId))
    return ambiguous({ reason: 'initiator-profile', side: 'initiator', profiles: [profileRef(iProfile!)] });
  const verified = agree(
    iKeys.flatMap((ik) => rKeys.map((rk) => verify(req, ik, rk, iProfile, chosen.profile, rId, first))),
  );
  return verified ?? tie(iKeys, rKeys);
}

/** The initiator finds no key where it looks; with a profile whose keyrings lack it, other keys may or may not be used. */
function noLocalKey(
  req: AuthRequest,
  iProfile: IsakmpProfile | undefined,
  mine: KeyLookup,
  first: boolean,
): AuthOutcome {
  const I = req.initiator;
  if (!first && iProfile && iProfile.keyrings.length > 0) {
    const elsewhere = responderKeys(I.config, I.address, seen(req.responder)).candidates;
    if (elsewhere.length > 0) {
      return ambiguous({
        reason: 'profile-keyring-fallback',
        side: 'initiator',
        keys: elsewhere.map(keyRef),
        profiles: [profileRef(iProfile)],
      });
    }
  }
  return {
    kind: 'no-key-local',
    ...(iProfile ? { profile: profileRef(iProfile) } : {}),
    searched: mine.keyrings.map((k) => ({ name: k.name, ...(k.loc ? { loc: k.loc } : {}) })),
    searchedGlobal: mine.searchedGlobal,
  };
}

function compareKeys(ik: KeyChoice, rk: KeyChoice, options: AuthOptions): AuthOutcome {
  const refs = { initiatorKey: keyRef(ik), responderKey: keyRef(rk) };
  if (ik.encryption !== 0 || rk.encryption !== 0) {
    if (!options.compareStoredKeys) return { kind: 'keys-unverifiable', ...refs };
    return ik.encryption === rk.encryption && sameSecret(ik.secret, rk.secret)
      ? { kind: 'psk', ...refs }
      : { kind: 'key-mismatch', ...refs };
  }
  return sameSecret(ik.secret, rk.secret) ? { kind: 'psk', ...refs } : { kind: 'key-mismatch', ...refs };
}

/**
 * After MM5: the responder's key must come from its selected profile's keyrings (Cisco 117259);
 * a profile without keyrings uses the default keyring. A keyring key with no profile selected,
 * and an initiator without an entry profile whose own profiles (selected by the responder's
 * identity in MM6) do not list its key's keyring, are not documented: ambiguous.
 */
function verify(
  req: AuthRequest,
  ik: KeyChoice,
  rk: KeyChoice,
  iProfile: IsakmpProfile | undefined,
  rProfile: IsakmpProfile | undefined,
  rId: SentIdentity,
  first: boolean,
): AuthOutcome {
  const refs = { initiatorKey: keyRef(ik), responderKey: keyRef(rk) };
  const listed = (p: IsakmpProfile, k: KeyChoice) =>
    p.keyrings.length === 0
      ? k.keyring === undefined
      : k.keyring !== undefined && p.keyrings.some((r) => r.name === k.keyring!.name);
  if (rProfile && rProfile.keyrings.length > 0 && !listed(rProfile, rk)) {
    return { kind: 'keyring-not-in-profile', responderKey: refs.responderKey, profile: profileRef(rProfile) };
  }
  if (!first && rk.keyring !== undefined && (!rProfile || rProfile.keyrings.length === 0)) {
    return ambiguous({
      reason: 'keyring-without-profile',
      side: 'responder',
      keys: [refs.responderKey],
      profiles: rProfile ? [profileRef(rProfile)] : [],
    });
  }
  if (!first && !iProfile) {
    const own = profilesFor(req.initiator.config, rId).matching.filter((p) => !listed(p, ik));
    if (own.length > 0)
      return ambiguous({
        reason: 'initiator-profile',
        side: 'initiator',
        keys: [refs.initiatorKey],
        profiles: own.map(profileRef),
      });
  }
  return { kind: 'psk', ...refs, ...binding(iProfile, rProfile) };
}

/** The common outcome of every choice, or undefined when they differ (profiles included). */
function agree(outcomes: readonly AuthOutcome[]): AuthOutcome | undefined {
  const sig = (o: AuthOutcome) =>
    `${o.kind}|${o.kind === 'psk' ? (o.responder?.name ?? '') : o.kind === 'keyring-not-in-profile' ? o.profile.name : ''}`;
  const s = sig(outcomes[0]!);
  return outcomes.every((o) => sig(o) === s) ? outcomes[0] : undefined;
}

function tie(iKeys: readonly KeyChoice[], rKeys: readonly KeyChoice[]): AuthOutcome {
  const side = rKeys.length > 1 ? 'responder' : 'initiator';
  return ambiguous({ reason: 'keyring-tie', side, keys: (side === 'responder' ? rKeys : iKeys).map(keyRef) });
}
