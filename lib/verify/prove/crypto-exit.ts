/**
 * The step of the pair walk through one crypto map entry: the traffic an entry owns
 * (`lib/rules/crypto-map.ts`) goes to the peer IOS picks (`peer-choice.ts`, or the peer of an SA
 * the other direction built), over the underlay (`underlay-reach.ts`) and the peers' interface
 * lists (`filter-checks.ts`), into a negotiation (`negotiation.ts`) with the peer's crypto map, and
 * on from the peer after decryption. Backup peers of the entry are checked by `backup-peers.ts`.
 *
 * A failed step does not end the walk: it goes on to the peer as if the tunnel had come up, with
 * what it finds there marked `behind`. A peer that is not the device the hub-and-spoke design
 * expects (WRONG_PEER) or that nobody owns (UNKNOWN_PEER) ends this path; the walk then goes on at
 * the expected device, behind.
 */
import type { AccessList, CryptoMap, InterfaceConfig } from '../../ir/router-config.js';
import { compileAcl } from '../../rules/acl.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import { protectedTunnelTo } from '../../rules/tunnels.js';
import { cryptoMapOf, partitionEgress, type EgressPiece } from '../../rules/crypto-map.js';
import { intersectBox, mirrorBox, type HeaderBox } from '../../rules/header-space.js';
import * as finding from '../findings/catalogue.js';
import { undefinedCryptoMap } from '../findings/undefined-objects.js';
import type { AddressOwner, ModelDevice, NetworkModel, Site } from '../model/network-model.js';
import { checkBackups, type EntryAt } from './backup-peers.js';
import { natTraversal, type NatMapping } from '../../rules/nat-traversal.js';
import { natRequestFields } from './nat-addresses.js';
import { decryptedIngress, tunnelBlocked, type TunnelNat } from './filter-checks.js';
import type { PeerChoice } from './peer-choice.js';
import { entriesNaming } from './peer-naming.js';
import { cachedUnderlayProblem } from './underlay-reach.js';
import type { WalkContext, WalkEnv } from './walk-context.js';

/** The tunnel a piece of traffic takes: from the entry's interface to the peer's. */
export interface Tunnel {
  readonly at: EntryAt;
  readonly piece: EgressPiece;
  readonly peerAddress: string;
  readonly owner: AddressOwner;
  /** The entry's own address (IKE source); undefined when the interface has none. */
  readonly local: string | undefined;
}

/** Walks the traffic `piece` of entry `piece.entry` (of `map` on `iface` of `d`) to its peer and on. */
export function cryptoExit(
  w: WalkContext,
  d: ModelDevice,
  iface: InterfaceConfig,
  map: CryptoMap,
  piece: EgressPiece,
  dest: Site,
  hops: number,
  behind: boolean,
): void {
  const at: EntryAt = { device: d, map, entry: piece.entry.entry, iface };
  const next = w.expectedNext(d, dest);
  w.trace?.owner(d, iface, map, piece);
  const choice = w.env.peers.choose(d, iface, at.entry);
  // An SA the other direction built already carries the traffic, whichever peer the entry would
  // pick for a new negotiation (a reply to a hub that initiated goes back to the hub).
  const reuse = w.sas.peerFor(d, piece.entry, piece.space, w.env.negotiator);
  const peerAddress = reuse ?? choice.peer;
  if (reuse === undefined && choice.answered) reportSilent(w, at, choice, peerAddress, behind);
  const local = cryptoLocalAddress(d.config, iface);
  const owner = w.env.model.owner(peerAddress, local);
  if (!owner) {
    w.report(unownedPeer(w.env.model, at, peerAddress, piece), behind);
    if (!w.backup) checkBackups(w, at, piece, local, dest, hops, choice.index);
    if (next) w.walk(next, piece.space, dest, hops + 1, true);
    return;
  }
  const p = owner.device;
  w.trace?.tunnel(d, p, peerAddress);
  if (p !== dest.device && !(p.role === 'hub' && d.role !== 'hub')) {
    w.report(
      finding.wrongPeer({ ...at, peerAddress, peer: p, space: piece.space, line: piece.line, dest: dest.device }),
      behind,
    );
    if (next) w.walk(next, piece.space, dest, hops + 1, true);
    return;
  }
  reportSharedPeer(w, at, p, peerAddress, local, behind);
  // docs/ios-semantics.md#nat-traversal: whether `d` sits behind an unowned address `p` names is undecided.
  const failedHere = natUndecided(w, d, local, p, behind)
    ? false
    : tunnelFails(w, { at, piece, peerAddress, owner, local }, behind);
  if (!w.backup) checkBackups(w, at, piece, local, dest, hops, choice.index);
  w.trace?.arrive(d, local, p, owner.interface, !(behind || failedHere));
  const after = behind || failedHere;
  w.onward(piece.space, decryptedIngress(p, owner.interface, piece.space, w.reporter, after), after, (s, b) =>
    w.walk(p, s, dest, hops + 1, b, owner.interface),
  );
}

/** docs/ios-semantics.md#tunnel-interfaces: a crypto map and tunnel protection towards the same peer. */
function reportSharedPeer(
  w: WalkContext,
  at: EntryAt,
  p: ModelDevice,
  peerAddress: string,
  local: string | undefined,
  behind: boolean,
): void {
  const d = at.device;
  const mine = protectedTunnelTo(d.config, peerAddress);
  const theirs = local === undefined ? undefined : protectedTunnelTo(p.config, local);
  if (mine) w.report(finding.tunnelSharesPeer({ device: d, tunnel: mine, map: at.map.name, mapDevice: d }), behind);
  else if (theirs)
    w.report(finding.tunnelSharesPeer({ device: p, tunnel: theirs, map: at.map.name, mapDevice: d }), behind);
}

/**
 * UNKNOWN_PEER for a peer nobody owns, or NOT_MODELLED when several devices could sit behind it as
 * a NAT address (docs/ios-semantics.md#nat-traversal).
 */
function unownedPeer(model: NetworkModel, at: EntryAt, peerAddress: string, piece: EgressPiece) {
  const ambiguous = model.nat.ambiguous.find((a) => a.address === peerAddress);
  if (ambiguous) return finding.natPeerAmbiguous({ naming: at.device, peer: ambiguous });
  return finding.unknownPeer({ ...at, peer: peerAddress, likely: likelyPeer(model, at.device, at.iface, piece) });
}

/**
 * docs/ios-semantics.md#nat-traversal: true (and reported, NOT_MODELLED) when `d` is a candidate of
 * an undecided mapping to an unowned peer of `p` and has no mapping of its own: whether `p` sees
 * `d` behind that address is not decided, so the tunnel is neither proven nor failed.
 */
function natUndecided(
  w: WalkContext,
  d: ModelDevice,
  local: string | undefined,
  p: ModelDevice,
  behind: boolean,
): boolean {
  const model = w.env.model;
  if (local === undefined || model.nat.ambiguous.length === 0 || model.natOf(d, local)) return false;
  const peer = model.nat.ambiguous.find((a) => a.namedBy.hostname === p.hostname && a.candidates.includes(d.hostname));
  if (peer) w.report(finding.natPeerAmbiguous({ naming: p, peer }), behind);
  return peer !== undefined;
}

/** PEER_NOT_ANSWERING for each peer IOS tries before the one it uses. */
function reportSilent(w: WalkContext, at: EntryAt, choice: PeerChoice, peerAddress: string, behind: boolean): void {
  for (const s of choice.silent) {
    w.report(
      finding.peerNotAnswering({ ...at, silent: s, next: peerAddress, owner: w.env.model.owner(peerAddress) }),
      behind,
    );
    // Silence decided on a device with lines outside the model (a keyring may hold the key) is
    // not certain: the traffic may go to that peer instead.
    const silentOwner = w.env.model.owner(s.peer)?.device;
    if (silentOwner) w.crossUnmodelled(silentOwner, behind);
  }
}

/** The tunnel's underlay, IKE/ESP filters, peer map and negotiation, in that order; true when one fails. */
export function tunnelFails(w: WalkContext, t: Tunnel, behind: boolean): boolean {
  const { at, owner, local } = t;
  const d = at.device;
  const p = owner.device;
  let failed = natFails(w, t, behind);
  const unreachable = cachedUnderlayProblem(
    w.env.reachability,
    w.env.model,
    d,
    at.iface,
    t.peerAddress,
    p,
    owner.interface,
  );
  if (unreachable) {
    w.report(finding.peerUnreachable({ ...at, peerAddress: t.peerAddress, owner, unreachable }), behind);
    failed = true;
  }
  if (
    local &&
    tunnelBlocked(d, at.iface, local, p, owner.interface, t.peerAddress, w.reporter, behind, tunnelNat(w, t, local))
  )
    failed = true;
  const peerMap = peerCryptoMap(w, d, owner, t.peerAddress, behind);
  if (!peerMap.applied) failed = true;
  if (!peerMap.map || !local) return failed;
  if (w.sas.covers(d, p, t.piece.space)) {
    w.trace?.reuse(d, p);
    return failed;
  }
  return negotiationFails(w, t, local, peerMap.map, behind) || failed;
}

/**
 * The map the peer answers IKE with on its interface. Without one (not applied, or naming a map
 * that does not exist) that is reported and the walk goes on with the map the peer defines, to
 * find what lies behind.
 */
function peerCryptoMap(
  w: WalkContext,
  d: ModelDevice,
  owner: AddressOwner,
  peerAddress: string,
  behind: boolean,
): { readonly map: CryptoMap | undefined; readonly applied: boolean } {
  const p = owner.device;
  const applied = cryptoMapOf(p.config, owner.interface.name);
  if (applied) return { map: applied, applied: true };
  const defined = p.config.cryptoMaps.find((m) => m.entries.length > 0);
  const missing = undefinedCryptoMap(p, owner.interface);
  w.report(
    missing
      ? finding.undefinedObject(missing)
      : finding.peerWithoutCryptoMap({ peer: p, iface: owner.interface, peerAddress, initiator: d, defined }),
    behind,
  );
  return { map: defined, applied: false };
}

/** Negotiates the tunnel (the entry's side initiates), reports its causes and files the SA; true when it fails. */
function negotiationFails(w: WalkContext, t: Tunnel, local: string, peerMap: CryptoMap, behind: boolean): boolean {
  const { at, piece, owner } = t;
  const d = at.device;
  const p = owner.device;
  const request = {
    initiator: d,
    entry: piece.entry,
    line: piece.line,
    initiatorAddress: local,
    peerAddress: t.peerAddress,
    responder: p,
    responderMap: peerMap,
    ...natRequestFields(w.env.model, d, local, owner),
  };
  const outcome = w.env.negotiator.negotiate(request);
  // The trace words the causes as negotiation steps itself.
  w.trace?.mute(true);
  // What the negotiation is proven under (certificates) holds for the pair whether or not it fails.
  for (const a of finding.negotiationAssumptions(outcome)) w.report(a, behind);
  if (!outcome.ok) {
    const causes = finding.negotiationFindings(outcome);
    for (const c of causes) w.report(c, behind);
    if (outcome.directionDependent && reverseWorks(w.env, t, local, peerMap)) {
      w.report(
        finding.initiatorDependent({ space: piece.space, initiator: d, responder: p, cause: causes[0]! }),
        behind,
      );
    }
  }
  w.trace?.mute(false);
  w.trace?.negotiation(request, outcome);
  w.sas.add({ a: d, b: p, space: piece.line.boxes, request });
  return !outcome.ok;
}

/** Would the tunnel come up if the peer started (its own entry and line for the mirrored traffic)? */
function reverseWorks(env: WalkEnv, t: Tunnel, local: string, peerMap: CryptoMap): boolean {
  const p = t.owner.device;
  const part = partitionEgress(p.config, peerMap, t.piece.space.map(mirrorBox));
  if (part.clear.length > 0 || part.owned.length === 0) return false;
  for (const o of part.owned) {
    // A dynamic entry never initiates (docs/ios-semantics.md#dynamic-crypto-maps).
    if (o.entry.dynamic !== undefined) return false;
    const pLocal = t.owner.nat?.inside ?? t.peerAddress;
    const back = env.model.owner(env.peers.choose(p, t.owner.interface, o.entry.entry).peer, pLocal);
    if (back?.device !== t.at.device) return false;
    const r = env.negotiator.negotiate({
      initiator: p,
      entry: o.entry,
      line: o.line,
      initiatorAddress: pLocal,
      peerAddress: env.model.seenAs(t.at.device, local),
      responder: t.at.device,
      responderMap: t.at.map,
      ...natRequestFields(env.model, p, pLocal, back),
    });
    if (!r.ok) return false;
  }
  return true;
}

/**
 * NAT between the two ends (docs/ios-semantics.md#nat-traversal): an assumed mapping is stated
 * (NAT_MAPPING_ASSUMED), and NAT traversal turned off on a side fails the tunnel (NAT_T_DISABLED).
 * True when the tunnel fails here.
 */
function natFails(w: WalkContext, t: Tunnel, behind: boolean): boolean {
  const d = t.at.device;
  const p = t.owner.device;
  const own = t.local === undefined ? undefined : w.env.model.natOf(d, t.local);
  const mappings = [own, t.owner.nat].filter((m): m is NatMapping => m !== undefined);
  if (mappings.length === 0) return false;
  for (const m of mappings) {
    if (m.source !== 'assumed') continue;
    const naming = w.env.model.byHostname.get(m.namedBy!.hostname);
    if (naming) w.report(finding.natMappingAssumed({ naming, mapping: m }), behind);
  }
  const traversal = natTraversal(d.config, p.config, true);
  if (traversal.kind !== 'disabled') return false;
  const behindNat = w.env.model.byHostname.get(mappings[0]!.hostname) ?? p;
  for (const side of traversal.sides) {
    const off = side === 'initiator' ? d : p;
    w.report(
      finding.natTraversalDisabled({
        off,
        loc: off.config.options.natTraversalDisabled?.loc,
        other: off === d ? p : d,
        behindNat,
        outside: mappings[0]!.outside,
      }),
      behind,
    );
  }
  return true;
}

/** The NAT between the two ends of a tunnel, for the interface lists' view of IKE and ESP. */
function tunnelNat(w: WalkContext, t: Tunnel, local: string): TunnelNat | undefined {
  const fields = natRequestFields(w.env.model, t.at.device, local, t.owner);
  if (fields.initiatorSeenAs === undefined && fields.responderAddress === undefined) return undefined;
  return {
    localSeen: fields.initiatorSeenAs ?? local,
    peerOwn: fields.responderAddress ?? t.peerAddress,
    traversal: natTraversal(t.at.device.config, t.owner.device.config, true),
  };
}

/**
 * For an unknown peer: another device with an entry that names `d` as its peer and mirrors this
 * traffic is the peer `d` meant, and the unknown address may be that device's NAT address.
 */
function likelyPeer(
  model: NetworkModel,
  d: ModelDevice,
  iface: InterfaceConfig,
  piece: EgressPiece,
): finding.LikelyPeer | undefined {
  const local = cryptoLocalAddress(d.config, iface);
  if (!local) return undefined;
  const mirrored = piece.space.map(mirrorBox);
  for (const { device: q, interface: qIface, map: qMap, entry: ce } of entriesNaming(model, local)) {
    if (q === d || !permitsAny(ce.acl!, mirrored)) continue;
    const address = cryptoLocalAddress(q.config, qIface);
    return { entry: { device: q, map: qMap, entry: ce.entry }, names: local, ...(address ? { address } : {}) };
  }
  return undefined;
}

/** True when a permit line of `acl` meets the space. */
function permitsAny(acl: AccessList, space: readonly HeaderBox[]): boolean {
  return compileAcl(acl).lines.some(
    (l) => l.action === 'permit' && l.boxes.some((x) => space.some((m) => intersectBox(x, m))),
  );
}
