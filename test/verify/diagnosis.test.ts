/**
 * Diagnosis (issue #11, item 5): one root cause per defect, on the device and line that is wrong.
 * Hand-written defects in the reference lab (Cisco's own example configs): references to objects
 * that do not exist, wrong `set peer` addresses on either side, and the lines they are pinned to.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../lib/verify/types.js';
import { edit, pair, proveLab, replaceLine, seedLab } from './labs.js';
import { handWritten } from './hand-written.js';

const LAB = seedLab('three-spokes');
/** Codes that describe a symptom of a missing object or peer, never its root cause. */
const SYMPTOMS = ['NOT_PROTECTED', 'PROXY_MISMATCH', 'NO_ENTRY_FOR_PEER', 'CRYPTO_MAP_NOT_APPLIED'];

function findingsOf(r: VerifyResult, code: string) {
  return r.findings.filter((f) => f.code === code);
}

function pairsWith(r: VerifyResult, host: string) {
  return r.pairs.filter((p) => p.from === host || p.to === host);
}

describe('GIVEN the hub entry for spoke 3 matching an access list that does not exist', () => {
  const r = proveLab(edit(LAB, 'hub.cfg', (t) => replaceLine(t, ' match address 130', [' match address 131'])));

  it('WHEN proven THEN UNDEFINED_ACL is named once, on the hub entry line, as an error', () => {
    const f = findingsOf(r, 'UNDEFINED_ACL');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ device: 'Hub', line: 27, severity: 'error' });
    expect(f[0]!.message).toContain('131');
    expect(f[0]!.hint).toContain('131');
  });

  it('WHEN the pairs of spoke 3 are read THEN each is broken by UNDEFINED_ACL alone, without symptom codes', () => {
    for (const p of pairsWith(r, 'Spoke3')) {
      expect(p.covered, `${p.from} -> ${p.to}`).toBe(false);
      expect(p.problems.map((x) => x.code)).toContain('UNDEFINED_ACL');
      expect(
        p.problems.filter((x) => SYMPTOMS.includes(x.code)),
        `${p.from} -> ${p.to}`,
      ).toEqual([]);
    }
    expect(pair(r, 'Spoke1', 'Spoke2').covered).toBe(true);
  });
});

describe('GIVEN a spoke whose entry names a transform set that does not exist', () => {
  const r = proveLab(
    edit(LAB, 'spoke2.cfg', (t) => replaceLine(t, ' set transform-set myset', [' set transform-set my-set'])),
  );

  it('WHEN proven THEN UNDEFINED_TRANSFORM_SET is named once, on the spoke entry line, and no pair gets a symptom code', () => {
    const f = findingsOf(r, 'UNDEFINED_TRANSFORM_SET');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ device: 'Spoke2', line: 18 });
    expect(f[0]!.message).toContain('my-set');
    for (const p of pairsWith(r, 'Spoke2')) {
      expect(p.covered).toBe(false);
      expect(
        p.problems.filter((x) => SYMPTOMS.includes(x.code)),
        `${p.from} -> ${p.to}`,
      ).toEqual([]);
    }
    expect(r.findings.filter((x) => SYMPTOMS.includes(x.code))).toEqual([]);
  });
});

describe('GIVEN a spoke interface applying a crypto map name that is not defined', () => {
  const r = proveLab(edit(LAB, 'spoke1.cfg', (t) => replaceLine(t, ' crypto map mymap', [' crypto map my-map'])));

  it('WHEN proven THEN UNDEFINED_CRYPTO_MAP is on that interface and CRYPTO_MAP_NOT_APPLIED is not reported', () => {
    const f = findingsOf(r, 'UNDEFINED_CRYPTO_MAP');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ device: 'Spoke1', line: 28 });
    expect(findingsOf(r, 'CRYPTO_MAP_NOT_APPLIED')).toEqual([]);
    expect(pair(r, 'Spoke1', 'Hub').problems.map((x) => x.code)).toContain('UNDEFINED_CRYPTO_MAP');
    expect(pair(r, 'Hub', 'Spoke1').problems.map((x) => x.code)).toContain('UNDEFINED_CRYPTO_MAP');
  });
});

describe('GIVEN a spoke whose set peer has a typo', () => {
  const r = proveLab(edit(LAB, 'spoke2.cfg', (t) => replaceLine(t, ' set peer 10.1.4.1', [' set peer 10.1.4.11'])));

  it('WHEN proven THEN every finding of the defect is on the spoke entry line: UNKNOWN_PEER when it starts, NO_ENTRY_FOR_PEER when the hub does', () => {
    expect(findingsOf(r, 'UNKNOWN_PEER')).toMatchObject([{ device: 'Spoke2', line: 18 }]);
    expect(findingsOf(r, 'UNKNOWN_PEER')[0]!.message).toContain('10.1.4.11');
    expect(findingsOf(r, 'NO_ENTRY_FOR_PEER')).toMatchObject([{ device: 'Spoke2', line: 18 }]);
    expect(findingsOf(r, 'NO_ENTRY_FOR_PEER')[0]!.message).toContain('names peer 10.1.4.11, not 10.1.4.1');
    expect(pair(r, 'Hub', 'Spoke2').problems.map((x) => x.code)).toContain('NO_ENTRY_FOR_PEER');
    expect(r.findings.filter((f) => f.severity === 'error' && f.device === 'Hub')).toEqual([]);
    expect(findingsOf(r, 'PROXY_MISMATCH')).toEqual([]);
  });
});

describe('GIVEN the hub entry for spoke 2 naming an address no device owns', () => {
  const r = proveLab(edit(LAB, 'hub.cfg', (t) => replaceLine(t, ' set peer 10.1.3.1', [' set peer 203.0.113.3'])));

  it('WHEN proven THEN spoke 2, the one device mirroring that entry, is assumed behind NAT at it and the root causes are the hub lines that assumption needs', () => {
    expect(findingsOf(r, 'UNKNOWN_PEER')).toEqual([]);
    const f = findingsOf(r, 'NAT_MAPPING_ASSUMED');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ device: 'Hub', line: 23, severity: 'warning' });
    expect(f[0]!.message).toContain("translates Spoke2's 10.1.3.1 to 203.0.113.3");
    // The seed lab's hub keys and routes by the spoke's own address: both are missing for the public one.
    expect(findingsOf(r, 'PSK_MISSING')[0]!.message).toBe('Hub has no pre-shared key for peer 203.0.113.3');
    expect(findingsOf(r, 'PEER_UNREACHABLE').map((x) => x.device)).toEqual(['Hub', 'Hub']);
    expect(findingsOf(r, 'PROXY_MISMATCH')).toEqual([]);
    expect(findingsOf(r, 'NO_ENTRY_FOR_PEER')).toEqual([]);
    expect(r.findings.filter((x) => x.severity === 'error' && x.device !== 'Hub')).toEqual([]);
    expect(pair(r, 'Spoke1', 'Spoke3').status).toBe('covered');
  });
});

describe('GIVEN a spoke crypto ACL line whose own network has a one-octet typo (172.168.2.0 for 172.16.2.0)', () => {
  const r = proveLab(
    edit(LAB, 'spoke3.cfg', (t) =>
      replaceLine(t, 'access-list 130 permit ip 172.16.2.0 0.0.0.255 10.1.1.0 0.0.0.255', [
        'access-list 130 permit ip 172.168.2.0 0.0.0.255 10.1.1.0 0.0.0.255',
      ]),
    ),
  );

  it("WHEN proven THEN UNKNOWN_NETWORK on that line suggests the spoke's own LAN, not another spoke's", () => {
    const f = findingsOf(r, 'UNKNOWN_NETWORK');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ device: 'Spoke3', line: 38 });
    expect(f[0]!.hint).toBe('Did you mean 172.16.2.0/24 (Spoke3)?');
  });

  it('WHEN proven THEN the typo line is not also a PROXY_MISMATCH pinned on the hub', () => {
    expect(r.findings.filter((x) => x.code === 'PROXY_MISMATCH' && x.device === 'Hub')).toEqual([]);
  });
});

describe('GIVEN the hand-written network (named ACLs, loopbacks, a default route)', () => {
  it('WHEN branch A matches a misspelt named ACL THEN UNDEFINED_ACL on its entry line is the one error of its pairs', () => {
    const r = proveLab(
      edit(handWritten(), 'branch-a.cfg', (t) =>
        replaceLine(t, ' match address VPN-TRAFFIC', [' match address VPN-TRAFIC']),
      ),
    );
    expect(findingsOf(r, 'UNDEFINED_ACL')).toMatchObject([{ device: 'BranchA', line: 13 }]);
    for (const p of pairsWith(r, 'BranchA')) {
      expect(p.covered).toBe(false);
      expect(
        p.problems.filter((x) => SYMPTOMS.includes(x.code)),
        `${p.from} -> ${p.to}`,
      ).toEqual([]);
    }
    expect(pair(r, 'BranchB', 'HQ').covered).toBe(true);
  });

  it('WHEN branch B lists a decommissioned hub address before HQ THEN the network is proven with PEER_NOT_ANSWERING on its entry', () => {
    const r = proveLab(
      edit(handWritten(), 'branch-b.cfg', (t) =>
        replaceLine(t, ' set peer 198.51.100.2', [' set peer 198.51.100.6', ' set peer 198.51.100.2']),
      ),
    );
    expect(r.ok).toBe(true);
    expect(findingsOf(r, 'PEER_NOT_ANSWERING')).toMatchObject([{ device: 'BranchB', line: 9, severity: 'warning' }]);
  });
});
