/**
 * `show crypto isakmp sa`, `show crypto ipsec sa` and `show crypto engine connections active`,
 * laid out as IOS 12.2 prints them (the reference lab's captures); newer platforms get the
 * `IPv4 Crypto ISAKMP SA` heading and `status` column of IOS 15 / IOS-XE.
 */
import { ipsecEngineAlgorithm, ikeEngineAlgorithm } from './algorithm-names.js';
import { identText, spiText, transformText } from './ike-text.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore } from './types.js';
import { appendAll, maxOf } from '../ir/collections.js';
import { compileAcl, type CompiledAclLine } from '../rules/acl.js';
import { compileCryptoMap, cryptoMapOf } from '../rules/crypto-map.js';
import { cryptoLocalAddress } from '../rules/crypto-local-address.js';

/**
 * `show crypto isakmp sa`. dst is the responder of the phase 1 exchange, src the initiator. Rows
 * come in connection-id order: established SAs in QM_IDLE, and the SA a failed main mode left in the
 * state where it stopped (MM_NO_STATE or MM_KEY_EXCH: docs/ios-semantics.md#ike-states-after-a-failure).
 * IOS 12.2 prints `conn-id slot` (Cisco Press, The Complete Cisco VPN Configuration Guide:
 * `QM_IDLE 1 0`); IOS 15 / IOS-XE add the `IPv4 Crypto ISAKMP SA` heading and the `status` column,
 * with conn-ids from 1001 (public IOS-XE captures of a failed phase 1: `MM_NO_STATE 1001 ACTIVE`).
 */
export function showCryptoIsakmpSa(dev: DeviceCore): string {
  const modern = dev.config.platform !== 'ios-12.2';
  const all = [...dev.sadb.ike.map((s) => ({ ...s, state: 'QM_IDLE' })), ...dev.sadb.failedIke].sort(
    (a, b) => a.connId - b.connId,
  );
  const rows = all.map((s) => {
    const [dst, src] = s.initiator ? [s.remote, s.local] : [s.local, s.remote];
    return modern
      ? `${dst.padEnd(16)}${src.padEnd(16)}${s.state.padEnd(15)}${String(s.connId + 1000).padStart(7)} ACTIVE`
      : `${dst.padEnd(16)}${src.padEnd(16)}${s.state.padEnd(15)}${String(s.connId).padStart(7)}    0`;
  });
  const head = modern
    ? ['IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status']
    : ['dst             src             state          conn-id slot'];
  return [...head, ...rows, ''].join('\n');
}

const AUTH_CODE: Readonly<Record<string, string>> = { 'pre-share': 'psk', 'rsa-sig': 'rsig', 'rsa-encr': 'renc' };
const ENCR_TEXT: Readonly<Record<string, string>> = {
  des: 'des',
  '3des': '3des',
  aes: 'aes',
  'aes-192': 'aes:192',
  'aes-256': 'aes:256',
};

/** `hh:mm:ss` of the seconds left. */
function clockText(seconds: number): string {
  const s = Math.max(0, seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/**
 * `show crypto isakmp sa detail` in the IOS 15 / IOS-XE layout: per IKE SA its algorithms, the
 * time left and the capabilities, `D` when this side runs dead peer detection on it
 * (docs/ios-semantics.md#dead-peer-detection). The emulator has no idle timer, so the periodic
 * R-U-THERE exchanges themselves are not replayed.
 */
export function showCryptoIsakmpSaDetail(dev: DeviceCore, nowMs: number): string {
  const rows: string[] = [];
  for (const s of dev.sadb.ike) {
    const id = dev.config.platform === 'ios-12.2' ? s.connId : s.connId + 1000;
    const left = s.lifetime - Math.floor((nowMs - s.createdAt) / 1000);
    const cap = s.dpd ? 'D' : '';
    rows.push(
      `${String(id).padEnd(6)}${s.local.padEnd(16)}${s.remote.padEnd(16)}${''.padEnd(7)}ACTIVE ${(ENCR_TEXT[s.policy.encryption] ?? s.policy.encryption).padEnd(5)}${s.policy.hash.padEnd(7)}${(AUTH_CODE[s.policy.authentication] ?? '').padEnd(5)}${String(s.policy.group).padEnd(3)}${clockText(left)} ${cap}`.trimEnd(),
      `       Engine-id:Conn-id =  SW:${s.connId}`,
    );
    rows.push('');
  }
  return [
    'Codes: C - IKE configuration mode, D - Dead Peer Detection',
    '       K - Keepalives, N - NAT-traversal',
    '       T - cTCP encapsulation, X - IKE Extended Authentication',
    '       psk - Preshared key, rsig - RSA signature',
    '       renc - RSA encryption',
    'IPv4 Crypto ISAKMP SA',
    '',
    'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.',
    '',
    ...rows,
    'IPv6 Crypto ISAKMP SA',
    '',
  ].join('\n');
}

function remaining(sa: IpsecSaPair, nowMs: number, bytes: number): string {
  const secs = Math.max(0, sa.lifetimeSeconds - Math.floor((nowMs - sa.createdAt) / 1000));
  const kb = Math.max(0, sa.lifetimeKilobytes - Math.floor(bytes / 1024));
  return `(${kb}/${secs})`;
}

function espBlock(sa: IpsecSaPair, spi: number, connId: number, flow: number, nowMs: number, bytes: number): string[] {
  return [
    `      spi: ${spiText(spi)}`,
    `        transform: ${transformText(sa.transformSet)},`,
    '        in use settings ={Tunnel, }',
    `        slot: 0, conn id: ${connId}, flow_id: ${flow}, crypto map: ${sa.mapName}`,
    `        sa timing: remaining key lifetime (k/sec): ${remaining(sa, nowMs, bytes)}`,
    '        IV size: 8 bytes',
    '        replay detection support: Y',
  ];
}

/** A flow of `show crypto ipsec sa`: one permit line of a crypto ACL, from this router's side. */
interface Flow {
  readonly line: CompiledAclLine;
  readonly localIdent: string;
  readonly remoteIdent: string;
  /** The entry's first `set peer`: IOS shows it as the peer before any SA exists. */
  readonly peer: string;
}

/** Every permit line of the active entries of the map on an interface, in sequence and ACL order. */
function flowsOf(dev: DeviceCore, ifaceName: string): Flow[] {
  const map = cryptoMapOf(dev.config, ifaceName);
  if (!map) return [];
  const out: Flow[] = [];
  for (const ce of compileCryptoMap(dev.config, map).entries) {
    if (ce.status !== 'active') continue;
    for (const line of compileAcl(ce.acl!).lines) {
      if (line.action !== 'permit') continue;
      const r = line.rule;
      out.push({
        line,
        localIdent: identText(r.source, r, 'source'),
        remoteIdent: identText(r.destination, r, 'destination'),
        peer: ce.entry.peers[0]!,
      });
    }
  }
  return out;
}

/** The part of a flow block every flow has: idents, peer, counters and endpoints. */
function flowHead(
  localIdent: string,
  remoteIdent: string,
  local: string,
  peer: string,
  encaps: number,
  decaps: number,
): string[] {
  return [
    '',
    `   local  ident (addr/mask/prot/port): (${localIdent})`,
    `   remote ident (addr/mask/prot/port): (${remoteIdent})`,
    `   current_peer: ${peer}`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0, #pkts decompress failed: 0',
    '    #send errors 0, #recv errors 0',
    '',
    `     local crypto endpt.: ${local}, remote crypto endpt.: ${peer}`,
    '     path mtu 1500, media mtu 1500',
  ];
}

/** The SA sections of a flow; empty (headings only) when the flow has no SA. */
function saSections(inbound: string[], outbound: string[]): string[] {
  return [
    '',
    '     inbound esp sas:',
    ...inbound,
    '',
    '     inbound ah sas:',
    '',
    '     inbound pcp sas:',
    '',
    '     outbound esp sas:',
    ...outbound,
    '',
    '     outbound ah sas:',
    '',
    '     outbound pcp sas:',
  ];
}

function saFlowBlock(sa: IpsecSaPair, nowMs: number): string[] {
  return [
    ...flowHead(sa.localIdent, sa.remoteIdent, sa.local, sa.peer, sa.encrypted, sa.decrypted),
    `     current outbound spi: ${sa.outbound.spi.toString(16).toUpperCase()}`,
    ...saSections(
      espBlock(sa, sa.inbound.spi, sa.inbound.connId, sa.inbound.connId - 1999, nowMs, sa.bytesIn),
      espBlock(sa, sa.outbound.spi, sa.outbound.connId, sa.outbound.connId - 1999, nowMs, sa.bytesOut),
    ),
  ];
}

/**
 * `show crypto ipsec sa`: per crypto-map interface, every permit line of every active entry's crypto
 * ACL as a flow, as IOS lists them (an operator spots a typo'd network as a flow with zero counters
 * and no SA): a line with SAs shows one block per SA pair, a line without shows its idents, the
 * entry's first peer, zero counters and empty SA sections (`current outbound spi: 0`). SAs whose
 * line is not in the list (none recorded) follow.
 */
export function showCryptoIpsecSa(dev: DeviceCore, nowMs: number): string {
  const out: string[] = [];
  for (const iface of dev.config.interfaces) {
    if (iface.cryptoMap === undefined) continue;
    const local = cryptoLocalAddress(dev.config, iface) ?? '0.0.0.0';
    out.push('', `interface: ${iface.name}`, `    Crypto map tag: ${iface.cryptoMap}, local addr. ${local}`);
    const sas = dev.sadb.ipsec.filter((s) => s.interface === iface.name);
    const byLine = new Map<object | undefined, IpsecSaPair[]>();
    for (const sa of sas) {
      const line = dev.sadb.lineOf(sa);
      const list = byLine.get(line);
      if (list) list.push(sa);
      else byLine.set(line, [sa]);
    }
    const shown = new Set<IpsecSaPair>();
    for (const flow of flowsOf(dev, iface.name)) {
      const mine = byLine.get(flow.line) ?? [];
      for (const sa of mine) {
        shown.add(sa);
        appendAll(out, saFlowBlock(sa, nowMs));
      }
      if (mine.length > 0) continue;
      appendAll(out, [
        ...flowHead(flow.localIdent, flow.remoteIdent, local, flow.peer, 0, 0),
        '     current outbound spi: 0',
        ...saSections([], []),
      ]);
    }
    for (const sa of sas) if (!shown.has(sa)) appendAll(out, saFlowBlock(sa, nowMs));
  }
  out.push('');
  return out.join('\n');
}

/** One row of `show crypto engine connections active`. */
export interface EngineConnection {
  readonly id: number;
  readonly interface: string;
  readonly address: string;
  readonly algorithm: string;
  readonly encrypt: number;
  readonly decrypt: number;
  /** `ike` for phase 1 SAs, `ipsec-in` / `ipsec-out` for the halves of IPsec SAs. */
  readonly kind: 'ike' | 'ipsec-in' | 'ipsec-out';
}

/** The engine's active connections: IKE SAs, then IPsec SA halves by connection id (2000+). */
export function engineConnections(dev: DeviceCore): EngineConnection[] {
  const ike: EngineConnection[] = dev.sadb.ike.map((s) => ({
    id: s.connId,
    interface: s.interface,
    address: s.local,
    algorithm: ikeEngineAlgorithm(s.policy),
    encrypt: 0,
    decrypt: 0,
    kind: 'ike',
  }));
  const ipsec: EngineConnection[] = [];
  for (const s of dev.sadb.ipsec) {
    const algorithm = ipsecEngineAlgorithm(s.transformSet.transforms);
    ipsec.push({
      id: s.inbound.connId,
      interface: s.interface,
      address: s.local,
      algorithm,
      encrypt: 0,
      decrypt: s.decrypted,
      kind: 'ipsec-in',
    });
    ipsec.push({
      id: s.outbound.connId,
      interface: s.interface,
      address: s.local,
      algorithm,
      encrypt: s.encrypted,
      decrypt: 0,
      kind: 'ipsec-out',
    });
  }
  return [...ike.sort((a, b) => a.id - b.id), ...ipsec.sort((a, b) => a.id - b.id)];
}

/** `show crypto engine connections active`, in the reference lab's column layout. */
export function showCryptoEngineConnections(dev: DeviceCore): string {
  const rows = engineConnections(dev).map((c) => [
    String(c.id),
    c.interface,
    c.address,
    'set',
    c.algorithm,
    String(c.encrypt),
    String(c.decrypt),
  ]);
  const head = ['ID', 'Interface', 'IP-Address', 'State', 'Algorithm', 'Encrypt', 'Decrypt'];
  const min = [5, 11, 12, 7, 20, 9, 0];
  // The ID column is separated by one space (`2000 Ethernet1`), the others by two.
  const gap = (i: number) => (i === 0 ? 1 : 2);
  const widths = head.map((h, i) =>
    maxOf(
      rows.map((r) => r[i]!.length + gap(i)),
      Math.max(min[i]!, h.length + gap(i)),
    ),
  );
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('');
  return [line(head), ...rows.map(line), ''].join('\n');
}
