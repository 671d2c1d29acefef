/**
 * IKEv2 IKE_SA_INIT: which proposals each side uses and whether they share one
 * (docs/ios-semantics.md#ikev2-smart-defaults, docs/ios-semantics.md#ikev2-proposals).
 *
 * - A side's proposals come from the IKEv2 policy that matches its local IKE address (`match
 *   address local`, none = any) and the global routing table (`match fvrf any`, or no fvrf line).
 *   A configured proposal that no policy names is never used (FlexVPN guide: "manually configured
 *   IKEv2 proposals must be linked with an IKEv2 policy"). When no configured policy matches, the
 *   smart-default policy (fvrf any, any local address, proposal `default`) applies, unless
 *   `no crypto ikev2 policy default`; the default proposal's content is the release's
 *   (`IKEV2_DEFAULT_PROPOSAL`), gone with `no crypto ikev2 proposal default`.
 * - Several configured policies matching one address: IOS's choice between them is not
 *   documented here, so when they offer different proposals the result is `ambiguous` (the proof
 *   calls the pair unverified; the emulator takes the first in configuration order).
 * - The initiator offers every proposal of its policy; the responder takes a proposal of its own
 *   policy that has, with one offered proposal, an encryption, an integrity (both none for AEAD
 *   ciphers), a PRF (unset: the integrity algorithms) and a DH group in common (RFC 7296 2.7; a
 *   different group than the one the initiator's KE used costs one INVALID_KE_PAYLOAD round trip,
 *   not the SA). Lifetimes are not negotiated in IKEv2: each side keeps its own.
 * - IOS-XE >= 17.11 drops DES, 3DES, MD5 and DH groups 1, 2 and 5 (FN72510) from both sides.
 */
import type { Ikev2Policy, Ikev2Proposal, RouterConfig, SourceLocation } from '../ir/router-config.js';
import { dhGroupStrength } from '../ir/algorithms.js';
import { IdentityCache } from '../ir/identity-cache.js';
import {
  IKEV2_DEFAULT_NAME,
  IKEV2_DEFAULT_PROPOSAL,
  IKEV2_SUPPORTED,
  type Ikev2ProposalValues,
} from '../ir/ikev2-vocabulary.js';
import { rejectsLegacyAlgorithms } from './platform-defaults.js';

/** A proposal with its effective PRF list, configured or the smart default. */
export interface EffectiveIkev2Proposal extends Ikev2ProposalValues {
  readonly name: string;
  readonly builtIn: boolean;
  readonly loc?: SourceLocation;
}

/** The policy a side uses for one local address, and the proposals it offers or accepts. */
export type Ikev2PolicyChoice =
  | {
      readonly kind: 'policy';
      /** The configured policy; undefined for the smart default. */
      readonly policy?: Ikev2Policy;
      readonly proposals: readonly EffectiveIkev2Proposal[];
    }
  /** No policy applies (defaults switched off, IKEv2 absent) or its proposals are all unusable. */
  | { readonly kind: 'none'; readonly policy?: Ikev2Policy }
  /** Several configured policies match and offer different proposals. */
  | { readonly kind: 'ambiguous'; readonly policies: readonly Ikev2Policy[] };

/** The algorithms both sides picked. */
export interface Ikev2Suite {
  readonly encryption: string;
  readonly integrity?: string;
  readonly prf: string;
  readonly group: number;
}

/** Why IKE_SA_INIT fails. */
export type SaInitFailureReason =
  'ikev2-unsupported' | 'no-proposal-initiator' | 'no-proposal-responder' | 'no-proposal-match' | 'policy-ambiguous';

/** Outcome of {@link negotiateSaInit}. */
export type SaInitResult =
  | {
      readonly ok: true;
      readonly suite: Ikev2Suite;
      readonly offered: EffectiveIkev2Proposal;
      readonly accepted: EffectiveIkev2Proposal;
      readonly initiatorPolicy: Ikev2PolicyChoice;
      readonly responderPolicy: Ikev2PolicyChoice;
    }
  | {
      readonly ok: false;
      readonly reason: SaInitFailureReason;
      /** The side the reason is about (for `no-proposal-match`: the responder). */
      readonly side: 'initiator' | 'responder';
      readonly initiatorPolicy?: Ikev2PolicyChoice;
      readonly responderPolicy?: Ikev2PolicyChoice;
      readonly locations: readonly SourceLocation[];
    };

function legacyFree(p: Ikev2ProposalValues): Ikev2ProposalValues {
  return {
    encryption: p.encryption.filter((e) => e !== 'des' && e !== '3des'),
    integrity: p.integrity.filter((h) => h !== 'md5'),
    prf: p.prf.filter((h) => h !== 'md5'),
    groups: p.groups.filter((g) => dhGroupStrength(g) !== 'legacy'),
  };
}

function effective(
  config: RouterConfig,
  p: Ikev2ProposalValues & { name: string; loc?: SourceLocation },
  builtIn: boolean,
): EffectiveIkev2Proposal | undefined {
  const prf = p.prf.length > 0 ? p.prf : p.integrity;
  const base = { encryption: p.encryption, integrity: p.integrity, prf, groups: p.groups };
  const v = rejectsLegacyAlgorithms(config) ? legacyFree(base) : base;
  // An AEAD-only proposal keeps no integrity; any other needs one of each.
  if (v.encryption.length === 0 || v.prf.length === 0 || v.groups.length === 0) return undefined;
  return { name: p.name, builtIn, ...v, ...(p.loc ? { loc: p.loc } : {}) };
}

function defaultProposal(config: RouterConfig): EffectiveIkev2Proposal | undefined {
  const d = IKEV2_DEFAULT_PROPOSAL[config.platform];
  if (d === undefined || config.options.ikev2DefaultsOff?.proposal) return undefined;
  return effective(config, { name: IKEV2_DEFAULT_NAME, ...d }, true);
}

/** The usable proposals a policy names, in its order (a missing name is skipped, `default` is the smart default). */
function proposalsOf(config: RouterConfig, names: readonly string[]): EffectiveIkev2Proposal[] {
  const out: EffectiveIkev2Proposal[] = [];
  for (const name of names) {
    const configured: Ikev2Proposal | undefined = config.ikev2Proposals?.find((p) => p.name === name);
    const e = configured
      ? effective(config, configured, false)
      : name === IKEV2_DEFAULT_NAME
        ? defaultProposal(config)
        : undefined;
    if (e) out.push(e);
  }
  return out;
}

/** True when a policy applies to IKE on `local` in the global routing table. */
export function ikev2PolicyMatches(p: Ikev2Policy, local: string): boolean {
  const fvrfOk = p.matchFvrf === undefined || p.matchFvrf === 'any';
  return fvrfOk && (p.matchAddressLocal.length === 0 || p.matchAddressLocal.includes(local));
}

const sameList = (a: readonly EffectiveIkev2Proposal[], b: readonly EffectiveIkev2Proposal[]): boolean =>
  a.length === b.length && a.every((p, i) => p.name === b[i]!.name);

const choices = new IdentityCache<RouterConfig, Map<string, Ikev2PolicyChoice>>();

/**
 * The policy a router uses for IKE on its local address `local`. `resolve: 'first'` (the
 * emulator) takes the first matching configured policy instead of reporting `ambiguous`.
 */
export function ikev2PolicyFor(
  config: RouterConfig,
  local: string,
  resolve: 'every' | 'first' = 'every',
): Ikev2PolicyChoice {
  const perConfig = choices.get(config, () => new Map());
  const key = `${resolve} ${local}`;
  let c = perConfig.get(key);
  if (c === undefined) perConfig.set(key, (c = choosePolicy(config, local, resolve)));
  return c;
}

function choosePolicy(config: RouterConfig, local: string, resolve: 'every' | 'first'): Ikev2PolicyChoice {
  if (!IKEV2_SUPPORTED[config.platform]) return { kind: 'none' };
  const matching = (config.ikev2Policies ?? []).filter((p) => ikev2PolicyMatches(p, local));
  if (matching.length === 0) {
    if (config.options.ikev2DefaultsOff?.policy) return { kind: 'none' };
    const d = defaultProposal(config);
    return d ? { kind: 'policy', proposals: [d] } : { kind: 'none' };
  }
  const lists = matching.map((p) => proposalsOf(config, p.proposals));
  if (resolve === 'every' && lists.some((l) => !sameList(l, lists[0]!)))
    return { kind: 'ambiguous', policies: matching };
  const policy = matching[0]!;
  return lists[0]!.length > 0 ? { kind: 'policy', policy, proposals: lists[0]! } : { kind: 'none', policy };
}

function common<T>(a: readonly T[], b: readonly T[]): T | undefined {
  return a.find((x) => b.includes(x));
}

/** The suite two proposals share (responder's preference within the offer), or undefined. */
export function proposalIntersection(offer: Ikev2ProposalValues, own: Ikev2ProposalValues): Ikev2Suite | undefined {
  const encryption = common(own.encryption, offer.encryption);
  const prf = common(own.prf, offer.prf);
  const group = common(own.groups, offer.groups);
  if (encryption === undefined || prf === undefined || group === undefined) return undefined;
  if (own.integrity.length === 0 && offer.integrity.length === 0) return { encryption, prf, group };
  const integrity = common(own.integrity, offer.integrity);
  return integrity === undefined ? undefined : { encryption, integrity, prf, group };
}

function locationsOf(...cs: (Ikev2PolicyChoice | undefined)[]): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const c of cs) {
    if (c === undefined) continue;
    const ps = c.kind === 'ambiguous' ? c.policies : c.policy ? [c.policy] : [];
    for (const p of ps) if (p.loc) out.push(p.loc);
    if (c.kind === 'policy') for (const p of c.proposals) if (p.loc) out.push(p.loc);
  }
  return out;
}

/** IKE_SA_INIT between an initiator on `initiatorAddress` and a responder on `responderAddress`. */
export function negotiateSaInit(
  initiator: RouterConfig,
  initiatorAddress: string,
  responder: RouterConfig,
  responderAddress: string,
  resolve: 'every' | 'first' = 'every',
): SaInitResult {
  const fail = (
    reason: SaInitFailureReason,
    side: 'initiator' | 'responder',
    i?: Ikev2PolicyChoice,
    r?: Ikev2PolicyChoice,
  ): SaInitResult => ({
    ok: false,
    reason,
    side,
    ...(i ? { initiatorPolicy: i } : {}),
    ...(r ? { responderPolicy: r } : {}),
    locations: locationsOf(i, r),
  });
  if (!IKEV2_SUPPORTED[initiator.platform]) return fail('ikev2-unsupported', 'initiator');
  if (!IKEV2_SUPPORTED[responder.platform]) return fail('ikev2-unsupported', 'responder');
  const i = ikev2PolicyFor(initiator, initiatorAddress, resolve);
  const r = ikev2PolicyFor(responder, responderAddress, resolve);
  if (i.kind === 'ambiguous') return fail('policy-ambiguous', 'initiator', i, r);
  if (r.kind === 'ambiguous') return fail('policy-ambiguous', 'responder', i, r);
  if (i.kind === 'none') return fail('no-proposal-initiator', 'initiator', i, r);
  if (r.kind === 'none') return fail('no-proposal-responder', 'responder', i, r);
  for (const own of r.proposals) {
    for (const offer of i.proposals) {
      const suite = proposalIntersection(offer, own);
      if (suite) return { ok: true, suite, offered: offer, accepted: own, initiatorPolicy: i, responderPolicy: r };
    }
  }
  return fail('no-proposal-match', 'responder', i, r);
}
