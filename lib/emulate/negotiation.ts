/**
 * On-demand IKEv1 negotiation between two emulated routers: main mode (phase 1) and quick mode
 * (phase 2), decided by `lib/rules/` and narrated in IOS words on both consoles.
 *
 * Triggered by the first packet an entry owns with no SA (IOS: `IPSEC(sa_request)`). The peers of
 * `set peer` are tried in order while one does not answer, by the rule of `lib/rules/peers.ts`
 * (docs/ios-semantics.md#peers); a peer that answers with a refusal ends the attempt: IOS never
 * falls through to a later entry or to clear text.
 */
import type { CryptoMap, InterfaceConfig } from '../ir/router-config.js';
import { addressMaskText } from '../ir/acl-text.js';
import type { EgressOwner } from '../rules/crypto-map.js';
import { cryptoMapOf } from '../rules/crypto-map.js';
import { mirrorBox } from '../rules/header-space.js';
import { ikePathBreak } from '../rules/ike-path.js';
import { cryptoLocalAddress } from '../rules/crypto-local-address.js';
import { IPSEC_SA_LIFETIME_DEFAULTS } from '../ir/ike-vocabulary.js';
import { negotiatePhase2, offeredPfsGroup, type Phase2Result } from '../rules/ike-phase2.js';
import { peerResponse, selectPeer, type MainModeStep, type PeerResponse } from '../rules/peers.js';
import { ikeBlockedBy } from '../rules/interface-acl.js';
import { natTraversal } from '../rules/nat-traversal.js';
import { identText, saRequestText, type KeyEngineMessage } from './ike-text.js';
import {
  createdSa,
  narrateQuickModeAccept,
  narrateQuickModeComplete,
  narrateQuickModeOffer,
  narrateQuickModeRefusal,
  nextQuickModeId,
  offersTransport,
  TRANSFORM_NOT_SUPPORTED,
  type QuickModeSides,
} from './quick-mode-text.js';
import { ipToNumber } from '../ir/ipv4.js';
import type { IkeSa, IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';
import { mainMode, responderView, type Path } from './main-mode.js';
import { ikev2Unanswered, mainModeUnanswered, type AnswerLost } from './ike-unanswered.js';
import { peersToTry } from './dpd-timers.js';
import { initiatesIkev2 } from '../rules/ikev2-exchange.js';
import { ikev2Initial, type Ikev2Failure } from './ikev2-initial.js';
import { childOutcome, narrateChild, withoutIsakmpDebug } from './ikev2-debug.js';

/** Why a negotiation failed. */
export type NegotiationFailure =
  | 'peer-unreachable'
  | 'no-key-local'
  | 'no-key-remote'
  | 'key-mismatch'
  | 'phase1-policy'
  | 'phase1-lifetime'
  | 'phase1-authentication'
  | 'phase1-legacy'
  | 'no-crypto-map-on-peer'
  | 'no-entry-for-peer'
  | 'proxy-not-supported'
  | 'isakmp-profile-mismatch'
  | 'transform-not-supported'
  | 'pfs-mismatch'
  | 'phase2-legacy'
  | Ikev2Failure;

/** Outcome of {@link establishSa}. */
export type EstablishResult =
  | { readonly ok: true; readonly sa: IpsecSaPair; readonly peer: string }
  | { readonly ok: false; readonly reason: NegotiationFailure; readonly peer?: string };

/** Where IKE gets: a path to the responder, or none (with the responder when only its answer is lost). */
interface IkeReach {
  readonly path?: Path;
  readonly lost?: AnswerLost;
}

/**
 * The responder that owns `peerAddr`, when the IKE path rule (`lib/rules/ike-path.ts`) lets IKE
 * reach it along the paths this emulator's packets take, and UDP 500 passes both sides' inbound
 * interface lists (the routers' own IKE packets meet no outbound list:
 * docs/ios-semantics.md#interface-access-lists).
 */
function ikePath(f: Fabric, dev: DeviceCore, iface: InterfaceConfig, peerAddr: string): IkeReach {
  const local = cryptoLocalAddress(dev.config, iface);
  const owner = f.ownerOf(ipToNumber(peerAddr), local);
  if (!owner) return {};
  const adjacent = f.underlay.areNeighbours(dev.hostname, iface.name, owner.core.hostname, owner.iface.name);
  const peer = { config: owner.core.config, iface: owner.iface };
  // docs/ios-semantics.md#nat-traversal: behind NAT a side is seen, and answered, at its public address.
  const initSeen = local === undefined ? undefined : f.seenAs(dev.hostname, local);
  const respLocal = owner.nat?.inside ?? peerAddr;
  const translated = (initSeen !== undefined && initSeen !== local) || owner.nat !== undefined;
  const broken = ikePathBreak({ config: dev.config, iface }, peerAddr, peer, adjacent, 'hashed', initSeen);
  // docs/ios-semantics.md#ike-states-after-a-failure: MM1 arrived, the answer cannot come back.
  if (broken)
    return broken.side === 'peer' && !translated ? { lost: { responder: owner.core, respIface: owner.iface } } : {};
  const traversal = natTraversal(dev.config, owner.core.config, translated);
  const between = translated
    ? {
        aSeen: ipToNumber(initSeen ?? local!),
        bOwn: ipToNumber(respLocal),
        traversal: traversal.kind === 'udp-encapsulation',
      }
    : undefined;
  if (
    local &&
    ikeBlockedBy(dev.config, iface, ipToNumber(local), owner.core.config, owner.iface, ipToNumber(peerAddr), between)
  )
    return {};
  return {
    path: {
      responder: owner.core,
      respIface: owner.iface,
      ...(translated ? { nat: { initSeen: initSeen ?? local!, respLocal, traversal } } : {}),
    },
  };
}

/**
 * Negotiates (or fails to) the SA an egress packet needs, with the first `set peer` address that
 * answers (`lib/rules/peers.ts`, docs/ios-semantics.md#peers).
 */
export function establishSa(
  f: Fabric,
  dev: DeviceCore,
  iface: InterfaceConfig,
  map: CryptoMap,
  owner: EgressOwner,
): EstablishResult {
  const localAddr = cryptoLocalAddress(dev.config, iface);
  if (!localAddr) return { ok: false, reason: 'peer-unreachable' };
  const rule = owner.line.rule;
  const offered = owner.entry.transformSets[0]!;
  const lifeS = owner.entry.entry.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds;
  const lifeK = owner.entry.entry.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes;
  const localProxy = { match: rule.source, ident: identText(rule.source, rule, 'source') };
  const remoteProxy = { match: rule.destination, ident: identText(rule.destination, rule, 'destination') };
  let last: EstablishResult = { ok: false, reason: 'peer-unreachable' };
  // docs/ios-semantics.md#dead-peer-detection: after DPD declared a peer dead, the next listed one comes first.
  const order = peersToTry(dev, mapNameOf(dev, iface), owner.entry.entry.seq, owner.entry.entry.peers);
  selectPeer(order, (peerAddr): PeerResponse => {
    const msg: KeyEngineMessage = {
      direction: 'OUTBOUND',
      local: localAddr,
      remote: peerAddr,
      localProxy,
      remoteProxy,
      transform: offered,
      lifeSeconds: lifeS,
      lifeKilobytes: lifeK,
    };
    dev.log('ipsec', () => saRequestText(msg));
    const { path, lost } = ikePath(f, dev, iface, peerAddr);
    if (!path) {
      if (initiatesIkev2(owner.entry.entry)) ikev2Unanswered(dev, localAddr, peerAddr, owner.entry.entry);
      else mainModeUnanswered(f, dev, localAddr, peerAddr, owner.entry.entry, lost);
      last = { ok: false, reason: 'peer-unreachable', peer: peerAddr };
      return { answers: false, why: f.ownerOf(ipToNumber(peerAddr)) ? 'unreachable' : 'no-owner' };
    }
    const result = negotiateWith(f, dev, iface, localAddr, peerAddr, path, owner, msg);
    last = result.result;
    return result.step === undefined ? { answers: true } : peerResponse(result.step);
  });
  return last;
}

/** A negotiation's result, with the main mode step where it stopped (undefined: after main mode). */
interface Attempt {
  readonly result: EstablishResult;
  readonly step?: MainModeStep;
}

function negotiateWith(
  f: Fabric,
  dev: DeviceCore,
  iface: InterfaceConfig,
  localAddr: string,
  peerAddr: string,
  path: Path,
  owner: EgressOwner,
  msg: KeyEngineMessage,
): Attempt {
  const [initSeen, respLocal] = responderView(path, localAddr, peerAddr);
  if (initiatesIkev2(owner.entry.entry)) {
    // docs/ios-semantics.md#ikev2: a reachable IKEv2 peer answers, so the attempt stays with it.
    let v2 = dev.sadb.findIkev2(localAddr, peerAddr);
    let rv2 = path.responder.sadb.findIkev2(respLocal, initSeen);
    const fresh = !v2 || !rv2;
    if (!v2 || !rv2) {
      const x = ikev2Initial(
        dev,
        iface,
        localAddr,
        peerAddr,
        path.responder,
        path.respIface,
        initSeen,
        respLocal,
        owner.entry.entry,
        f.clock.now,
      );
      if (!x.ok) return { result: { ok: false, reason: x.reason, peer: peerAddr } };
      [v2, rv2] = [x.ike, x.respIke];
    }
    const ids = { connId: v2.tunnelId };
    // The child SA: the phase 2 rules decide, ikev2-debug.ts narrates (IKE_AUTH or CREATE_CHILD_SA).
    const quietPath = { ...path, responder: withoutIsakmpDebug(path.responder) };
    const respIds = { connId: rv2.tunnelId, profile: rv2.profile };
    const child = quickMode(
      f,
      withoutIsakmpDebug(dev),
      iface,
      localAddr,
      peerAddr,
      quietPath,
      owner,
      msg,
      ids,
      respIds,
      true,
    );
    narrateChild({ dev, sa: v2 }, { dev: path.responder, sa: rv2 }, fresh, childOutcome(child));
    return { result: child };
  }
  let ike = dev.sadb.findIke(localAddr, peerAddr);
  let respIke = path.responder.sadb.findIke(respLocal, initSeen);
  if (!ike || !respIke) {
    const phase1 = mainMode(f, dev, iface, localAddr, peerAddr, path, owner.entry.entry);
    if (!phase1.ok) return { result: { ok: false, reason: phase1.reason, peer: peerAddr }, step: phase1.step };
    [ike, respIke] = [phase1.ike, phase1.respIke];
  }
  return { result: quickMode(f, dev, iface, localAddr, peerAddr, path, owner, msg, ike, respIke) };
}

function quickMode(
  f: Fabric,
  dev: DeviceCore,
  iface: InterfaceConfig,
  localAddr: string,
  peerAddr: string,
  path: Path,
  owner: EgressOwner,
  msg: KeyEngineMessage,
  ike: Pick<IkeSa, 'connId'>,
  respIke: Pick<IkeSa, 'connId' | 'profile'>,
  v2 = false,
): EstablishResult {
  const resp = path.responder;
  // Behind NAT the responder sees the initiator as its public address (docs/ios-semantics.md#nat-traversal).
  const [initSeen, respLocal] = responderView(path, localAddr, peerAddr);
  const encaps = path.nat
    ? ({ natTraversal: path.nat.traversal.kind === 'disabled' ? 'disabled' : 'udp-encapsulation' } as const)
    : {};
  const fail = (reason: NegotiationFailure): EstablishResult => ({ ok: false, reason, peer: peerAddr });
  const sides: QuickModeSides = {
    init: dev,
    resp,
    c: ike.connId,
    rc: respIke.connId,
    mid: nextQuickModeId(f),
    peerAddr,
    initSeen,
  };
  const pfsOffer = offeredPfsGroup(owner.entry);
  const transport = offersTransport(dev.config, msg.transform, owner.line.boxes, localAddr, peerAddr);
  const offer = { transform: msg.transform, lifeSeconds: msg.lifeSeconds, lifeKilobytes: msg.lifeKilobytes, transport };
  narrateQuickModeOffer(sides, pfsOffer !== undefined ? { ...offer, pfsGroup: pfsOffer } : offer);
  const inbound: KeyEngineMessage = {
    ...msg,
    direction: 'INBOUND',
    local: respLocal,
    remote: initSeen,
    localProxy: msg.remoteProxy,
    remoteProxy: msg.localProxy,
  };
  const rejectPhase2 = (lines: string[], reason: NegotiationFailure): EstablishResult => {
    narrateQuickModeRefusal(sides, inbound, lines);
    return fail(reason);
  };
  const respMap = cryptoMapOf(resp.config, path.respIface.name);
  if (!respMap)
    return rejectPhase2([`IPSEC(validate_proposal): invalid local address ${respLocal}`], 'no-crypto-map-on-peer');
  const p2 = negotiatePhase2(
    { initiator: dev.config, entry: owner.entry, line: owner.line, initiatorAddress: initSeen },
    resp.config,
    respMap,
    {
      exactProxyMatch: f.options.exactProxyMatch ?? false,
      ikeProfile: respIke.profile !== undefined ? { name: respIke.profile } : {},
      ikeVersion: v2 ? 2 : 1,
    },
  );
  if (!p2.ok) {
    const { line, reason } = phase2Rejection(p2, initSeen);
    return rejectPhase2([line], reason);
  }

  const now = f.clock.now;
  const initInSpi = dev.sadb.allocateSpi();
  const respInSpi = resp.sadb.allocateSpi();
  const net = (m: typeof msg.localProxy.match) => addressMaskText(m).split('/')[0]!;
  const common = {
    lifetimeSeconds: p2.lifetimeSeconds,
    lifetimeKilobytes: p2.lifetimeKilobytes,
    createdAt: now,
    ...(p2.pfsGroup !== undefined ? { pfsGroup: p2.pfsGroup } : {}),
  };
  const respSa: IpsecSaPair = {
    interface: path.respIface.name,
    mapName: respMap.name,
    seq: p2.responderEntry.entry.seq,
    ...encaps,
    local: respLocal,
    peer: initSeen,
    proxy: owner.line.boxes.map(mirrorBox),
    localIdent: msg.remoteProxy.ident,
    remoteIdent: msg.localProxy.ident,
    transformSet: p2.transformSet,
    ...common,
    inbound: { spi: respInSpi, connId: resp.sadb.allocateIpsecConnId() },
    outbound: { spi: initInSpi, connId: resp.sadb.allocateIpsecConnId() },
    encrypted: 0,
    decrypted: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  const initSa: IpsecSaPair = {
    interface: iface.name,
    mapName: mapNameOf(dev, iface),
    seq: owner.entry.entry.seq,
    ...encaps,
    local: localAddr,
    peer: peerAddr,
    proxy: owner.line.boxes,
    localIdent: msg.localProxy.ident,
    remoteIdent: msg.remoteProxy.ident,
    transformSet: p2.offeredTransformSet,
    ...common,
    inbound: { spi: initInSpi, connId: dev.sadb.allocateIpsecConnId() },
    outbound: { spi: respInSpi, connId: dev.sadb.allocateIpsecConnId() },
    encrypted: 0,
    decrypted: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  narrateQuickModeAccept(sides, inbound, createdSa(respSa, net(msg.remoteProxy.match), net(msg.localProxy.match)));
  resp.sadb.addIpsec(respSa, p2.responderLine);
  // docs/ios-semantics.md#reverse-route: the responder's dynamic entry installs its route now.
  if (p2.responderEntry.dynamic?.entry.reverseRoute) resp.syncReverseRoutes();

  const agreed = {
    transform: p2.offeredTransformSet,
    lifeSeconds: p2.lifetimeSeconds,
    lifeKilobytes: p2.lifetimeKilobytes,
    transport,
    ...(p2.pfsGroup !== undefined ? { pfsGroup: p2.pfsGroup } : {}),
  };
  const initCreated = createdSa(initSa, net(msg.localProxy.match), net(msg.remoteProxy.match));
  narrateQuickModeComplete(sides, agreed, { ...msg, direction: 'INBOUND' }, initCreated);
  dev.sadb.addIpsec(initSa, owner.line);
  return { ok: true, sa: initSa, peer: peerAddr };
}

/** The responder's debug line for a phase 2 failure, and the emulator's reason for it. */
function phase2Rejection(
  p2: Extract<Phase2Result, { ok: false }>,
  localAddr: string,
): { line: string; reason: NegotiationFailure } {
  switch (p2.reason) {
    case 'no-entry-for-peer':
      return {
        line: `IPSEC(validate_transform_proposal): peer address ${localAddr} not found`,
        reason: 'no-entry-for-peer',
      };
    case 'proxy-not-supported':
      return {
        line: 'IPSEC(validate_transform_proposal): proxy identities not supported',
        reason: 'proxy-not-supported',
      };
    case 'isakmp-profile-mismatch':
      return {
        line: 'IPSEC(validate_proposal_request): map_db_check_isakmp_profile profile did not match',
        reason: 'isakmp-profile-mismatch',
      };
    case 'transform-not-supported':
      return {
        line: TRANSFORM_NOT_SUPPORTED,
        reason: 'transform-not-supported',
      };
    case 'legacy-algorithm-rejected':
      return {
        line: 'IPSEC(validate_transform_proposal): transform proposal not supported (algorithm disabled by the crypto engine compliance shield)',
        reason: 'phase2-legacy',
      };
    case 'pfs-mismatch': {
      const req = p2.pfs?.required === 'group1-or-2' ? 'group 1 or 2' : `group ${p2.pfs?.required}`;
      const got = p2.pfs?.offered === undefined ? 'no PFS' : `group ${p2.pfs.offered}`;
      return {
        line: `IPSEC(validate_proposal_request): local policy requires PFS ${req}, peer offered ${got}`,
        reason: 'pfs-mismatch',
      };
    }
  }
}

function mapNameOf(dev: DeviceCore, iface: InterfaceConfig): string {
  return dev.config.interfaces.find((i) => i.name === iface.name)?.cryptoMap ?? '';
}
