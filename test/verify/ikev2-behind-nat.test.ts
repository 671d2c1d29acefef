/**
 * IKEv2 with a branch behind NAT, hand-written (docs/ios-semantics.md#ikev2-behind-nat): BranchA of
 * the IKEv2 network gets a private WAN address that a NAT device in front of it translates to
 * 203.0.113.10, the address HQ calls and keys on. BranchA still sends its own (private) address as
 * IDi, so HQ's profile matches that; the keyring lookups use the addresses each side sees. Proof and
 * emulator must agree pair by pair, clean and with each defect.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../lib/verify/types.js';
import { edit, pair, proveLab, replaceLine, type Lab } from './labs.js';
import { expectEmulatorAgreesOnDecided } from './host-pings.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from './ikev2-lab.js';

const PRIVATE = '192.168.50.10';
const PUBLIC = '203.0.113.10';
const HOSTS: Record<string, string> = { HQ: '10.10.0.10', BranchA: '172.16.2.10', BranchB: '192.168.20.10' };
const line = (file: string, from: string, to: string[]) => (lab: Lab) =>
  edit(lab, file, (t) => replaceLine(t, from, to));

/** BranchA behind NAT; HQ matches the identity BranchA sends (its private address). */
function natLab(): Lab {
  let lab = ikev2Lab();
  lab = line('branch-a.cfg', ` ip address ${PUBLIC} 255.255.255.0`, [` ip address ${PRIVATE} 255.255.255.0`])(lab);
  lab = line('branch-a.cfg', 'ip route 0.0.0.0 0.0.0.0 203.0.113.1', ['ip route 0.0.0.0 0.0.0.0 192.168.50.1'])(lab);
  return line('hq.cfg', ` match identity remote address ${PUBLIC} 255.255.255.255`, [
    ` match identity remote address ${PRIVATE} 255.255.255.255`,
  ])(lab);
}

const DEFECTS: Record<string, (lab: Lab) => Lab> = {
  clean: (lab) => lab,
  // The usual mistake: the hub matches the public address, which BranchA never sends as its identity.
  'profile matches the public address': line('hq.cfg', ` match identity remote address ${PRIVATE} 255.255.255.255`, [
    ` match identity remote address ${PUBLIC} 255.255.255.255`,
  ]),
  // The other one: the hub keys on the private address, which IKE never arrives from.
  'keyring peer on the private address': line('hq.cfg', `  address ${PUBLIC}`, [`  address ${PRIVATE}`]),
  'key mismatch': line('branch-a.cfg', `  pre-shared-key ${KEY_A}`, [`  pre-shared-key ${KEY_A}x`]),
  'nat-t off on the hub': line('hq.cfg', 'crypto map CMAP 10 ipsec-isakmp', [
    'no crypto ipsec nat-transparency udp-encapsulation',
    'crypto map CMAP 10 ipsec-isakmp',
  ]),
};

const errorCodes = (r: VerifyResult) =>
  [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.device}`))].sort();

describe('GIVEN the IKEv2 network with BranchA behind NAT', () => {
  it('WHEN proven THEN every pair is covered in both directions of initiation, under the stated NAT mapping', () => {
    const r = proveLab(natLab());
    expect(r.pairs.filter((p) => p.status !== 'covered')).toEqual([]);
    expect(r.pairs).toHaveLength(6);
    expect(r.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('NAT_MAPPING_ASSUMED');
  });

  it('WHEN the hub profile matches the public address THEN IKEV2_NO_PROFILE breaks exactly what BranchA initiates', () => {
    const r = proveLab(DEFECTS['profile matches the public address']!(natLab()));
    expect(errorCodes(r)).toEqual(['IKEV2_NO_PROFILE@BranchA']);
    expect(pair(r, 'BranchA', 'HQ').status).toBe('broken');
    expect(pair(r, 'BranchB', 'HQ').status).toBe('covered');
  });

  it('WHEN the hub keys BranchA on its private address THEN PSK_MISSING on HQ', () => {
    const r = proveLab(DEFECTS['keyring peer on the private address']!(natLab()));
    expect(errorCodes(r)).toContain('PSK_MISSING@HQ');
    expect(pair(r, 'BranchA', 'HQ').status).toBe('broken');
    expect(pair(r, 'HQ', 'BranchA').status).toBe('broken');
    expect(pair(r, 'BranchB', 'HQ').status).toBe('covered');
    const text = JSON.stringify(r);
    for (const k of [KEY_A, KEY_B_UP, KEY_B_DOWN]) expect(text).not.toContain(k);
  });

  it("WHEN NAT traversal is turned off on the hub THEN BranchA's pairs break with NAT_T_DISABLED, the others stay covered", () => {
    const r = proveLab(DEFECTS['nat-t off on the hub']!(natLab()));
    expect(errorCodes(r)).toEqual(['NAT_T_DISABLED@HQ']);
    expect(pair(r, 'BranchA', 'HQ').status).toBe('broken');
    expect(pair(r, 'BranchB', 'HQ').status).toBe('covered');
  });

  it.each(Object.keys(DEFECTS))('WHEN %s THEN the emulator agrees with the proof on every decided pair', (name) => {
    const lab = DEFECTS[name]!(natLab());
    const r = proveLab(lab);
    expect(expectEmulatorAgreesOnDecided(lab, r, HOSTS, name)).toBeGreaterThan(0);
    if (name === 'clean') expect(r.ok).toBe(true);
    else expect(r.pairs.some((p) => !p.covered)).toBe(true);
  });
});
