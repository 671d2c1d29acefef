/**
 * Defects of interface access lists, NAT, keyrings, ISAKMP profiles and certificates for the
 * differential test's networks (the rest, and the site layout: differential-defects.ts).
 */
import { replaceLine, type Lab } from './labs.js';
import { lan, wan, type Defect, type DefectSite } from './differential-defects.js';

/** Defects of interface access lists and NAT. False when `defect` is not one of them. */
export function filterDefect(site: DefectSite): boolean {
  const { defect, lab, k, o, sf } = site;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    // Interface lists: IKE passes but ESP does not; only the tunnel passes (12.2 also checks the
    // decrypted packets against it, later releases do not); a LAN list drops one site pair; a list
    // that does not exist filters nothing.
    case 'acl-wan-no-esp':
      addAcl(lab, sf, ` ip address ${wan(k)} 255.255.255.0`, 'in', [
        'permit udp any any eq isakmp',
        'deny esp any any',
        'permit ip any any',
      ]);
      break;
    case 'acl-wan-tunnel-only':
      addAcl(lab, sf, ` ip address ${wan(k)} 255.255.255.0`, 'in', [
        `permit udp host ${wan(0)} host ${wan(k)} eq isakmp`,
        `permit esp host ${wan(0)} host ${wan(k)}`,
      ]);
      break;
    case 'acl-lan-deny':
      addAcl(lab, sf, ` ip address ${lan(k)}.1 255.255.255.0`, 'in', [
        `deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`,
        'permit ip any any',
      ]);
      break;
    // NAT (docs/ios-semantics.md#nat-and-the-order-of-operations): PAT on the spoke's WAN without
    // an exemption, then exempted by a deny in the NAT ACL, then by a route-map deny entry.
    case 'nat-pat-no-exemption':
      natSpoke(lab, sf, k, [`access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`], 'list 151');
      break;
    // The hub's crypto interface `ip nat inside`, its LAN outside: spoke k's decrypted traffic to
    // the hub LAN is translated there (transit NAT, after decryption).
    case 'nat-hub-transit': {
      let t = replaceLine(lab['hub.cfg']!, ` ip address ${lan(0)}.1 255.255.255.0`, [
        ` ip address ${lan(0)}.1 255.255.255.0`,
        ' ip nat outside',
      ]);
      t = replaceLine(t, ` ip address ${wan(0)} 255.255.255.0`, [
        ` ip address ${wan(0)} 255.255.255.0`,
        ' ip nat inside',
      ]);
      lab['hub.cfg'] = replaceLine(t, 'end', [
        `access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`,
        'ip nat inside source list 151 interface Ethernet0 overload',
        'end',
      ]);
      break;
    }
    case 'nat-pat-acl-exemption':
      natSpoke(
        lab,
        sf,
        k,
        [
          `access-list 151 deny ip ${lan(k)}.0 0.0.0.255 10.0.0.0 0.255.255.255`,
          `access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`,
        ],
        'list 151',
      );
      break;
    case 'nat-route-map-exemption':
      natSpoke(
        lab,
        sf,
        k,
        [
          `access-list 152 permit ip ${lan(k)}.0 0.0.0.255 10.0.0.0 0.255.255.255`,
          `access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`,
          'route-map NAT-RM deny 10',
          ' match ip address 152',
          'route-map NAT-RM permit 20',
          ' match ip address 151',
        ],
        'route-map NAT-RM',
      );
      break;
    // The Spoke pattern's internetBreakout (docs/ios-semantics.md#nat-and-the-order-of-operations):
    // PAT on the WAN whose route-map first denies the crypto ACL itself, then translates the LAN;
    // a default route through the WAN. Without the deny, exactly spoke k's pairs break.
    case 'breakout':
    case 'breakout-no-exemption':
    case 'breakout-behind-nat':
      natSpoke(
        lab,
        sf,
        k,
        [
          `ip access-list standard INTERNET-LANS`,
          ` permit ${lan(k)}.0 0.0.0.255`,
          ...(defect === 'breakout-no-exemption'
            ? []
            : ['route-map INTERNET-BREAKOUT deny 10', ' match ip address 110']),
          'route-map INTERNET-BREAKOUT permit 20',
          ' match ip address INTERNET-LANS',
          'ip route 0.0.0.0 0.0.0.0 Ethernet1',
        ],
        'route-map INTERNET-BREAKOUT',
        defect === 'breakout-behind-nat' ? privateWan(k) : wan(k),
      );
      break;
    case 'acl-undefined':
      ed(sf, (t) =>
        replaceLine(t, ` ip address ${lan(k)}.1 255.255.255.0`, [
          ` ip address ${lan(k)}.1 255.255.255.0`,
          ' ip access-group 199 in',
        ]),
      );
      break;
    default:
      return false;
  }
  return true;
}

/** Defects of keyrings, ISAKMP profiles and certificates. False when `defect` is not one of them. */
export function authDefect(site: DefectSite): boolean {
  const { defect, lab, n, k, sf, key } = site;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    case 'keyring-hub':
    case 'keyring-missing-key':
    case 'keyring-not-in-profile':
    case 'keyring-entry-profile':
    case 'keyring-tie':
      keyringHub(lab, n, k, defect, key);
      break;
    case 'certificates':
    case 'certificates-no-trustpoint':
      for (const f of Object.keys(lab)) {
        const trusted = !(defect === 'certificates-no-trustpoint' && f === sf);
        ed(f, (t) => replaceLine(t, ' authentication pre-share', [' authentication rsa-sig']));
        if (trusted)
          ed(f, (t) =>
            replaceLine(t, 'crypto isakmp policy 10', [
              'crypto pki trustpoint CA1',
              ' enrollment url http://192.0.2.80:80',
              'crypto isakmp policy 10',
            ]),
          );
      }
      break;
    case 'rsa-sig-spoke':
      ed(sf, (t) =>
        replaceLine(
          replaceLine(t, ' authentication pre-share', [' authentication rsa-sig']),
          'crypto isakmp policy 10',
          ['crypto pki trustpoint CA1', 'crypto isakmp policy 10'],
        ),
      );
      break;
    default:
      return false;
  }
  return true;
}

/**
 * The hub's keys moved into keyring SPOKES, selected by profile SPOKES (one match identity per
 * spoke) that every hub entry names; then the defect on spoke k's key or entry.
 */
function keyringHub(lab: Lab, n: number, k: number, defect: Defect, key: (i: number) => string): void {
  let t = lab['hub.cfg']!;
  const ring: string[] = ['crypto keyring SPOKES'];
  for (let i = 1; i <= n; i++) {
    t = replaceLine(t, `crypto isakmp key ${key(i)} address ${wan(i)}`, []);
    if (defect === 'keyring-missing-key' && i === k) continue;
    ring.push(
      defect === 'keyring-not-in-profile' && i === k
        ? ` pre-shared-key address 198.51.100.0 255.255.255.0 key ${key(k)}`
        : ` pre-shared-key address ${wan(i)} key ${key(i)}`,
    );
  }
  // Spoke k's most specific key sits in a keyring no profile lists; the profile's keyring has the same key as a /24 only.
  if (defect === 'keyring-not-in-profile')
    ring.push('crypto keyring LOOSE', ` pre-shared-key address ${wan(k)} key ${key(k)}`);
  if (defect === 'keyring-tie')
    ring.push('crypto keyring STALE', ` pre-shared-key address ${wan(k)} key fake-stale-key-abcdefghij`);
  const profile = [
    'crypto isakmp profile SPOKES',
    ' keyring SPOKES',
    ...Array.from({ length: n }, (_, j) => ` match identity address ${wan(j + 1)} 255.255.255.255`),
  ];
  // OTHER has no match identity: never selected by a responder, so spoke k's SA is bound to SPOKES and the entry refuses it.
  if (defect === 'keyring-entry-profile') profile.push('crypto isakmp profile OTHER', ' keyring SPOKES');
  t = replaceLine(t, 'crypto isakmp policy 10', [...ring, ...profile, 'crypto isakmp policy 10']);
  for (let i = 1; i <= n; i++) {
    const name = defect === 'keyring-entry-profile' && i === k ? 'OTHER' : 'SPOKES';
    t = replaceLine(t, `crypto map VPN ${i * 10} ipsec-isakmp`, [
      `crypto map VPN ${i * 10} ipsec-isakmp`,
      ` set isakmp-profile ${name}`,
    ]);
  }
  lab['hub.cfg'] = t;
}

/** Spoke k's private WAN address behind its NAT device (the public one stays `wan(k)`). */
export const privateWan = (k: number) => `192.168.${100 + k}.2`;

/** PAT on spoke k's WAN (LAN inside, WAN outside) matching `match`, with the given global lines. */
function natSpoke(lab: Lab, file: string, k: number, lines: string[], match: string, wanIp = wan(k)): void {
  let t = replaceLine(lab[file]!, ` ip address ${lan(k)}.1 255.255.255.0`, [
    ` ip address ${lan(k)}.1 255.255.255.0`,
    ' ip nat inside',
  ]);
  t = replaceLine(t, ` ip address ${wanIp} 255.255.255.0`, [` ip address ${wanIp} 255.255.255.0`, ' ip nat outside']);
  lab[file] = replaceLine(t, 'end', [...lines, `ip nat inside source ${match} interface Ethernet1 overload`, 'end']);
}

/** Applies a new numbered list (150) to the interface whose address line is `at`. */
function addAcl(lab: Lab, file: string, at: string, direction: 'in' | 'out', lines: string[]): void {
  const t = replaceLine(lab[file]!, at, [at, ` ip access-group 150 ${direction}`]);
  lab[file] = replaceLine(t, 'end', [...lines.map((l) => `access-list 150 ${l}`), 'end']);
}
