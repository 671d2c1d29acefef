/**
 * IKEv1 phase 2 (quick mode): proxy identities, transform sets and PFS.
 *
 * - Proxy identities: the initiator proposes the crypto ACL *line* that matched the packet
 *   (address/wildcard of source and destination, protocol, ports), not the packet's addresses.
 *   The responder accepts when the proposal is a subset of the mirror of one permit line of an
 *   entry whose `set peer` list includes the initiator; a superset is refused ("proxy identities
 *   not supported"); deny lines never accept. ASA-style exact matching is an option.
 * - Transform sets: the initiator offers its `set transform-set` list in order; the first one
 *   whose transforms (protocols, algorithms, key sizes) equal a set the responder's entry lists
 *   is chosen. Mode is not matched (site-to-site always negotiates tunnel).
 * - PFS (IOS `set pfs` reference): the initiator offers PFS only with `set pfs` (group 1 when no
 *   group is named). A responder with `set pfs` requires an offer: bare `set pfs` accepts group 1
 *   or 2, a named group must be offered. A responder without `set pfs` accepts any offer.
 * - IOS-XE >= 17.11 refuses legacy transforms and PFS groups unless the compliance shield is off.
 * - SA lifetimes: the shorter of the two sides' values (defaults 3600 s, 4,608,000 KB).
 * - ISAKMP profiles (docs/ios-semantics.md#keyrings-and-isakmp-profiles): an entry with `set
 *   isakmp-profile P` accepts a proposal only over an IKE SA bound to P (IOS debug:
 *   "map_db_check_isakmp_profile profile did not match"), and the next entry is tried. An entry
 *   without a profile over an IKE SA bound to one is not documented, nor is an entry naming an
 *   IKEv2 profile accepting an IKEv1 SA: the result says so (`profileUnchecked`) and the proof
 *   does not count it.
 */
import type { CryptoMap, PfsSetting, RouterConfig, SourceLocation } from '../ir/router-config.js';
import { dhGroupStrength, transformStrength } from '../ir/algorithms.js';
import type { CompiledAcl, CompiledAclLine } from './acl.js';
import { compileAcl } from './acl.js';
import { compileCryptoMap, type CompiledCryptoEntry } from './crypto-map.js';
import { boxContains, mirrorBox, subtractSpaces, type HeaderBox } from './header-space.js';
import { IPSEC_SA_LIFETIME_DEFAULTS, PFS_DEFAULT_GROUP } from '../ir/ike-vocabulary.js';
import { rejectsLegacyAlgorithms, type EffectiveTransformSet } from './platform-defaults.js';
import { IdentityCache } from '../ir/identity-cache.js';

/** Options of {@link negotiatePhase2}. */
export interface Phase2Options {
  /** Require the proposal to equal a mirrored permit line, as ASA does. @default false (subset, as IOS) */
  readonly exactProxyMatch?: boolean;
  /**
   * The ISAKMP profile the responder bound the IKE SA to in phase 1 (`name` undefined: none).
   * @default - profiles are not checked
   */
  readonly ikeProfile?: { readonly name?: string };
  /**
   * The IKE version of the SA (docs/ios-semantics.md#ikev2-child-sa): with 2 the entry's `set
   * ikev2-profile` is the profile checked, and an entry naming another IKEv2 profile than the one
   * selected leaves the result undecided (`profileUnchecked`), never refused: Cisco does not document it.
   * @default 1
   */
  readonly ikeVersion?: 1 | 2;
}

/** What the initiator proposes. */
export interface Phase2Proposal {
  readonly initiator: RouterConfig;
  /** The initiator's owning entry. */
  readonly entry: CompiledCryptoEntry;
  /** The initiator's ACL line that matched the packet: the proxy identities. */
  readonly line: CompiledAclLine;
  /** The initiator's address as the responder sees it (IKE source). */
  readonly initiatorAddress: string;
}

/** Why phase 2 failed. */
export type Phase2FailureReason =
  /** No active entry of the responder's map lists the initiator as a peer. */
  | 'no-entry-for-peer'
  /** No permit line's mirror contains (or equals) the proposal. */
  | 'proxy-not-supported'
  /** The entries that mirror the proposal require another ISAKMP profile than the IKE SA's. */
  | 'isakmp-profile-mismatch'
  /** No offered transform set equals one the responder's entry lists. */
  | 'transform-not-supported'
  /** The PFS rule failed (responder requires PFS, or a different group). */
  | 'pfs-mismatch'
  /** The only possible transform sets or PFS groups are refused by IOS-XE >= 17.11. */
  | 'legacy-algorithm-rejected';

/** Result of {@link negotiatePhase2}. */
export type Phase2Result =
  | {
      readonly ok: true;
      readonly responderEntry: CompiledCryptoEntry;
      /** Responder permit line whose mirror contains the proposal. */
      readonly responderLine: CompiledAclLine;
      /** The initiator's transform set that was accepted. */
      readonly offeredTransformSet: EffectiveTransformSet;
      /** The responder's equal transform set. */
      readonly transformSet: EffectiveTransformSet;
      /** Negotiated PFS group. @default - no PFS */
      readonly pfsGroup?: number;
      readonly lifetimeSeconds: number;
      readonly lifetimeKilobytes: number;
      /** The accepting entry names no profile while the IKE SA has one (not documented). @default false */
      readonly profileUnchecked?: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: Phase2FailureReason;
      /** The responder entry that got furthest. @default - none */
      readonly responderEntry?: CompiledCryptoEntry;
      /** Offered and required PFS groups for `pfs-mismatch` (undefined = none). */
      readonly pfs?: { readonly offered?: number; readonly required?: number | 'group1-or-2' };
      readonly locations: readonly SourceLocation[];
    };

/** Canonical form of a transform: lower case, single spaces, default key sizes made explicit. */
export function normalizeTransform(t: string): string {
  const s = t.trim().toLowerCase().replace(/\s+/g, ' ');
  // IOS: `esp-aes` and `esp-gcm` without a key size mean 128 bits.
  if (s === 'esp-aes' || s === 'esp-gcm' || s === 'esp-gmac') return `${s} 128`;
  return s;
}

/** True when two transform sets have identical transforms (order-insensitive; mode ignored). */
export function sameTransforms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && transformKey(a) === transformKey(b);
}

const transformKeys = new IdentityCache<readonly string[], string>();

/** Canonical text of a transform list (normalized, sorted), cached per list object. */
function transformKey(list: readonly string[]): string {
  return transformKeys.get(list, buildTransformKey);
}

function buildTransformKey(list: readonly string[]): string {
  return list.map(normalizeTransform).sort().join('|');
}

/** True when some transform of the set is legacy (refused by IOS-XE >= 17.11). */
export function hasLegacyTransform(ts: EffectiveTransformSet): boolean {
  return ts.transforms.some((t) => transformStrength(normalizeTransform(t)) === 'legacy');
}

const modernSets = new IdentityCache<readonly EffectiveTransformSet[], readonly EffectiveTransformSet[]>();

/**
 * The sets of a list without a legacy transform, cached per list object: an entry's list is
 * compiled once, and a hub negotiates it once per spoke line.
 */
function withoutLegacy(sets: readonly EffectiveTransformSet[]): readonly EffectiveTransformSet[] {
  return modernSets.get(sets, keepModern);
}

function keepModern(sets: readonly EffectiveTransformSet[]): readonly EffectiveTransformSet[] {
  return sets.some(hasLegacyTransform) ? sets.filter((t) => !hasLegacyTransform(t)) : sets;
}

/** True when `proposal` lies in the mirror of the responder line (or equals it when exact). */
export function proxyAccepted(proposal: readonly HeaderBox[], responderLine: CompiledAclLine, exact = false): boolean {
  if (responderLine.action !== 'permit') return false;
  if (proposal.length === 1 && responderLine.boxes.length === 1) {
    // The common case (one box each) without allocating.
    const m = mirrorBox(responderLine.boxes[0]!);
    const p = proposal[0]!;
    return boxContains(m, p) && (!exact || boxContains(p, m));
  }
  const mirrored = responderLine.boxes.map(mirrorBox);
  if (subtractSpaces(proposal, mirrored).length > 0) return false;
  return !exact || subtractSpaces(mirrored, proposal).length === 0;
}

/** The PFS group the initiator offers. @returns undefined when it offers none */
export function offeredPfsGroup(entry: CompiledCryptoEntry): number | undefined {
  return pfsOffer(entry.entry.pfs);
}

/** The PFS group a `set pfs` setting (of an entry or an IPsec profile) offers; undefined for none. */
export function pfsOffer(pfs: PfsSetting | undefined): number | undefined {
  return pfs ? (pfs.group ?? PFS_DEFAULT_GROUP) : undefined;
}

/** The PFS rule: does a responder entry accept this offer? */
export function pfsAccepted(responder: CompiledCryptoEntry, offered: number | undefined): boolean {
  return pfsSettingAccepts(responder.entry.pfs, offered);
}

/** The PFS rule for a responder's `set pfs` setting (of an entry or an IPsec profile). */
export function pfsSettingAccepts(pfs: PfsSetting | undefined, offered: number | undefined): boolean {
  if (!pfs) return true;
  if (offered === undefined) return false;
  return pfs.group === undefined ? offered === 1 || offered === 2 : offered === pfs.group;
}

/** Failure stages in the order negotiation reaches them; the furthest one is reported. */
const STAGES: readonly Phase2FailureReason[] = [
  'no-entry-for-peer',
  'proxy-not-supported',
  'isakmp-profile-mismatch',
  'legacy-algorithm-rejected',
  'transform-not-supported',
  'pfs-mismatch',
];
const PROXY_STAGE = STAGES.indexOf('proxy-not-supported');

/** The locations of the elements that have one, in order. */
function locs(...xs: ({ loc?: SourceLocation } | undefined)[]): SourceLocation[] {
  return locsOf(xs);
}

function locsOf(xs: readonly ({ loc?: SourceLocation } | undefined)[]): SourceLocation[] {
  return xs.flatMap((x) => (x?.loc ? [x.loc] : []));
}

/** The furthest failure so far: what the result is built from when no entry accepts. */
interface Furthest {
  stage: number;
  entry: CompiledCryptoEntry | undefined;
  line: CompiledAclLine | undefined;
  offered: readonly EffectiveTransformSet[] | undefined;
  accepted: readonly EffectiveTransformSet[] | undefined;
  pfs: { readonly offered?: number; readonly required: number | 'group1-or-2' } | undefined;
}

/** Runs quick-mode negotiation of a proposal against the responder's crypto map. */
export function negotiatePhase2(
  proposal: Phase2Proposal,
  responder: RouterConfig,
  responderMap: CryptoMap,
  options: Phase2Options = {},
): Phase2Result {
  const compiled = compileCryptoMap(responder, responderMap);
  const initLegacy = rejectsLegacyAlgorithms(proposal.initiator);
  const respLegacy = rejectsLegacyAlgorithms(responder);
  const offeredAll = proposal.entry.transformSets;
  const offered = initLegacy ? withoutLegacy(offeredAll) : offeredAll;
  const pfsOffer = offeredPfsGroup(proposal.entry);
  const legacyPfs = isLegacyGroup(pfsOffer);
  if (offered.length === 0 || (initLegacy && legacyPfs)) {
    return {
      ok: false,
      reason: 'legacy-algorithm-rejected',
      locations: locs(proposal.entry.entry, proposal.line.rule),
    };
  }
  // Negotiations run once per proposal line (thousands on a hub): a failure is recorded as data,
  // for the furthest stage reached, and its details are built once at the end.
  const furthest: Furthest = {
    stage: 0,
    entry: undefined,
    line: undefined,
    offered: undefined,
    accepted: undefined,
    pfs: undefined,
  };
  const reach = (
    stage: Phase2FailureReason,
    entry: CompiledCryptoEntry,
    line?: CompiledAclLine,
  ): Furthest | undefined => {
    const k = STAGES.indexOf(stage);
    if (k <= furthest.stage) return undefined;
    furthest.stage = k;
    furthest.entry = entry;
    furthest.line = line;
    furthest.offered = undefined;
    furthest.accepted = undefined;
    furthest.pfs = undefined;
    return furthest;
  };
  const proposalSpace = proposal.line.boxes;
  const mirroredProposal = proposalSpace.length === 1 ? [mirrorBox(proposalSpace[0]!)] : proposalSpace.map(mirrorBox);
  for (const i of compiled.entriesForPeer(proposal.initiatorAddress)) {
    const ce = compiled.entries[i]!;
    if (furthest.stage < PROXY_STAGE) reach('proxy-not-supported', ce);
    // Only lines whose mirror meets the proposal can contain it: ask the ACL index.
    const line = acceptingLine(compileAcl(ce.acl!), proposalSpace, mirroredProposal, options.exactProxyMatch);
    if (!line) continue;
    const required = options.ikeVersion === 2 ? ce.entry.ikev2Profile : ce.entry.isakmpProfile;
    if (profileRefused(required, options)) {
      reach('isakmp-profile-mismatch', ce, line);
      continue;
    }
    const accepted = respLegacy ? withoutLegacy(ce.transformSets) : ce.transformSets;
    if (accepted.length === 0) {
      reach('legacy-algorithm-rejected', ce, line);
      continue;
    }
    const chosen = firstCommonTransformSet(offered, accepted);
    if (!chosen) {
      const f = reach('transform-not-supported', ce, line);
      if (f) {
        f.offered = offered;
        f.accepted = accepted;
      }
      continue;
    }
    if (respLegacy && legacyPfs) {
      reach('legacy-algorithm-rejected', ce, line);
      continue;
    }
    if (!pfsAccepted(ce, pfsOffer)) {
      const f = reach('pfs-mismatch', ce, line);
      if (f) f.pfs = pfsMismatch(ce, pfsOffer);
      continue;
    }
    return success(proposal, ce, line, chosen, pfsOffer, profileUnchecked(ce, required, options));
  }
  return failure(proposal, furthest);
}

function isLegacyGroup(group: number | undefined): boolean {
  return group !== undefined && dhGroupStrength(group) === 'legacy';
}

/** The PFS groups of a mismatch: the one offered (if any) and the one the responder requires. */
function pfsMismatch(ce: CompiledCryptoEntry, offered: number | undefined): NonNullable<Furthest['pfs']> {
  return { ...(offered !== undefined ? { offered } : {}), required: ce.entry.pfs?.group ?? 'group1-or-2' };
}

/** The first line of the responder's ACL whose mirror contains the proposal (asks the ACL index for candidates). */
function acceptingLine(
  acl: CompiledAcl,
  proposalSpace: readonly HeaderBox[],
  mirroredProposal: readonly HeaderBox[],
  exactProxyMatch: boolean | undefined,
): CompiledAclLine | undefined {
  for (const k of acl.candidates(mirroredProposal)) {
    if (proxyAccepted(proposalSpace, acl.lines[k]!, exactProxyMatch)) return acl.lines[k]!;
  }
  return undefined;
}

/** The initiator's first transform set (in its order) that the responder also accepts, with the responder's match. */
function firstCommonTransformSet(
  offered: readonly EffectiveTransformSet[],
  accepted: readonly EffectiveTransformSet[],
): [EffectiveTransformSet, EffectiveTransformSet] | undefined {
  for (const o of offered) {
    for (const a of accepted) {
      if (sameTransforms(o.transforms, a.transforms)) return [o, a];
    }
  }
  return undefined;
}

/** The agreed SA: the lower of the two lifetimes (each side's entry or the IOS default). */
function success(
  proposal: Phase2Proposal,
  ce: CompiledCryptoEntry,
  line: CompiledAclLine,
  chosen: readonly [EffectiveTransformSet, EffectiveTransformSet],
  pfsOffer: number | undefined,
  profileUnchecked: boolean,
): Phase2Result {
  return {
    ok: true,
    responderEntry: ce,
    responderLine: line,
    offeredTransformSet: chosen[0],
    transformSet: chosen[1],
    ...(pfsOffer !== undefined ? { pfsGroup: pfsOffer } : {}),
    lifetimeSeconds: Math.min(
      proposal.entry.entry.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds,
      ce.entry.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds,
    ),
    lifetimeKilobytes: Math.min(
      proposal.entry.entry.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes,
      ce.entry.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes,
    ),
    ...(profileUnchecked ? { profileUnchecked: true } : {}),
  };
}

/**
 * Not documented, so the result says so: an entry without `set isakmp-profile` over an IKE SA
 * bound to a profile; with IKEv2, an entry naming another IKEv2 profile than the SA's; an entry
 * naming an IKEv2 profile over an IKEv1 SA (docs/ios-semantics.md#ikev2-child-sa).
 */
function profileUnchecked(ce: CompiledCryptoEntry, required: string | undefined, options: Phase2Options): boolean {
  if (options.ikeVersion === 2) return options.ikeProfile !== undefined && required !== options.ikeProfile.name;
  if (ce.entry.ikev2Profile !== undefined) return true;
  return options.ikeProfile?.name !== undefined && required === undefined;
}

/** An entry with `set isakmp-profile` refuses an IKE SA bound to another profile (or to none). */
function profileRefused(required: string | undefined, options: Phase2Options): boolean {
  if (options.ikeVersion === 2) return false;
  return options.ikeProfile !== undefined && required !== undefined && required !== options.ikeProfile.name;
}

/** The result of a failed negotiation from its furthest stage (locations in the order shown). */
function failure(proposal: Phase2Proposal, f: Furthest): Extract<Phase2Result, { ok: false }> {
  const initLocs = locs(proposal.entry.entry, proposal.line.rule);
  const reason = STAGES[f.stage]!;
  const ce = f.entry;
  if (reason === 'no-entry-for-peer' || !ce) return { ok: false, reason: 'no-entry-for-peer', locations: initLocs };
  if (reason === 'proxy-not-supported')
    return { ok: false, reason, responderEntry: ce, locations: [...initLocs, ...locs(ce.entry, ce.acl)] };
  if (reason === 'isakmp-profile-mismatch')
    return { ok: false, reason, responderEntry: ce, locations: [...initLocs, ...locs(ce.entry)] };
  const entryLocs = [...initLocs, ...locs(ce.entry, f.line?.rule)];
  if (reason === 'transform-not-supported') {
    return {
      ok: false,
      reason,
      responderEntry: ce,
      locations: [...entryLocs, ...locsOf([...(f.offered ?? []), ...(f.accepted ?? [])])],
    };
  }
  if (reason === 'pfs-mismatch')
    return { ok: false, reason, responderEntry: ce, locations: entryLocs, ...(f.pfs ? { pfs: f.pfs } : {}) };
  return { ok: false, reason, responderEntry: ce, locations: entryLocs };
}
