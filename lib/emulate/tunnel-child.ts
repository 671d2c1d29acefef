/**
 * The IPsec SA pair of a protected tunnel (static VTI or GRE with tunnel protection), negotiated and
 * narrated as IOS tells it (docs/emulator.md#static-vtis, docs/ios-semantics.md#static-vti-negotiation,
 * #gre-over-ipsec): the first packet routed into the tunnel asks IKE for an SA (`IPSEC(sa_request)`),
 * phase 1 runs between the tunnel addresses unless both ends hold it (main mode, `main-mode.ts`, or
 * IKE_SA_INIT and IKE_AUTH, `ikev2-initial.ts`), then the child SA: quick mode (IKEv1,
 * `quick-mode-text.ts`, the crypto maps' narration) or the IKE_AUTH response / CREATE_CHILD_SA
 * (IKEv2, `ikev2-debug.ts`). The proxies are the ones IOS builds for the tunnel
 * (docs/ios-semantics.md#tunnel-proxies): IP any any
 * (`0.0.0.0/0.0.0.0/0/0`) both ways for a static VTI, GRE between the two tunnel addresses
 * (`A/255.255.255.255/47/0`) for GRE. What is negotiated was decided by the rules before this runs
 * (`negotiateVti`, `negotiateProtectedGre`); this file records and narrates it.
 */
import type { AddressMatch, InterfaceConfig, IpsecProfile } from '../ir/router-config.js';
import { IPSEC_SA_LIFETIME_DEFAULTS } from '../ir/ike-vocabulary.js';
import { greBox } from '../rules/gre-ipsec.js';
import { ALL_HEADERS, mirrorBox, type HeaderBox } from '../rules/header-space.js';
import { pfsOffer } from '../rules/ike-phase2.js';
import type { EffectiveTransformSet } from '../rules/platform-defaults.js';
import { profileIkeVersion } from '../rules/tunnel-ikev2.js';
import { protectionSets, underlayExit } from '../rules/tunnel-ipsec.js';
import { saRequestText, type KeyEngineMessage } from './ike-text.js';
import { ikev2Initial } from './ikev2-initial.js';
import { narrateChild, withoutIsakmpDebug } from './ikev2-debug.js';
import { mainMode } from './main-mode.js';
import * as quickMode from './quick-mode-text.js';
import type { IkeSa, Ikev2Sa, IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

/** One end of a protected tunnel pair: the router, its tunnel and the tunnel's source address. */
export interface TunnelSaEnd {
  readonly device: DeviceCore;
  readonly tunnel: InterfaceConfig;
  readonly address: string;
}

/** The kind of protected tunnel, which decides the proxies. */
export type TunnelKind = 'vti' | 'gre';

/** The ident of a VTI SA: IP any any (`0.0.0.0/0.0.0.0/0/0`). */
export const VTI_IDENT = '0.0.0.0/0.0.0.0/0/0';

/** `A/255.255.255.255/47/0`: a GRE proxy of one address as IOS prints it. */
export function greIdent(address: string): string {
  return `${address}/255.255.255.255/47/0`;
}

/** The name IOS gives the crypto map behind a tunnel's protection (`Tunnel1-head-0`). */
export function vtiMapName(tunnel: string): string {
  return `${tunnel}-head-0`;
}

/** The sequence number IOS shows for that map's entry. */
export const VTI_MAP_SEQ = 65536;

/** The proxies of one end (`local`) towards the other, as the SA and the key engine name them. */
interface Proxies {
  readonly box: HeaderBox;
  readonly local: { readonly match: AddressMatch; readonly ident: string };
  readonly remote: { readonly match: AddressMatch; readonly ident: string };
}

function proxiesOf(kind: TunnelKind, local: string, remote: string): Proxies {
  if (kind === 'vti') {
    const any = { match: { kind: 'any' } as const, ident: VTI_IDENT };
    return { box: ALL_HEADERS, local: any, remote: any };
  }
  return {
    box: greBox(local, remote),
    local: { match: { kind: 'host', address: local }, ident: greIdent(local) },
    remote: { match: { kind: 'host', address: remote }, ident: greIdent(remote) },
  };
}

/** `a`'s request for an SA towards `b` (`IPSEC(sa_request)`, logged), offering `offered` with its profile's lifetimes. */
function saRequest(
  a: TunnelSaEnd,
  b: TunnelSaEnd,
  mine: Proxies,
  offered: EffectiveTransformSet,
  pa: IpsecProfile,
): KeyEngineMessage {
  const msg: KeyEngineMessage = {
    direction: 'OUTBOUND',
    local: a.address,
    remote: b.address,
    localProxy: mine.local,
    remoteProxy: mine.remote,
    transform: offered,
    lifeSeconds: pa.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds,
    lifeKilobytes: pa.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes,
  };
  a.device.log('ipsec', () => saRequestText(msg));
  return msg;
}

/** The phase 1 SAs the child rides on (`fresh`: IKEv2 brought up now, so the child is in IKE_AUTH). */
type Phase1 =
  | { readonly v2: false; readonly ike: IkeSa; readonly respIke: IkeSa }
  | { readonly v2: true; readonly ike: Ikev2Sa; readonly respIke: Ikev2Sa; readonly fresh: boolean };

/**
 * Phase 1 between the tunnel addresses, `a` initiating, unless both ends already hold it. No crypto
 * map entry: the rules leave ISAKMP profiles on a tunnel pair undecided, and the IKEv2 profile is
 * the one the IPsec profile names (docs/ios-semantics.md#static-vti-with-ikev2).
 */
function phase1(f: Fabric, a: TunnelSaEnd, b: TunnelSaEnd, pa: IpsecProfile): Phase1 | undefined {
  const [dev, far] = [a.device, b.device];
  if (profileIkeVersion(pa) === 2) {
    const [ike, respIke] = [dev.sadb.findIkev2(a.address, b.address), far.sadb.findIkev2(b.address, a.address)];
    if (ike && respIke) return { v2: true, ike, respIke, fresh: false };
    const entry = { ikev2Profile: pa.ikev2Profile };
    const x = ikev2Initial(
      dev,
      a.tunnel,
      a.address,
      b.address,
      far,
      b.tunnel,
      a.address,
      b.address,
      entry,
      f.clock.now,
    );
    return x.ok ? { v2: true, ike: x.ike, respIke: x.respIke, fresh: true } : undefined;
  }
  const [ike, respIke] = [dev.sadb.findIke(a.address, b.address), far.sadb.findIke(b.address, a.address)];
  if (ike && respIke) return { v2: false, ike, respIke };
  const x = mainMode(f, dev, a.tunnel, a.address, b.address, { responder: far, respIface: b.tunnel }, undefined);
  return x.ok ? { v2: false, ike: x.ike, respIke: x.respIke } : undefined;
}

/** The transform sets of the pair when `a` initiates: the one it offers and the one `b` accepts it with. */
export interface TunnelChoice {
  readonly offered: EffectiveTransformSet;
  readonly accepted: EffectiveTransformSet;
}

/**
 * Negotiates a new SA pair of the tunnel pair, `a` initiating, files it on both ends under their
 * tunnels (map `Tunnel1-head-0`, sequence 65536) and returns `a`'s half; undefined when phase 1
 * fails (the rule said it would not).
 */
export function negotiateTunnelSa(
  f: Fabric,
  kind: TunnelKind,
  a: TunnelSaEnd,
  b: TunnelSaEnd,
  choice: TunnelChoice,
  profiles: readonly [IpsecProfile, IpsecProfile | undefined],
): IpsecSaPair | undefined {
  const [pa, pb] = profiles;
  const { seconds, kilobytes } = IPSEC_SA_LIFETIME_DEFAULTS;
  const mine = proxiesOf(kind, a.address, b.address);
  const msg = saRequest(a, b, mine, choice.offered, pa);
  const p1 = phase1(f, a, b, pa);
  if (!p1) return undefined;
  // docs/ios-semantics.md#sa-lifetimes-and-rekey: IKEv1 quick mode agrees on the lower lifetimes and
  // both ends hold them; IKEv2 does not negotiate them, each end keeps its own.
  const agreed = (own: number | undefined, other: number | undefined, dflt: number) =>
    p1.v2 ? (own ?? dflt) : Math.min(own ?? dflt, other ?? dflt);
  const life = (own: IpsecProfile | undefined, other: IpsecProfile | undefined) => ({
    lifetimeSeconds: agreed(own?.saLifetimeSeconds, other?.saLifetimeSeconds, seconds),
    lifetimeKilobytes: agreed(own?.saLifetimeKilobytes, other?.saLifetimeKilobytes, kilobytes),
  });
  const pfs = pfsOffer(pa.pfs);
  const inA = a.device.sadb.allocateSpi();
  const inB = b.device.sadb.allocateSpi();
  const half = (e: TunnelSaEnd, peer: TunnelSaEnd, own: typeof pa | undefined, other: typeof pa | undefined) => {
    const p = e === a ? mine : proxiesOf(kind, e.address, peer.address);
    const [inSpi, outSpi] = e === a ? [inA, inB] : [inB, inA];
    const sa: IpsecSaPair = {
      interface: e.tunnel.name,
      mapName: vtiMapName(e.tunnel.name),
      seq: VTI_MAP_SEQ,
      local: e.address,
      peer: peer.address,
      proxy: [e === a ? p.box : mirrorBox(mine.box)],
      localIdent: p.local.ident,
      remoteIdent: p.remote.ident,
      transformSet: e === a ? choice.offered : choice.accepted,
      ...(pfs !== undefined ? { pfsGroup: pfs } : {}),
      ...life(own, other),
      inbound: { spi: inSpi, connId: e.device.sadb.allocateIpsecConnId() },
      outbound: { spi: outSpi, connId: e.device.sadb.allocateIpsecConnId() },
      createdAt: f.clock.now,
      encrypted: 0,
      decrypted: 0,
      bytesIn: 0,
      bytesOut: 0,
    };
    return sa;
  };
  const respSa = half(b, a, pb, pa);
  const initSa = half(a, b, pa, pb);
  const transport = quickMode.offersTransport(a.device.config, choice.offered, [mine.box], a.address, b.address);
  narrate(f, p1, [a.device, b.device], { msg, transport, pfs }, [initSa, respSa]);
  return initSa;
}

/**
 * The child SA's story on both consoles (quick mode for IKEv1, the IKEv2 exchange that carries it
 * otherwise), each half filed on its router as the story reaches it.
 */
function narrate(
  f: Fabric,
  p1: Phase1,
  [dev, far]: readonly [DeviceCore, DeviceCore],
  offer: { readonly msg: KeyEngineMessage; readonly transport: boolean; readonly pfs: number | undefined },
  [initSa, respSa]: readonly [IpsecSaPair, IpsecSaPair],
): void {
  const { msg, transport, pfs } = offer;
  // IKEv2 has no quick mode: the same key-engine and create_sa lines, no `debug crypto isakmp` ones.
  const [init, resp] = p1.v2 ? [withoutIsakmpDebug(dev), withoutIsakmpDebug(far)] : [dev, far];
  const sides = quickModeSides(f, p1, init, resp, msg);
  const proposal = proposalOf(msg, transport, pfs);
  quickMode.narrateQuickModeOffer(sides, proposal);
  const net = (m: AddressMatch) => (m.kind === 'host' ? m.address : '0.0.0.0');
  const [l, r] = [net(msg.localProxy.match), net(msg.remoteProxy.match)];
  const inbound = inboundOf(msg);
  quickMode.narrateQuickModeAccept(sides, inbound, quickMode.createdSa(respSa, r, l));
  far.sadb.addIpsec(respSa);
  const agreed = { ...proposal, lifeSeconds: initSa.lifetimeSeconds, lifeKilobytes: initSa.lifetimeKilobytes };
  quickMode.narrateQuickModeComplete(
    sides,
    agreed,
    { ...msg, direction: 'INBOUND' },
    quickMode.createdSa(initSa, l, r),
  );
  dev.sadb.addIpsec(initSa);
  if (p1.v2) narrateChild({ dev, sa: p1.ike }, { dev: far, sa: p1.respIke }, p1.fresh, 'ok');
}

/** The quick mode's sides: the phase 1 SAs' connection ids (IKEv2: the session ids), a new message id. */
function quickModeSides(f: Fabric, p1: Phase1, init: DeviceCore, resp: DeviceCore, msg: KeyEngineMessage) {
  const conn = (sa: IkeSa | Ikev2Sa) => ('connId' in sa ? sa.connId : sa.tunnelId);
  const mid = quickMode.nextQuickModeId(f);
  return { init, resp, c: conn(p1.ike), rc: conn(p1.respIke), mid, peerAddr: msg.remote, initSeen: msg.local };
}

/** The proposal of a request as quick mode's `transform 1` carries it. */
function proposalOf(msg: KeyEngineMessage, transport: boolean, pfs: number | undefined): quickMode.QuickModeProposal {
  const p = { transform: msg.transform, lifeSeconds: msg.lifeSeconds, lifeKilobytes: msg.lifeKilobytes, transport };
  return pfs !== undefined ? { ...p, pfsGroup: pfs } : p;
}

/** The request as the responder's key engine sees it. */
function inboundOf(msg: KeyEngineMessage): KeyEngineMessage {
  const swapped = { local: msg.remote, remote: msg.local, localProxy: msg.remoteProxy, remoteProxy: msg.localProxy };
  return { ...msg, direction: 'INBOUND', ...swapped };
}

/** How the rule refused a protected tunnel pair (`negotiateVti`, `negotiateProtectedGre`). */
export interface TunnelRefusal {
  readonly kind: string;
  /** The end that initiated when it failed. @default - not an exchange failure */
  readonly initiator?: 'a' | 'b';
}

/**
 * A pair the rule refuses with `a` the initiator that fails, told as IOS runs it up to the refusal:
 * `IPSEC(sa_request)`, then main mode or IKE_SA_INIT / IKE_AUTH failing (`main-mode.ts`,
 * `ikev2-initial.ts`, which record what the failure leaves), or, once phase 1 is up, the child
 * refused: quick mode answered with PROPOSAL_NOT_CHOSEN, or the IKE_AUTH / CREATE_CHILD_SA response
 * carrying NO_PROPOSAL_CHOSEN. A refusal only the other end meets as initiator, and a PFS mismatch
 * IKEv2 meets only at the first rekey, are not told: this end's own attempt would not fail.
 */
export function narrateTunnelRefusal(
  f: Fabric,
  kind: TunnelKind,
  a: TunnelSaEnd,
  b: TunnelSaEnd,
  why: TunnelRefusal,
): void {
  if (why.initiator !== 'a' || !['main-mode', 'ikev2', 'transform-mismatch'].includes(why.kind)) return;
  // IKE between the tunnel addresses goes where ESP would: nothing is told when it cannot get there.
  const [exitA, exitB] = [underlayExit(a.device.config, b.address), underlayExit(b.device.config, a.address)];
  if (!exitA || !exitB || !f.underlay.areNeighbours(a.device.hostname, exitA.name, b.device.hostname, exitB.name))
    return;
  const own = protectionSets(a.device.config, a.tunnel);
  if (typeof own === 'string') return;
  const first = own.sets[0]!;
  const offered = { name: first.name, transforms: first.transforms, builtIn: false };
  const mine = proxiesOf(kind, a.address, b.address);
  const msg = saRequest(a, b, mine, offered, own.profile);
  const p1 = phase1(f, a, b, own.profile);
  if (!p1 || why.kind !== 'transform-mismatch') return;
  const [dev, far] = [a.device, b.device];
  const [init, resp] = p1.v2 ? [withoutIsakmpDebug(dev), withoutIsakmpDebug(far)] : [dev, far];
  const sides = quickModeSides(f, p1, init, resp, msg);
  const transport = quickMode.offersTransport(dev.config, offered, [mine.box], a.address, b.address);
  quickMode.narrateQuickModeOffer(sides, proposalOf(msg, transport, pfsOffer(own.profile.pfs)));
  quickMode.narrateQuickModeRefusal(sides, inboundOf(msg), [quickMode.TRANSFORM_NOT_SUPPORTED]);
  if (p1.v2) narrateChild({ dev, sa: p1.ike }, { dev: far, sa: p1.respIke }, p1.fresh, 'no-proposal-chosen');
}
