/**
 * Defect-class suite, continued (defect-classes.test.ts has the first part): overlapping sites,
 * ACL_ANY, backup peers, the legacy warnings, several defects at once, the 10-spoke modern lab and
 * permuted ACLs.
 */
import { describe, expect, it } from 'vitest';
import { edit, modernLab, pair, proveLab, replaceLine, seedLab } from './labs.js';
import { beforeEnd, errors, expectCode, expectCovered } from './defect-assertions.js';

const LAB = seedLab('three-spokes');

describe('GIVEN one defect per problem code in the reference lab (continued)', () => {
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
