/**
 * NAT on a site's router, written by hand in the styles operators use (numbered lists on 12.2,
 * named lists and route-maps on IOS-XE): the IOS order of operations translates before the crypto
 * map check, so without an exemption exactly the site's VPN pairs break, on the NAT line; with an
 * exemption (ACL deny or route-map deny) the network proves. The emulator's host pings agree.
 */
import { describe, expect, it } from 'vitest';
import { codes, edit, modernLab, pair, proveLab, replaceLine, seedLab, type Lab } from './labs.js';
import { beforeEnd } from './defect-assertions.js';
import { MODERN_SITES, SEED_SITES, brokenPairs, expectEmulatorAgrees } from './host-pings.js';

const LAB = seedLab('three-spokes');
const MODERN = modernLab(3);

const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

/** Spoke 1 of the reference lab with PAT on its WAN and the given NAT ACL lines. */
function seedPat(aclLines: string[], nat = 'ip nat inside source list 1 interface Ethernet1 overload'): Lab {
  return edit(LAB, 'spoke1.cfg', (t) =>
    beforeEnd(
      replaceLine(
        replaceLine(t, ' ip address 172.16.1.1 255.255.255.0', [
          ' ip address 172.16.1.1 255.255.255.0',
          ' ip nat inside',
        ]),
        ' ip address 10.1.2.1 255.255.255.0',
        [' ip address 10.1.2.1 255.255.255.0', ' ip nat outside'],
      ),
      [nat, ...aclLines],
    ),
  );
}

const SPOKE1_PAIRS = ['Hub>Spoke1', 'Spoke1>Hub', 'Spoke1>Spoke2', 'Spoke1>Spoke3', 'Spoke2>Spoke1', 'Spoke3>Spoke1'];

describe('GIVEN PAT on a spoke (reference lab, numbered lists, 12.2)', () => {
  it("WHEN the NAT list translates the whole LAN (no exemption) THEN exactly the spoke's pairs break, both ways, with NAT_BEFORE_CRYPTO on the NAT line", () => {
    const lab = seedPat(['access-list 1 permit 172.16.1.0 0.0.0.255']);
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(SPOKE1_PAIRS);
    const natLine = lineOf(lab['spoke1.cfg']!, 'ip nat inside source list 1 interface Ethernet1 overload');
    for (const key of SPOKE1_PAIRS) {
      const [a, b] = key.split('>') as [string, string];
      const found = codes(pair(r, a, b), 'NAT_BEFORE_CRYPTO');
      expect(found.map((f) => [f.device, f.line])).toContainEqual(['Spoke1', natLine]);
    }
    const f = r.findings.find((x) => x.code === 'NAT_BEFORE_CRYPTO')!;
    expect(f.message).toContain('10.1.2.1');
    expect(f.message).toContain('clear text');
    expectEmulatorAgrees(lab, r, SEED_SITES);
  });

  it('WHEN the NAT list denies the VPN destinations first (exemption by ACL deny) THEN every pair proves', () => {
    const lab = seedPat(
      [
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255',
        'access-list 101 permit ip 172.16.1.0 0.0.0.255 any',
      ],
      'ip nat inside source list 101 interface Ethernet1 overload',
    );
    const r = proveLab(lab);
    expect(r.summary.broken).toBe(0);
    expect(r.findings.filter((f) => f.code === 'NAT_BEFORE_CRYPTO' || f.code === 'NOT_MODELLED')).toEqual([]);
    expectEmulatorAgrees(lab, r, SEED_SITES);
  });

  it('WHEN the exemption forgets one spoke THEN only the pairs with that spoke break', () => {
    const lab = seedPat(
      [
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        'access-list 101 permit ip 172.16.1.0 0.0.0.255 any',
      ],
      'ip nat inside source list 101 interface Ethernet1 overload',
    );
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(['Spoke1>Spoke3', 'Spoke3>Spoke1']);
    const permitLine = lineOf(lab['spoke1.cfg']!, 'ip nat inside source list 101 interface Ethernet1 overload');
    expect(codes(pair(r, 'Spoke3', 'Spoke1'), 'NAT_BEFORE_CRYPTO')[0]!.line).toBe(permitLine);
    expectEmulatorAgrees(lab, r, SEED_SITES);
  });
});

describe('GIVEN NAT on an IOS-XE spoke (named lists, route-maps, pools, statics)', () => {
  const natSpoke2 = (lines: string[]) =>
    edit(MODERN, 'spoke02.cfg', (t) =>
      beforeEnd(
        replaceLine(
          replaceLine(t, ' ip address 10.2.0.1 255.255.255.0', [
            ' ip address 10.2.0.1 255.255.255.0',
            ' ip nat inside',
          ]),
          ' ip address 198.51.100.12 255.255.255.0',
          [' ip address 198.51.100.12 255.255.255.0', ' ip nat outside'],
        ),
        lines,
      ),
    );
  const SPOKE2_PAIRS = ['Hub>Spoke2', 'Spoke1>Spoke2', 'Spoke2>Hub', 'Spoke2>Spoke1', 'Spoke2>Spoke3', 'Spoke3>Spoke2'];
  const ACLS = [
    'ip access-list extended VPN-TRAFFIC',
    ' permit ip 10.2.0.0 0.0.0.255 10.0.0.0 0.255.255.255',
    'ip access-list extended INTERNET',
    ' permit ip 10.2.0.0 0.0.0.255 any',
  ];

  it('WHEN a route-map deny entry exempts the VPN traffic THEN every pair proves', () => {
    const lab = natSpoke2([
      ...ACLS,
      'route-map NAT-RM deny 10',
      ' match ip address VPN-TRAFFIC',
      'route-map NAT-RM permit 20',
      ' match ip address INTERNET',
      'ip nat inside source route-map NAT-RM interface GigabitEthernet1 overload',
    ]);
    const r = proveLab(lab);
    expect(r.summary.broken).toBe(0);
    expect(r.ok).toBe(true);
    expectEmulatorAgrees(lab, r, MODERN_SITES);
  });

  it("WHEN the route-map has only the permit entry THEN the spoke's pairs break on the NAT line", () => {
    const lab = natSpoke2([
      ...ACLS,
      'route-map NAT-RM permit 20',
      ' match ip address INTERNET',
      'ip nat inside source route-map NAT-RM interface GigabitEthernet1 overload',
    ]);
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(SPOKE2_PAIRS);
    const natLine = lineOf(
      lab['spoke02.cfg']!,
      'ip nat inside source route-map NAT-RM interface GigabitEthernet1 overload',
    );
    expect(r.findings.filter((f) => f.code === 'NAT_BEFORE_CRYPTO').map((f) => [f.device, f.line])).toEqual([
      ['Spoke2', natLine],
    ]);
    expectEmulatorAgrees(lab, r, MODERN_SITES);
  });

  it("WHEN a pool translates the LAN THEN the spoke's pairs break and the message names the pool range", () => {
    const lab = natSpoke2([
      'ip nat pool PUB 203.0.113.16 203.0.113.31 prefix-length 28',
      'ip access-list standard LAN',
      ' permit 10.2.0.0 0.0.0.255',
      'ip nat inside source list LAN pool PUB overload',
    ]);
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(SPOKE2_PAIRS);
    expect(r.findings.find((f) => f.code === 'NAT_BEFORE_CRYPTO')!.message).toContain('203.0.113.16/28');
    expectEmulatorAgrees(lab, r, MODERN_SITES);
  });

  it("WHEN a static NAT maps one LAN host THEN the spoke's pairs break (part of the site is translated) on the static line", () => {
    const lab = natSpoke2(['ip nat inside source static 10.2.0.10 198.51.100.50']);
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(SPOKE2_PAIRS);
    const f = r.findings.find((x) => x.code === 'NAT_BEFORE_CRYPTO')!;
    expect(f.line).toBe(lineOf(lab['spoke02.cfg']!, 'ip nat inside source static 10.2.0.10 198.51.100.50'));
    expectEmulatorAgrees(lab, r, MODERN_SITES);
  });

  it('WHEN NAT forms hubspoke does not model are used THEN they are NOT_MODELLED on their lines', () => {
    const lab = natSpoke2([
      'ip nat outside source static 203.0.113.5 10.2.0.99',
      'ip nat inside source static 10.2.0.20 198.51.100.51 extendable',
      'ip nat inside source list 7 interface GigabitEthernet1 vrf RED overload',
    ]);
    const r = proveLab(lab);
    const text = lab['spoke02.cfg']!;
    const lines = r.findings.filter((f) => f.code === 'NOT_MODELLED' && f.device === 'Spoke2').map((f) => f.line);
    for (const l of [
      'ip nat outside source static 203.0.113.5 10.2.0.99',
      'ip nat inside source static 10.2.0.20 198.51.100.51 extendable',
      'ip nat inside source list 7 interface GigabitEthernet1 vrf RED overload',
    ]) {
      expect(lines).toContain(lineOf(text, l));
    }
  });
});

describe('GIVEN NAT on a router the conversation reaches from a peer (reference lab hub)', () => {
  /** The hub with its crypto interface `ip nat inside` and its LAN `ip nat outside`. */
  const natHub = (lines: string[]) =>
    edit(LAB, 'hub.cfg', (t) =>
      beforeEnd(
        replaceLine(
          replaceLine(t, ' ip address 10.1.1.1 255.255.255.0', [
            ' ip address 10.1.1.1 255.255.255.0',
            ' ip nat outside',
          ]),
          ' ip address 10.1.4.1 255.255.255.0',
          [' ip address 10.1.4.1 255.255.255.0', ' ip nat inside'],
        ),
        lines,
      ),
    );

  it("WHEN the hub translates a spoke's decrypted traffic on its way to the hub LAN THEN those pairs break on the NAT line, spoke-to-spoke transit is untouched", () => {
    const lab = natHub([
      'ip nat inside source list 5 interface Ethernet0 overload',
      'access-list 5 permit 172.16.1.0 0.0.0.255',
    ]);
    const r = proveLab(lab);
    expect(brokenPairs(r)).toEqual(['Hub>Spoke1', 'Spoke1>Hub']);
    const natLine = lineOf(lab['hub.cfg']!, 'ip nat inside source list 5 interface Ethernet0 overload');
    expect(codes(pair(r, 'Spoke1', 'Hub'), 'NAT_BEFORE_CRYPTO').map((f) => [f.device, f.line])).toEqual([
      ['Hub', natLine],
    ]);
    expect(pair(r, 'Spoke1', 'Spoke2').covered).toBe(true);
    expectEmulatorAgrees(lab, r, SEED_SITES);
  });

  it("WHEN a static translation's global address lies in a site behind an outside interface THEN pairs to that site are unverified, never covered", () => {
    // Spoke 2 publishes inside host 10.99.0.5 as 192.168.1.60, an address of its own site: a packet
    // for 192.168.1.60 arriving on the WAN is rewritten outside to inside, which the proof does not model.
    const lab = edit(LAB, 'spoke2.cfg', (t) =>
      beforeEnd(
        replaceLine(
          replaceLine(t, ' ip address 192.168.1.1 255.255.255.0', [
            ' ip address 192.168.1.1 255.255.255.0',
            ' ip nat inside',
          ]),
          ' ip address 10.1.3.1 255.255.255.0',
          [' ip address 10.1.3.1 255.255.255.0', ' ip nat outside'],
        ),
        ['ip nat inside source static 10.99.0.5 192.168.1.60'],
      ),
    );
    const r = proveLab(lab);
    const staticLine = lineOf(lab['spoke2.cfg']!, 'ip nat inside source static 10.99.0.5 192.168.1.60');
    for (const other of ['Hub', 'Spoke1', 'Spoke3']) {
      expect(pair(r, other, 'Spoke2').status).toBe('unverified');
      expect(codes(pair(r, other, 'Spoke2'), 'NOT_MODELLED').map((f) => [f.device, f.line])).toContainEqual([
        'Spoke2',
        staticLine,
      ]);
    }
    expect(pair(r, 'Spoke1', 'Spoke3').covered).toBe(true);
    expect(r.ok).toBe(false);
  });
});
