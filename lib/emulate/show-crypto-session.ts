/**
 * `show crypto session [detail]` (IOS 12.3(4)T and later: IOS 15 and IOS-XE; IOS 12.2 mainline
 * has no such command). One session per crypto-map interface and peer, with its IKEv1 SA and its
 * IPsec flows (docs/emulator.md#show-crypto-session). The layout follows public captures and the
 * ntc-templates `show crypto session detail` samples.
 *
 * Status: UP-ACTIVE (an IKE SA and IPsec SAs), UP-IDLE (an IKE SA, no IPsec SA), UP-NO-IKE
 * (IPsec SAs left after the IKE SA was cleared), DOWN-NEGOTIATING (main mode failed and its SA
 * is still listed, `show crypto isakmp sa` shows MM_NO_STATE / MM_KEY_EXCH), DOWN (nothing).
 */
import { ikeConnId, isModern } from './conn-ids.js';
import { ipsecFlows, remainingLifetime, type IpsecFlow } from './ipsec-flows.js';
import type { IkeSa, Ikev2Sa } from './sa-database.js';
import type { DeviceCore } from './types.js';
import { addressMaskText } from '../ir/acl-text.js';
import { appendAll } from '../ir/collections.js';
import type { AddressMatch } from '../ir/router-config.js';

/** The peer's IKEv2 identity as `Phase1_id` shows it. */
function phase1Id(v2: Ikev2Sa): string {
  const id = v2.remoteIdentity;
  return id.kind === 'address' ? id.address : id.value;
}

/** A session as the emulator's state defines it (what the tests compare the text with). */
export interface CryptoSession {
  readonly interface: string;
  readonly local: string;
  readonly peer: string;
  readonly status: 'UP-ACTIVE' | 'UP-IDLE' | 'UP-NO-IKE' | 'DOWN-NEGOTIATING' | 'DOWN';
  readonly ike?: IkeSa;
  /** The IKEv2 SA with the peer (docs/ios-semantics.md#ikev2). @default - none */
  readonly ikev2?: Ikev2Sa;
  /** True when a failed main mode left an SA with this peer. */
  readonly negotiating: boolean;
  readonly flows: readonly IpsecFlow[];
}

/** The sessions of a router: per crypto-map interface, per peer in the order its flows name them. */
export function cryptoSessions(dev: DeviceCore): CryptoSession[] {
  const out: CryptoSession[] = [];
  for (const f of ipsecFlows(dev)) {
    const byPeer = new Map<string, IpsecFlow[]>();
    for (const flow of f.flows) {
      const list = byPeer.get(flow.peer);
      if (list) list.push(flow);
      else byPeer.set(flow.peer, [flow]);
    }
    for (const [peer, flows] of byPeer) {
      const ike = dev.sadb.findIke(f.local, peer);
      const ikev2 = dev.sadb.findIkev2(f.local, peer);
      const negotiating = dev.sadb.failedIke.some((s) => s.local === f.local && s.remote === peer);
      const active = flows.some((fl) => fl.sas.length > 0);
      const status =
        ike || ikev2
          ? active
            ? 'UP-ACTIVE'
            : 'UP-IDLE'
          : active
            ? 'UP-NO-IKE'
            : negotiating
              ? 'DOWN-NEGOTIATING'
              : 'DOWN';
      out.push({
        interface: f.interface,
        local: f.local,
        peer,
        status,
        ...(ike ? { ike } : {}),
        ...(ikev2 ? { ikev2 } : {}),
        negotiating,
        flows,
      });
    }
  }
  return out;
}

/** IOS's uptime form: `hh:mm:ss` under a day, `1d02h` under a week, `1w2d` beyond. */
export function uptimeText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 86_400) return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  const days = Math.floor(s / 86_400);
  if (days < 7) return `${days}d${two(Math.floor((s % 86_400) / 3600))}h`;
  return `${Math.floor(days / 7)}w${days % 7}d`;
}

/** `permit ip 10.1.0.0/255.255.255.0 10.0.0.0/255.255.255.0`, `permit 47 host A host B`. */
function flowText(flow: IpsecFlow): string {
  const side = (m: AddressMatch | undefined, ident: string) => {
    if (m === undefined) {
      const [addr, mask] = ident.split('/');
      return mask === '255.255.255.255' ? `host ${addr}` : `${addr}/${mask}`;
    }
    if (m.kind === 'host') return `host ${addressMaskText(m).split('/')[0]}`;
    return addressMaskText(m);
  };
  const proto = flow.localIdent.split('/')[2];
  return `permit ${proto === '0' ? 'ip' : proto} ${side(flow.source, flow.localIdent)} ${side(flow.destination, flow.remoteIdent)}`;
}

/** The IKEv2 SA of a session (ntc-templates IKEv2 sample): the SA line and, in detail, DPD and lifetime left. */
function ikev2Lines(v2: Ikev2Sa, nowMs: number, detail: boolean): string[] {
  const lines = [
    ...(detail ? [`  Session ID: ${v2.tunnelId}`] : []),
    `  IKEv2 SA: local ${v2.local}/500 remote ${v2.remote}/500 Active`,
  ];
  if (!detail) return lines;
  const left = v2.lifetime - Math.floor((nowMs - v2.createdAt) / 1000);
  return [
    ...lines,
    `          Capabilities:${v2.dpd ? 'D' : '(none)'} connid:${v2.tunnelId} lifetime:${uptimeText(left)}`,
  ];
}

function ikeLines(dev: DeviceCore, s: CryptoSession, nowMs: number, detail: boolean): string[] {
  if (s.ikev2) return ikev2Lines(s.ikev2, nowMs, detail);
  if (!s.ike && !s.negotiating) return [];
  const state = s.ike ? 'Active' : 'Inactive';
  const lines = [
    ...(detail ? ['  Session ID: 0'] : []),
    `  IKEv1 SA: local ${s.local}/500 remote ${s.peer}/500 ${state}`,
  ];
  if (!detail) return lines;
  if (!s.ike) return [...lines, '          Capabilities:(none) connid:0 lifetime:0'];
  const left = s.ike.lifetime - Math.floor((nowMs - s.ike.createdAt) / 1000);
  const cap = s.ike.dpd ? 'D' : '(none)';
  return [
    ...lines,
    `          Capabilities:${cap} connid:${ikeConnId(dev.config.platform, s.ike.connId)} lifetime:${uptimeText(left)}`,
  ];
}

function flowLines(flow: IpsecFlow, nowMs: number, detail: boolean): string[] {
  const lines = [`  IPSEC FLOW: ${flowText(flow)}`, `        Active SAs: ${flow.sas.length * 2}, origin: crypto map`];
  if (!detail) return lines;
  const sa = flow.sas.at(-1);
  const life = (bytes: number) => {
    if (!sa) return '0/0';
    const left = remainingLifetime(sa, nowMs, bytes);
    return `${left.kb}/${left.seconds}`;
  };
  const dec = flow.sas.reduce((n, x) => n + x.decrypted, 0);
  const enc = flow.sas.reduce((n, x) => n + x.encrypted, 0);
  return [
    ...lines,
    `        Inbound:  #pkts dec'ed ${dec} drop 0 life (KB/Sec) ${life(sa?.bytesIn ?? 0)}`,
    `        Outbound: #pkts enc'ed ${enc} drop 0 life (KB/Sec) ${life(sa?.bytesOut ?? 0)}`,
  ];
}

/**
 * `show crypto session [detail]` in the IOS 15 / IOS-XE layout. @returns undefined on IOS 12.2,
 * which has no such command
 */
export function showCryptoSession(dev: DeviceCore, nowMs: number, detail: boolean): string | undefined {
  if (!isModern(dev.config.platform)) return undefined;
  const out = ['Crypto session current status', ''];
  if (detail) {
    out.push(
      'Code: C - IKE Configuration mode, D - Dead Peer Detection',
      'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation',
      'X - IKE Extended Authentication, F - IKE Fragmentation',
      'R - IKE Auto Reconnect',
      '',
    );
  }
  for (const s of cryptoSessions(dev)) {
    out.push(`Interface: ${s.interface}`);
    if (s.ikev2) out.push(`Profile: ${s.ikev2.profile}`);
    const since = (s.ike ?? s.ikev2)?.createdAt;
    if (since !== undefined && s.status.startsWith('UP')) out.push(`Uptime: ${uptimeText((nowMs - since) / 1000)}`);
    out.push(`Session status: ${s.status}`);
    if (detail) {
      out.push(
        `Peer: ${s.peer} port ${s.ike?.natTraversal ? 4500 : 500} fvrf: (none) ivrf: (none)`,
        `      Phase1_id: ${s.ikev2 ? phase1Id(s.ikev2) : s.ike ? s.peer : '(none)'}`,
        '      Desc: (none)',
      );
    } else {
      // NAT-T floats IKE to UDP 4500 (docs/ios-semantics.md#nat-traversal).
      out.push(`Peer: ${s.peer} port ${s.ike?.natTraversal ? 4500 : 500}`);
    }
    appendAll(out, ikeLines(dev, s, nowMs, detail));
    for (const flow of s.flows) appendAll(out, flowLines(flow, nowMs, detail));
    out.push('');
  }
  return out.join('\n');
}
