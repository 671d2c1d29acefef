/**
 * GRE over IPsec (docs/ios-semantics.md#gre-over-ipsec): what a GRE tunnel (`tunnel mode gre ip`,
 * the IOS default) puts on the underlay, and how it is protected. Shared by the proof
 * (`lib/verify/prove/gre-exit.ts`) and the emulator (`lib/emulate/tunnel-walk.ts`).
 *
 * - Every packet routed into the tunnel leaves as one GRE packet (IP protocol 47) from the tunnel
 *   source address to the tunnel destination, routed by the router's table like its own traffic.
 * - Without tunnel protection, that packet meets the crypto map of the interface it leaves by like
 *   any other packet (`crypto-map.ts`, `ike-phase1.ts`, `ike-phase2.ts`): a crypto ACL line
 *   `permit gre host S host D` (or wider) owns it; nothing owning it means GRE in clear text.
 * - With `tunnel protection ipsec profile P`, IOS protects the GRE packets itself: the peer is the
 *   tunnel destination and the proxy identities are GRE between the two tunnel addresses, so, as for
 *   a static VTI (`tunnel-ipsec.ts`), phase 2 comes down to the transform sets and PFS of the two
 *   profiles. Transport mode is usable (the proxies are the peers themselves) but both profiles must
 *   offer the same mode. With IKEv1 phase 1 is main mode between the tunnel addresses; with
 *   `set ikev2-profile` in both profiles it is the IKEv2 tunnel rule of static VTIs
 *   (`tunnel-ikev2.ts`: IKE_SA_INIT, IKE_AUTH, PFS at the first rekey), run on the same two
 *   addresses. Every part the rule does not follow is `unmodelled` with the reason.
 */
import type {
  InterfaceConfig,
  IpsecProfile,
  RouterConfig,
  TransformSet,
  TransformSetMode,
} from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { NAMED_IP_PROTOCOLS } from '../ir/protocols.js';
import type { HeaderBox, Packet } from './header-space.js';
import { hasInterfaceFilters } from './interface-acl.js';
import { hasNat } from './nat.js';
import { routingTable, type Route } from './routing.js';
import type { Ikev2Exchange } from './ikev2-exchange.js';
import {
  protectionExchanges,
  protectionSets,
  sharesPeer,
  type ProtectionExchangeFailure,
  type VtiEnd,
  type VtiOptions,
} from './tunnel-ipsec.js';
import { profileIkeVersion, type VtiIkev2Pair, type VtiIkev2Unmodelled } from './tunnel-ikev2.js';
import { isTunnelInterface, tunnelMode } from './tunnels.js';

/** IP protocol number of GRE. */
export const GRE_PROTOCOL = NAMED_IP_PROTOCOLS.gre;

/** The GRE packets of a tunnel from `source` to `destination`, as a header box (GRE has no ports). */
export function greBox(source: string, destination: string): HeaderBox {
  const s = ipToNumber(source);
  const d = ipToNumber(destination);
  return { src: [s, s], dst: [d, d], proto: [GRE_PROTOCOL, GRE_PROTOCOL], sport: [0, 0], dport: [0, 0] };
}

/** One GRE packet from `source` to `destination`. */
export function grePacket(source: string, destination: string): Packet {
  return { src: ipToNumber(source), dst: ipToNumber(destination), proto: GRE_PROTOCOL, sport: 0, dport: 0 };
}

/** True for a GRE tunnel (`tunnel mode gre ip`, the default). */
export function isGreTunnel(tunnel: InterfaceConfig): boolean {
  return isTunnelInterface(tunnel) && tunnelMode(tunnel) === 'gre ip';
}

/** `keepalive [N [R]]` on a tunnel interface, as the interface's extra lines hold it. */
export function greKeepalive(tunnel: InterfaceConfig): string | undefined {
  return tunnel.extraLines.find((l) => /^keepalive(\s|$)/.test(l));
}

/** Where a router sends the GRE packets of a tunnel: the route to the destination and its exit. */
export type GreUnderlay =
  | { readonly ok: true; readonly route: Route; readonly exit: InterfaceConfig }
  /** No route (or a discard route): the tunnel is down, `route-install.ts` already said so. */
  | { readonly ok: false; readonly why: 'unroutable' }
  /** The route leads into a tunnel (tunnel in tunnel): not followed. */
  | { readonly ok: false; readonly why: 'into-tunnel' };

/** The route and exit interface of the GRE packets to `destination`. */
export function greUnderlay(config: RouterConfig, destination: string): GreUnderlay {
  const route = routingTable(config).lookup(ipToNumber(destination));
  if (!route || route.discard !== undefined) return { ok: false, why: 'unroutable' };
  const exit = config.interfaces.find((i) => i.name === route.exitInterface);
  if (!exit) return { ok: false, why: 'unroutable' };
  if (isTunnelInterface(exit)) return { ok: false, why: 'into-tunnel' };
  return { ok: true, route, exit };
}

/** Why the rule does not decide a protected GRE pair. */
export type GreUnmodelled =
  | 'profile-undefined'
  | 'no-transform-set'
  | 'transform-set-undefined'
  /** The two profiles offer different modes (tunnel against transport, or `transport require`). */
  | 'mode-mismatch'
  | 'pfs'
  | 'legacy-transform'
  | 'isakmp-profiles'
  /** IKEv2 tunnel protection the IKEv2 tunnel rule does not decide (`tunnel-ikev2.ts`). */
  | VtiIkev2Unmodelled
  | 'filters-or-nat'
  | 'profile-lines'
  | 'main-mode-undecided'
  /** Cisco Document 64565: GRE keepalives are not supported with tunnel protection. */
  | 'keepalive'
  /** The route to the other end leads into a tunnel or out of a crypto-map interface. */
  | 'underlay'
  /** A crypto map of an end names the other end's address too, or two tunnels join the same addresses. */
  | 'shared-peer';

/** What the two ends of a protected GRE pair negotiate. */
export type GreOutcome =
  /** `exitA`/`exitB`: the interfaces each end sends its ESP out of. */
  | {
      readonly ok: true;
      readonly exitA: InterfaceConfig;
      readonly exitB: InterfaceConfig;
      readonly mode: GreSaMode;
      /** The transform set `a` offers that `b` accepts (the SA's transforms when `a` initiates). */
      readonly offeredA: TransformSet;
      /** For IKEv2 tunnel protection, the exchanges with `a`, then `b`, initiating. */
      readonly ikev2?: readonly Ikev2Exchange[];
    }
  | { readonly ok: false; readonly kind: 'unmodelled'; readonly reason: GreUnmodelled; readonly end: 'a' | 'b' }
  /** IKEv2 tunnel protection fails (`tunnel-ikev2.ts`). */
  | Exclude<VtiIkev2Pair, { readonly ok: true } | { readonly kind: 'unmodelled' }>
  | ProtectionExchangeFailure;

/** The encapsulation the SA of a protected GRE pair uses. */
export type GreSaMode = 'tunnel' | 'transport';

/** The sets of a profile with their common mode, or why the rule does not decide them. */
function profileSets(
  config: RouterConfig,
  tunnel: InterfaceConfig,
): { sets: TransformSet[]; mode: string; profile: IpsecProfile } | GreUnmodelled {
  const r = protectionSets<never>(config, tunnel);
  if (typeof r === 'string') return r;
  const modes = new Set(r.sets.map((set) => set.mode ?? 'tunnel'));
  if (modes.size > 1) return 'mode-mismatch';
  return { sets: r.sets, mode: [...modes][0]!, profile: r.profile };
}

/** The PFS group a profile asks for (1 for a bare `set pfs`), 0 without PFS. */
function pfsGroup(profile: IpsecProfile): number {
  return profile.pfs?.group ?? (profile.pfs ? 1 : 0);
}

/** The checks of both ends before the exchanges, or why the rule does not decide the pair. */
function bothEnds(
  a: VtiEnd,
  b: VtiEnd,
):
  | { setsA: TransformSet[]; setsB: TransformSet[]; mode: GreSaMode; version: 1 | 2 }
  | Extract<GreOutcome, { kind: 'unmodelled' }> {
  const unmodelled = (reason: GreUnmodelled, end: 'a' | 'b') =>
    ({ ok: false, kind: 'unmodelled', reason, end }) as const;
  for (const [end, x] of [['a', a] as const, ['b', b] as const])
    if (greKeepalive(x.tunnel) !== undefined) return unmodelled('keepalive', end);
  const pa = profileSets(a.config, a.tunnel);
  if (typeof pa === 'string') return unmodelled(pa, 'a');
  const pb = profileSets(b.config, b.tunnel);
  if (typeof pb === 'string') return unmodelled(pb, 'b');
  for (const [end, c] of [['a', a.config] as const, ['b', b.config] as const])
    if (hasInterfaceFilters(c) || hasNat(c)) return unmodelled('filters-or-nat', end);
  for (const [end, x, y] of [['a', a, b] as const, ['b', b, a] as const])
    if (sharesPeer(x, y.address)) return unmodelled('shared-peer', end);
  if (pa.mode !== pb.mode) return unmodelled('mode-mismatch', 'a');
  const version = profileIkeVersion(pa.profile);
  if (version !== profileIkeVersion(pb.profile)) return unmodelled('ike-version-mixed', 'a');
  // PFS with IKEv1: the same setting on both sides; with IKEv2 the tunnel rule decides it.
  if (version === 1 && pfsGroup(pa.profile) !== pfsGroup(pb.profile)) return unmodelled('pfs', 'a');
  return { setsA: pa.sets, setsB: pb.sets, mode: pa.mode === 'tunnel' ? 'tunnel' : 'transport', version };
}

/**
 * Negotiates the IPsec SA of a GRE pair protected by tunnel protection on both ends, with each end
 * as initiator (traffic routed into either tunnel brings the SA up).
 */
export function negotiateProtectedGre(a: VtiEnd, b: VtiEnd, options: VtiOptions = {}): GreOutcome {
  const ends = bothEnds(a, b);
  if ('ok' in ends) return ends;
  const x = protectionExchanges(a, b, ends, options);
  if (!x.ok) return x;
  const { exitA, exitB, offeredA, ikev2 } = x;
  return { ok: true, exitA, exitB, mode: ends.mode, offeredA, ...(ikev2 ? { ikev2 } : {}) };
}

/** Why the rules do not follow a GRE tunnel whatever protects it. */
export type GreUnfollowed =
  /** An access list on a tunnel interface (`ip access-group` on the tunnel) filters the inner traffic. */
  | 'tunnel-filters'
  /** A crypto map on a tunnel interface (the pre-12.2(13)T design) would see the inner traffic. */
  | 'tunnel-crypto-map'
  /** NAT on an end: what it does to the GRE and the inner traffic is not followed. */
  | 'nat';

/** Why a GRE pair is not followed whatever protects it, or undefined. */
export function greUnfollowed(a: VtiEnd, b: VtiEnd): GreUnfollowed | undefined {
  const filtered = (t: InterfaceConfig) => t.accessGroupIn !== undefined || t.accessGroupOut !== undefined;
  if (filtered(a.tunnel) || filtered(b.tunnel)) return 'tunnel-filters';
  if (a.tunnel.cryptoMap !== undefined || b.tunnel.cryptoMap !== undefined) return 'tunnel-crypto-map';
  if (hasNat(a.config) || hasNat(b.config)) return 'nat';
  return undefined;
}

/**
 * The encapsulation of an IPsec SA (Cisco IOS Security Command Reference, `mode (IPsec)`):
 * transport when the transform set asks for it (`mode transport [require]`) and the SA's traffic is
 * exactly the two peers' own addresses, as GRE between the tunnel endpoints is; tunnel otherwise.
 * Presentation only (`show crypto ipsec sa`): the mode decides the overhead, not coverage.
 */
export function saEncapsulation(
  setMode: TransformSetMode | undefined,
  proxy: readonly HeaderBox[],
  local: string,
  peer: string,
): GreSaMode {
  if (setMode === undefined || setMode === 'tunnel' || proxy.length !== 1) return 'tunnel';
  const [box] = proxy;
  const l = ipToNumber(local);
  const p = ipToNumber(peer);
  const host = (r: readonly [number, number], n: number) => r[0] === n && r[1] === n;
  return host(box!.src, l) && host(box!.dst, p) ? 'transport' : 'tunnel';
}
