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

/** What a configuration line is to the proof. */
export type LineClass = 'modelled' | 'inert' | 'relevant';

/** Where a line stands: at the top level, in an interface, in a crypto map entry or in a block with a table. */
export type LineScope = 'global' | 'interface' | 'crypto-map-entry' | 'control-plane';

/** What the lines under a block header are. */
export type BlockLines = 'inert' | 'under-relevant' | Exclude<LineScope, 'global' | 'interface' | 'crypto-map-entry'>;

/** One row of the table. */
export interface LineRule {
  /** Leading words, space-separated (`#` matches one all-digit word). */
  readonly words: string;
  readonly class: LineClass;
  /** Why the line is (or is not) able to change a VPN packet's fate; the NOT_MODELLED wording for relevant rows. */
  readonly why: string;
  /** For global rows that open a block: what its lines are. @default - from the class */
  readonly block?: BlockLines;
  /**
   * Unindented (flattened) configs: leading words that belong to this block rather than to the
   * top level. @default - none
   */
  readonly claims?: readonly string[];
}

const M = (words: string, why: string): LineRule => ({ words, class: 'modelled', why });
const I = (words: string, why: string, extra: Partial<LineRule> = {}): LineRule => ({ words, class: 'inert', why, ...extra });
const R = (words: string, why: string, extra: Partial<LineRule> = {}): LineRule => ({ words, class: 'relevant', why, ...extra });

const MGMT = 'management of the router itself; never touches transit or IKE packets';
const DEF = 'a definition that does nothing until another line applies it (that line is classified on its own)';
const MCAST = 'multicast only; the VPN carries unicast';
const V6 = 'IPv6 only; the VPN carries IPv4';
const LINE_CLAIMS = [
  'transport', 'login', 'password', 'exec-timeout', 'stopbits', 'privilege', 'access-class', 'session-timeout',
  'length', 'width', 'history', 'exec', 'flowcontrol', 'databits', 'parity', 'escape-character', 'autoselect',
  'modem', 'absolute-timeout', 'logout-warning', 'motd-banner', 'exec-banner', 'ipv6', 'authorization', 'accounting',
];

const GLOBAL: readonly LineRule[] = [
  M('hostname', 'names the device'),
  M('version', 'tells the platform family (defaults differ between releases)'),
  M('interface', 'addresses, shutdown and crypto map bindings; sub-commands have their own table'),
  M('ip route', 'static routes (forms the reader cannot represent are reported by it)'),
  M('access-list', 'numbered IP access lists; other numbers (MAC, protocol-type) are inert definitions'),
  M('ip access-list standard', 'named access lists'),
  M('ip access-list extended', 'named access lists'),
  M('ip access-list resequence', 'renumbers the entries of an access list (docs/ios-semantics.md#sequence-numbers)'),
  M('object-group network', 'address groups ACL lines name (docs/ios-semantics.md#object-groups)'),
  M('object-group service', 'protocol and port groups ACL lines name (docs/ios-semantics.md#object-groups)'),
  M('crypto isakmp policy', 'IKE phase 1 policies'),
  M('crypto isakmp key', 'pre-shared keys by address'),
  M('crypto isakmp aggressive-mode disable', 'aggressive mode off'),
  M('crypto ipsec transform-set', 'IPsec transform sets'),
  M('crypto map', 'crypto map entries (options the reader cannot represent are reported by it)'),
  M('crypto engine compliance shield disable', 'lets IOS-XE 17.11+ negotiate legacy algorithms'),
  M('banner', 'banner text, kept verbatim and never read'),

  I('boot', MGMT), I('boot-start-marker', MGMT), I('boot-end-marker', MGMT), I('service', MGMT), I('no service', MGMT),
  I('logging', MGMT), I('no logging', MGMT), I('ntp', MGMT), I('no ntp', MGMT), I('clock', MGMT), I('sntp', MGMT),
  I('snmp-server', MGMT), I('no snmp-server', MGMT), I('snmp', MGMT),
  I('aaa', MGMT, { block: 'inert' }), I('no aaa', MGMT), I('username', MGMT), I('enable', MGMT), I('no enable', MGMT),
  I('tacacs-server', MGMT, { block: 'inert' }), I('tacacs', MGMT, { block: 'inert' }), I('radius-server', MGMT, { block: 'inert' }),
  I('radius', MGMT, { block: 'inert' }), I('ip radius', MGMT), I('ip tacacs', MGMT),
  I('line', 'console, aux and vty access to the router', { block: 'inert', claims: LINE_CLAIMS }),
  I('archive', MGMT, { block: 'inert', claims: ['path', 'write-memory', 'maximum', 'time-period', 'log'] }),
  I('cdp', 'neighbour discovery (link-local frames)'), I('no cdp', 'neighbour discovery (link-local frames)'),
  I('lldp', 'neighbour discovery (link-local frames)'), I('no lldp', 'neighbour discovery (link-local frames)'),
  I('ip domain', 'name resolution for the router itself'), I('ip domain-name', 'name resolution for the router itself'),
  I('ip domain-lookup', 'name resolution for the router itself'), I('no ip domain', 'name resolution for the router itself'),
  I('no ip domain-lookup', 'name resolution for the router itself'), I('ip name-server', 'name resolution for the router itself'),
  I('ip host', 'host names for the router itself (peers given by name are reported by the crypto map reader)'),
  I('ip dns', 'a DNS service of the router itself'),
  I('ip cef', 'the switching path; the forwarding decision is the same'), I('no ip cef', 'the switching path; the forwarding decision is the same'),
  I('ipv6', V6, { block: 'inert' }), I('no ipv6', V6),
  I('ip subnet-zero', 'only decides which addresses the configuration accepts'), I('no ip subnet-zero', 'only decides which addresses the configuration accepts'),
  I('ip classless', 'the default (a default route also serves unknown subnets of a known major network)'),
  I('ip ssh', MGMT), I('ip scp', MGMT), I('ip http', MGMT), I('no ip http', MGMT), I('ip ftp', MGMT), I('ip tftp', MGMT),
  I('ip telnet', MGMT), I('ip rcmd', MGMT), I('no ip rcmd', MGMT), I('ip tcp', 'TCP sessions of the router itself'),
  I('ip forward-protocol', 'UDP broadcast relaying (helper addresses)'), I('no ip forward-protocol', 'UDP broadcast relaying (helper addresses)'),
  I('ip dhcp', 'the router as a DHCP server or relay for LAN hosts', { block: 'inert' }), I('no ip dhcp', 'the router as a DHCP server or relay for LAN hosts'),
  I('ip bootp', 'the router as a BOOTP server'), I('no ip bootp', 'the router as a BOOTP server'),
  I('ip source-route', 'only packets carrying a source-route option'), I('no ip source-route', 'only packets carrying a source-route option'),
  I('ip finger', MGMT), I('no ip finger', MGMT), I('ip gratuitous-arps', 'address resolution'), I('no ip gratuitous-arps', 'address resolution'),
  I('ip icmp', 'ICMP errors the router sends, not forwarding'), I('no ip icmp', 'ICMP errors the router sends, not forwarding'),
  I('arp', 'static address resolution entries'), I('ip arp', 'address resolution'),
  I('ip multicast-routing', MCAST), I('ip pim', MCAST), I('ip igmp', MCAST), I('ip msdp', MCAST), I('ip mroute', MCAST),
  I('ip sla', 'measurement probes (routes that track them are reported by the route reader)', { block: 'inert' }),
  I('track', 'tracked objects (routes that use them are reported by the route reader)', { block: 'inert' }),
  I('ip flow-export', 'flow accounting'), I('ip flow-cache', 'flow accounting'), I('ip flow-top-talkers', 'flow accounting', { block: 'inert' }),
  I('flow', 'flow accounting (records, exporters, monitors)', { block: 'inert' }), I('ip accounting-threshold', 'accounting'),
  I('ip nbar', 'traffic classification only'), I('ip bgp-community', 'display format'), I('ip ospf name-lookup', 'display format'),
  I('ip prefix-list', DEF), I('ip as-path', DEF), I('ip community-list', DEF), I('ip extcommunity-list', DEF),
  I('route-map', DEF, { block: 'inert', claims: ['match', 'set', 'continue'] }),
  I('class-map', DEF, { block: 'inert' }), I('policy-map', DEF, { block: 'inert', claims: ['class', 'police', 'priority', 'bandwidth', 'shape', 'random-detect', 'fair-queue', 'drop', 'inspect', 'pass'] }),
  I('table-map', DEF, { block: 'inert' }), I('parameter-map', DEF, { block: 'inert' }), I('object-group', DEF, { block: 'inert' }),
  I('key chain', DEF, { block: 'inert', claims: ['key', 'key-string', 'accept-lifetime', 'send-lifetime', 'cryptographic-algorithm'] }),
  I('vrf definition', `${DEF}: an interface joins it with \`vrf forwarding\` (relevant)`, { block: 'inert' }),
  I('ip vrf', `${DEF}: an interface joins it with \`ip vrf forwarding\` (relevant)`, { block: 'inert' }),
  I('crypto pki', 'certificates; certificate authentication is reported by the IKE rules as unprovable', { block: 'inert' }),
  I('crypto ca', 'certificates; certificate authentication is reported by the IKE rules as unprovable', { block: 'inert' }),
  I('crypto key', 'RSA keys for certificates and SSH', { block: 'inert' }), I('crypto csr-params', 'certificate requests', { block: 'inert' }),
  I('crypto isakmp keepalive', 'dead peer detection: when a peer is declared dead, not whether a live tunnel works'),
  I('crypto isakmp nat keepalive', 'NAT keepalives over an established tunnel'),
  I('crypto isakmp invalid-spi-recovery', 'recovery after a peer lost its SAs'),
  I('crypto ipsec df-bit', 'packet size handling (the proof is over headers, not sizes)'),
  I('crypto ipsec fragmentation', 'packet size handling (the proof is over headers, not sizes)'),
  I('crypto ipsec security-association lifetime', 'when SAs are renewed; IOS accepts any phase 2 lifetime offer'),
  I('crypto ipsec security-association replay', 'anti-replay window of established SAs'),
  I('crypto ipsec security-association idle-time', 'idle SAs are deleted and negotiated again on demand'),
  I('crypto ipsec nat-transparency', 'NAT traversal applies only when NAT sits between the peers, which the underlay model excludes'),
  I('no crypto ipsec nat-transparency', 'NAT traversal applies only when NAT sits between the peers, which the underlay model excludes'),
  I('license', MGMT), I('multilink bundle-name', 'multilink PPP naming'), I('redundancy', 'route processor redundancy', { block: 'inert' }),
  I('spanning-tree', 'layer 2 switching'), I('vtp', 'layer 2 switching'), I('vlan', 'layer 2 switching', { block: 'inert' }),
  I('diagnostic', MGMT), I('platform console', MGMT), I('platform punt-keepalive', MGMT), I('no platform punt-keepalive', MGMT),
  I('subscriber templating', 'broadband subscriber templates'), I('virtual-service', 'hosted applications', { block: 'inert' }),
  I('memory', MGMT), I('exception', MGMT), I('scheduler', MGMT), I('alias', MGMT), I('privilege', MGMT), I('kron', MGMT, { block: 'inert' }),
  I('event manager', 'scripts run on events; they change nothing until they run', { block: 'inert' }),
  I('security', MGMT), I('login', MGMT), I('parser', MGMT, { block: 'inert' }), I('file', MGMT), I('tftp-server', MGMT),
  I('errdisable', 'layer 2 port protection'), I('call-home', MGMT, { block: 'inert' }), I('mac-address-table', 'layer 2 switching'),
  I('hw-module', MGMT), I('ip ssh pubkey-chain', MGMT, { block: 'inert' }), I('netconf', MGMT), I('restconf', MGMT),
  I('cts', 'TrustSec credentials (enforcement on an interface is classified there)', { block: 'inert' }),
  I('no ip bootp server', 'the router as a BOOTP server'), I('no ip gratuitous-arps', 'address resolution'),
  I('no mop', 'DEC MOP'), I('mop', 'DEC MOP'),
  I('access-list #', 'an access list of another kind (MAC, protocol type): a definition no IP rule uses'),
  I('access-list compiled', 'the ACL lookup algorithm; the result is the same'), I('access-list logging', MGMT),
  I('ip access-list logging', MGMT), I('ip access-list log-update', MGMT),
  I('ip route static adjust-time', 'timers of routes learnt from DHCP'), I('ip route profile', 'routing table statistics'),
  I('control-plane', 'the container of control-plane policing; its `service-policy` lines are relevant', {
    block: 'control-plane', claims: ['service-policy', 'management-interface'],
  }),

  R('router', 'a dynamic routing protocol can install routes more specific than the static ones', { block: 'under-relevant' }),
  R('no ip routing', 'the router stops routing between interfaces'),
  R('no ip classless', 'packets for unknown subnets of a known major network are dropped instead of using the default route'),
  R('ip default-network', 'selects a default route'),
  R('ip local policy', 'policy routing of the router\'s own packets (IKE among them)'),
  R('ip nat', 'network address translation rewrites addresses before or after crypto'),
  R('ip inspect', 'stateful inspection (CBAC) can drop packets'),
  R('ip ips', 'intrusion prevention can drop packets'),
  R('ip wccp', 'WCCP redirects packets to a cache engine'),
  R('ip options', 'IP option handling can drop packets'),
  R('zone', 'zone-based firewall zones', { block: 'under-relevant' }),
  R('zone-pair', 'zone-based firewall policies', { block: 'under-relevant' }),
  R('crypto dynamic-map', 'dynamic crypto map entries', { block: 'under-relevant' }),
  R('crypto isakmp profile', 'ISAKMP profiles change IKE for the peers they match', { block: 'under-relevant' }),
  R('crypto keyring', 'keyrings hold pre-shared keys used by ISAKMP profiles', { block: 'under-relevant' }),
  R('crypto ikev2', 'IKEv2', { block: 'under-relevant' }),
  R('mpls', 'label switching'),
];

const INTERFACE: readonly LineRule[] = [
  M('ip address', 'the interface address (DHCP and negotiated addresses are reported by the reader)'),
  M('shutdown', 'administratively down'), M('no shutdown', 'administratively up'),
  M('description', 'a label'), M('no description', 'a label'),
  M('crypto map', 'binds a crypto map (options after the name are reported by the reader)'), M('no crypto map', 'unbinds the crypto map'),
  M('no ip address', 'removes the address'), M('ip route-cache', 'switching path'), M('no ip route-cache', 'switching path'),
  M('ip mroute-cache', 'switching path'), M('no ip mroute-cache', 'switching path'),

  I('speed', 'physical layer'), I('duplex', 'physical layer'), I('half-duplex', 'physical layer'), I('full-duplex', 'physical layer'),
  I('negotiation', 'physical layer'), I('no negotiation', 'physical layer'), I('media-type', 'physical layer'), I('carrier-delay', 'physical layer'),
  I('bandwidth', 'a metric for routing protocols and QoS, not a limit'), I('delay', 'a metric for routing protocols'),
  I('load-interval', 'statistics'), I('keepalive', 'link keepalives'), I('no keepalive', 'link keepalives'),
  I('mtu', 'packet size (the proof is over headers, not sizes)'), I('ip mtu', 'packet size (the proof is over headers, not sizes)'),
  I('ip tcp adjust-mss', 'rewrites the TCP MSS option, never addresses or ports, and drops nothing'),
  I('ip tcp header-compression', 'link-level compression'),
  I('ip virtual-reassembly', 'reassembly of fragments before inspection'), I('no ip virtual-reassembly', 'reassembly of fragments before inspection'),
  I('cdp', 'neighbour discovery'), I('no cdp', 'neighbour discovery'), I('lldp', 'neighbour discovery'), I('no lldp', 'neighbour discovery'),
  I('mop', 'DEC MOP'), I('no mop', 'DEC MOP'),
  I('ip proxy-arp', 'answers ARP for others'), I('no ip proxy-arp', 'answers ARP for others'),
  I('ip redirects', 'ICMP redirects the router sends'), I('no ip redirects', 'ICMP redirects the router sends'),
  I('ip unreachables', 'ICMP errors the router sends'), I('no ip unreachables', 'ICMP errors the router sends'),
  I('ip directed-broadcast', 'directed broadcasts only'), I('no ip directed-broadcast', 'directed broadcasts only'),
  I('ip mask-reply', 'ICMP mask replies'), I('no ip mask-reply', 'ICMP mask replies'),
  I('ip flow', 'flow accounting'), I('no ip flow', 'flow accounting'), I('ip accounting', 'accounting'),
  I('ip nbar', 'traffic classification only'), I('ip helper-address', 'relays DHCP and other UDP broadcasts'),
  I('ip ospf', 'OSPF parameters; OSPF itself runs under `router ospf` (relevant)'),
  I('ip eigrp', 'EIGRP parameters; EIGRP itself runs under `router eigrp` (relevant)'),
  I('ip split-horizon', 'routing protocol parameter'), I('no ip split-horizon', 'routing protocol parameter'),
  I('ip pim', MCAST), I('ip igmp', MCAST), I('ip multicast', MCAST),
  I('ipv6', V6), I('no ipv6', V6),
  I('encapsulation', 'the layer 2 framing (802.1Q tag of a sub-interface)'),
  I('switchport', 'layer 2 port settings'), I('no switchport', 'makes the port a routed interface'),
  I('hold-queue', 'queue depth'), I('tx-ring-limit', 'queue depth'), I('fair-queue', 'queueing order, not what is forwarded'),
  I('no fair-queue', 'queueing order, not what is forwarded'),
  I('logging', MGMT), I('no logging', MGMT), I('snmp', MGMT), I('no snmp', MGMT), I('ntp', MGMT),
  I('arp', 'address resolution'), I('bfd', 'failure detection for routing protocols'),
  I('nameif', 'ASA-style interface name'), I('security-level', 'ASA-style label'),
  I('ip dhcp', 'DHCP relay and client options'),
  I('ip route-cache flow', 'flow accounting'), I('ip route-cache cef', 'switching path'), I('no ip route-cache cef', 'switching path'),
  I('ip route-cache same-interface', 'switching path'), I('no ip route-cache same-interface', 'switching path'),
  I('ip route-cache policy', 'switching path of policy routing (`ip policy` itself is relevant)'),
  I('crypto ipsec df-bit', 'packet size handling (the proof is over headers, not sizes)'),

  R('ip address dhcp', 'the address is assigned at run time'), R('ip address negotiated', 'the address is assigned at run time'),
  R('ip nat', 'network address translation'), R('ip access-group', 'an interface access list can drop IKE, ESP or site traffic'),
  R('ip policy', 'policy routing overrides the routing table'), R('ip verify', 'unicast reverse path forwarding can drop packets'),
  R('ip inspect', 'stateful inspection (CBAC) can drop packets'), R('ip wccp', 'WCCP redirects packets'),
  R('ip vrf', 'moves the interface into a VRF'), R('vrf', 'moves the interface into a VRF'),
  R('ip unnumbered', 'borrows the address of another interface'), R('service-policy', 'a QoS policy can police and drop packets'),
  R('zone-member', 'zone-based firewall'), R('tunnel', 'a tunnel interface encapsulates (and with protection encrypts) packets'),
  R('standby', 'first-hop redundancy decides which router LAN hosts use'), R('vrrp', 'first-hop redundancy decides which router LAN hosts use'),
  R('glbp', 'first-hop redundancy decides which router LAN hosts use'),
  R('crypto', 'crypto options of the interface'), R('mpls', 'label switching'), R('ip ips', 'intrusion prevention can drop packets'),
];

const CRYPTO_MAP_ENTRY: readonly LineRule[] = [
  M('set peer', 'the peer list'), M('set transform-set', 'offered transform sets'), M('set pfs', 'PFS group'),
  M('set security-association lifetime', 'SA lifetime'), M('match address', 'the crypto ACL'), M('description', 'a label'),
  I('qos pre-classify', 'QoS classification of the inner header'),
  I('set security-association replay', 'anti-replay window of established SAs'),
  I('set security-association idle-time', 'idle SAs are deleted and negotiated again on demand'),
  I('set security-association lifetime kilobytes disable', 'no volume limit: SAs are renewed by time only'),
  I('set security-association dfbit', 'packet size handling (the proof is over headers, not sizes)'),
];

const CONTROL_PLANE: readonly LineRule[] = [
  I('management-interface', 'management plane protection: only management protocols to the router'),
  R('service-policy', 'control-plane policing can drop IKE and ESP sent to the router'),
];

const TABLES: Readonly<Record<LineScope, readonly LineRule[]>> = {
  global: GLOBAL,
  interface: INTERFACE,
  'crypto-map-entry': CRYPTO_MAP_ENTRY,
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
  (Object.keys(TABLES) as LineScope[]).map((s) => [s, TABLES[s].map((rule) => ({ rule, words: rule.words.split(' ') }))]),
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
