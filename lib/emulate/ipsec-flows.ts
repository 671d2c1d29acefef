/**
 * The flows `show crypto ipsec sa` and `show crypto session` list: per crypto-map interface, every
 * permit line of every active entry's crypto ACL, with the IPsec SA pairs negotiated for it. IOS
 * lists a line without SAs too (zero counters), which is how an operator spots a typo'd network.
 */
import { identText } from './ike-text.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore } from './types.js';
import { VTI_MAP_SEQ, vtiFlows, vtiMapName } from './vti-sa.js';
import type { AclRule, AddressMatch, InterfaceConfig } from '../ir/router-config.js';
import { compileAcl, type CompiledAclLine } from '../rules/acl.js';
import { compileCryptoMap, cryptoMapOf, type CompiledCryptoEntry } from '../rules/crypto-map.js';
import { cryptoLocalAddress } from '../rules/crypto-local-address.js';
import { offeredPfsGroup } from '../rules/ike-phase2.js';
import { isGreTunnel } from '../rules/gre-ipsec.js';
import { tunnelSource } from '../rules/tunnels.js';
import { greIdent } from './gre-sas.js';
import { appendAll } from '../ir/collections.js';

/** One permit line of a crypto ACL, from this router's side, with its SAs. */
export interface IpsecFlow {
  /** The ACL line; undefined for SAs whose line was not recorded. */
  readonly line?: CompiledAclLine;
  readonly localIdent: string;
  readonly remoteIdent: string;
  /** The local and remote sides of the line (`show crypto session` prints them). @default - from the SA */
  readonly rule?: AclRule;
  readonly source?: AddressMatch;
  readonly destination?: AddressMatch;
  /** The peer: of the newest SA, else the entry's first `set peer`. */
  readonly peer: string;
  /** Sequence number of the crypto map entry. */
  readonly seq: number;
  /** PFS group of the entry (`set pfs`). @default - none */
  readonly pfsGroup?: number;
  readonly sas: readonly IpsecSaPair[];
}

/** The flows of one crypto-map interface. */
export interface InterfaceFlows {
  readonly interface: string;
  readonly mapName: string;
  /** The crypto map's IKE/ESP address (its local-address interface, else the interface's own). */
  readonly local: string;
  readonly flows: readonly IpsecFlow[];
}

/**
 * Every crypto-map interface of a router in configuration order, with its flows, and every static VTI
 * protected by IKEv2 with its one any/any flow (`vti-sa.ts`).
 */
export function ipsecFlows(dev: DeviceCore): InterfaceFlows[] {
  const out: InterfaceFlows[] = [];
  // docs/ios-semantics.md#dynamic-vti: a dynamic VTI hub's virtual-access interfaces come after its own.
  for (const iface of [...dev.config.interfaces, ...dev.virtualAccess.live(dev.sadb)]) {
    const tunnel = tunnelFlows(dev, iface);
    if (tunnel) out.push(tunnel);
    if (iface.cryptoMap === undefined) continue;
    const local = cryptoLocalAddress(dev.config, iface) ?? '0.0.0.0';
    const sas = dev.sadb.ipsec.filter((s) => s.interface === iface.name);
    const byLine = new Map<object | undefined, IpsecSaPair[]>();
    for (const sa of sas) {
      const line = dev.sadb.lineOf(sa);
      const list = byLine.get(line);
      if (list) list.push(sa);
      else byLine.set(line, [sa]);
    }
    const shown = new Set<IpsecSaPair>();
    const flows: IpsecFlow[] = [];
    const map = cryptoMapOf(dev.config, iface.name);
    for (const ce of map ? compileCryptoMap(dev.config, map).entries : [])
      if (ce.status === 'active') appendAll(flows, entryFlows(ce, byLine, shown));
    for (const sa of sas) {
      if (shown.has(sa)) continue;
      flows.push({
        localIdent: sa.localIdent,
        remoteIdent: sa.remoteIdent,
        peer: sa.peer,
        seq: sa.seq,
        ...(sa.pfsGroup !== undefined ? { pfsGroup: sa.pfsGroup } : {}),
        sas: [sa],
      });
    }
    out.push({ interface: iface.name, mapName: iface.cryptoMap, local, flows });
  }
  return out;
}

/** The flows of one active entry: its permit lines with their SAs (recorded in `shown`). */
function entryFlows(
  ce: CompiledCryptoEntry,
  byLine: ReadonlyMap<object | undefined, IpsecSaPair[]>,
  shown: Set<IpsecSaPair>,
): IpsecFlow[] {
  const flows: IpsecFlow[] = [];
  for (const line of compileAcl(ce.acl!).lines) {
    if (line.action !== 'permit') continue;
    const r = line.rule;
    const mine = byLine.get(line) ?? [];
    // A dynamic entry has no peer until one brings an SA up (docs/emulator.md#dynamic-entries).
    if (ce.dynamic !== undefined && mine.length === 0) continue;
    for (const sa of mine) shown.add(sa);
    const pfs = offeredPfsGroup(ce);
    flows.push({
      line,
      rule: r,
      source: r.source,
      destination: r.destination,
      localIdent: identText(r.source, r, 'source'),
      remoteIdent: identText(r.destination, r, 'destination'),
      peer: mine.at(-1)?.peer ?? ce.entry.peers[0]!,
      seq: ce.entry.seq,
      ...(pfs !== undefined ? { pfsGroup: pfs } : {}),
      sas: mine,
    });
  }
  return flows;
}

/** The flow of a protected tunnel interface (static VTI with IKEv2, or GRE), if it is one. */
function tunnelFlows(dev: DeviceCore, iface: InterfaceConfig): InterfaceFlows | undefined {
  return vtiFlows(dev, iface) ?? protectedGreFlows(dev, iface);
}

/**
 * The flow of a GRE tunnel with tunnel protection (docs/ios-semantics.md#gre-over-ipsec): GRE
 * between the tunnel addresses, under the crypto map IOS builds for the tunnel (`Tunnel1-head-0`).
 * Undefined for any other interface.
 */
function protectedGreFlows(dev: DeviceCore, t: InterfaceConfig): InterfaceFlows | undefined {
  const source = tunnelSource(dev.config, t).address;
  const destination = t.tunnel?.destination;
  if (t.shutdown || !isGreTunnel(t) || t.tunnel?.protection === undefined) return undefined;
  if (source === undefined || destination === undefined) return undefined;
  const sas = dev.sadb.ipsec.filter((s) => s.interface === t.name);
  const flow: IpsecFlow = {
    localIdent: greIdent(source),
    remoteIdent: greIdent(destination),
    peer: destination,
    seq: VTI_MAP_SEQ,
    sas,
  };
  return { interface: t.name, mapName: vtiMapName(t.name), local: source, flows: [flow] };
}

/** Seconds and kilobytes an SA half has left: lifetimes count down with the emulated clock and traffic. */
export function remainingLifetime(sa: IpsecSaPair, nowMs: number, bytes: number): { kb: number; seconds: number } {
  return {
    seconds: Math.max(0, sa.lifetimeSeconds - Math.floor((nowMs - sa.createdAt) / 1000)),
    kb: Math.max(0, sa.lifetimeKilobytes - Math.floor(bytes / 1024)),
  };
}
