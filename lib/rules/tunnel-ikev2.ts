/**
 * IKEv2 tunnel protection of a tunnel pair, static VTI (docs/ios-semantics.md#static-vti-with-ikev2)
 * or GRE (docs/ios-semantics.md#gre-over-ipsec): an IPsec profile with `set ikev2-profile P` makes
 * its tunnel negotiate IKEv2 with profile P as initiator. The exchange is the crypto map one
 * (`ikev2-exchange.ts`: IKE_SA_INIT proposal intersection, IKE_AUTH profile selection by identity,
 * asymmetric authentication, keyring lookup), run between the two tunnel source addresses with each
 * end as initiator. The CHILD_SA's traffic selectors mirror each other whatever the tunnel kind
 * (any/any for a VTI, GRE between the tunnel addresses for GRE), so there is nothing to narrow and
 * the rule does not depend on the kind; the transform sets and mode are the caller's
 * (`tunnel-ipsec.ts`, `gre-ipsec.ts`), and PFS is the crypto map rule met at the first
 * CREATE_CHILD_SA rekey.
 * Everything the sources do not decide is `unmodelled` with the reason, never `ok`.
 */
import type { IpsecProfile, RouterConfig } from '../ir/router-config.js';
import { pfsOffer, pfsSettingAccepts } from './ike-phase2.js';
import type { Ikev2AuthOptions } from './ikev2-auth.js';
import { ikev2Exchange, type Ikev2Exchange } from './ikev2-exchange.js';

/** The IKE version a VTI's IPsec profile negotiates: 2 with `set ikev2-profile`, else 1. */
export function profileIkeVersion(profile: IpsecProfile): 1 | 2 {
  return profile.ikev2Profile === undefined ? 1 : 2;
}

/** Why the IKEv2 rule does not decide a VTI pair. */
export type VtiIkev2Unmodelled =
  /** One profile names an IKEv2 profile, the other none: which version meets which is not documented. */
  | 'ike-version-mixed'
  /** Policy ties, profile ties, keyring ties, stored keys, ECDSA/EAP, the initiator's IDr check. */
  | 'ikev2-undecided'
  /** The responder binds the IKE SA to another IKEv2 profile than the one its tunnel's IPsec profile names. */
  | 'ikev2-profile-unchecked'
  /** The responder's profile for the peer names a virtual template, and it has a static tunnel too. */
  | 'dvti-static-overlap';

/** One end of a VTI pair as the IKEv2 rule sees it. */
export interface VtiIkev2End {
  readonly config: RouterConfig;
  readonly address: string;
  readonly profile: IpsecProfile;
  /** The end is a dynamic VTI's virtual-access (docs/ios-semantics.md#dynamic-vti). @default false */
  readonly virtualAccess?: boolean;
}

/** The IKEv2 part of one direction of a VTI pair. */
export type VtiIkev2Direction =
  | { readonly ok: true; readonly exchange: Ikev2Exchange }
  | { readonly ok: false; readonly kind: 'unmodelled'; readonly reason: VtiIkev2Unmodelled }
  /** IKE_SA_INIT or IKE_AUTH fails: the exchange carries the reason. */
  | { readonly ok: false; readonly kind: 'ikev2'; readonly exchange: Ikev2Exchange }
  /** The PFS settings of the two profiles disagree: the SA does not survive its first rekey. */
  | { readonly ok: false; readonly kind: 'pfs-mismatch'; readonly offered?: number };

/**
 * IKE_SA_INIT, IKE_AUTH and the PFS check with `i` initiating towards `r`. `resolve: 'first'` and
 * `compareStoredKeys` are the emulator's (configuration order breaks ties, stored key text stands
 * for the key).
 */
export function vtiIkev2Direction(i: VtiIkev2End, r: VtiIkev2End, options: Ikev2AuthOptions = {}): VtiIkev2Direction {
  const x = ikev2Exchange(i.config, i.address, r.config, r.address, { ikev2Profile: i.profile.ikev2Profile }, options);
  if (x.step === 'undecided') return { ok: false, kind: 'unmodelled', reason: 'ikev2-undecided' };
  if (x.step !== 'ok') return { ok: false, kind: 'ikev2', exchange: x };
  const bound = x.auth?.kind === 'ok' ? x.auth.responderProfile.name : undefined;
  if (bound !== r.profile.ikev2Profile) return { ok: false, kind: 'unmodelled', reason: 'ikev2-profile-unchecked' };
  // docs/ios-semantics.md#dynamic-vti: a profile naming a template answers with a virtual-access;
  // whether IOS uses that or the static tunnel towards the same peer is not documented.
  const template = r.config.ikev2Profiles?.find((p) => p.name === bound)?.virtualTemplate;
  if (template !== undefined && !r.virtualAccess)
    return { ok: false, kind: 'unmodelled', reason: 'dvti-static-overlap' };
  const offered = pfsOffer(i.profile.pfs);
  if (!pfsSettingAccepts(r.profile.pfs, offered))
    return { ok: false, kind: 'pfs-mismatch', ...(offered !== undefined ? { offered } : {}) };
  return { ok: true, exchange: x };
}

/** What the IKEv2 rule decides for a VTI pair (`a`, `b`: the two ends). */
export type VtiIkev2Pair =
  /** The exchanges with `a`, then `b` (unless only `a` initiates), initiating. */
  | { readonly ok: true; readonly pair: readonly Ikev2Exchange[] }
  | { readonly ok: false; readonly kind: 'unmodelled'; readonly reason: VtiIkev2Unmodelled; readonly end: 'a' | 'b' }
  /** IKE_SA_INIT or IKE_AUTH fails with `initiator` initiating. */
  | { readonly ok: false; readonly kind: 'ikev2'; readonly initiator: 'a' | 'b'; readonly exchange: Ikev2Exchange }
  /** The responder refuses the initiator's PFS offer at the first rekey. */
  | { readonly ok: false; readonly kind: 'pfs-mismatch'; readonly initiator: 'a' | 'b'; readonly offered?: number };

/**
 * Both directions of a pair whose IPsec profiles both name IKEv2 profiles: either end may initiate
 * (traffic routed into either tunnel brings the SA up), so each must succeed. A failure in either
 * direction wins over a direction the rule does not decide. `onlyA`: `b` never initiates (a
 * dynamic VTI's virtual-access, docs/ios-semantics.md#dynamic-vti), so only `a`'s direction counts.
 */
export function negotiateVtiIkev2(
  a: VtiIkev2End,
  b: VtiIkev2End,
  options: Ikev2AuthOptions = {},
  onlyA = false,
): VtiIkev2Pair {
  const there = vtiIkev2Direction(a, b, options);
  const both = onlyA
    ? [['a', there] as const]
    : [['a', there] as const, ['b', vtiIkev2Direction(b, a, options)] as const];
  const exchanges = both.flatMap(([, d]) => (d.ok ? [d.exchange] : []));
  if (exchanges.length === both.length) return { ok: true, pair: exchanges };
  for (const [initiator, d] of both) {
    if (d.ok || d.kind === 'unmodelled') continue;
    return d.kind === 'ikev2'
      ? { ok: false, kind: 'ikev2', initiator, exchange: d.exchange }
      : { ok: false, kind: 'pfs-mismatch', initiator, ...(d.offered !== undefined ? { offered: d.offered } : {}) };
  }
  const [end, d] = both.find(([, x]) => !x.ok)!;
  return {
    ok: false,
    kind: 'unmodelled',
    reason: d.ok ? 'ikev2-undecided' : (d as { reason: VtiIkev2Unmodelled }).reason,
    end,
  };
}
