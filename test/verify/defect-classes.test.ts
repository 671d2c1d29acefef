/**
 * Defect-class suite: one mutation of a correct lab per problem code. Each asserts the code on the
 * right pair, device and side, that unaffected pairs stay covered, and (for the unmutated labs and
 * harmless edits) that there are zero errors.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../lib/verify/types.js';
import { codes, edit, modernLab, pair, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const LAB = seedLab('three-spokes');
const beforeEnd = (t: string, lines: string[]) => t.replace(/\nend\s*$/, `\n${lines.join('\n')}\nend\n`);

function errors(r: VerifyResult) {
  return r.findings.filter((f) => f.severity === 'error');
}

function expectCovered(r: VerifyResult, pairs: [string, string][]) {
  for (const [a, b] of pairs) expect(pair(r, a, b).covered, `${a} -> ${b} should stay covered`).toBe(true);
}

function expectCode(r: VerifyResult, from: string, to: string, code: string, device: string, side: 'hub' | 'spoke') {
  const p = pair(r, from, to);
  expect(p.covered, `${from} -> ${to} should be broken`).toBe(false);
  const found = codes(p, code).filter((x) => x.device === device);
  expect(
    found.length,
    `${code} on ${device} for ${from} -> ${to}; got ${p.problems.map((x) => `${x.code}@${x.device}`).join(' ')}`,
  ).toBeGreaterThan(0);
  expect(found[0]!.side).toBe(side);
  expect(found[0]!.line).toBeGreaterThanOrEqual(0);
  expect(r.findings.some((f) => f.code === code && f.device === device)).toBe(true);
}

describe('GIVEN the unmutated labs', () => {
  it('WHEN the reference lab with three spokes is proven THEN all 12 pairs are covered with zero errors and only legacy warnings', () => {
    const r = proveLab(LAB);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, broken: 0, errors: 0 });
    expect(r.ok).toBe(true);
    expect(new Set(r.findings.map((f) => f.code))).toEqual(new Set(['WEAK_CRYPTO', 'WEAK_PSK', 'REUSED_PSK']));
  });

  it('WHEN the reference lab with two spokes is proven THEN all 6 pairs are covered', () => {
    const r = proveLab(seedLab('two-spokes'));
    expect(r.summary).toMatchObject({ pairs: 6, covered: 6, errors: 0 });
  });

  it('WHEN a generated 10-spoke modern lab is proven THEN all 110 pairs are covered with no finding at all', () => {
    const r = proveLab(modernLab(10));
    expect(r.summary).toMatchObject({ pairs: 110, covered: 110, errors: 0, warnings: 0 });
  });
});

describe('GIVEN harmless edits', () => {
  const harmless: [string, Lab][] = [
    [
      'reordered non-overlapping hub ACL lines',
      edit(LAB, 'hub.cfg', (t) =>
        replaceLine(
          replaceLine(t, 'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255', []),
          'access-list 110 permit ip 172.16.2.0 0.0.0.255 172.16.1.0 0.0.0.255',
          [
            'access-list 110 permit ip 172.16.2.0 0.0.0.255 172.16.1.0 0.0.0.255',
            'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
          ],
        ),
      ),
    ],
    [
      'extra interface descriptions',
      edit(LAB, 'spoke2.cfg', (t) =>
        replaceLine(
          replaceLine(t, 'interface Ethernet0', ['interface Ethernet0', ' description LAN of spoke 2']),
          'interface Ethernet1',
          ['interface Ethernet1', ' description WAN uplink'],
        ),
      ),
    ],
    [
      'a spoke key given with a covering mask',
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
          'crypto isakmp key cisco123 address 10.1.4.0 255.255.255.0',
        ]),
      ),
    ],
  ];
  for (const [name, lab] of harmless) {
    it(`WHEN the lab has ${name} THEN every pair stays covered with zero errors`, () => {
      const r = proveLab(lab);
      expect(errors(r)).toEqual([]);
      expect(r.summary.covered).toBe(12);
    });
  }
});

describe('GIVEN one defect per problem code in the reference lab', () => {
  it('WHEN the hub loses its route to spoke 2 THEN NO_ROUTE on the hub breaks pairs towards spoke 2 only', () => {
    const r = proveLab(edit(LAB, 'hub.cfg', (t) => replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [])));
    expectCode(r, 'Spoke1', 'Spoke2', 'NO_ROUTE', 'Hub', 'hub');
    expectCode(r, 'Hub', 'Spoke2', 'NO_ROUTE', 'Hub', 'hub');
    expectCovered(r, [
      ['Spoke1', 'Spoke3'],
      ['Spoke3', 'Spoke1'],
      ['Hub', 'Spoke1'],
      ['Spoke1', 'Hub'],
    ]);
  });

  it('WHEN a spoke ACL gets an extra deny line THEN NOT_PROTECTED on that line and CLEAR_TEXT_DROPPED at the hub', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255', [
          'access-list 110 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        ]),
      ),
    );
    expectCode(r, 'Spoke1', 'Spoke2', 'NOT_PROTECTED', 'Spoke1', 'spoke');
    expectCode(r, 'Spoke1', 'Spoke2', 'CLEAR_TEXT_DROPPED', 'Hub', 'hub');
    const np = codes(pair(r, 'Spoke1', 'Spoke2'), 'NOT_PROTECTED')[0]!;
    expect(np.message).toContain('deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255');
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'CLEAR_TEXT_DROPPED')[0]!.behind).toBe(true);
    expect(r.summary.covered).toBe(10);
  });

  it('WHEN a spoke forgets to apply its crypto map THEN CRYPTO_MAP_NOT_APPLIED on that spoke (its WAN is still a WAN)', () => {
    const r = proveLab(edit(LAB, 'spoke3.cfg', (t) => replaceLine(t, ' crypto map mymap', [])));
    expectCode(r, 'Spoke3', 'Spoke1', 'CRYPTO_MAP_NOT_APPLIED', 'Spoke3', 'spoke');
    expectCode(r, 'Hub', 'Spoke3', 'CRYPTO_MAP_NOT_APPLIED', 'Spoke3', 'spoke');
    expect(r.sites.map((s) => s.network)).not.toContain('10.1.5.0/24');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Hub', 'Spoke1'],
    ]);
  });

  it("WHEN an extra hub entry with a lower sequence number captures spoke 2's LAN for spoke 1 THEN WRONG_PEER on the hub", () => {
    const r = proveLab(
      edit(LAB, 'hub.cfg', (t) =>
        beforeEnd(
          replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
            'crypto map mymap 5 ipsec-isakmp',
            ' set peer 10.1.2.1',
            ' set transform-set myset',
            ' match address 105',
            'crypto map mymap 10 ipsec-isakmp',
          ]),
          ['access-list 105 permit ip 10.1.1.0 0.0.0.255 192.168.1.0 0.0.0.255'],
        ),
      ),
    );
    expectCode(r, 'Hub', 'Spoke2', 'WRONG_PEER', 'Hub', 'hub');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Hub', 'Spoke1'],
      ['Hub', 'Spoke3'],
    ]);
  });

  it('WHEN a spoke loses its underlay route THEN PEER_UNREACHABLE on that spoke', () => {
    const r = proveLab(
      edit(LAB, 'spoke2.cfg', (t) =>
        replaceLine(t, 'ip route 10.1.0.0 255.255.0.0 Ethernet1', ['ip route 10.1.1.0 255.255.255.0 Ethernet1']),
      ),
    );
    expectCode(r, 'Spoke2', 'Spoke1', 'PEER_UNREACHABLE', 'Spoke2', 'spoke');
    // Also when the hub initiates: the missing route is the spoke's (no route back), not the hub's.
    expectCode(r, 'Hub', 'Spoke2', 'PEER_UNREACHABLE', 'Spoke2', 'spoke');
    expect(r.findings.filter((f) => f.code === 'PEER_UNREACHABLE' && f.device === 'Hub')).toEqual([]);
    expect(r.findings.find((f) => f.code === 'PEER_UNREACHABLE')!.message).toMatch(
      /Spoke2 has no route (back )?to 10\.1\.4\.1/,
    );
    expectCovered(r, [
      ['Spoke1', 'Spoke3'],
      ['Hub', 'Spoke1'],
    ]);
  });

  it("WHEN one spoke's ISAKMP policy uses another hash THEN IKE_NO_POLICY_MATCH on that spoke", () => {
    const r = proveLab(edit(LAB, 'spoke3.cfg', (t) => replaceLine(t, ' hash md5', [' hash sha'])));
    expectCode(r, 'Spoke3', 'Hub', 'IKE_NO_POLICY_MATCH', 'Spoke3', 'spoke');
    expectCode(r, 'Spoke1', 'Spoke3', 'IKE_NO_POLICY_MATCH', 'Spoke3', 'spoke');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Spoke2', 'Hub'],
    ]);
  });

  it('WHEN one spoke has a shorter ISAKMP lifetime THEN IKE_LIFETIME and INITIATOR_DEPENDENT break only the pairs the hub must initiate, and relaxLifetime accepts it', () => {
    const lab = edit(LAB, 'spoke3.cfg', (t) => replaceLine(t, ' hash md5', [' hash md5', ' lifetime 3600']));
    const r = proveLab(lab);
    expectCode(r, 'Hub', 'Spoke3', 'IKE_LIFETIME', 'Spoke3', 'spoke');
    expectCode(r, 'Spoke1', 'Spoke3', 'INITIATOR_DEPENDENT', 'Spoke3', 'spoke');
    expectCovered(r, [
      ['Spoke3', 'Hub'],
      ['Spoke3', 'Spoke1'],
      ['Spoke1', 'Spoke2'],
    ]);
    expect(codes(pair(r, 'Hub', 'Spoke3'), 'IKE_LIFETIME')[0]!.hint).toContain('--relax-lifetime');
    const relaxed = proveLab(lab, { relaxLifetime: true });
    expect(relaxed.summary.broken).toBe(0);
    expect(errors(relaxed)).toEqual([]);
  });

  it('WHEN the hub has no key for spoke 3 THEN PSK_MISSING on the hub, one finding for both directions', () => {
    const r = proveLab(edit(LAB, 'hub.cfg', (t) => replaceLine(t, 'crypto isakmp key cisco123 address 10.1.5.1', [])));
    expectCode(r, 'Spoke3', 'Hub', 'PSK_MISSING', 'Hub', 'hub');
    expectCode(r, 'Hub', 'Spoke3', 'PSK_MISSING', 'Hub', 'hub');
    expect(r.findings.filter((f) => f.code === 'PSK_MISSING')).toHaveLength(1);
    expectCovered(r, [['Spoke1', 'Spoke2']]);
  });

  it("WHEN the hub's key for spoke 3 is replaced by the wildcard as show running-config prints it THEN spoke 3 is covered again", () => {
    const r = proveLab(
      edit(LAB, 'hub.cfg', (t) =>
        replaceLine(t, 'crypto isakmp key cisco123 address 10.1.5.1', [
          'crypto isakmp key cisco123 address 0.0.0.0        ',
        ]),
      ),
    );
    expect(r.findings.filter((f) => f.code === 'PSK_MISSING')).toEqual([]);
    expect(r.summary.broken).toBe(0);
  });

  it("WHEN a spoke key differs from the hub's THEN PSK_MISMATCH on that spoke names both lines and no key", () => {
    const r = proveLab(
      edit(LAB, 'spoke2.cfg', (t) =>
        replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
          'crypto isakmp key fakeOther456 address 10.1.4.1',
        ]),
      ),
    );
    expectCode(r, 'Spoke2', 'Spoke1', 'PSK_MISMATCH', 'Spoke2', 'spoke');
    const text = JSON.stringify(r);
    expect(text).not.toContain('fakeOther456');
    expect(text).not.toContain('cisco123');
    const m = r.findings.find((f) => f.code === 'PSK_MISMATCH')!;
    expect(m.message).toContain('hub.cfg:14');
    expect(m.message).toContain('spoke2.cfg:14');
  });

  it('WHEN a spoke key is stored encrypted THEN PSK_UNVERIFIABLE (never a match)', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
          'crypto isakmp key 6 FakeEncryptedKeyAbC address 10.1.4.1',
        ]),
      ),
    );
    expectCode(r, 'Spoke1', 'Hub', 'PSK_UNVERIFIABLE', 'Spoke1', 'spoke');
    expectCovered(r, [['Spoke2', 'Spoke3']]);
  });

  it('WHEN a spoke uses other transforms THEN TRANSFORM_MISMATCH on that spoke', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'crypto ipsec transform-set myset esp-des esp-md5-hmac', [
          'crypto ipsec transform-set myset esp-3des esp-sha-hmac',
        ]),
      ),
    );
    expectCode(r, 'Spoke1', 'Spoke2', 'TRANSFORM_MISMATCH', 'Spoke1', 'spoke');
    expectCovered(r, [['Spoke2', 'Spoke3']]);
  });

  it('WHEN only a spoke requires PFS THEN PFS_MISMATCH and INITIATOR_DEPENDENT break the pairs the hub must start', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) => replaceLine(t, ' match address 110', [' match address 110', ' set pfs group2'])),
    );
    expectCode(r, 'Hub', 'Spoke1', 'PFS_MISMATCH', 'Spoke1', 'spoke');
    expectCode(r, 'Spoke2', 'Spoke1', 'INITIATOR_DEPENDENT', 'Spoke1', 'spoke');
    expectCovered(r, [
      ['Spoke1', 'Hub'],
      ['Spoke1', 'Spoke2'],
    ]);
  });

  it('WHEN a spoke forgets the line for spoke 3 THEN PROXY_MISMATCH on that spoke names both lines', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255', []),
      ),
    );
    expectCode(r, 'Spoke3', 'Spoke1', 'PROXY_MISMATCH', 'Spoke1', 'spoke');
    const m = r.findings.find((f) => f.code === 'PROXY_MISMATCH')!;
    expect(m.message).toContain('hub.cfg:');
    expect(m.message).toContain('spoke1.cfg:');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Spoke3', 'Spoke2'],
    ]);
  });

  it("WHEN a hub ACL line is wider than the spoke's mirror THEN only the narrower side can initiate: PROXY_MISMATCH and INITIATOR_DEPENDENT", () => {
    const r = proveLab(
      edit(LAB, 'hub.cfg', (t) =>
        replaceLine(t, 'access-list 110 permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255', [
          'access-list 110 permit ip 192.168.0.0 0.0.255.255 172.16.1.0 0.0.0.255',
        ]),
      ),
    );
    expectCode(r, 'Spoke2', 'Spoke1', 'PROXY_MISMATCH', 'Spoke1', 'spoke');
    expectCode(r, 'Spoke2', 'Spoke1', 'INITIATOR_DEPENDENT', 'Spoke1', 'spoke');
    const m = codes(pair(r, 'Spoke2', 'Spoke1'), 'PROXY_MISMATCH')[0]!;
    expect(m.message).toContain('192.168.0.0 0.0.255.255');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Spoke3', 'Spoke1'],
      ['Hub', 'Spoke1'],
    ]);
  });

  it('WHEN a missing mirror line is hidden by another defect on every path THEN PROXY_MISMATCH is still reported', () => {
    // Spoke 1 has no route to spoke 3 and no ACL line for it: the static mirror check still sees the gap.
    const lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(
        replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255', []),
        'ip route 172.16.2.0 255.255.255.0 Ethernet1',
        [],
      ),
    );
    const hidden = edit(lab, 'hub.cfg', (t) => replaceLine(t, 'crypto isakmp key cisco123 address 10.1.2.1', []));
    const r = proveLab(hidden);
    expect(r.findings.some((f) => f.code === 'PROXY_MISMATCH' && f.device === 'Spoke1')).toBe(true);
    expect(r.findings.some((f) => f.code === 'PSK_MISSING' && f.device === 'Hub')).toBe(true);
    expect(r.findings.some((f) => f.code === 'NO_ROUTE' && f.device === 'Spoke1')).toBe(true);
  });

  it('WHEN a spoke ACL has a typo in a network THEN UNKNOWN_NETWORK names the closest site', () => {
    const r = proveLab(
      edit(LAB, 'spoke3.cfg', (t) =>
        t.replace('172.16.2.0 0.0.0.255 172.16.1.0 0.0.0.255', '172.16.2.0 0.0.0.255 172.16.11.0 0.0.0.255'),
      ),
    );
    const u = r.findings.find((f) => f.code === 'UNKNOWN_NETWORK')!;
    expect(u.device).toBe('Spoke3');
    expect(u.hint).toContain('172.16.1.0/24');
    expectCode(r, 'Spoke3', 'Spoke1', 'NOT_PROTECTED', 'Spoke3', 'spoke');
    expectCovered(r, [
      ['Spoke3', 'Spoke2'],
      ['Spoke1', 'Spoke2'],
    ]);
  });

  it('WHEN two spokes share LAN addresses THEN OVERLAPPING_SITES breaks their pairs', () => {
    const r = proveLab(
      edit(LAB, 'spoke3.cfg', (t) =>
        replaceLine(t, ' ip address 172.16.2.1 255.255.255.0', [' ip address 172.16.1.129 255.255.255.128']),
      ),
    );
    expectCode(r, 'Spoke1', 'Spoke3', 'OVERLAPPING_SITES', 'Spoke3', 'spoke');
    expect(pair(r, 'Spoke1', 'Spoke2').covered).toBe(true);
  });

  it("WHEN one of two sites on an interface overlaps another device THEN only that site's pairs list OVERLAPPING_SITES", () => {
    // 10.172.16.0/24 is a substring of the finding's text for 110.172.16.0/24: the link from a
    // finding to its site is the site itself, not the words.
    let lab = edit(LAB, 'spoke3.cfg', (t) =>
      replaceLine(t, ' ip address 172.16.2.1 255.255.255.0', [
        ' ip address 172.16.2.1 255.255.255.0',
        ' ip address 10.172.16.1 255.255.255.0 secondary',
        ' ip address 110.172.16.1 255.255.255.0 secondary',
      ]),
    );
    lab = edit(lab, 'spoke1.cfg', (t) =>
      replaceLine(t, ' ip address 172.16.1.1 255.255.255.0', [
        ' ip address 172.16.1.1 255.255.255.0',
        ' ip address 110.172.0.1 255.255.0.0 secondary',
      ]),
    );
    const r = proveLab(lab);
    const overlap = r.findings.filter((f) => f.code === 'OVERLAPPING_SITES');
    expect(overlap.map((f) => f.message)).toEqual([expect.stringContaining('site 110.172.16.0/24 of Spoke3')]);
    const listing = r.pairs.filter((p) => p.problems.some((x) => x.code === 'OVERLAPPING_SITES'));
    expect(listing.length).toBeGreaterThan(0);
    for (const p of listing) expect([p.fromNetwork, p.toNetwork]).toContain('110.172.16.0/24');
  });

  it('WHEN a crypto ACL line uses any THEN ACL_ANY is a warning', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) => beforeEnd(t, ['access-list 110 permit ip 172.16.1.0 0.0.0.255 any'])),
    );
    const w = r.findings.find((f) => f.code === 'ACL_ANY')!;
    expect(w.severity).toBe('warning');
    expect(w.device).toBe('Spoke1');
  });

  it('WHEN an entry lists a backup peer that does not exist THEN BACKUP_PEER_BROKEN is a warning and coverage holds', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, ' set peer 10.1.4.1', [' set peer 10.1.4.1', ' set peer 10.1.9.9']),
      ),
    );
    const w = r.findings.filter((f) => f.code === 'BACKUP_PEER_BROKEN');
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    expect(r.summary.covered).toBe(12);
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("WHEN a spoke's backup hub cannot reach the other spokes THEN the backup path is proven too and BACKUP_PEER_BROKEN names the cause", () => {
    let lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(
        replaceLine(t, ' set peer 10.1.4.1', [' set peer 10.1.4.1', ' set peer 10.1.6.1']),
        'crypto isakmp key cisco123 address 10.1.4.1',
        ['crypto isakmp key cisco123 address 10.1.4.1', 'crypto isakmp key cisco123 address 10.1.6.1'],
      ),
    );
    // Hub2: a WAN-only backup hub with entries for spoke 1 and spoke 2; spoke 2 knows nothing of it.
    const hub2 = LAB['hub.cfg']!.replace('hostname Hub', 'hostname Hub2')
      .replace(
        /crypto map mymap 30 ipsec-isakmp\n set peer 10\.1\.5\.1\n set transform-set myset\n match address 130\n/,
        '',
      )
      .replace(/interface Ethernet0\n ip address 10\.1\.1\.1 255\.255\.255\.0\n/, 'interface Ethernet0\n shutdown\n')
      .replace('ip address 10.1.4.1 255.255.255.0', 'ip address 10.1.6.1 255.255.255.0')
      .replace(/access-list 130 .*\n/g, '');
    lab = { ...lab, 'hub2.cfg': hub2 };
    const r = proveLab(lab);
    expect(r.devices.find((d) => d.hostname === 'Hub2')?.role).not.toBe('hub');
    expect(r.summary.covered).toBe(12);
    expect(errors(r)).toEqual([]);
    const w = r.findings.filter((f) => f.code === 'BACKUP_PEER_BROKEN' && f.device === 'Spoke1');
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((f) => f.severity === 'warning')).toBe(true);
    expect(w.some((f) => f.message.includes('10.1.6.1') && /PROXY_MISMATCH|NO_ROUTE|PSK_MISSING/.test(f.message))).toBe(
      true,
    );
  });

  it("WHEN the backup hub's WAN list lets IKE in but not ESP THEN the backup path reports the interface list (the primary stays covered)", () => {
    let lab = edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(
        replaceLine(t, ' set peer 10.1.4.1', [' set peer 10.1.4.1', ' set peer 10.1.6.1']),
        'crypto isakmp key cisco123 address 10.1.4.1',
        ['crypto isakmp key cisco123 address 10.1.4.1', 'crypto isakmp key cisco123 address 10.1.6.1'],
      ),
    );
    const hub2 = LAB['hub.cfg']!.replace('hostname Hub', 'hostname Hub2')
      .replace('ip address 10.1.4.1 255.255.255.0', 'ip address 10.1.6.1 255.255.255.0\n ip access-group 150 in')
      .replace(/\nend\s*$/, '\naccess-list 150 permit udp any any eq isakmp\nend\n');
    lab = { ...lab, 'hub2.cfg': hub2 };
    const r = proveLab(lab);
    expect(r.summary.covered).toBe(12);
    const w = r.findings.filter((f) => f.code === 'BACKUP_PEER_BROKEN' && f.device === 'Spoke1');
    expect(w.some((f) => f.message.includes('INTERFACE_ACL_BLOCKS on Hub2'))).toBe(true);
    expect(w.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('WHEN the lab is legacy THEN WEAK_CRYPTO, WEAK_PSK and REUSED_PSK are warnings that do not fail the proof', () => {
    const r = proveLab(LAB);
    for (const code of ['WEAK_CRYPTO', 'WEAK_PSK', 'REUSED_PSK']) {
      const f = r.findings.find((x) => x.code === code)!;
      expect(f.severity).toBe('warning');
    }
  });

  it('WHEN several defects are present at once THEN every root cause is reported in one run', () => {
    let lab = edit(LAB, 'spoke2.cfg', (t) =>
      replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
        'crypto isakmp key fakeOther456 address 10.1.4.1',
      ]),
    );
    lab = edit(lab, 'spoke2.cfg', (t) =>
      replaceLine(t, 'crypto ipsec transform-set myset esp-des esp-md5-hmac', [
        'crypto ipsec transform-set myset esp-3des esp-md5-hmac',
      ]),
    );
    lab = edit(lab, 'hub.cfg', (t) => replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', []));
    const r = proveLab(lab);
    const p = pair(r, 'Spoke1', 'Spoke2');
    for (const code of ['PSK_MISMATCH', 'TRANSFORM_MISMATCH', 'NO_ROUTE']) {
      expect(p.problems.map((x) => x.code)).toContain(code);
    }
  });
});

describe('GIVEN defects in the 10-spoke modern lab', () => {
  const MODERN = modernLab(10);
  it('WHEN one spoke names another PFS group THEN PFS_MISMATCH on that spoke and the other spokes stay covered', () => {
    const r = proveLab(edit(MODERN, 'spoke04.cfg', (t) => t.replace(' set pfs group14', ' set pfs group19')));
    expectCode(r, 'Spoke4', 'Spoke1', 'PFS_MISMATCH', 'Spoke4', 'spoke');
    expectCode(r, 'Spoke1', 'Spoke4', 'PFS_MISMATCH', 'Spoke4', 'spoke');
    expectCovered(r, [
      ['Spoke1', 'Spoke2'],
      ['Spoke9', 'Hub'],
    ]);
  });

  it('WHEN the modern hub has legacy crypto on IOS-XE 17.12 THEN WEAK_CRYPTO is an error', () => {
    const r = proveLab(edit(MODERN, 'hub.cfg', (t) => t.replace(' hash sha256', ' hash md5')));
    const w = r.findings.find((f) => f.code === 'WEAK_CRYPTO' && f.device === 'Hub')!;
    expect(w.severity).toBe('error');
    expect(r.ok).toBe(false);
  });

  it('WHEN a hub ACL loses the line for one source site THEN only that ordered pair family breaks, with PROXY_MISMATCH on the hub', () => {
    const r = proveLab(
      edit(MODERN, 'hub.cfg', (t) => replaceLine(t, ' permit ip 10.3.0.0 0.0.0.255 10.7.0.0 0.0.0.255', [])),
    );
    expectCode(r, 'Spoke7', 'Spoke3', 'PROXY_MISMATCH', 'Hub', 'hub');
    expect(pair(r, 'Spoke3', 'Spoke7').covered).toBe(false);
    expectCovered(r, [
      ['Spoke3', 'Spoke8'],
      ['Spoke7', 'Spoke2'],
      ['Hub', 'Spoke7'],
    ]);
    expect(r.summary.broken).toBe(2);
  });
});

describe('GIVEN any order of non-overlapping crypto ACL lines', () => {
  it('WHEN the reference lab ACLs are permuted THEN every pair stays covered with zero errors (first match cannot differ)', async () => {
    const fc = (await import('fast-check')).default;
    const aclLines = (text: string) => text.split('\n').filter((l) => l.startsWith('access-list '));
    const permuted = (text: string, order: number[][]) => {
      // Permute each numbered list's lines among the positions that list occupies.
      const lines = text.split('\n');
      const byList = new Map<string, number[]>();
      lines.forEach((l, i) => {
        const m = /^access-list (\d+) /.exec(l);
        if (m) byList.set(m[1]!, [...(byList.get(m[1]!) ?? []), i]);
      });
      const out = [...lines];
      [...byList.values()].forEach((positions, k) => {
        const perm = order[k % order.length]!.filter((x) => x < positions.length);
        const rest = positions.map((_, i) => i).filter((i) => !perm.includes(i));
        const sequence = [...perm, ...rest];
        positions.forEach((pos, i) => (out[pos] = lines[positions[sequence[i]!]!]!));
      });
      return out.join('\n');
    };
    fc.assert(
      fc.property(
        fc.array(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'),
        (order, file) => {
          const lab = { ...LAB, [file]: permuted(LAB[file]!, order) };
          expect(aclLines(lab[file]!).sort()).toEqual(aclLines(LAB[file]!).sort());
          const r = proveLab(lab);
          expect(errors(r)).toEqual([]);
          expect(r.summary.covered).toBe(12);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });
});
