/**
 * IP protocol and TCP/UDP port keywords IOS accepts in access lists, with their numbers (IOS `?`
 * help lists the keywords; the numbers are the IANA assignments). Written once for the parser, the
 * ACL rules and the emulator's proxy identities (docs/ios-semantics.md, "Access lists").
 */

/**
 * Protocol keywords the IR keeps by name, with their IP protocol numbers. `ip` means every
 * protocol; IOS prints it as protocol 0 in proxy identities.
 */
export const NAMED_IP_PROTOCOLS = {
  ip: 0,
  icmp: 1,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ahp: 51,
} as const;

/** A protocol keyword the IR keeps by name. */
export type NamedIpProtocol = keyof typeof NAMED_IP_PROTOCOLS;

/** Other protocol keywords; the IR keeps them as their IP protocol numbers. */
export const OTHER_IP_PROTOCOLS = {
  igmp: 2,
  ipinip: 4,
  eigrp: 88,
  ospf: 89,
  nos: 94,
  pim: 103,
  pcp: 108,
  sctp: 132,
} as const;

/** True when `word` is a protocol keyword the IR keeps by name. */
export function isNamedIpProtocol(word: string): word is NamedIpProtocol {
  return Object.prototype.hasOwnProperty.call(NAMED_IP_PROTOCOLS, word);
}

// Some port names differ by protocol: 512-514 are exec/login/cmd on TCP and biff/who/syslog on UDP.
const COMMON_PORTS = {
  discard: 9,
  domain: 53,
  echo: 7,
  'pim-auto-rp': 496,
  sunrpc: 111,
  tacacs: 49,
  talk: 517,
  time: 37,
} as const;

/** TCP port names (IOS 12.x-17.x). */
export const TCP_PORTS: Readonly<Record<string, number>> = {
  ...COMMON_PORTS,
  bgp: 179,
  chargen: 19,
  cmd: 514,
  daytime: 13,
  exec: 512,
  finger: 79,
  ftp: 21,
  'ftp-data': 20,
  gopher: 70,
  hostname: 101,
  ident: 113,
  irc: 194,
  klogin: 543,
  kshell: 544,
  login: 513,
  lpd: 515,
  msrpc: 135,
  nntp: 119,
  'onep-plain': 15001,
  'onep-tls': 15002,
  pop2: 109,
  pop3: 110,
  smtp: 25,
  telnet: 23,
  uucp: 540,
  whois: 43,
  www: 80,
  https: 443,
  ssh: 22,
  ldap: 389,
  drip: 3949,
};

/** UDP port names (IOS 12.x-17.x). */
export const UDP_PORTS: Readonly<Record<string, number>> = {
  ...COMMON_PORTS,
  biff: 512,
  bootpc: 68,
  bootps: 67,
  dnsix: 195,
  isakmp: 500,
  'mobile-ip': 434,
  nameserver: 42,
  'netbios-dgm': 138,
  'netbios-ns': 137,
  'netbios-ss': 139,
  'non500-isakmp': 4500,
  ntp: 123,
  rip: 520,
  snmp: 161,
  snmptrap: 162,
  syslog: 514,
  tftp: 69,
  who: 513,
  xdmcp: 177,
};
