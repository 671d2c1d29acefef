/**
 * Defect-class suite: one mutation of a correct lab per problem code. Each asserts the code on the
 * right pair, device and side, that unaffected pairs stay covered, and (for the unmutated labs and
 * harmless edits) that there are zero errors. Sites, backup peers, warnings, several defects at once
 * and the modern lab: defect-classes-more.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { codes, edit, modernLab, pair, proveLab, replaceLine, seedLab, type Lab } from './labs.js';
import { beforeEnd, errors, expectCode, expectCovered } from './defect-assertions.js';

const LAB = seedLab('three-spokes');

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
});
