/**
 * `show interfaces TunnelN` (also `show interfaces tunnel N`) and `show ip interface brief`, per
 * platform (docs/emulator.md#show-interfaces). The line protocol of a tunnel is the rule of
 * `lib/rules/tunnels.ts` (docs/ios-semantics.md#tunnel-interfaces) as the router's routing table
 * applies it; the counters are the packets the emulated tunnel carried (tunnel-counters.ts).
 * Layouts follow public captures: IOS 12.x GRE tunnels (Cisco community threads of 2008:
 * `MTU 1514 bytes, BW 9 Kbit, DLY 500000 usec`, `Fast tunneling enabled` on its own line), IOS 15
 * GRE (Zscaler's GRE configuration guide for Cisco routers: `Tunnel linestate evaluation up`,
 * `Tunnel TTL 255, Fast tunneling enabled`, `Tunnel transport MTU 1476 bytes`, MTU 17916) and IOS 15
 * static VTIs (the AWS Site-to-Site VPN guide's Cisco IOS troubleshooting capture: `IPSEC/IP`,
 * `Tunnel TTL 255`, `Tunnel transport MTU 1427 bytes`, MTU 17867, `Tunnel protection via IPSec
 * (profile "...")`). IOS-XE 17 prints the IOS 15 layout (not checked against an IOS-XE capture).
 */
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { isIpv4 } from '../ir/ipv4.js';
import { routingTable } from '../rules/routing.js';
import { isTunnelInterface, tunnelMode, tunnelSource } from '../rules/tunnels.js';
import { protectionProfile } from '../rules/tunnel-ipsec.js';
import { isVirtualTemplate } from '../rules/dvti.js';
import { isModern } from './conn-ids.js';
import { espSizes } from './show-ipsec-sa.js';
import type { TunnelDirection, TunnelTraffic } from './tunnel-counters.js';

/** What the tunnel views need from their router. */
export interface InterfaceView {
  readonly config: RouterConfig;
  readonly tunnelCounters: { of(tunnel: string): TunnelTraffic };
}

/** The interface a `show interfaces` argument names (`Tunnel1`, `tu1`, `tunnel 1`), if any. */
export function namedInterface(
  config: RouterConfig,
  words: readonly string[],
  virtual: readonly InterfaceConfig[] = [],
): InterfaceConfig | undefined {
  const text = words.join('').toLowerCase();
  const m = /^([a-z-]+)(\d[\d/.:]*)$/.exec(text);
  if (!m) return undefined;
  const hits = [...config.interfaces, ...virtual].filter((i) => {
    const n = /^([a-z-]+)(\d[\d/.:]*)$/.exec(i.name.toLowerCase());
    return n !== null && n[2] === m[2] && n[1]!.startsWith(m[1]!);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * `up`, `administratively down`, and the line protocol of an interface. A virtual template is a
 * template, never up itself (its clones are); a listed virtual-access has its session up.
 */
function states(config: RouterConfig, i: InterfaceConfig): { status: string; protocol: 'up' | 'down' } {
  if (i.shutdown) return { status: 'administratively down', protocol: 'down' };
  if (isVirtualTemplate(i)) return { status: 'up', protocol: 'down' };
  if (!isTunnelInterface(i)) return { status: 'up', protocol: 'up' };
  return { status: 'up', protocol: routingTable(config).tunnelsDown.has(i.name) ? 'down' : 'up' };
}

/**
 * Bytes a tunnel adds to a packet (the difference between the 1500-byte path and `Tunnel transport
 * MTU`): 24 for GRE (outer IP and GRE header: 1476 in the captures); for IPsec the outer IP header
 * (20), the ESP header (8), the IV, the largest padding (block - 1), the 2 trailer bytes and the ICV
 * of the profile's first transform set (73 for AES with SHA-1: 1427 in the AWS capture); undefined
 * when the set is not found.
 */
function overhead(config: RouterConfig, t: InterfaceConfig): number | undefined {
  if (tunnelMode(t) === 'gre ip') return 24;
  const name = protectionProfile(config, t)?.transformSets[0];
  const set = name === undefined ? undefined : config.transformSets.find((s) => s.name === name);
  if (!set) return undefined;
  const s = espSizes(set.transforms);
  return 20 + 8 + s.iv + (s.block - 1) + 2 + s.icv;
}

/** `hh:mm:ss` since a virtual time, `never` without one. */
function since(nowMs: number, d: TunnelDirection | undefined): string {
  if (!d) return 'never';
  const s = Math.max(0, Math.floor((nowMs - d.lastMs) / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

function sourceLine(config: RouterConfig, t: InterfaceConfig): string {
  const src = tunnelSource(config, t);
  // `tunnel source IF` prints the interface after its address; `tunnel source A` the address alone.
  const byName = t.tunnel?.source !== undefined && !isIpv4(t.tunnel.source);
  const iface = src.interface && byName ? ` (${src.interface.name})` : '';
  return `  Tunnel source ${src.address ?? 'UNKNOWN'}${iface}, destination ${t.tunnel?.destination ?? 'UNKNOWN'}`;
}

/** The transport lines, from `Tunnel protocol/transport` to the bandwidths. */
function transportLines(config: RouterConfig, t: InterfaceConfig, modern: boolean): string[] {
  const gre = tunnelMode(t) === 'gre ip';
  const out = [`  Tunnel protocol/transport ${gre ? 'GRE' : 'IPSEC'}/IP`];
  if (gre) out.push('    Key disabled, sequencing disabled', '    Checksumming of packets disabled');
  if (!modern) out.push('  Tunnel TTL 255', '  Fast tunneling enabled');
  else {
    out.push(gre ? '  Tunnel TTL 255, Fast tunneling enabled' : '  Tunnel TTL 255');
    const o = overhead(config, t);
    if (o !== undefined) out.push(`  Tunnel transport MTU ${1500 - o} bytes`);
  }
  out.push('  Tunnel transmit bandwidth 8000 (kbps)', '  Tunnel receive bandwidth 8000 (kbps)');
  const p = t.tunnel?.protection;
  if (p) out.push(`  Tunnel protection via IPSec (profile "${p.profile}")`);
  return out;
}

function counterLines(traffic: TunnelTraffic, modern: boolean): string[] {
  const inp = traffic.input;
  const outp = traffic.output;
  return [
    `     ${inp?.packets ?? 0} packets input, ${inp?.bytes ?? 0} bytes, 0 no buffer`,
    ...(modern
      ? ['     Received 0 broadcasts (0 IP multicasts)', '     0 runts, 0 giants, 0 throttles']
      : ['     Received 0 broadcasts, 0 runts, 0 giants, 0 throttles']),
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
    `     ${outp?.packets ?? 0} packets output, ${outp?.bytes ?? 0} bytes, 0 underruns`,
    '     0 output errors, 0 collisions, 0 interface resets',
    ...(modern ? ['     0 unknown protocol drops'] : []),
    '     0 output buffer failures, 0 output buffers swapped out',
  ];
}

/** `show interfaces TunnelN` of one tunnel interface. */
export function showTunnelInterface(dev: InterfaceView, t: InterfaceConfig, nowMs: number): string {
  const config = dev.config;
  const modern = isModern(config.platform);
  const st = states(config, t);
  const traffic = dev.tunnelCounters.of(t.name);
  const o = overhead(config, t);
  const mtu = modern
    ? `MTU ${17940 - (o ?? 24)} bytes, BW 100 Kbit/sec, DLY 50000 usec,`
    : 'MTU 1514 bytes, BW 9 Kbit, DLY 500000 usec,';
  const lines = [
    `${t.name} is ${st.status}, line protocol is ${st.protocol}`,
    `  Hardware is ${isTunnelInterface(t) ? 'Tunnel' : 'Virtual Access interface'}`,
    ...(t.description !== undefined ? [`  Description: ${t.description}`] : []),
    ...(t.address ? [`  Internet address is ${t.address.ip}/${t.address.prefixLength}`] : []),
    ...(t.unnumbered !== undefined
      ? [`  Interface is unnumbered. Using address of ${t.unnumbered} (${borrowedAddress(config, t) ?? '0.0.0.0'})`]
      : []),
    `  ${mtu}`,
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    ...(modern ? [`  Tunnel linestate evaluation ${st.protocol}`] : []),
    sourceLine(config, t),
    ...transportLines(config, t, modern),
    `  Last input ${since(nowMs, traffic.input)}, output ${since(nowMs, traffic.output)}, output hang never`,
    '  Last clearing of "show interface" counters never',
    '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
    '  Queueing strategy: fifo',
    '  Output queue: 0/0 (size/max)',
    '  5 minute input rate 0 bits/sec, 0 packets/sec',
    '  5 minute output rate 0 bits/sec, 0 packets/sec',
    ...counterLines(traffic, modern),
  ];
  return `${lines.join('\n')}\n`;
}

/** The address an `ip unnumbered IF` interface borrows (shown with method `unset`; not checked against a capture). */
function borrowedAddress(config: RouterConfig, i: InterfaceConfig): string | undefined {
  const lender = i.unnumbered === undefined ? undefined : config.interfaces.find((x) => x.name === i.unnumbered);
  return lender?.address?.ip;
}

/**
 * `show ip interface brief`: every interface in configuration order with its address (`unassigned`
 * without one), `YES`, the method (`NVRAM` for an address from the startup configuration, `DHCP`,
 * `IPCP` for `ip address negotiated`, `unset` without address), status and protocol (the layout of
 * Cisco's technote 118361, "GRE Tunnel Interface States and What Impacts Them", the same on every
 * platform).
 */
export function showIpInterfaceBrief(config: RouterConfig, virtual: readonly InterfaceConfig[] = []): string {
  const row = (cells: readonly string[]) =>
    `${cells[0]!.padEnd(27)}${cells[1]!.padEnd(16)}${cells[2]!.padEnd(4)}${cells[3]!.padEnd(7)}${cells[4]!.padEnd(22)}${cells[5]!}`;
  const lines = [row(['Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol'])];
  for (const i of [...config.interfaces, ...virtual]) {
    const st = states(config, i);
    const dyn = i.dynamicAddress;
    const borrowed = borrowedAddress(config, i);
    const method = dyn !== undefined ? (dyn === 'dhcp' ? 'DHCP' : 'IPCP') : i.address ? 'NVRAM' : 'unset';
    lines.push(row([i.name, i.address?.ip ?? borrowed ?? 'unassigned', 'YES', method, st.status, st.protocol]));
  }
  return `${lines.join('\n')}\n`;
}
