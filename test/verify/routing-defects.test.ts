/**
 * Routing defect classes (docs/ios-semantics.md#routing) on configs written by hand, in two styles:
 * the reference lab (IOS 12.2, numbered ACLs, one interface route per site) and an operator-style
 * IOS-XE network (named ACLs, one default route to the provider's gateway per router). Each case
 * gets the verdict, broken pairs, code, device and line that real IOS implies.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../lib/verify/types.js';
import { codes, edit, pair, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const LAB = seedLab('three-spokes');

/** Line number (1-based) of an exact line in a text. */
function lineNo(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  if (i < 0) throw new Error(`test setup: no line ${line}`);
  return i + 1;
}

function expectBroken(r: VerifyResult, from: string, to: string, code: string, device: string, line: number): void {
  const p = pair(r, from, to);
  expect(p.covered, `${from} -> ${to} should be broken`).toBe(false);
  const found = codes(p, code).filter((x) => x.device === device && x.line === line);
  expect(
    found.length,
    `${code} on ${device}:${line} for ${from} -> ${to}; got ${p.problems.map((x) => `${x.code}@${x.device}:${x.line}`).join(' ')}`,
  ).toBeGreaterThan(0);
}

function expectCovered(r: VerifyResult, pairs: [string, string][]): void {
  for (const [a, b] of pairs) expect(pair(r, a, b).covered, `${a} -> ${b} should stay covered`).toBe(true);
}

/** Inserts lines before `ip http server` (hub) or `no ip http server` (spokes) of the reference lab. */
function addRoutes(lab: Lab, file: string, lines: string[]): Lab {
  const anchor = file === 'hub.cfg' ? 'ip http server' : 'no ip http server';
  return edit(lab, file, (t) => replaceLine(t, anchor, [...lines, anchor]));
}

describe('GIVEN a discard route over part of a site in the reference lab', () => {
  it('WHEN the hub sends half of spoke 2 to Null0 THEN every pair towards spoke 2 breaks with DISCARD_ROUTE on that hub line, and replies from spoke 2 too', () => {
    const lab = addRoutes(LAB, 'hub.cfg', ['ip route 192.168.1.128 255.255.255.128 Null0']);
    const line = lineNo(lab['hub.cfg']!, 'ip route 192.168.1.128 255.255.255.128 Null0');
    const r = proveLab(lab);
    expect(r.ok).toBe(false);
    for (const from of ['Hub', 'Spoke1', 'Spoke3']) expectBroken(r, from, 'Spoke2', 'DISCARD_ROUTE', 'Hub', line);
    // The replies of a conversation started by spoke 2 are dropped the same way.
    expectBroken(r, 'Spoke2', 'Spoke1', 'DISCARD_ROUTE', 'Hub', line);
    expectCovered(r, [
      ['Spoke1', 'Spoke3'],
      ['Spoke3', 'Hub'],
      ['Hub', 'Spoke1'],
    ]);
    const f = r.findings.find((x) => x.code === 'DISCARD_ROUTE')!;
    expect(f.message).toContain('192.168.1.128/25');
    expect(f.message).toContain('Null0');
  });

  it('WHEN the path of a discarded pair is recorded THEN the failed step is a route step on the Null0 line', () => {
    const lab = addRoutes(LAB, 'hub.cfg', ['ip route 192.168.1.128 255.255.255.128 Null0']);
    const r = proveLab(lab, { paths: 'all' });
    const steps = pair(r, 'Spoke1', 'Spoke2').path!.hops.flatMap((h) => h.steps);
    expect(steps.find((x) => x.ok === false)).toMatchObject({
      kind: 'route',
      file: 'hub.cfg',
      line: lineNo(lab['hub.cfg']!, 'ip route 192.168.1.128 255.255.255.128 Null0'),
    });
  });

  it('WHEN a spoke sends part of another site to Null0 THEN only the pairs between those two sites break, on the spoke line', () => {
    const lab = addRoutes(LAB, 'spoke1.cfg', ['ip route 172.16.2.0 255.255.255.192 null 0']);
    const line = lineNo(lab['spoke1.cfg']!, 'ip route 172.16.2.0 255.255.255.192 null 0');
    const r = proveLab(lab);
    expectBroken(r, 'Spoke1', 'Spoke3', 'DISCARD_ROUTE', 'Spoke1', line);
    expectBroken(r, 'Spoke3', 'Spoke1', 'DISCARD_ROUTE', 'Spoke1', line);
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Spoke1', 'Hub'],
      ['Spoke3', 'Spoke2'],
      ['Hub', 'Spoke3'],
    ]);
    expect(r.summary.broken).toBe(2);
  });

  it('WHEN a spoke sends part of its own LAN to Null0 THEN traffic towards that spoke is discarded there, though the connected /24 is up', () => {
    const lab = addRoutes(LAB, 'spoke3.cfg', ['ip route 172.16.2.64 255.255.255.192 Null0']);
    const line = lineNo(lab['spoke3.cfg']!, 'ip route 172.16.2.64 255.255.255.192 Null0');
    const r = proveLab(lab);
    for (const from of ['Hub', 'Spoke1', 'Spoke2']) expectBroken(r, from, 'Spoke3', 'DISCARD_ROUTE', 'Spoke3', line);
  });

  it('WHEN the hub has a Null0 summary that every site route is more specific than THEN nothing changes: all pairs covered, no error', () => {
    const r = proveLab(
      addRoutes(LAB, 'hub.cfg', [
        'ip route 172.16.0.0 255.255.0.0 Null0 254',
        'ip route 192.168.0.0 255.255.0.0 Null0',
      ]),
    );
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, errors: 0 });
  });

  it('WHEN a permanent route through a shut interface holds a site prefix against a floating route THEN DISCARD_ROUTE on the permanent line', () => {
    let lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [
        'ip route 192.168.1.0 255.255.255.0 Serial0 permanent',
        'ip route 192.168.1.0 255.255.255.0 Ethernet1 250',
      ]),
    );
    lab = edit(lab, 'spoke1.cfg', (t) =>
      replaceLine(t, 'interface Ethernet0', [
        'interface Serial0',
        ' ip address 192.0.2.1 255.255.255.252',
        ' shutdown',
        'interface Ethernet0',
      ]),
    );
    const r = proveLab(lab);
    expectBroken(
      r,
      'Spoke1',
      'Spoke2',
      'DISCARD_ROUTE',
      'Spoke1',
      lineNo(lab['spoke1.cfg']!, 'ip route 192.168.1.0 255.255.255.0 Serial0 permanent'),
    );
    expect(r.findings.find((f) => f.code === 'DISCARD_ROUTE')!.message).toContain('shut down');
  });
});

describe('GIVEN invalid next hops in the reference lab', () => {
  it('WHEN a spoke route names its own WAN address as next hop THEN INVALID_ROUTE on that line fails the verdict, and the pairs that needed it get NO_ROUTE there', () => {
    const lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', ['ip route 192.168.1.0 255.255.255.0 10.1.2.1']),
    );
    const line = lineNo(lab['spoke1.cfg']!, 'ip route 192.168.1.0 255.255.255.0 10.1.2.1');
    const r = proveLab(lab);
    expect(r.ok).toBe(false);
    const invalid = r.findings.filter((f) => f.code === 'INVALID_ROUTE');
    expect(invalid).toMatchObject([{ device: 'Spoke1', line, severity: 'error' }]);
    expect(invalid[0]!.message).toContain("it's this router");
    expectBroken(r, 'Spoke1', 'Spoke2', 'NO_ROUTE', 'Spoke1', line);
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'NO_ROUTE')[0]!.message).toContain('address of this router');
    expectCovered(r, [
      ['Spoke1', 'Spoke3'],
      ['Spoke1', 'Hub'],
      ['Spoke3', 'Spoke2'],
    ]);
  });

  it('WHEN a route next hop resolves through nothing THEN the route is not installed and NO_ROUTE names its line and why', () => {
    const lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [
        'ip route 192.168.1.0 255.255.255.0 203.0.113.1',
      ]),
    );
    const line = lineNo(lab['spoke1.cfg']!, 'ip route 192.168.1.0 255.255.255.0 203.0.113.1');
    const r = proveLab(lab);
    expectBroken(r, 'Spoke1', 'Spoke2', 'NO_ROUTE', 'Spoke1', line);
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'NO_ROUTE')[0]!.message).toContain(
      '203.0.113.1 is reachable through no other route',
    );
    // Not refused at the prompt: no INVALID_ROUTE.
    expect(r.findings.some((f) => f.code === 'INVALID_ROUTE')).toBe(false);
  });

  it('WHEN a route names an interface the router does not have THEN INVALID_ROUTE on that line', () => {
    const lab = edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', ['ip route 192.168.1.0 255.255.255.0 Ethernet7']),
    );
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.code === 'INVALID_ROUTE')).toMatchObject([
      { device: 'Hub', line: lineNo(lab['hub.cfg']!, 'ip route 192.168.1.0 255.255.255.0 Ethernet7') },
    ]);
    expect(pair(r, 'Spoke1', 'Spoke2').covered).toBe(false);
  });
});

describe('GIVEN floating static routes in the reference lab', () => {
  const floating = (backup: string) =>
    edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [
        'ip route 192.168.1.0 255.255.255.0 203.0.113.1',
        `ip route 192.168.1.0 255.255.255.0 ${backup} 250`,
      ]),
    );

  it('WHEN the primary is not installed and the floating route leaves through the crypto interface THEN the floating route carries the pair: all covered', () => {
    const r = proveLab(floating('Ethernet1'));
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, errors: 0 });
  });

  it('WHEN the primary is not installed and the floating route points at the LAN THEN NO_ROUTE names the primary route and why it is not installed', () => {
    const lab = floating('Ethernet0');
    const r = proveLab(lab);
    expectBroken(
      r,
      'Spoke1',
      'Spoke2',
      'NO_ROUTE',
      'Spoke1',
      lineNo(lab['spoke1.cfg']!, 'ip route 192.168.1.0 255.255.255.0 203.0.113.1'),
    );
  });

  it('WHEN the primary is installed THEN a floating route to the LAN changes nothing', () => {
    const lab = addRoutes(LAB, 'spoke1.cfg', ['ip route 192.168.1.0 255.255.255.0 Ethernet0 250']);
    expect(proveLab(lab).summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN a site route is tracked THEN it is taken as installed with a ROUTE_TRACK_ASSUMED warning on its line, and the verdict stands', () => {
    const lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [
        'ip route 192.168.1.0 255.255.255.0 Ethernet1 track 7',
      ]),
    );
    const r = proveLab(lab);
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.code === 'ROUTE_TRACK_ASSUMED')).toMatchObject([
      {
        device: 'Spoke1',
        severity: 'warning',
        line: lineNo(lab['spoke1.cfg']!, 'ip route 192.168.1.0 255.255.255.0 Ethernet1 track 7'),
      },
    ]);
  });
});

describe('GIVEN equal-cost routes in the reference lab (docs/ios-semantics.md#equal-cost-paths)', () => {
  it('WHEN the hub has a second route at the same distance for a spoke site through its LAN THEN pairs to it break: some flows take the LAN path', () => {
    const lab = addRoutes(LAB, 'hub.cfg', ['ip route 172.16.1.0 255.255.255.0 Ethernet0']);
    const r = proveLab(lab);
    expectBroken(
      r,
      'Spoke2',
      'Spoke1',
      'NO_ROUTE',
      'Hub',
      lineNo(lab['hub.cfg']!, 'ip route 172.16.1.0 255.255.255.0 Ethernet0'),
    );
    expectCovered(r, [
      ['Spoke2', 'Spoke3'],
      ['Spoke3', 'Hub'],
    ]);
  });

  it('WHEN both equal-cost paths leave through the crypto interface THEN every pair stays covered', () => {
    const r = proveLab(addRoutes(LAB, 'spoke1.cfg', ['ip route 192.168.1.0 255.255.255.0 10.1.4.1']));
    expect(r.summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN the equal-cost route sits at a higher distance THEN it is a floating route and changes nothing', () => {
    const r = proveLab(addRoutes(LAB, 'hub.cfg', ['ip route 172.16.1.0 255.255.255.0 Ethernet0 5']));
    expect(r.summary).toMatchObject({ covered: 12, errors: 0 });
  });
});

/** An operator-style IOS-XE network, written by hand: named ACLs, a default route to the provider. */
const OPERATOR: Lab = {
  'hq.cfg': `version 17.9
hostname HQ
!
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Fake-Branch-One-Key-2026 address 203.0.113.10
crypto isakmp key Fake-Branch-Two-Key-2026 address 203.0.113.20
!
crypto ipsec transform-set TS-AES esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map CMAP 10 ipsec-isakmp
 description branch one
 set peer 203.0.113.10
 set transform-set TS-AES
 match address BRANCH1-VPN
crypto map CMAP 20 ipsec-isakmp
 description branch two
 set peer 203.0.113.20
 set transform-set TS-AES
 match address BRANCH2-VPN
!
interface GigabitEthernet0/0/0
 description ISP
 ip address 198.51.100.2 255.255.255.248
 crypto map CMAP
!
interface GigabitEthernet0/0/1
 description HQ LAN
 ip address 10.10.0.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
ip access-list extended BRANCH1-VPN
 permit ip 10.10.0.0 0.0.0.255 10.20.1.0 0.0.0.255
 permit ip 10.20.2.0 0.0.0.255 10.20.1.0 0.0.0.255
ip access-list extended BRANCH2-VPN
 permit ip 10.10.0.0 0.0.0.255 10.20.2.0 0.0.0.255
 permit ip 10.20.1.0 0.0.0.255 10.20.2.0 0.0.0.255
!
end
`,
  'branch1.cfg': `version 17.9
hostname Branch1
!
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Fake-Branch-One-Key-2026 address 198.51.100.2
!
crypto ipsec transform-set TS-AES esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map CMAP 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set TS-AES
 match address TO-HQ
!
interface GigabitEthernet0/0/0
 ip address 203.0.113.10 255.255.255.248
 crypto map CMAP
!
interface GigabitEthernet0/0/1
 ip address 10.20.1.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 203.0.113.9
!
ip access-list extended TO-HQ
 permit ip 10.20.1.0 0.0.0.255 10.10.0.0 0.0.0.255
 permit ip 10.20.1.0 0.0.0.255 10.20.2.0 0.0.0.255
!
end
`,
  'branch2.cfg': `version 17.9
hostname Branch2
!
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Fake-Branch-Two-Key-2026 address 198.51.100.2
!
crypto ipsec transform-set TS-AES esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map CMAP 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set TS-AES
 match address TO-HQ
!
interface GigabitEthernet0/0/0
 ip address 203.0.113.20 255.255.255.248
 crypto map CMAP
!
interface GigabitEthernet0/0/1
 ip address 10.20.2.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 203.0.113.17
!
ip access-list extended TO-HQ
 permit ip 10.20.2.0 0.0.0.255 10.10.0.0 0.0.0.255
 permit ip 10.20.2.0 0.0.0.255 10.20.1.0 0.0.0.255
!
end
`,
};

describe('GIVEN the operator-style network (default routes to the provider)', () => {
  it('WHEN proven as written THEN every pair is covered', () => {
    expect(proveLab(OPERATOR).summary).toMatchObject({ pairs: 6, covered: 6, errors: 0 });
  });

  it('WHEN HQ adds a Null0 summary for the branch block (to advertise it) THEN the summary beats the default route: every pair to a branch is discarded at HQ', () => {
    const lab = edit(OPERATOR, 'hq.cfg', (t) =>
      replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 198.51.100.1', [
        'ip route 0.0.0.0 0.0.0.0 198.51.100.1',
        'ip route 10.20.0.0 255.255.0.0 Null0',
      ]),
    );
    const line = lineNo(lab['hq.cfg']!, 'ip route 10.20.0.0 255.255.0.0 Null0');
    const r = proveLab(lab);
    expect(r.summary.covered).toBe(0);
    for (const [a, b] of [
      ['HQ', 'Branch1'],
      ['Branch2', 'Branch1'],
      ['Branch1', 'Branch2'],
      ['Branch1', 'HQ'],
    ] as const) {
      expectBroken(r, a, b, 'DISCARD_ROUTE', 'HQ', line);
    }
  });

  it('WHEN a branch default route names its own WAN address THEN INVALID_ROUTE on that line and nothing leaves the branch', () => {
    const lab = edit(OPERATOR, 'branch2.cfg', (t) =>
      replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 203.0.113.17', ['ip route 0.0.0.0 0.0.0.0 203.0.113.20']),
    );
    const line = lineNo(lab['branch2.cfg']!, 'ip route 0.0.0.0 0.0.0.0 203.0.113.20');
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.code === 'INVALID_ROUTE')).toMatchObject([{ device: 'Branch2', line }]);
    expectBroken(r, 'Branch2', 'HQ', 'NO_ROUTE', 'Branch2', line);
    expect(pair(r, 'Branch1', 'HQ').covered).toBe(true);
    // The tunnel to HQ cannot come up either, and the finding says which route is missing and why.
    const unreachable = codes(pair(r, 'Branch2', 'HQ'), 'PEER_UNREACHABLE');
    expect(unreachable.map((x) => x.message).join('\n')).toContain(`branch2.cfg:${line}`);
  });

  it('WHEN a branch has a primary default via a shut backup link and a floating default via the provider THEN the floating default carries every pair', () => {
    let lab = edit(OPERATOR, 'branch1.cfg', (t) =>
      replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 203.0.113.9', [
        'ip route 0.0.0.0 0.0.0.0 192.0.2.1',
        'ip route 0.0.0.0 0.0.0.0 203.0.113.9 250',
      ]),
    );
    lab = edit(lab, 'branch1.cfg', (t) =>
      replaceLine(t, 'interface GigabitEthernet0/0/1', [
        'interface GigabitEthernet0/0/2',
        ' description LTE backup',
        ' ip address 192.0.2.2 255.255.255.252',
        ' shutdown',
        '!',
        'interface GigabitEthernet0/0/1',
      ]),
    );
    expect(proveLab(lab).summary).toMatchObject({ pairs: 6, covered: 6, errors: 0 });
  });
});
