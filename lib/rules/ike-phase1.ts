/**
 * IKEv1 phase 1 (main mode) policy negotiation.
 *
 * The initiator offers all of its ISAKMP policies; the responder walks its own in ascending
 * priority and takes the first that has the same encryption, hash, authentication method and DH
 * group as some offer and whose lifetime is >= the offered one (Cisco: "the remote peer's policy
 * specifies a lifetime that is less than or equal to the lifetime in the policy being compared");
 * the offered, shorter lifetime is used. So a lifetime difference makes phase 1 depend on who
 * initiates. Some releases are reported to accept a longer offer and use the shorter value:
 * `relaxLifetime` models that; the documented rule is the default.
 *
 * The authentication method is matched like the other attributes: `rsa-sig` (the IOS default when
 * the line is missing) against `rsa-sig` is a match, and what authenticates the peers then (keys,
 * certificates) is `ike-auth.ts`'s question (docs/ios-semantics.md#certificates). `rsa-sig` on one
 * side and `pre-share` on the other share no policy.
 * On IOS-XE >= 17.11 policies with legacy algorithms are neither offered nor accepted (FN72510).
 */
import type { RouterConfig, SourceLocation } from '../ir/router-config.js';
import { dhGroupStrength, isakmpEncryptionStrength, isakmpHashStrength } from '../ir/algorithms.js';
import { effectiveIsakmpPolicies, rejectsLegacyAlgorithms, type EffectiveIsakmpPolicy } from './platform-defaults.js';
import { IdentityCache } from '../ir/identity-cache.js';

/** Options of {@link negotiatePhase1}. */
export interface Phase1Options {
  /**
   * Accept an offer whose lifetime is longer than the responder's and use the shorter one, as
   * some releases are reported to do.
   * @default false (the documented rule)
   */
  readonly relaxLifetime?: boolean;
}

/** Why one responder policy did not match one offer. */
export interface PolicyMismatch {
  readonly offered: EffectiveIsakmpPolicy;
  readonly responder: EffectiveIsakmpPolicy;
  /** Differing fields (`encryption`, `hash`, `authentication`, `group`, `lifetime`). */
  readonly fields: readonly ('encryption' | 'hash' | 'authentication' | 'group' | 'lifetime')[];
}

/** Reasons phase 1 fails on policies. */
export type Phase1FailureReason =
  /** One side has no usable policy at all. */
  | 'no-policy-initiator'
  | 'no-policy-responder'
  /** No responder policy equals an offer in encryption/hash/authentication/group. */
  | 'no-policy-match'
  /** Some pair equals in every algorithm but the offer's lifetime is longer than the responder's. */
  | 'lifetime'
  /** Every usable policy of one side uses algorithms IOS-XE >= 17.11 refuses. */
  | 'legacy-algorithm-rejected';

/** Outcome of {@link negotiatePhase1}: the chosen policy, or the reason and the per-pair mismatches. */
export type Phase1Result =
  | {
      readonly ok: true;
      /** The responder's policy that matched. */
      readonly policy: EffectiveIsakmpPolicy;
      /** The initiator's offer it matched. */
      readonly offered: EffectiveIsakmpPolicy;
      /** Negotiated lifetime (the offered one, or the shorter one when relaxed). */
      readonly lifetime: number;
    }
  | {
      readonly ok: false;
      readonly reason: Phase1FailureReason;
      /** Per-pair mismatch details, responder policies in priority order. */
      readonly mismatches: readonly PolicyMismatch[];
      /** Locations of the policies involved. */
      readonly locations: readonly SourceLocation[];
    };

function isLegacy(p: EffectiveIsakmpPolicy): boolean {
  return (
    isakmpEncryptionStrength(p.encryption) === 'legacy' ||
    isakmpHashStrength(p.hash) === 'legacy' ||
    dhGroupStrength(p.group) === 'legacy'
  );
}

/** Policies a router actually uses for IKE, after the IOS-XE 17.11 legacy filter. */
export function usableIsakmpPolicies(config: RouterConfig): EffectiveIsakmpPolicy[] {
  const all = effectiveIsakmpPolicies(config);
  return rejectsLegacyAlgorithms(config) ? all.filter((p) => !isLegacy(p)) : all;
}

type Policies = { readonly all: readonly EffectiveIsakmpPolicy[]; readonly usable: readonly EffectiveIsakmpPolicy[] };
const policyCache = new IdentityCache<RouterConfig, Policies>();

/**
 * A router's effective and usable policies, once per config object (as the legacy rule is): a hub
 * negotiates phase 1 with every spoke, and its policy list is the same each time.
 */
function policiesOf(config: RouterConfig): Policies {
  return policyCache.get(config, buildPolicies);
}

function buildPolicies(config: RouterConfig): Policies {
  return { all: effectiveIsakmpPolicies(config), usable: usableIsakmpPolicies(config) };
}

/** Runs main-mode policy selection with `initiator` offering and `responder` choosing. */
export function negotiatePhase1(
  initiator: RouterConfig,
  responder: RouterConfig,
  options: Phase1Options = {},
): Phase1Result {
  const { all: offersAll, usable: offers } = policiesOf(initiator);
  const { all: ownAll, usable: own } = policiesOf(responder);
  const locations = () => [...offersAll, ...ownAll].flatMap((p) => (p.loc ? [p.loc] : []));
  if (offersAll.length === 0)
    return { ok: false, reason: 'no-policy-initiator', mismatches: [], locations: locations() };
  if (ownAll.length === 0) return { ok: false, reason: 'no-policy-responder', mismatches: [], locations: locations() };
  if (offers.length === 0 || own.length === 0) {
    return { ok: false, reason: 'legacy-algorithm-rejected', mismatches: [], locations: locations() };
  }
  const mismatches: PolicyMismatch[] = [];
  let lifetimeOnly = false;
  for (const mine of own) {
    for (const offer of offers) {
      const fields: PolicyMismatch['fields'][number][] = [];
      if (offer.encryption !== mine.encryption) fields.push('encryption');
      if (offer.hash !== mine.hash) fields.push('hash');
      if (offer.authentication !== mine.authentication) fields.push('authentication');
      if (offer.group !== mine.group) fields.push('group');
      const lifetimeOk = options.relaxLifetime || offer.lifetime <= mine.lifetime;
      if (!lifetimeOk) fields.push('lifetime');
      if (fields.length === 0)
        return { ok: true, policy: mine, offered: offer, lifetime: Math.min(offer.lifetime, mine.lifetime) };
      if (fields.length === 1 && fields[0] === 'lifetime') lifetimeOnly = true;
      mismatches.push({ offered: offer, responder: mine, fields });
    }
  }
  return { ok: false, reason: lifetimeOnly ? 'lifetime' : 'no-policy-match', mismatches, locations: locations() };
}
