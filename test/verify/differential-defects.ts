/**
 * The sites of the differential test's networks (spoke i: LAN 10.i.0.0/24, WAN 198.51.100.(10+i);
 * the hub is site 0) and the defects one of them can be given.
 */
import { replaceLine, type Lab } from './labs.js';
import { authDefect, filterDefect, privateWan } from './differential-defects-filters.js';
import { dynamicDefect } from './differential-dynamic.js';

export { privateWan };

export type Style = 'legacy' | 'modern';
/** Exact per-pair ACL lines, or one pool line per side (summarized, the pool 10.0.0.0/8 holds every LAN). */
export type AclMode = 'exact' | 'summarized';
export const DEFECTS = [
  'none',
  'key',
  'transform',
  'pfs-spoke',
  'pfs-hub-entry',
  'lifetime-spoke',
  'lifetime-hub',
  'hash',
  'deny-spoke',
  'missing-spoke-line',
  'missing-hub-line',
  'missing-hub-route',
  'missing-spoke-route',
  'map-not-applied',
  'capture-entry',
  'wrong-peer-address',
  'missing-hub-key',
  'not-in-underlay',
  'null0-hub',
  'null0-spoke',
  'floating-takes-over',
  'floating-to-lan',
  'permanent-down',
  'own-next-hop',
  'equal-cost-wan',
  // `set peer` failover (docs/ios-semantics.md#peers): a first peer nobody owns, one that stays
  // silent for lack of a key for us, and one that answers and refuses (no failover then).
  'dead-first-peer',
  'unkeyed-first-peer',
  'answering-first-peer',
  // References to objects that do not exist (docs/ios-semantics.md#configuration-ios-rejects).
  'undefined-acl-hub',
  'undefined-transform-spoke',
  'undefined-map-spoke',
  'acl-wan-no-esp',
  'acl-wan-tunnel-only',
  'acl-lan-deny',
  'acl-undefined',
  'nat-pat-no-exemption',
  'nat-pat-acl-exemption',
  'nat-route-map-exemption',
  'nat-hub-transit',
  // ACL edits by sequence number and object groups (docs/ios-semantics.md#sequence-numbers,
  // #object-groups): a re-opened list adding `5 deny` in front, `no 10`, resequence then an
  // insertion between the first two lines, a hub list re-opened with `1 deny`, and a spoke list
  // written with a network object group (complete, or lacking one LAN).
  'seq-deny-reopen',
  'seq-no-first',
  'seq-resequence-insert',
  'seq-hub-deny',
  'objgroup-spoke',
  'objgroup-missing',
  // Keyrings, ISAKMP profiles and certificates (docs/ios-semantics.md#keyrings-and-isakmp-profiles,
  // #certificates): the hub's keys in a keyring selected by a profile on every entry; that keyring
  // without spoke k's key; spoke k's most specific key in a keyring the profile does not list (it
  // cannot initiate); spoke k's hub entry requiring another profile; two keyrings tied for spoke k
  // with different keys (the proof cannot decide: unverified); certificates everywhere; spoke k
  // without a trustpoint; spoke k on rsa-sig against pre-share.
  'keyring-hub',
  'keyring-missing-key',
  'keyring-not-in-profile',
  'keyring-entry-profile',
  'keyring-tie',
  'certificates',
  'certificates-no-trustpoint',
  'rsa-sig-spoke',
  // The hub sourcing IKE and ESP from Loopback0 (docs/ios-semantics.md#crypto-local-address):
  // every spoke peers with, keys on and routes to the loopback; then spoke k without that route.
  'local-address-hub',
  'local-address-no-route',
  // Spoke k behind a NAT device (docs/ios-semantics.md#nat-traversal): its WAN is private, the hub
  // keeps calling and keying on its old address, now the NAT device's public one (declared in the
  // topology when there is one, else assumed from the mirrored ACLs); then NAT-T off on spoke k.
  'behind-nat',
  'behind-nat-natt-off',
  // The Spoke pattern's internet breakout on spoke k, without its exemption, and on a spoke behind NAT.
  'breakout',
  'breakout-no-exemption',
  'breakout-behind-nat',
  // A DHCP spoke k on a dynamic map at the hub, with or without an IP SLA probe, or without the wildcard key.
  'dynamic-spoke',
  'dynamic-spoke-sla',
  'dynamic-no-wildcard',
] as const;
export type Defect = (typeof DEFECTS)[number];
/**
 * Defects that leave some pairs undecided by the configs: keyrings tied for a peer, and a hub entry
 * initiating under an incomplete profile (docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 */
export const UNDECIDED: ReadonlySet<Defect> = new Set<Defect>(['keyring-tie', 'keyring-entry-profile']);

export const lan = (i: number) => (i === 0 ? '10.0.0' : `10.${i}.0`);
export const wan = (i: number) => (i === 0 ? '198.51.100.1' : `198.51.100.${10 + i}`);
export const fileOf = (i: number) => (i === 0 ? 'hub.cfg' : `spoke${i}.cfg`);
export const host = (i: number) => (i === 0 ? 'Hub' : `Spoke${i}`);

/** Spoke k's defect and what the edits need of the network being built. */
export interface DefectSite {
  readonly defect: Defect;
  readonly lab: Lab;
  readonly n: number;
  /** The spoke with the defect. */
  readonly k: number;
  /** A site other than spoke k (0 = the hub). */
  readonly o: number;
  /** Spoke k's file. */
  readonly sf: string;
  readonly ts: string;
  readonly pfs: readonly string[];
  readonly style: Style;
  readonly mode: AclMode;
  readonly key: (i: number) => string;
  readonly all: readonly number[];
  readonly spokeLine: (i: number, o: number) => string;
  readonly hubLine: (i: number, s: number) => string;
  readonly spokeRoute: (o: number) => string;
}

/** Defects of keys, IKE policies, transform sets, PFS, lifetimes, peers and the underlay. False when `defect` is not one of them. */
function ikeDefect(site: DefectSite): boolean {
  const { defect, lab, n, k, sf, ts, style, key } = site;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    case 'none':
      break;
    case 'key':
      ed(sf, (t) => t.replace(key(k), `fake-wrong-key-${k}-zyxw`));
      break;
    case 'transform':
      ed(sf, (t) =>
        replaceLine(t, ts, [
          style === 'legacy'
            ? 'crypto ipsec transform-set TS esp-3des esp-sha-hmac'
            : 'crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac',
        ]),
      );
      break;
    case 'pfs-spoke':
      ed(sf, (t) => replaceLine(t, ' match address 110', [' match address 110', ' set pfs group19']));
      break;
    case 'pfs-hub-entry':
      ed('hub.cfg', (t) =>
        replaceLine(t, ` match address ${100 + k}`, [` match address ${100 + k}`, ' set pfs group20']),
      );
      break;
    case 'lifetime-spoke':
      ed(sf, (t) => replaceLine(t, ' authentication pre-share', [' authentication pre-share', ' lifetime 3600']));
      break;
    case 'lifetime-hub':
      ed('hub.cfg', (t) =>
        replaceLine(t, ' authentication pre-share', [' authentication pre-share', ' lifetime 7200']),
      );
      break;
    case 'hash':
      ed(sf, (t) => t.replace(style === 'legacy' ? ' hash md5' : ' hash sha256', ' hash sha384'));
      break;
    case 'wrong-peer-address':
      ed('hub.cfg', (t) => replaceLine(t, ` set peer ${wan(k)}`, [` set peer 198.51.100.${200 + k}`]));
      break;
    case 'not-in-underlay':
      break; // in the topology (topologyOf)
    case 'missing-hub-key':
      ed('hub.cfg', (t) => replaceLine(t, `crypto isakmp key ${key(k)} address ${wan(k)}`, []));
      break;
    case 'dead-first-peer':
      ed(sf, (t) => replaceLine(t, ` set peer ${wan(0)}`, [' set peer 198.51.100.250', ` set peer ${wan(0)}`]));
      break;
    case 'unkeyed-first-peer':
    case 'answering-first-peer': {
      const j = (k % n) + 1; // another spoke
      ed(sf, (t) => replaceLine(t, ` set peer ${wan(0)}`, [` set peer ${wan(j)}`, ` set peer ${wan(0)}`]));
      ed(sf, (t) => replaceLine(t, ts, [`crypto isakmp key fake-side-key-${k}-${j}-abcdef address ${wan(j)}`, ts]));
      if (defect === 'answering-first-peer')
        ed(fileOf(j), (t) =>
          replaceLine(t, ts, [`crypto isakmp key fake-side-key-${k}-${j}-abcdef address ${wan(k)}`, ts]),
        );
      break;
    }
    default:
      return false;
  }
  return true;
}

/** Defects of crypto ACLs, crypto map entries and references, ACL sequence edits and object groups. False when `defect` is not one of them. */
function cryptoDefect(site: DefectSite): boolean {
  const { defect, lab, k, o, sf, pfs, mode, all, spokeLine, hubLine } = site;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    case 'deny-spoke':
      ed(sf, (t) =>
        replaceLine(t, spokeLine(k, o), [
          `access-list 110 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`,
          ...(mode === 'exact' ? [] : [spokeLine(k, o)]),
        ]),
      );
      break;
    case 'missing-spoke-line':
      ed(sf, (t) => replaceLine(t, spokeLine(k, o), []));
      break;
    case 'missing-hub-line':
      ed('hub.cfg', (t) => replaceLine(t, hubLine(k, mode === 'exact' ? o : k === 1 ? 0 : 1), []));
      break;
    case 'map-not-applied':
      ed(sf, (t) => replaceLine(t, ' crypto map VPN', []));
      break;
    case 'capture-entry':
      ed('hub.cfg', (t) =>
        replaceLine(t, 'crypto map VPN 10 ipsec-isakmp', [
          'crypto map VPN 5 ipsec-isakmp',
          ` set peer ${wan(k)}`,
          ' set transform-set TS',
          ...pfs,
          ' match address 199',
          'crypto map VPN 10 ipsec-isakmp',
        ]),
      );
      ed('hub.cfg', (t) =>
        replaceLine(t, 'end', [
          `access-list 199 permit ip ${lan(0)}.0 0.0.0.255 ${lan(o === 0 ? (k === 1 ? 2 : 1) : o)}.0 0.0.0.255`,
          'end',
        ]),
      );
      break;
    case 'undefined-acl-hub':
      ed('hub.cfg', (t) => replaceLine(t, ` match address ${100 + k}`, [` match address ${100 + k}9`]));
      break;
    case 'undefined-transform-spoke':
      ed(sf, (t) => replaceLine(t, ' set transform-set TS', [' set transform-set TX']));
      break;
    case 'undefined-map-spoke':
      ed(sf, (t) => replaceLine(t, ' crypto map VPN', [' crypto map VPM']));
      break;
    case 'seq-deny-reopen':
      ed(sf, (t) =>
        replaceLine(t, 'end', [
          'ip access-list extended 110',
          ` 5 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`,
          'end',
        ]),
      );
      break;
    case 'seq-no-first':
      ed(sf, (t) => replaceLine(t, 'end', ['ip access-list extended 110', ' no 10', 'end']));
      break;
    case 'seq-resequence-insert':
      ed(sf, (t) =>
        replaceLine(t, 'end', [
          'ip access-list resequence 110 100 10',
          'ip access-list extended 110',
          ` 105 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`,
          'end',
        ]),
      );
      break;
    case 'seq-hub-deny':
      ed('hub.cfg', (t) =>
        replaceLine(t, 'end', [
          `ip access-list extended ${100 + k}`,
          ` 1 deny ip ${lan(o)}.0 0.0.0.255 ${lan(k)}.0 0.0.0.255`,
          'end',
        ]),
      );
      break;
    case 'objgroup-spoke':
    case 'objgroup-missing': {
      const members = all
        .filter((x) => x !== k && !(defect === 'objgroup-missing' && x === o))
        .map((x) => ` ${lan(x)}.0 255.255.255.0`);
      ed(sf, (t) =>
        t
          .split('\n')
          .filter((l) => !l.startsWith('access-list 110 '))
          .join('\n'),
      );
      ed(sf, (t) =>
        replaceLine(t, 'end', [
          'object-group network PEERS',
          ...members,
          'ip access-list extended 110',
          ` permit ip ${lan(k)}.0 0.0.0.255 object-group PEERS`,
          'end',
        ]),
      );
      break;
    }
    default:
      return false;
  }
  return true;
}

/** Defects of routing: missing, discard, floating, permanent, refused and equal-cost routes. False when `defect` is not one of them. */
function routingDefect(site: DefectSite): boolean {
  const { defect, lab, k, o, sf, spokeRoute } = site;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    case 'missing-hub-route':
      ed('hub.cfg', (t) => replaceLine(t, `ip route ${lan(k)}.0 255.255.255.0 Ethernet1`, []));
      break;
    case 'missing-spoke-route':
      ed(sf, (t) => replaceLine(t, spokeRoute(o), []));
      break;
    // Routing (docs/ios-semantics.md#routing): a discard route over the half of a site that holds
    // the pinged host, on the hub or on the spoke; a primary route that is not installed (next hop
    // unresolved) with a floating route that carries the traffic or sends it to the LAN; a
    // permanent route through a shut interface that holds the prefix against the floating one; a
    // next hop that is the router's own address (refused, so no route).
    case 'null0-hub':
      ed('hub.cfg', (t) => replaceLine(t, 'end', [`ip route ${lan(k)}.0 255.255.255.128 Null0`, 'end']));
      break;
    case 'null0-spoke':
      ed(sf, (t) => replaceLine(t, 'end', [`ip route ${lan(o)}.0 255.255.255.128 Null0`, 'end']));
      break;
    case 'floating-takes-over':
      ed(sf, (t) =>
        replaceLine(t, spokeRoute(o), [spokeRoute(o).replace('Ethernet1', '203.0.113.1'), `${spokeRoute(o)} 250`]),
      );
      break;
    case 'floating-to-lan':
      ed(sf, (t) =>
        replaceLine(t, spokeRoute(o), [
          spokeRoute(o).replace('Ethernet1', '203.0.113.1'),
          `${spokeRoute(o).replace('Ethernet1', 'Ethernet0')} 250`,
        ]),
      );
      break;
    case 'permanent-down':
      ed(sf, (t) =>
        replaceLine(t, spokeRoute(o), [
          `${spokeRoute(o).replace('Ethernet1', 'Ethernet2')} permanent`,
          `${spokeRoute(o)} 250`,
        ]),
      );
      ed(sf, (t) =>
        replaceLine(t, 'interface Ethernet0', [
          'interface Ethernet2',
          ' ip address 192.168.77.1 255.255.255.0',
          ' shutdown',
          'interface Ethernet0',
        ]),
      );
      break;
    case 'own-next-hop':
      ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o).replace('Ethernet1', wan(k))]));
      break;
    // Two equal-cost paths that both reach the hub: the proof needs both, the emulator takes one.
    case 'equal-cost-wan':
      ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o), spokeRoute(o).replace('Ethernet1', wan(0))]));
      break;
    default:
      return false;
  }
  return true;
}

/** The hub's IKE address with `local-address-*`: outside 10.0.0.0/8, which summarized spokes route as a whole. */
const HUB_LOOPBACK = '100.64.0.1';

/** The `local-address-*` defects. False when `defect` is not one of them. */
function localAddressDefect(site: DefectSite): boolean {
  const { defect, lab, n, k, key } = site;
  if (defect !== 'local-address-hub' && defect !== 'local-address-no-route') return false;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  ed('hub.cfg', (t) =>
    replaceLine(t, 'interface Ethernet1', [
      'crypto map VPN local-address Loopback0',
      'interface Loopback0',
      ` ip address ${HUB_LOOPBACK} 255.255.255.255`,
      'interface Ethernet1',
    ]),
  );
  for (let i = 1; i <= n; i++) {
    ed(fileOf(i), (t) =>
      t.replace(
        `crypto isakmp key ${key(i)} address ${wan(0)}\n`,
        `crypto isakmp key ${key(i)} address ${HUB_LOOPBACK}\n`,
      ),
    );
    ed(fileOf(i), (t) => replaceLine(t, ` set peer ${wan(0)}`, [` set peer ${HUB_LOOPBACK}`]));
    if (defect === 'local-address-hub' || i !== k)
      ed(fileOf(i), (t) => replaceLine(t, 'end', [`ip route ${HUB_LOOPBACK} 255.255.255.255 Ethernet1`, 'end']));
  }
  return true;
}

/** The `behind-nat*` defects. False when `defect` is not one of them. */
function natTraversalDefect(site: DefectSite): boolean {
  const { defect, lab, k, sf } = site;
  if (defect !== 'behind-nat' && defect !== 'behind-nat-natt-off' && defect !== 'breakout-behind-nat') return false;
  let t = replaceLine(lab[sf]!, ` ip address ${wan(k)} 255.255.255.0`, [` ip address ${privateWan(k)} 255.255.255.0`]);
  // The hub's WAN is no longer connected: a host route to it through the NAT device.
  t = replaceLine(t, 'end', [`ip route ${wan(0)} 255.255.255.255 Ethernet1`, 'end']);
  if (defect === 'behind-nat-natt-off')
    t = replaceLine(t, 'crypto map VPN 10 ipsec-isakmp', [
      'no crypto ipsec nat-transparency udp-encapsulation',
      'crypto map VPN 10 ipsec-isakmp',
    ]);
  lab[sf] = t;
  // The breakout of a spoke behind NAT: its PAT as well (the WAN line it names is now the private one).
  return defect !== 'breakout-behind-nat';
}

/** Gives the network its defect (`none` leaves it as built). */
export function applyDefect(site: DefectSite): void {
  const defects = [ikeDefect, cryptoDefect, routingDefect, authDefect, localAddressDefect, natTraversalDefect];
  if (![...defects, dynamicDefect].some((f) => f(site))) filterDefect(site);
}
