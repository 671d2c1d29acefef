/**
 * IPsec of a static VTI pair (docs/ios-semantics.md#static-vti-negotiation): two tunnels in `tunnel
 * mode ipsec ipv4` that point at each other, each protected by an IPsec profile. The proxy is IP
 * any any on both sides, so phase 2 comes down to the transform sets and PFS of the two profiles;
 * phase 1 and the keys are the crypto map rules (`peers.ts`). Both sides may initiate, so the pair
 * must negotiate in both directions. Every part of the design the rule does not follow makes the
 * answer `unmodelled` with the reason, never `ok`.
 */
import type { InterfaceConfig, IpsecProfile, RouterConfig, TransformSet } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { hasInterfaceFilters } from './interface-acl.js';
import { routingTable } from './routing.js';
import { isTunnelInterface, isVirtualAccess, tunnelSource, upTunnels } from './tunnels.js';
import { sameTransforms } from './ike-phase2.js';
import { hasNat } from './nat.js';
import { mainModeStep, type MainModeStep } from './peers.js';
import { rejectsLegacyAlgorithms, type EffectiveTransformSet } from './platform-defaults.js';
import { hasLegacyTransform } from './ike-phase2.js';
import type { Ikev2Exchange } from './ikev2-exchange.js';
import type { DvtiUnmodelled } from './dvti.js';
import {
  negotiateVtiIkev2,
  profileIkeVersion,
  type VtiIkev2End,
  type VtiIkev2Pair,
  type VtiIkev2Unmodelled,
} from './tunnel-ikev2.js';

/** Why the rule does not decide a VTI pair. */
export type VtiUnmodelled =
  | 'not-vti'
  | 'profile-undefined'
  | 'no-transform-set'
  | 'transform-set-undefined'
  | 'transport-mode'
  | 'pfs'
  | 'legacy-transform'
  | 'isakmp-profiles'
  | 'filters-or-nat'
  | 'profile-lines'
  | 'main-mode-undecided'
  /** The route to the other end leads into a tunnel or out of a crypto-map interface. */
  | 'underlay'
  /** A crypto map of an end names the other end's address too, or two tunnels join the same addresses. */
  | 'shared-peer'
  /** A NAT device sits between the tunnel's ends (topology.json): docs/ios-semantics.md#tunnel-interfaces. */
  | 'nat-between-ends'
  /** The far end answers with a dynamic VTI the rule does not decide (`dvti.ts`, docs/ios-semantics.md#dynamic-vti). */
  | DvtiUnmodelled
  /** IKEv2 tunnel protection the rule does not decide (`tunnel-ikev2.ts`). */
  | VtiIkev2Unmodelled;

/** One end of a VTI pair: a router, its tunnel and the tunnel's source address. */
export interface VtiEnd {
  readonly config: RouterConfig;
  readonly tunnel: InterfaceConfig;
  readonly address: string;
}

/** What the two ends negotiate. */
export type VtiOutcome =
  /**
   * `exitA`/`exitB`: the interfaces each end sends its ESP out of (towards the other's address);
   * `ikev2`: for IKEv2 tunnel protection, the exchanges with `a`, then `b`, initiating.
   */
  | {
      readonly ok: true;
      readonly exitA: InterfaceConfig;
      readonly exitB: InterfaceConfig;
      readonly ikev2?: readonly Ikev2Exchange[];
    }
  | { readonly ok: false; readonly kind: 'unmodelled'; readonly reason: VtiUnmodelled; readonly end: 'a' | 'b' }
  /** IKEv2 tunnel protection fails or is not decided (`tunnel-ikev2.ts`). */
  | Exclude<VtiIkev2Pair, { readonly ok: true }>
  | ProtectionExchangeFailure;

/**
 * Main mode, or the transform sets, failing on a protected tunnel pair (static VTI or GRE), with
 * the side that initiated when it failed; shared by every outcome type of the tunnel rules.
 */
export type ProtectionExchangeFailure =
  | {
      readonly ok: false;
      readonly kind: 'main-mode';
      readonly initiator: 'a' | 'b';
      readonly step: Exclude<MainModeStep, 'ok' | 'undecided' | 'keys-unverifiable'>;
    }
  | { readonly ok: false; readonly kind: 'transform-mismatch'; readonly initiator: 'a' | 'b' };

/** The profile a tunnel's protection names, if defined. */
export function protectionProfile(config: RouterConfig, tunnel: InterfaceConfig): IpsecProfile | undefined {
  const name = tunnel.tunnel?.protection?.profile;
  return name === undefined ? undefined : config.ipsecProfiles?.find((p) => p.name === name);
}

/** Why the rule does not decide the IPsec profile of a protected tunnel (VTI or GRE). */
export type ProfileUnmodelled =
  | 'profile-undefined'
  | 'profile-lines'
  | 'no-transform-set'
  | 'isakmp-profiles'
  | 'transform-set-undefined'
  | 'legacy-transform';

/**
 * The transform sets the IPsec profile of a protected tunnel offers, in order, with the profile;
 * or why the rule does not decide them. `check` refuses a set for the caller's own reason (it runs
 * after the set is found, before the legacy check). Shared by static VTIs and protected GRE.
 */
export function protectionSets<R extends string>(
  config: RouterConfig,
  tunnel: InterfaceConfig,
  check: (set: TransformSet) => R | undefined = () => undefined,
): { readonly sets: TransformSet[]; readonly profile: IpsecProfile } | ProfileUnmodelled | R {
  const profile = protectionProfile(config, tunnel);
  if (!profile) return 'profile-undefined';
  if (profile.extraLines.length > 0) return 'profile-lines';
  // The platform default transform set of an empty profile is not modelled.
  if (profile.transformSets.length === 0) return 'no-transform-set';
  // ISAKMP profiles take part in IKEv1 only; an IPsec profile naming one is not modelled either way.
  const v1 = profileIkeVersion(profile) === 1;
  if (profile.isakmpProfile !== undefined || (v1 && (config.isakmpProfiles?.length ?? 0) > 0)) return 'isakmp-profiles';
  const sets: TransformSet[] = [];
  for (const name of profile.transformSets) {
    const set = config.transformSets.find((t) => t.name === name);
    if (!set) return 'transform-set-undefined';
    const refused = check(set);
    if (refused !== undefined) return refused;
    if (rejectsLegacyAlgorithms(config) && hasLegacyTransform({ ...set, builtIn: false })) return 'legacy-transform';
    sets.push(set);
  }
  return { sets, profile };
}

/** The transform sets a VTI's profile offers, or why the rule does not decide them. */
function profileSets(config: RouterConfig, tunnel: InterfaceConfig): TransformSet[] | VtiUnmodelled {
  if (tunnel.tunnel?.mode !== 'ipsec ipv4' || tunnel.tunnel.protection === undefined) return 'not-vti';
  // The guide requires tunnel mode for VTIs; what IOS does with a transport set is not modelled.
  const r = protectionSets(config, tunnel, (set) =>
    set.mode !== undefined && set.mode !== 'tunnel' ? 'transport-mode' : undefined,
  );
  return typeof r === 'string' ? r : r.sets;
}

/** The IKEv2 rule's view of an end whose tunnel names a defined IPsec profile. */
function ikev2End(e: VtiEnd): VtiIkev2End {
  const virtualAccess = isVirtualAccess(e.tunnel);
  return {
    config: e.config,
    address: e.address,
    profile: protectionProfile(e.config, e.tunnel)!,
    ...(virtualAccess ? { virtualAccess } : {}),
  };
}

/** The first offered set (in offer order) whose transforms equal one of `own`'s, with that one. */
function firstMatch(
  offered: readonly TransformSet[],
  own: readonly TransformSet[],
): { readonly offered: TransformSet; readonly accepted: TransformSet } | undefined {
  for (const o of offered) {
    const t = own.find((x) => sameTransforms(o.transforms, x.transforms));
    if (t) return { offered: o, accepted: t };
  }
  return undefined;
}

/**
 * The transform sets a protected tunnel pair (static VTI or GRE) uses when the end on `tunnelA`
 * initiates: the set it offers and the responder's set that accepts it (the emulator records them);
 * undefined when none meets or a profile is not read.
 */
export function protectionTransformChoice(
  configA: RouterConfig,
  tunnelA: InterfaceConfig,
  configB: RouterConfig,
  tunnelB: InterfaceConfig,
): { readonly offered: EffectiveTransformSet; readonly accepted: EffectiveTransformSet } | undefined {
  const a = protectionSets(configA, tunnelA);
  const b = protectionSets(configB, tunnelB);
  if (typeof a === 'string' || typeof b === 'string') return undefined;
  const m = firstMatch(a.sets, b.sets);
  const eff = (t: TransformSet): EffectiveTransformSet => ({
    name: t.name,
    transforms: t.transforms,
    builtIn: false,
    ...(t.loc ? { loc: t.loc } : {}),
  });
  return m && { offered: eff(m.offered), accepted: eff(m.accepted) };
}

/** The transform sets of both ends and the IKE version, or why the rule does not decide the pair. */
function bothSets(a: VtiEnd, b: VtiEnd): { setsA: TransformSet[]; setsB: TransformSet[]; version: 1 | 2 } | VtiOutcome {
  const setsA = profileSets(a.config, a.tunnel);
  if (typeof setsA === 'string') return { ok: false, kind: 'unmodelled', reason: setsA, end: 'a' };
  const setsB = profileSets(b.config, b.tunnel);
  if (typeof setsB === 'string') return { ok: false, kind: 'unmodelled', reason: setsB, end: 'b' };
  for (const [end, c] of [['a', a.config] as const, ['b', b.config] as const]) {
    if (hasInterfaceFilters(c) || hasNat(c)) return { ok: false, kind: 'unmodelled', reason: 'filters-or-nat', end };
  }
  for (const [end, x, y] of [['a', a, b] as const, ['b', b, a] as const]) {
    if (sharesPeer(x, y.address)) return { ok: false, kind: 'unmodelled', reason: 'shared-peer', end };
  }
  const profileA = protectionProfile(a.config, a.tunnel)!;
  const profileB = protectionProfile(b.config, b.tunnel)!;
  if (profileIkeVersion(profileA) !== profileIkeVersion(profileB))
    return { ok: false, kind: 'unmodelled', reason: 'ike-version-mixed', end: 'a' };
  // PFS with IKEv1: the same setting on both sides is accepted; other combinations are not modelled
  // here. With IKEv2 the crypto map rule decides it (`tunnel-ikev2.ts`).
  const pfsA = profileA.pfs;
  const pfsB = profileB.pfs;
  if (profileIkeVersion(profileA) === 1 && (pfsA?.group ?? (pfsA ? 1 : 0)) !== (pfsB?.group ?? (pfsB ? 1 : 0)))
    return { ok: false, kind: 'unmodelled', reason: 'pfs', end: 'a' };
  return { setsA, setsB, version: profileIkeVersion(profileA) };
}

/** Options of {@link negotiateVti}: the emulator's way of deciding what the configs leave open. */
export interface VtiOptions {
  /** Take type 6 keys as equal when their stored text is. @default false */
  readonly compareStoredKeys?: boolean;
  /** `first`: configuration order breaks IKEv2 policy, profile and keyring ties. @default 'every' */
  readonly resolve?: 'every' | 'first';
  /**
   * `a`: only end `a` ever initiates (the far end is a dynamic VTI's virtual-access, which exists
   * only once `a` connected: docs/ios-semantics.md#dynamic-vti). @default 'both'
   */
  readonly initiators?: 'both' | 'a';
}

/** Negotiates the IPsec SA of a VTI pair in both directions (see the module comment). */
export function negotiateVti(a: VtiEnd, b: VtiEnd, options: VtiOptions = {}): VtiOutcome {
  const sets = bothSets(a, b);
  if ('ok' in sets) return sets;
  const x = protectionExchanges(a, b, sets, options);
  return x.ok ? { ok: true, exitA: x.exitA, exitB: x.exitB, ...(x.ikev2 ? { ikev2: x.ikev2 } : {}) } : x;
}

/** What the exchanges of a protected tunnel pair give, each end initiating in turn. */
export type ProtectionExchanges =
  | {
      readonly ok: true;
      readonly exitA: InterfaceConfig;
      readonly exitB: InterfaceConfig;
      /** The transform set `a` offers that `b` accepts (the SA's transforms when `a` initiates). */
      readonly offeredA: TransformSet;
      readonly ikev2?: readonly Ikev2Exchange[];
    }
  | Exclude<VtiIkev2Pair, { readonly ok: true }>
  | {
      readonly ok: false;
      readonly kind: 'unmodelled';
      readonly reason: 'main-mode-undecided' | 'underlay';
      readonly end: 'a' | 'b';
    }
  | ProtectionExchangeFailure;

/**
 * The exchanges of a protected tunnel pair (static VTI or GRE) once both profiles are read: IKEv2
 * through `tunnel-ikev2.ts`, else main mode (`peers.ts`) each way, then a transform set each way,
 * then the interfaces the ESP leaves by. Shared by `negotiateVti` and `gre-ipsec.ts`.
 */
export function protectionExchanges(
  a: VtiEnd,
  b: VtiEnd,
  sets: { readonly setsA: readonly TransformSet[]; readonly setsB: readonly TransformSet[]; readonly version: 1 | 2 },
  options: VtiOptions,
): ProtectionExchanges {
  const onlyA = options.initiators === 'a';
  const ikev2 = sets.version === 2 ? negotiateVtiIkev2(ikev2End(a), ikev2End(b), options, onlyA) : undefined;
  if (ikev2 !== undefined && !ikev2.ok) return ikev2;
  let offeredA: TransformSet | undefined;
  const directions = [['a', a, b] as const, ['b', b, a] as const].slice(0, onlyA ? 1 : 2);
  for (const [initiator, i, r] of directions) {
    if (ikev2 === undefined) {
      const step = mainModeStep(i.config, i.address, r.config, r.address, options);
      if (step === 'undecided' || step === 'keys-unverifiable')
        return { ok: false, kind: 'unmodelled', reason: 'main-mode-undecided', end: initiator };
      if (step !== 'ok') return { ok: false, kind: 'main-mode', initiator, step };
    }
    const [offered, own] = initiator === 'a' ? [sets.setsA, sets.setsB] : [sets.setsB, sets.setsA];
    const match = firstMatch(offered, own);
    if (!match) return { ok: false, kind: 'transform-mismatch', initiator };
    offeredA ??= match.offered;
  }
  const exitA = underlayExit(a.config, b.address);
  if (!exitA) return { ok: false, kind: 'unmodelled', reason: 'underlay', end: 'a' };
  const exitB = underlayExit(b.config, a.address);
  if (!exitB) return { ok: false, kind: 'unmodelled', reason: 'underlay', end: 'b' };
  return { ok: true, exitA, exitB, offeredA: offeredA!, ...(ikev2?.ok ? { ikev2: ikev2.pair } : {}) };
}

/**
 * True when another tunnel of the end joins the same two addresses, or one of its crypto maps
 * names `peer`: the guide binds the IKE SA to the VTI, and how IOS shares the peer is not modelled.
 */
export function sharesPeer(end: VtiEnd, peer: string): boolean {
  if (end.config.cryptoMaps.some((m) => m.entries.some((e) => e.peers.includes(peer)))) return true;
  return upTunnels(end.config).some(
    (t) => t !== end.tunnel && t.tunnel?.destination === peer && tunnelSource(end.config, t).address === end.address,
  );
}

/** The interface ESP to `address` leaves by, when it is neither a tunnel nor a crypto-map interface. */
export function underlayExit(config: RouterConfig, address: string): InterfaceConfig | undefined {
  const route = routingTable(config).lookup(ipToNumber(address));
  if (!route || route.discard !== undefined) return undefined;
  const exit = config.interfaces.find((i) => i.name === route.exitInterface);
  return exit && !isTunnelInterface(exit) && exit.cryptoMap === undefined ? exit : undefined;
}
