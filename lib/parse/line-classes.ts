/**
 * The one table that says what every configuration line is to the proof (docs/ios-semantics.md
 * #line-classification):
 * - `modelled`: read into the IR and used by the rules (the section readers handle these);
 * - `inert`: cannot change what happens to a VPN packet or to IKE (banners, logging, management
 *   access, definitions that do nothing until another line applies them, ...);
 * - `relevant`: can drop, rewrite, reroute or encrypt a packet or change IKE, and is not modelled:
 *   the parser reports it as NOT_MODELLED, and the proof never calls a pair through the device
 *   covered.
 * A line that no row matches is relevant: only what is listed here as inert is ever ignored.
 *
 * Rows match by leading words (the longest match wins); `#` stands for one word made of digits.
 * Global rows may say what the lines of the block they open are (`block`): the lines under an
 * inert definition are inert, the lines under a relevant header are covered by the header's
 * warning, and a few blocks have a table of their own.
 */

import { GLOBAL_LINES } from './global-lines.js';
import {
  M,
  I,
  R,
  MGMT,
  MCAST,
  V6,
  type BlockLines,
  type LineClass,
  type LineRule,
  type LineScope,
} from './line-rule.js';

const INTERFACE: readonly LineRule[] = [
  M('ip address', 'the interface address, static or assigned at run time (`dhcp`, `negotiated`; `pool` is reported)'),
  M('shutdown', 'administratively down'),
  M('no shutdown', 'administratively up'),
  M('description', 'a label'),
  M('no description', 'a label'),
  M('crypto map', 'binds a crypto map (options after the name are reported by the reader)'),
  M('no crypto map', 'unbinds the crypto map'),
  M('no ip address', 'removes the address'),
  M('ip route-cache', 'switching path'),
  M('no ip route-cache', 'switching path'),
  M('ip mroute-cache', 'switching path'),
  M('no ip mroute-cache', 'switching path'),
  M('tunnel source', 'the tunnel source (docs/ios-semantics.md#tunnel-interfaces)'),
  M('tunnel destination', 'the tunnel destination (an address; a host name is reported by the reader)'),
  M('tunnel mode gre ip', 'GRE over IPv4, the default mode'),
  M('tunnel mode ipsec ipv4', 'static virtual tunnel interface (IPsec over IPv4)'),
  M('tunnel protection ipsec profile', 'IPsec protection of the tunnel by a profile'),
  M('no tunnel source', 'removes the tunnel source'),
  M('no tunnel destination', 'removes the tunnel destination'),
  M('no tunnel mode', 'back to GRE over IPv4'),
  M('no tunnel protection', 'removes the protection'),
  I('tunnel path-mtu-discovery', 'packet size handling (the proof is over headers, not sizes)'),

  I('speed', 'physical layer'),
  I('duplex', 'physical layer'),
  I('half-duplex', 'physical layer'),
  I('full-duplex', 'physical layer'),
  I('negotiation', 'physical layer'),
  I('no negotiation', 'physical layer'),
  I('media-type', 'physical layer'),
  I('carrier-delay', 'physical layer'),
  I('bandwidth', 'a metric for routing protocols and QoS, not a limit'),
  I('delay', 'a metric for routing protocols'),
  I('load-interval', 'statistics'),
  I('keepalive', 'link keepalives'),
  I('no keepalive', 'link keepalives'),
  I('mtu', 'packet size (the proof is over headers, not sizes)'),
  I('ip mtu', 'packet size (the proof is over headers, not sizes)'),
  I('ip tcp adjust-mss', 'rewrites the TCP MSS option, never addresses or ports, and drops nothing'),
  I('ip tcp header-compression', 'link-level compression'),
  I('ip virtual-reassembly', 'reassembly of fragments before inspection'),
  I('no ip virtual-reassembly', 'reassembly of fragments before inspection'),
  I('cdp', 'neighbour discovery'),
  I('no cdp', 'neighbour discovery'),
  I('lldp', 'neighbour discovery'),
  I('no lldp', 'neighbour discovery'),
  I('mop', 'DEC MOP'),
  I('no mop', 'DEC MOP'),
  I('ip proxy-arp', 'answers ARP for others'),
  I('no ip proxy-arp', 'answers ARP for others'),
  I('ip redirects', 'ICMP redirects the router sends'),
  I('no ip redirects', 'ICMP redirects the router sends'),
  I('ip unreachables', 'ICMP errors the router sends'),
  I('no ip unreachables', 'ICMP errors the router sends'),
  I('ip directed-broadcast', 'directed broadcasts only'),
  I('no ip directed-broadcast', 'directed broadcasts only'),
  I('ip mask-reply', 'ICMP mask replies'),
  I('no ip mask-reply', 'ICMP mask replies'),
  I('ip flow', 'flow accounting'),
  I('no ip flow', 'flow accounting'),
  I('ip accounting', 'accounting'),
  I('ip nbar', 'traffic classification only'),
  I('ip helper-address', 'relays DHCP and other UDP broadcasts'),
  I('ip ospf', 'OSPF parameters; OSPF itself runs under `router ospf` (relevant)'),
  I('ip eigrp', 'EIGRP parameters; EIGRP itself runs under `router eigrp` (relevant)'),
  I('ip split-horizon', 'routing protocol parameter'),
  I('no ip split-horizon', 'routing protocol parameter'),
  I('ip pim', MCAST),
  I('ip igmp', MCAST),
  I('ip multicast', MCAST),
  I('ipv6', V6),
  I('no ipv6', V6),
  I('encapsulation', 'the layer 2 framing (802.1Q tag of a sub-interface)'),
  I('switchport', 'layer 2 port settings'),
  I('no switchport', 'makes the port a routed interface'),
  I('hold-queue', 'queue depth'),
  I('tx-ring-limit', 'queue depth'),
  I('fair-queue', 'queueing order, not what is forwarded'),
  I('no fair-queue', 'queueing order, not what is forwarded'),
  I('logging', MGMT),
  I('no logging', MGMT),
  I('snmp', MGMT),
  I('no snmp', MGMT),
  I('ntp', MGMT),
  I('arp', 'address resolution'),
  I('bfd', 'failure detection for routing protocols'),
  I('nameif', 'ASA-style interface name'),
  I('security-level', 'ASA-style label'),
  I('ip dhcp', 'DHCP relay and client options'),
  // PPPoE client (docs/ios-semantics.md#dhcp-wan-addresses): the link that gives a Dialer its
  // negotiated address is underlay, covered by the stated DYNAMIC_ADDRESS_ASSUMED assumption.
  I('pppoe-client', 'binds the port to a dialer pool (the PPPoE link, part of the assumed underlay)'),
  I('pppoe enable', 'runs PPPoE on the port (the PPPoE link, part of the assumed underlay)'),
  I('dialer pool', 'the dialer pool that carries the PPP session (part of the assumed underlay)'),
  I('dialer-group', 'which traffic brings a dial-on-demand link up (part of the assumed underlay)'),
  I('dialer persistent', 'keeps the PPP session up (part of the assumed underlay)'),
  I('dialer idle-timeout', 'when an idle dial-on-demand link drops (part of the assumed underlay)'),
  I('ppp authentication', 'PPP authentication towards the access provider (part of the assumed underlay)'),
  I('ppp chap', 'PPP CHAP credentials towards the access provider (part of the assumed underlay)'),
  I('ppp pap', 'PPP PAP credentials towards the access provider (part of the assumed underlay)'),
  I('ppp ipcp dns', 'asks the access provider for DNS servers'),
  R('ppp ipcp route default', 'installs a default route through the PPP link'),
  I('ip route-cache flow', 'flow accounting'),
  I('ip route-cache cef', 'switching path'),
  I('no ip route-cache cef', 'switching path'),
  I('ip route-cache same-interface', 'switching path'),
  I('no ip route-cache same-interface', 'switching path'),
  I('ip route-cache policy', 'switching path of policy routing (`ip policy` itself is relevant)'),
  I('crypto ipsec df-bit', 'packet size handling (the proof is over headers, not sizes)'),

  R('ip address pool', 'the address is assigned at run time from a local pool'),
  R('ip nat', 'network address translation'),
  R('ip access-group', 'an interface access list can drop IKE, ESP or site traffic'),
  R('ip policy', 'policy routing overrides the routing table'),
  R('ip verify', 'unicast reverse path forwarding can drop packets'),
  R('ip inspect', 'stateful inspection (CBAC) can drop packets'),
  R('ip wccp', 'WCCP redirects packets'),
  R('ip vrf', 'moves the interface into a VRF'),
  R('vrf', 'moves the interface into a VRF'),
  R('ip unnumbered', 'borrows the address of another interface'),
  R('service-policy', 'a QoS policy can police and drop packets'),
  R('zone-member', 'zone-based firewall'),
  R('tunnel', 'a tunnel interface encapsulates (and with protection encrypts) packets'),
  R('standby', 'first-hop redundancy decides which router LAN hosts use'),
  R('vrrp', 'first-hop redundancy decides which router LAN hosts use'),
  R('glbp', 'first-hop redundancy decides which router LAN hosts use'),
  R('crypto', 'crypto options of the interface'),
  R('mpls', 'label switching'),
  R('ip ips', 'intrusion prevention can drop packets'),
];

const CRYPTO_MAP_ENTRY: readonly LineRule[] = [
  M('set peer', 'the peer list'),
  M('set transform-set', 'offered transform sets'),
  M('set pfs', 'PFS group'),
  M('set security-association lifetime', 'SA lifetime'),
  M('match address', 'the crypto ACL'),
  M('description', 'a label'),
  M('set isakmp-profile', 'the ISAKMP profile the entry initiates with and requires of the IKE SA'),
  M('reverse-route', 'routes to remote proxies (dynamic map entries; the reader reports it on static entries)'),
  I('qos pre-classify', 'QoS classification of the inner header'),
  I('set security-association replay', 'anti-replay window of established SAs'),
  I('set security-association idle-time', 'idle SAs are deleted and negotiated again on demand'),
  I('set security-association lifetime kilobytes disable', 'no volume limit: SAs are renewed by time only'),
  I('set security-association dfbit', 'packet size handling (the proof is over headers, not sizes)'),
];

const IPSEC_PROFILE: readonly LineRule[] = [
  M('set transform-set', 'offered transform sets'),
  M('set pfs', 'PFS group'),
  M('set security-association lifetime', 'SA lifetime'),
  M('set isakmp-profile', 'the ISAKMP profile of the tunnel'),
  M('description', 'a label'),
  I('set security-association replay', 'anti-replay window of established SAs'),
  I('set security-association idle-time', 'idle SAs are deleted and negotiated again on demand'),
  I('set security-association lifetime kilobytes disable', 'no volume limit: SAs are renewed by time only'),
  I('set security-association dfbit', 'packet size handling (the proof is over headers, not sizes)'),
  R('set ikev2-profile', 'IKEv2 negotiation of the tunnel'),
  R('responder-only', 'the router never initiates the tunnel'),
];

const CONTROL_PLANE: readonly LineRule[] = [
  I('management-interface', 'management plane protection: only management protocols to the router'),
  R('service-policy', 'control-plane policing can drop IKE and ESP sent to the router'),
];

const TABLES: Readonly<Record<LineScope, readonly LineRule[]>> = {
  global: GLOBAL_LINES,
  interface: INTERFACE,
  'crypto-map-entry': CRYPTO_MAP_ENTRY,
  'ipsec-profile': IPSEC_PROFILE,
  'control-plane': CONTROL_PLANE,
};

/** Every row, by scope, for documentation and tests. */
export const LINE_CLASSES: Readonly<Record<LineScope, readonly LineRule[]>> = TABLES;

function matches(rule: readonly string[], words: readonly string[]): boolean {
  if (rule.length > words.length) return false;
  for (let i = 0; i < rule.length; i += 1) {
    const want = rule[i]!;
    const got = words[i]!;
    if (want === '#' ? !/^\d+$/.test(got) : want !== got) return false;
  }
  return true;
}

const SPLIT = new Map<LineScope, { rule: LineRule; words: string[] }[]>(
  (Object.keys(TABLES) as LineScope[]).map((s) => [
    s,
    TABLES[s].map((rule) => ({ rule, words: rule.words.split(' ') })),
  ]),
);

/** The row of the table that decides a line (longest match), or undefined: then the line is relevant. */
export function lineRule(scope: LineScope, words: readonly string[]): LineRule | undefined {
  let best: { rule: LineRule; words: string[] } | undefined;
  for (const row of SPLIT.get(scope)!) {
    if (matches(row.words, words) && (!best || row.words.length > best.words.length)) best = row;
  }
  return best?.rule;
}

/** The class of a line: its row's, or `relevant` when no row matches. */
export function classifyLine(scope: LineScope, words: readonly string[]): LineClass {
  return lineRule(scope, words)?.class ?? 'relevant';
}

/**
 * The class of a line a section reader kept unread (as an extra line): a row marked `modelled`
 * here means a form of a modelled command that the reader could not represent, so it is relevant.
 */
export function unreadLineClass(scope: LineScope, words: readonly string[]): 'inert' | 'relevant' {
  return classifyLine(scope, words) === 'inert' ? 'inert' : 'relevant';
}

/** What the lines under a global block header are (see {@link BlockLines}). */
export function blockLines(words: readonly string[]): BlockLines {
  const rule = lineRule('global', words);
  if (rule?.block) return rule.block;
  return rule?.class === 'inert' ? 'inert' : 'under-relevant';
}
