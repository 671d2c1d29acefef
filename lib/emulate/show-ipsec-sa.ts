/**
 * `show crypto ipsec sa [detail]` in the layout of the router's platform (docs/emulator.md#show-crypto-ipsec-sa):
 * IOS 12.2 as the reference lab's captures print it; IOS 15 and IOS-XE with `protected vrf`,
 * `current_peer X port 500`, `#pkts digest:`, `plaintext mtu`, `PFS (Y/N)`, `esp-256-aes`,
 * the cipher's real IV size, the replay window and `Status:` (public captures of IOS 15 and the
 * ntc-templates `show crypto ipsec sa detail` samples). Every crypto-ACL permit line is a flow,
 * with zero counters until it has SAs.
 */
import { ipsecConnId, ipsecFlowId, isModern } from './conn-ids.js';
import { spiText, transformText } from './ike-text.js';
import { ipsecFlows, remainingLifetime, type IpsecFlow } from './ipsec-flows.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore } from './types.js';
import { appendAll } from '../ir/collections.js';
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { saEncapsulation } from '../rules/gre-ipsec.js';
import { normalizeTransform } from '../rules/ike-phase2.js';

/** How IOS 15 / IOS-XE name a transform in `show crypto ipsec sa` (`esp-256-aes`). */
const MODERN_TRANSFORM: Readonly<Record<string, string>> = {
  'esp-aes 128': 'esp-aes',
  'esp-aes 192': 'esp-192-aes',
  'esp-aes 256': 'esp-256-aes',
};

/** Cipher block / IV size in bytes and ICV size of the set's transforms (ESP overhead). */
export function espSizes(transforms: readonly string[]): { iv: number; block: number; icv: number } {
  const n = transforms.map(normalizeTransform);
  const cipher = n.find((t) => t.startsWith('esp-') && !t.endsWith('-hmac')) ?? 'esp-null';
  const iv = cipher.startsWith('esp-aes') ? 16 : cipher.startsWith('esp-gcm') || cipher.includes('des') ? 8 : 0;
  const block = cipher.startsWith('esp-aes') ? 16 : cipher.includes('des') ? 8 : 4;
  const hash = n.find((t) => t.endsWith('-hmac'));
  const icv = cipher.startsWith('esp-gcm') ? 16 : !hash ? 0 : /sha(256|384|512)/.exec(hash) ? 16 : 12;
  return { iv, block, icv };
}

/**
 * The largest inner packet a tunnel-mode SA carries in a 1500-byte path: 1500 minus the outer IP
 * header (20), the ESP header (8), the IV and the ICV, rounded down to the cipher block, minus the
 * two trailer bytes (pad length, next header): 1438 for AES with SHA-1, 1446 for DES with MD5. In
 * transport mode the packet keeps its own IP header (20 bytes, not encrypted) and there is no
 * outer one: 1458 for AES with SHA-1.
 */
export function plaintextMtu(transforms: readonly string[], transport = false): number {
  const s = espSizes(transforms);
  const payload = Math.floor((1500 - 20 - 8 - s.iv - s.icv) / s.block) * s.block - 2;
  return transport ? payload + 20 : payload;
}

function modernTransformText(transforms: readonly string[]): string {
  return `${transforms.map((t) => MODERN_TRANSFORM[normalizeTransform(t)] ?? normalizeTransform(t)).join(' ')} `;
}

interface Ctx {
  readonly platform: Platform;
  readonly config: RouterConfig;
  readonly nowMs: number;
  readonly detail: boolean;
}

function espBlock(c: Ctx, sa: IpsecSaPair, dir: 'in' | 'out'): string[] {
  const half = dir === 'in' ? sa.inbound : sa.outbound;
  const left = remainingLifetime(sa, c.nowMs, dir === 'in' ? sa.bytesIn : sa.bytesOut);
  const timing = `        sa timing: remaining key lifetime (k/sec): (${left.kb}/${left.seconds})`;
  if (!isModern(c.platform)) {
    return [
      `      spi: ${spiText(half.spi)}`,
      `        transform: ${transformText(sa.transformSet)},`,
      `        in use settings =${useSettings(c, sa)}`,
      `        slot: 0, conn id: ${half.connId}, flow_id: ${ipsecFlowId(c.platform, half.connId)}, crypto map: ${sa.mapName}`,
      timing,
      '        IV size: 8 bytes',
      '        replay detection support: Y',
    ];
  }
  const flags = c.platform === 'ios-xe-17' ? 'FFFFFFFF80000048' : '80000046';
  return [
    `      spi: ${spiText(half.spi)}`,
    `        transform: ${modernTransformText(sa.transformSet.transforms)},`,
    `        in use settings =${useSettings(c, sa)}`,
    `        conn id: ${ipsecConnId(c.platform, half.connId)}, flow_id: ${ipsecFlowId(c.platform, half.connId)}, sibling_flags ${flags}, crypto map: ${sa.mapName}`,
    timing,
    `        IV size: ${espSizes(sa.transformSet.transforms).iv} bytes`,
    '        replay detection support: Y  replay window size: 64',
    '        Status: ACTIVE(ACTIVE)',
  ];
}

/**
 * `{Tunnel, }`, or `{Tunnel UDP-Encaps, }` for ESP inside UDP 4500 (docs/ios-semantics.md#nat-traversal),
 * as IOS prints NAT-T SAs; `Transport` for a transport-mode SA between the peers themselves
 * (docs/ios-semantics.md#gre-over-ipsec).
 */
function useSettings(c: Ctx, sa: IpsecSaPair): string {
  const mode = transportSa(c, sa) ? 'Transport' : 'Tunnel';
  return sa.natTraversal === 'udp-encapsulation' ? `{${mode} UDP-Encaps, }` : `{${mode}, }`;
}

/** True for a transport-mode SA (its own transform set asks for it, and it carries the peers' own traffic). */
function transportSa(c: Ctx, sa: IpsecSaPair): boolean {
  const set = c.config.transformSets.find((t) => t.name === sa.transformSet.name);
  return saEncapsulation(set?.mode, sa.proxy, sa.local, sa.peer) === 'transport';
}

/** The peer's IKE port: 4500 once NAT-T floated to it, else 500. */
export function peerPort(sa: { readonly natTraversal?: string } | undefined): number {
  return sa?.natTraversal === 'udp-encapsulation' ? 4500 : 500;
}

/** The error counters: one line on 12.2 and without `detail`, the breakdown with it. */
function errorLines(c: Ctx): string[] {
  if (!c.detail || !isModern(c.platform)) return ['    #send errors 0, #recv errors 0'];
  return [
    '    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0',
    '    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0',
    '    #pkts invalid prot (recv) 0, #pkts verify failed: 0',
    '    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0',
    '    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0',
    '    ##pkts replay failed (rcv): 0',
    '    #pkts tagged (send): 0, #pkts untagged (rcv): 0',
    '    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0',
    '    #pkts internal err (send): 0, #pkts internal err (recv) 0',
  ];
}

/** The MTU, outbound SPI and PFS lines after the endpoints. */
function tailLines(c: Ctx, iface: string, flow: IpsecFlow, sa: IpsecSaPair | undefined): string[] {
  if (!isModern(c.platform)) {
    return [
      '     path mtu 1500, media mtu 1500',
      `     current outbound spi: ${sa ? sa.outbound.spi.toString(16).toUpperCase() : '0'}`,
    ];
  }
  const pfs = sa ? sa.pfsGroup : flow.pfsGroup;
  return [
    `     plaintext mtu ${sa ? plaintextMtu(sa.transformSet.transforms, transportSa(c, sa)) : 1500}, path mtu 1500, ip mtu 1500, ip mtu idb ${iface}`,
    `     current outbound spi: ${sa ? spiText(sa.outbound.spi) : '0x0(0)'}`,
    `     PFS (Y/N): ${pfs === undefined ? 'N, DH group: none' : `Y, DH group: group${pfs}`}`,
  ];
}

/** The block of one flow with one SA pair, or with none (`sa` undefined). */
function flowBlock(c: Ctx, iface: string, local: string, flow: IpsecFlow, sa: IpsecSaPair | undefined): string[] {
  const peer = sa?.peer ?? flow.peer;
  const encaps = sa?.encrypted ?? 0;
  const decaps = sa?.decrypted ?? 0;
  const modern = isModern(c.platform);
  const d = modern ? ':' : '';
  const head = [
    '',
    ...(modern ? ['   protected vrf: (none)'] : []),
    `   local  ident (addr/mask/prot/port): (${sa?.localIdent ?? flow.localIdent})`,
    `   remote ident (addr/mask/prot/port): (${sa?.remoteIdent ?? flow.remoteIdent})`,
    modern ? `   current_peer ${peer} port ${peerPort(sa)}` : `   current_peer: ${peer}`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest${d} ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify${d} ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    ...(modern
      ? [
          '    #pkts not compressed: 0, #pkts compr. failed: 0',
          '    #pkts not decompressed: 0, #pkts decompress failed: 0',
        ]
      : ['    #pkts not compressed: 0, #pkts compr. failed: 0, #pkts decompress failed: 0']),
    ...errorLines(c),
    '',
    `     local crypto endpt.: ${local}, remote crypto endpt.: ${peer}`,
  ];
  const tail = tailLines(c, iface, flow, sa);
  const inbound = sa ? espBlock(c, sa, 'in') : [];
  const outbound = sa ? espBlock(c, sa, 'out') : [];
  return [
    ...head,
    ...tail,
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

/**
 * `show crypto ipsec sa [detail]`: per crypto-map interface, every permit line of every active
 * entry's crypto ACL as a flow (one block per SA pair; a line without SAs shows its idents, the
 * entry's first peer, zero counters and empty SA sections), then SAs whose line was not recorded.
 */
export function showCryptoIpsecSa(dev: DeviceCore, nowMs: number, detail = false): string {
  const c: Ctx = { platform: dev.config.platform, config: dev.config, nowMs, detail };
  const out: string[] = [];
  for (const f of ipsecFlows(dev)) {
    const addr = isModern(c.platform) ? 'local addr' : 'local addr.';
    out.push('', `interface: ${f.interface}`, `    Crypto map tag: ${f.mapName}, ${addr} ${f.local}`);
    for (const flow of f.flows) {
      if (flow.sas.length === 0) appendAll(out, flowBlock(c, f.interface, f.local, flow, undefined));
      for (const sa of flow.sas) appendAll(out, flowBlock(c, f.interface, f.local, flow, sa));
    }
  }
  out.push('');
  return out.join('\n');
}
