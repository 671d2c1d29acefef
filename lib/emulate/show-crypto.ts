/**
 * `show crypto isakmp sa [detail]` and `show crypto engine connections active`,
 * laid out as IOS 12.2 prints them (the reference lab's captures); newer platforms get the
 * `IPv4 Crypto ISAKMP SA` heading and `status` column of IOS 15 / IOS-XE.
 */
import {
  ipsecEngineAlgorithm,
  ikeEngineAlgorithm,
  modernIkeEngineAlgorithm,
  modernIpsecEngineAlgorithm,
} from './algorithm-names.js';
import { ikeConnId, ipsecConnId, isModern } from './conn-ids.js';
import type { DeviceCore } from './types.js';
import { maxOf } from '../ir/collections.js';

/**
 * `show crypto isakmp sa`. dst is the responder of the phase 1 exchange, src the initiator. Rows
 * come in connection-id order: established SAs in QM_IDLE, and the SA a failed main mode left in the
 * state where it stopped (MM_NO_STATE, MM_SA_SETUP or MM_KEY_EXCH) while IOS still retransmits;
 * once IOS gave the attempt up, IOS 15 / IOS-XE list it as `MM_NO_STATE ... ACTIVE (deleted)`
 * (docs/ios-semantics.md#ike-states-after-a-failure). IOS 12.2 prints `conn-id slot` (Cisco Press,
 * The Complete Cisco VPN Configuration Guide: `QM_IDLE 1 0`); IOS 15 / IOS-XE add the `IPv4 Crypto
 * ISAKMP SA` heading and the `status` column, with conn-ids from 1001.
 */
export function showCryptoIsakmpSa(dev: DeviceCore, nowMs = 0): string {
  const modern = dev.config.platform !== 'ios-12.2';
  const all = [
    ...dev.sadb.ike.map((s) => ({ ...s, state: 'QM_IDLE', status: 'ACTIVE' })),
    ...dev.sadb.failedIke.map((s) =>
      modern && s.deletedAt <= nowMs
        ? { ...s, state: 'MM_NO_STATE', status: 'ACTIVE (deleted)' }
        : { ...s, status: 'ACTIVE' },
    ),
  ].sort((a, b) => a.connId - b.connId);
  const rows = all.map((s) => {
    const [dst, src] = s.initiator ? [s.remote, s.local] : [s.local, s.remote];
    return modern
      ? `${dst.padEnd(16)}${src.padEnd(16)}${s.state.padEnd(15)}${String(ikeConnId(dev.config.platform, s.connId)).padStart(7)} ${s.status}`
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
 * (docs/ios-semantics.md#dead-peer-detection; its R-U-THERE exchanges run in `dpd-timers.ts`).
 */
export function showCryptoIsakmpSaDetail(dev: DeviceCore, nowMs: number): string {
  const rows: string[] = [];
  for (const s of dev.sadb.ike) {
    const id = ikeConnId(dev.config.platform, s.connId);
    const left = s.lifetime - Math.floor((nowMs - s.createdAt) / 1000);
    // Capabilities: D dead peer detection, N NAT-traversal (docs/ios-semantics.md#nat-traversal).
    const cap = `${s.dpd ? 'D' : ''}${s.natTraversal ? 'N' : ''}`;
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

/**
 * The engine's active connections, with the platform's ids (conn-ids.ts). IOS 12.2: IKE SAs by
 * conn-id, then IPsec SA halves by conn id (2000, 2001, ...), names like `HMAC_MD5+DES_56_CB`.
 * IOS 15 / IOS-XE: every row by id, the IPsec halves numbered by their flow id (`flow_id: SW:1` in
 * `show crypto ipsec sa` is engine connection 1) before the IKE SAs (1001, ...), names like
 * `AES+SHA` and `SHA+AES256` (public captures of `show crypto engine connections active`).
 */
export function engineConnections(dev: DeviceCore): EngineConnection[] {
  const platform = dev.config.platform;
  const modern = isModern(platform);
  const ike: EngineConnection[] = dev.sadb.ike.map((s) => ({
    id: ikeConnId(platform, s.connId),
    interface: s.interface,
    address: s.local,
    algorithm: modern ? modernIkeEngineAlgorithm(s.policy) : ikeEngineAlgorithm(s.policy),
    encrypt: 0,
    decrypt: 0,
    kind: 'ike',
  }));
  const ipsec: EngineConnection[] = [];
  const id = (connId: number) => (modern ? connId - 1999 : ipsecConnId(platform, connId));
  for (const s of dev.sadb.ipsec) {
    const t = s.transformSet.transforms;
    const algorithm = modern ? modernIpsecEngineAlgorithm(t) : ipsecEngineAlgorithm(t);
    const common = { interface: s.interface, address: s.local, algorithm };
    ipsec.push({ ...common, id: id(s.inbound.connId), encrypt: 0, decrypt: s.decrypted, kind: 'ipsec-in' });
    ipsec.push({ ...common, id: id(s.outbound.connId), encrypt: s.encrypted, decrypt: 0, kind: 'ipsec-out' });
  }
  const byId = (a: EngineConnection, b: EngineConnection) => a.id - b.id;
  return modern ? [...ipsec, ...ike].sort(byId) : [...ike.sort(byId), ...ipsec.sort(byId)];
}

/**
 * IOS 15 / IOS-XE `show crypto engine connections active`: `Crypto Engine Connections`, then `ID
 * Type Algorithm Encrypt Decrypt LastSeqN IP-Address` with the counters right-aligned; LastSeqN is
 * the last sequence number received, so the inbound half's packet count (public captures).
 */
function modernEngineTable(dev: DeviceCore): string {
  const rows = engineConnections(dev).map(
    (c) =>
      `${String(c.id).padStart(5)}  ${(c.kind === 'ike' ? 'IKE' : 'IPsec').padEnd(8)}${c.algorithm.padEnd(20)}` +
      `${String(c.encrypt).padStart(7)}${String(c.decrypt).padStart(9)}${String(c.decrypt).padStart(9)} ${c.address}`,
  );
  return [
    'Crypto Engine Connections',
    '',
    '   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address',
    ...rows,
    '',
  ].join('\n');
}

/** `show crypto engine connections active`: the reference lab's column layout on IOS 12.2. */
export function showCryptoEngineConnections(dev: DeviceCore): string {
  if (isModern(dev.config.platform)) return modernEngineTable(dev);
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
