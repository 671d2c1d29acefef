/**
 * One router's security associations: IKE (phase 1) SAs and IPsec (phase 2) SA pairs, with the
 * counters `show crypto ipsec sa` and `show crypto engine connections active` print.
 *
 * Identifiers are deterministic: IKE connection ids count from 1, IPsec connection ids from 2000
 * (inbound then outbound, as IOS 12.2 numbers them), and SPIs come from a hash of the hostname and
 * a counter, so the same script always shows the same SPIs.
 */
import { boxHolds, type HeaderBox, type Packet } from '../rules/header-space.js';
import type { EffectiveIsakmpPolicy, EffectiveTransformSet } from '../rules/platform-defaults.js';
import type { EffectiveDpd } from '../rules/dpd.js';
import type { Ikev2Suite } from '../rules/ikev2.js';
import type { Ikev2Identity } from '../ir/router-config.js';
import { tunnelPackets } from '../rules/nat-traversal.js';
import { ipToNumber } from '../ir/ipv4.js';
import { ikeSaExpired, ipsecSaAge, type IpsecSaAge } from '../rules/sa-lifetime.js';

/** A phase 1 SA. */
export interface IkeSa {
  readonly connId: number;
  /** This router's address. */
  readonly local: string;
  readonly remote: string;
  /** Interface carrying the crypto map the SA serves. */
  readonly interface: string;
  /** True when this router initiated main mode. */
  readonly initiator: boolean;
  readonly policy: EffectiveIsakmpPolicy;
  /** Negotiated lifetime in seconds. */
  readonly lifetime: number;
  /** Virtual time of creation (ms). */
  readonly createdAt: number;
  /** The ISAKMP profile this side bound the SA to. @default - none */
  readonly profile?: string;
  /** Dead peer detection this side runs on the SA. @default - none */
  readonly dpd?: EffectiveDpd;
  /** NAT-T in use: a NAT sits between the peers, IKE on UDP 4500 (docs/ios-semantics.md#nat-traversal). @default false */
  readonly natTraversal?: boolean;
}

/** An IKEv2 SA (docs/ios-semantics.md#ikev2): what `show crypto ikev2 sa` lists. */
export interface Ikev2Sa {
  readonly tunnelId: number;
  readonly local: string;
  readonly remote: string;
  readonly interface: string;
  readonly initiator: boolean;
  readonly suite: Ikev2Suite;
  /** The IKEv2 profile this side bound the SA to. */
  readonly profile: string;
  readonly localIdentity: Ikev2Identity;
  readonly remoteIdentity: Ikev2Identity;
  /** `authentication local` / the peer's method this side verified. */
  readonly signMethod: string;
  readonly verifyMethod: string;
  /** This side's own IKE SA lifetime (not negotiated). */
  readonly lifetime: number;
  readonly createdAt: number;
  readonly localSpi: string;
  readonly remoteSpi: string;
  readonly dpd?: { readonly interval: number; readonly retry: number };
}

/**
 * Where main mode stopped when it failed, as `show crypto isakmp sa` names the state the SA was
 * left in: MM_NO_STATE before the policy offer was accepted (no answer, no key on the responder, no
 * proposal chosen), MM_SA_SETUP on a responder whose answer to MM1 never reached the initiator,
 * MM_KEY_EXCH after the Diffie-Hellman exchange when authentication (MM5) fails
 * (docs/ios-semantics.md#ike-states-after-a-failure).
 */
export type FailedIkeState = 'MM_NO_STATE' | 'MM_SA_SETUP' | 'MM_KEY_EXCH';

/** A phase 1 SA main mode left behind after a failure (never usable for quick mode). */
export interface FailedIkeSa {
  readonly connId: number;
  /** This router's address. */
  readonly local: string;
  readonly remote: string;
  /** True when this router initiated main mode. */
  readonly initiator: boolean;
  /** Where the exchange stopped, shown while IOS still retransmits. */
  readonly state: FailedIkeState;
  /**
   * Virtual time (ms) at which IOS gives the attempt up (its last retransmission unanswered);
   * from then on IOS 15 / IOS-XE list the row as `MM_NO_STATE ... ACTIVE (deleted)`.
   */
  readonly deletedAt: number;
}

/**
 * An IKEv2 SA whose IKE_SA_INIT was never answered: `show crypto ikev2 sa` lists it `IN-NEG`
 * with no negotiated suite (docs/ios-semantics.md#ike-states-after-a-failure).
 */
export interface NegotiatingIkev2Sa {
  readonly tunnelId: number;
  readonly local: string;
  readonly remote: string;
  /** This side's IKE SA lifetime (the profile's, else the default). */
  readonly lifetime: number;
}

/** One direction of an IPsec SA pair. */
export interface IpsecSaHalf {
  readonly spi: number;
  readonly connId: number;
}

/** An IPsec SA pair (inbound + outbound) for one peer and one proxy pair. */
export interface IpsecSaPair {
  readonly interface: string;
  readonly mapName: string;
  /** Sequence number of the crypto map entry the SA belongs to. */
  readonly seq: number;
  /**
   * How the SA's ESP crosses what lies between the peers (docs/ios-semantics.md#nat-traversal):
   * inside UDP 4500 (`Tunnel UDP-Encaps`), or blocked by a NAT device when NAT-T is off.
   * @default - plain ESP
   */
  readonly natTraversal?: 'udp-encapsulation' | 'disabled';
  readonly local: string;
  readonly peer: string;
  /** Proxy identities from this router's point of view (source = local proxy). */
  readonly proxy: readonly HeaderBox[];
  /** `addr/mask/prot/port` of the local and remote proxies. */
  readonly localIdent: string;
  readonly remoteIdent: string;
  readonly transformSet: EffectiveTransformSet;
  /** @default - no PFS */
  readonly pfsGroup?: number;
  readonly lifetimeSeconds: number;
  readonly lifetimeKilobytes: number;
  readonly inbound: IpsecSaHalf;
  readonly outbound: IpsecSaHalf;
  readonly createdAt: number;
  /** Packets encrypted (encaps = encrypt = digest). */
  encrypted: number;
  /** Packets decrypted (decaps = decrypt = verify). */
  decrypted: number;
  bytesOut: number;
  bytesIn: number;
}

/** The SA database of one router. */
export class SaDatabase {
  /** IKE SAs, oldest first. Change through the methods so the indices stay right. */
  readonly ike: IkeSa[] = [];
  /** IPsec SA pairs, oldest first. Change through the methods so the indices stay right. */
  readonly ipsec: IpsecSaPair[] = [];
  /** Phase 1 SAs left by failed main modes, at most one per address pair (the latest attempt). */
  readonly failedIke: FailedIkeSa[] = [];
  /** IKEv2 SAs, oldest first. */
  readonly ikev2: Ikev2Sa[] = [];
  /** IKEv2 SAs left `IN-NEG` by an unanswered IKE_SA_INIT, at most one per address pair (the latest). */
  readonly negotiatingIkev2: NegotiatingIkev2Sa[] = [];
  private nextTunnel = 1;
  private readonly bySpi = new Map<number, IpsecSaPair>();
  /** SAs by the local ACL line they were negotiated for: the fast path of the outbound lookup. */
  private readonly byLine = new Map<object, IpsecSaPair[]>();
  private readonly lineBySa = new Map<IpsecSaPair, object>();
  private readonly byEntry = new Map<string, Map<number, IpsecSaPair[]>>();
  private nextIke = 1;
  private nextIpsec = 2000;
  private spiCount = 0;
  private readonly usedSpis = new Set<number>();

  constructor(private readonly hostname: string) {}

  /** The READY IKEv2 SA between two addresses. */
  findIkev2(local: string, remote: string): Ikev2Sa | undefined {
    return this.ikev2.find((sa) => sa.local === local && sa.remote === remote);
  }

  /** Records an unanswered IKE_SA_INIT; it replaces an older one between the same addresses. */
  recordNegotiatingIkev2(sa: NegotiatingIkev2Sa): void {
    this.dropNegotiatingIkev2(sa.local, sa.remote);
    this.negotiatingIkev2.push(sa);
  }

  /** Adds an established IKEv2 SA; it replaces an `IN-NEG` one between the same addresses. */
  addIkev2(sa: Ikev2Sa): void {
    this.dropNegotiatingIkev2(sa.local, sa.remote);
    this.ikev2.push(sa);
  }

  private dropNegotiatingIkev2(local: string, remote: string): void {
    const i = this.negotiatingIkev2.findIndex((s) => s.local === local && s.remote === remote);
    if (i >= 0) this.negotiatingIkev2.splice(i, 1);
  }

  /** Next IKEv2 tunnel id. */
  allocateTunnelId(): number {
    return this.nextTunnel++;
  }

  /** Next IKE connection id. */
  allocateIkeConnId(): number {
    return this.nextIke++;
  }

  /** Next IPsec connection id. */
  allocateIpsecConnId(): number {
    return this.nextIpsec++;
  }

  /** A fresh inbound SPI (>= 0x100, unique on this router, deterministic). */
  allocateSpi(): number {
    for (;;) {
      this.spiCount += 1;
      const spi = (fnv1a(`${this.hostname}#${this.spiCount}`) | 0x10000000) >>> 0;
      if (!this.usedSpis.has(spi)) {
        this.usedSpis.add(spi);
        return spi;
      }
    }
  }

  /** The IKE SA between two addresses, whoever initiated. */
  findIke(local: string, remote: string): IkeSa | undefined {
    return this.ike.find((s) => s.local === local && s.remote === remote);
  }

  /** Adds an established IKE SA; it replaces what a failed attempt between the same addresses left. */
  addIke(sa: IkeSa): void {
    this.dropFailedIke(sa.local, sa.remote);
    this.ike.push(sa);
  }

  /** Records the SA a failed main mode left; it replaces an older failure between the same addresses. */
  recordFailedIke(sa: FailedIkeSa): void {
    this.dropFailedIke(sa.local, sa.remote);
    this.failedIke.push(sa);
  }

  private dropFailedIke(local: string, remote: string): void {
    const i = this.failedIke.findIndex((s) => s.local === local && s.remote === remote);
    if (i >= 0) this.failedIke.splice(i, 1);
  }

  /** The local ACL line an IPsec SA pair was negotiated for. @returns undefined when none was recorded */
  lineOf(sa: IpsecSaPair): object | undefined {
    return this.lineBySa.get(sa);
  }

  /** Adds an IPsec SA pair, optionally with the local ACL line it protects. */
  addIpsec(sa: IpsecSaPair, line?: object): void {
    this.ipsec.push(sa);
    if (line) {
      this.lineBySa.set(sa, line);
      const l = this.byLine.get(line);
      if (l) l.push(sa);
      else this.byLine.set(line, [sa]);
    }
    this.bySpi.set(sa.inbound.spi, sa);
    let perIface = this.byEntry.get(sa.interface);
    if (!perIface) this.byEntry.set(sa.interface, (perIface = new Map()));
    const list = perIface.get(sa.seq);
    if (list) list.push(sa);
    else perIface.set(sa.seq, [sa]);
  }

  /**
   * The outbound SA of an entry whose proxies contain the packet; SAs negotiated for the ACL line
   * that matched the packet are tried first.
   */
  findOutbound(iface: string, seq: number, packet: Packet, line?: object): IpsecSaPair | undefined {
    if (line) {
      for (const s of this.byLine.get(line) ?? []) {
        if (s.interface === iface && s.seq === seq && contains(s.proxy, packet)) return s;
      }
    }
    const list = this.byEntry.get(iface)?.get(seq);
    if (!list) return undefined;
    for (const s of list) if (contains(s.proxy, packet)) return s;
    return undefined;
  }

  /** The SA pair whose inbound SPI this is. */
  findInbound(spi: number): IpsecSaPair | undefined {
    return this.bySpi.get(spi);
  }

  /** Removes every IPsec SA matching the filter (all by default); returns the removed pairs. */
  clearIpsec(filter: (sa: IpsecSaPair) => boolean = () => true): IpsecSaPair[] {
    const removed = this.ipsec.filter(filter);
    if (removed.length === 0) return removed;
    const gone = new Set(removed);
    const kept = this.ipsec.filter((s) => !gone.has(s));
    const lines = new Map(this.lineBySa);
    this.ipsec.length = 0;
    this.bySpi.clear();
    this.byEntry.clear();
    this.byLine.clear();
    this.lineBySa.clear();
    for (const s of kept) this.addIpsec(s, lines.get(s));
    return removed;
  }

  /**
   * Drops the SAs whose lifetime has run out at `nowMs` (docs/ios-semantics.md#sa-lifetimes-and-rekey):
   * IPsec pairs at either hard lifetime, IKE SAs at theirs. IPsec SAs outlive their IKE SA.
   * @returns the removed IPsec pairs and IKE SAs
   */
  expire(nowMs: number): { ipsec: IpsecSaPair[]; ike: IkeSa[] } {
    const ipsec = this.clearIpsec((s) => ipsecAgeAt(s, nowMs) === 'expired');
    const ike = this.ike.filter((s) => ikeSaExpired(s.lifetime, Math.floor((nowMs - s.createdAt) / 1000)));
    for (const r of ike) this.ike.splice(this.ike.indexOf(r), 1);
    return { ipsec, ike };
  }

  /**
   * Forgets every SA, as a reload does (identifiers and SPIs keep counting, so an SA a peer still
   * holds never matches a new one).
   */
  reset(): void {
    this.clearIpsec();
    for (const list of [this.ike, this.failedIke, this.ikev2, this.negotiatingIkev2] as unknown[][]) list.length = 0;
  }

  /**
   * Removes every IKE SA (optionally only with one peer), and what failed attempts left; returns
   * the removed established ones (only those have a peer to notify).
   */
  clearIke(peer?: string): IkeSa[] {
    const removed = this.ike.filter((s) => peer === undefined || s.remote === peer);
    for (const r of removed) this.ike.splice(this.ike.indexOf(r), 1);
    const failed = this.failedIke.filter((s) => peer === undefined || s.remote === peer);
    for (const r of failed) this.failedIke.splice(this.failedIke.indexOf(r), 1);
    return removed;
  }
}

/** Where an IPsec SA pair stands in its life at `nowMs` (`lib/rules/sa-lifetime.ts`). */
export function ipsecAgeAt(sa: IpsecSaPair, nowMs: number): IpsecSaAge {
  return ipsecSaAge({
    lifetimeSeconds: sa.lifetimeSeconds,
    lifetimeKilobytes: sa.lifetimeKilobytes,
    elapsedSeconds: Math.floor((nowMs - sa.createdAt) / 1000),
    bytes: Math.max(sa.bytesIn, sa.bytesOut),
  });
}

/** True when one of the boxes holds the packet. */
export function contains(boxes: readonly HeaderBox[], p: Packet): boolean {
  return boxes.some((b) => boxHolds(b, p));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The ESP packet of `sa` as the receiver's inbound list sees it (docs/ios-semantics.md#nat-traversal):
 * from the address the receiver knows the sender by to its own (its inbound SA `inSa`, when it has
 * one), bare ESP or inside UDP 4500 with NAT-T.
 */
export function espOnWire(sa: IpsecSaPair, inSa: IpsecSaPair | undefined): Packet {
  const [from, to] = inSa ? [inSa.peer, inSa.local] : [sa.local, sa.peer];
  const kind = sa.natTraversal === 'udp-encapsulation' ? 'udp-encapsulation' : 'direct';
  return tunnelPackets(ipToNumber(from), ipToNumber(to), { kind }).find(([k]) => k === 'esp')![1];
}
