/**
 * Port and protocol keywords IOS accepts in ACLs, with their numbers (IOS `?` help lists them;
 * the numbers are the IANA assignments). Some names differ by protocol: 512-514 are
 * exec/login/cmd on TCP and biff/who/syslog on UDP.
 */

const COMMON: Readonly<Record<string, number>> = {
  discard: 9, domain: 53, echo: 7, 'pim-auto-rp': 496, sunrpc: 111, tacacs: 49, talk: 517, time: 37,
};

/** TCP port names (IOS 12.x-17.x). */
export const TCP_PORTS: Readonly<Record<string, number>> = {
  ...COMMON,
  bgp: 179, chargen: 19, cmd: 514, daytime: 13, exec: 512, finger: 79, ftp: 21, 'ftp-data': 20,
  gopher: 70, hostname: 101, ident: 113, irc: 194, klogin: 543, kshell: 544, login: 513, lpd: 515,
  msrpc: 135, nntp: 119, 'onep-plain': 15001, 'onep-tls': 15002, pop2: 109, pop3: 110, smtp: 25,
  telnet: 23, uucp: 540, whois: 43, www: 80, https: 443, ssh: 22, ldap: 389, 'drip': 3949,
};

/** UDP port names (IOS 12.x-17.x). */
export const UDP_PORTS: Readonly<Record<string, number>> = {
  ...COMMON,
  biff: 512, bootpc: 68, bootps: 67, dnsix: 195, isakmp: 500, 'mobile-ip': 434, nameserver: 42,
  'netbios-dgm': 138, 'netbios-ns': 137, 'netbios-ss': 139, 'non500-isakmp': 4500, ntp: 123, rip: 520,
  snmp: 161, snmptrap: 162, syslog: 514, tftp: 69, who: 513, xdmcp: 177,
};

/** Protocol keywords that the IR keeps by name. */
export const NAMED_PROTOCOLS = new Set(['ip', 'tcp', 'udp', 'icmp', 'esp', 'ahp', 'gre']);

/** Other protocol keywords, kept as their IP protocol numbers. */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  igmp: 2, ipinip: 4, eigrp: 88, ospf: 89, nos: 94, pim: 103, pcp: 108, sctp: 132,
};

/** The number of a port given by number or name for a protocol, or undefined. */
export function portNumber(word: string, protocol: 'tcp' | 'udp'): number | undefined {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (word.length > 5) return undefined;
    const n = Number(word);
    return Number.isInteger(n) && n <= 65535 ? n : undefined;
  }
  const table = protocol === 'tcp' ? TCP_PORTS : UDP_PORTS;
  return Object.prototype.hasOwnProperty.call(table, word) ? table[word] : undefined;
}
