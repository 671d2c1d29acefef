/**
 * Dead peer detection on the emulated clock (docs/ios-semantics.md#dead-peer-detection, the rule
 * in `lib/rules/dpd.ts`): each side of an IKE SA that runs DPD sends R-U-THERE every `seconds`
 * (periodic) or when it has traffic for a peer it has not heard from for `seconds` (on-demand); an
 * unanswered one is retransmitted every retry interval, five times, and then the peer is declared
 * dead: this router deletes its IKE and IPsec SAs with that peer, and the entries that list more
 * than one `set peer` try the next listed peer first from then on.
 *
 * A peer answers when it is powered on, the IKE path still leads to it and it still holds the IKE
 * SA (a rebooted peer has lost it). Timers live beside the SA database, keyed by the SA objects,
 * so an SA that expires or is cleared takes its timer with it.
 */
import { DPD_RETRANSMISSIONS } from '../ir/ike-vocabulary.js';
import { ipToNumber } from '../ir/ipv4.js';
import { afterMiss, failoverOrder, nextProbeAt, onDemandProbeDue } from '../rules/dpd.js';
import type { IkeSa, IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

interface Timer {
  /** When the next R-U-THERE (or the verdict after the last one) is due, ms. */
  next: number | undefined;
  /** Unanswered R-U-THEREs in a row. */
  misses: number;
  /** The last time this side heard from the peer (SA birth, traffic, an acknowledgement), ms. */
  heard: number;
  /** True when the next tick declares the peer dead. */
  dead: boolean;
  seq: number;
}

const timers = new WeakMap<IkeSa, Timer>();
/** Per router: `map:seq` of an entry with several peers -> the peer DPD declared dead last. */
const deadPeers = new WeakMap<DeviceCore, Map<string, string>>();

function timerOf(sa: IkeSa): Timer | undefined {
  if (!sa.dpd) return undefined;
  let t = timers.get(sa);
  if (!t) {
    t = { next: nextProbeAt(sa.dpd, sa.createdAt), misses: 0, heard: sa.createdAt, dead: false, seq: 0 };
    timers.set(sa, t);
  }
  return t;
}

/** The earliest DPD tick due at or before `untilMs` on the fabric. */
function earliest(f: Fabric, untilMs: number): { dev: DeviceCore; sa: IkeSa; t: Timer } | undefined {
  let best: { dev: DeviceCore; sa: IkeSa; t: Timer } | undefined;
  for (const dev of f.cores()) {
    for (const sa of dev.sadb.ike) {
      const t = timerOf(sa);
      if (t?.next === undefined || t.next > untilMs) continue;
      if (!best || t.next < best.t.next!) best = { dev, sa, t };
    }
  }
  return best;
}

/**
 * Moves the clock to `untilMs`, firing every DPD tick due on the way at its own time (ticks that
 * fell due while the clock moved without them, e.g. during a ping, fire at once).
 */
export function runDpdUntil(f: Fabric, untilMs: number): void {
  for (;;) {
    const due = earliest(f, untilMs);
    if (!due) break;
    if (due.t.next! > f.clock.now) f.clock.advance(due.t.next! - f.clock.now);
    tick(f, due.dev, due.sa, due.t);
  }
  if (untilMs > f.clock.now) f.clock.advance(untilMs - f.clock.now);
}

/** The peer's copy of the IKE SA, when the peer is up, reachable and still holds it. */
function peerCopy(f: Fabric, dev: DeviceCore, sa: IkeSa): { peer: DeviceCore; theirs: IkeSa } | undefined {
  const owner = f.ownerOf(ipToNumber(sa.remote), sa.local);
  if (!owner) return undefined;
  const seen = f.seenAs(dev.hostname, sa.local);
  const local = owner.nat?.inside ?? sa.remote;
  const theirs = owner.core.sadb.ike.find((s) => s.local === local && s.remote === seen);
  return theirs ? { peer: owner.core, theirs } : undefined;
}

function tick(f: Fabric, dev: DeviceCore, sa: IkeSa, t: Timer): void {
  const at = t.next!;
  const c = sa.connId;
  const role = sa.initiator ? 'I' : 'R';
  if (t.dead) {
    declareDead(dev, sa, role);
    return;
  }
  t.seq += 1;
  const seq = t.seq;
  dev.log('isakmp', () => `ISAKMP (0:${c}): DPD/R_U_THERE sent to ${sa.remote} seq ${seq}`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${sa.remote} (${role}) QM_IDLE`);
  const copy = peerCopy(f, dev, sa);
  if (copy) {
    const { peer, theirs } = copy;
    const rc = theirs.connId;
    const theirRole = theirs.initiator ? 'I' : 'R';
    peer.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${theirs.remote} (${theirRole}) QM_IDLE`);
    peer.log('isakmp', () => `ISAKMP (0:${rc}): processing NOTIFY R_U_THERE protocol 1`);
    peer.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${theirs.remote} (${theirRole}) QM_IDLE`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${sa.remote} (${role}) QM_IDLE`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): processing NOTIFY R_U_THERE_ACK protocol 1`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): DPD/R_U_THERE_ACK received from peer ${sa.remote}, sequence ${seq}`);
    t.misses = 0;
    t.heard = at;
    t.next = nextProbeAt(sa.dpd!, at);
    // The peer heard from us too.
    const theirTimer = timerOf(theirs);
    if (theirTimer) theirTimer.heard = at;
    return;
  }
  t.misses += 1;
  if (t.misses <= DPD_RETRANSMISSIONS) {
    const n = t.misses;
    dev.log(
      'isakmp',
      () =>
        `ISAKMP (0:${c}): incrementing error counter on sa, attempt ${n} of ${DPD_RETRANSMISSIONS}: reset_retransmission`,
    );
  }
  const next = afterMiss(sa.dpd!, t.misses, at);
  t.next = next.at;
  t.dead = next.dead;
}

/** The peer is dead: this router deletes its IKE and IPsec SAs with it and remembers it for failover. */
function declareDead(dev: DeviceCore, sa: IkeSa, role: string): void {
  dev.log(
    'isakmp',
    () =>
      `ISAKMP (0:${sa.connId}): deleting SA reason "P1 errcounter exceeded" state (${role}) QM_IDLE (peer ${sa.remote})`,
  );
  const i = dev.sadb.ike.indexOf(sa);
  if (i >= 0) dev.sadb.ike.splice(i, 1);
  dev.sadb.clearIpsec((s) => s.local === sa.local && s.peer === sa.remote);
  dev.syncReverseRoutes();
  let dead = deadPeers.get(dev);
  if (!dead) deadPeers.set(dev, (dead = new Map()));
  for (const map of dev.config.cryptoMaps) {
    for (const e of map.entries)
      if (e.peers.length > 1 && e.peers.includes(sa.remote)) dead.set(`${map.name}:${e.seq}`, sa.remote);
  }
}

/** The `set peer` list of an entry in the order the next negotiation tries it (after a DPD failover). */
export function peersToTry(dev: DeviceCore, mapName: string, seq: number, peers: readonly string[]): readonly string[] {
  return failoverOrder(peers, deadPeers.get(dev)?.get(`${mapName}:${seq}`));
}

/** On-demand DPD: a packet about to leave on `sa` for a peer not heard from for a while starts an R-U-THERE now. */
export function dpdOnTraffic(f: Fabric, dev: DeviceCore, sa: IpsecSaPair): void {
  const ike = dev.sadb.findIke(sa.local, sa.peer);
  const t = ike && timerOf(ike);
  if (!ike?.dpd || !t || t.next !== undefined) return;
  if (onDemandProbeDue(ike.dpd, t.heard, f.clock.now)) t.next = f.clock.now;
}

/** A packet arrived from the peer of `sa`: this side has heard from it. */
export function dpdHeard(f: Fabric, dev: DeviceCore, sa: IpsecSaPair): void {
  const ike = dev.sadb.findIke(sa.local, sa.peer);
  const t = ike && timerOf(ike);
  if (t) t.heard = f.clock.now;
}
