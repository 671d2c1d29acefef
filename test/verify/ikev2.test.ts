import { describe, expect, it } from 'vitest';
import { edit, pair, proveLab, replaceLine, type Lab } from './labs.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from './ikev2-lab.js';
import type { VerifyResult } from '../../lib/verify/types.js';

const LAB = ikev2Lab();
const line = (file: string, from: string, to: string[]): Lab => edit(LAB, file, (t) => replaceLine(t, from, to));
const errorCodes = (r: VerifyResult) =>
  [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.device}`))].sort();
const status = (r: VerifyResult) => r.pairs.map((p) => `${p.from}>${p.to}:${p.status}`).sort();
const noSecret = (r: VerifyResult) => {
  const text = JSON.stringify(r);
  for (const k of [KEY_A, KEY_B_UP, KEY_B_DOWN]) expect(text).not.toContain(k);
};

describe('GIVEN a hand-written IKEv2 crypto-map hub-and-spoke network', () => {
  it('WHEN proved THEN every pair is covered with no error and no NOT_MODELLED', () => {
    const r = proveLab(LAB);
    expect(status(r).every((s) => s.endsWith(':covered'))).toBe(true);
    expect(r.pairs).toHaveLength(6);
    expect(r.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
  });

  it('WHEN a branch offers only a DH group the hub refuses THEN IKE_NO_POLICY_MATCH on that branch breaks exactly its pairs', () => {
    const r = proveLab(line('branch-a.cfg', ' group 19', [' group 21']));
    expect(errorCodes(r)).toEqual(['IKE_NO_POLICY_MATCH@BranchA']);
    expect(pair(r, 'BranchA', 'BranchB').status).toBe('broken');
    expect(pair(r, 'BranchB', 'HQ').status).toBe('covered');
  });

  it('WHEN a branch sends an FQDN identity the hub profile does not match THEN IKEV2_NO_PROFILE (identity mismatch)', () => {
    const r = proveLab(
      line('branch-b.cfg', ' keyring local HQ', [' keyring local HQ', ' identity local fqdn branch-b.example.net']),
    );
    expect(errorCodes(r)).toContain('IKEV2_NO_PROFILE@BranchB');
    const f = r.findings.find((x) => x.code === 'IKEV2_NO_PROFILE')!;
    expect(f.message).toContain('fqdn branch-b.example.net');
    expect(pair(r, 'BranchB', 'HQ').status).toBe('broken');
    expect(pair(r, 'BranchA', 'HQ').status).toBe('covered');
  });

  it('WHEN the hub keyring has no peer for a branch THEN PSK_MISSING on the hub, and no key is printed', () => {
    const r = proveLab(line('hq.cfg', '  address 203.0.113.10', ['  address 203.0.113.99']));
    expect(errorCodes(r)).toEqual(['PSK_MISSING@HQ']);
    expect(pair(r, 'HQ', 'BranchA').status).toBe('broken');
    expect(pair(r, 'BranchA', 'HQ').status).toBe('broken');
    noSecret(r);
  });

  it('WHEN one direction of the asymmetric keys differs THEN PSK_ASYMMETRIC_MISMATCH names the direction and no key', () => {
    const r = proveLab(
      line('branch-b.cfg', `  pre-shared-key remote ${KEY_B_DOWN}`, [`  pre-shared-key remote ${KEY_B_DOWN}-old`]),
    );
    expect(errorCodes(r)).toEqual(['PSK_ASYMMETRIC_MISMATCH@BranchB']);
    const f = r.findings.find((x) => x.code === 'PSK_ASYMMETRIC_MISMATCH')!;
    expect(f.message).toMatch(
      /HQ signs IKE_AUTH with the pre-shared-key local .* BranchB verifies it with the pre-shared-key remote/,
    );
    expect(f.hint).toContain('HQ');
    noSecret(r);
  });

  it('WHEN a symmetric key differs THEN PSK_MISMATCH', () => {
    const r = proveLab(line('branch-a.cfg', `  pre-shared-key ${KEY_A}`, [`  pre-shared-key ${KEY_A}x`]));
    expect(errorCodes(r)).toEqual(['PSK_MISMATCH@BranchA']);
    noSecret(r);
  });

  it('WHEN the hub does not mirror a branch selector THEN PROXY_MISMATCH (TS_UNACCEPTABLE) on the hub', () => {
    const r = proveLab(line('hq.cfg', 'access-list 110 permit ip 192.168.20.0 0.0.0.255 172.16.2.0 0.0.0.255', []));
    expect(errorCodes(r)).toContain('PROXY_MISMATCH@HQ');
    expect(pair(r, 'BranchA', 'BranchB').status).toBe('broken');
    expect(pair(r, 'BranchA', 'HQ').status).toBe('covered');
  });

  it('WHEN a branch proposes a selector wider than the hub mirror THEN the pair is unverified (IOS narrowing not confirmed), never covered', () => {
    const r = proveLab(
      line('branch-a.cfg', ' permit ip 172.16.2.0 0.0.0.255 10.10.0.0 0.0.0.255', [
        ' permit ip 172.16.2.0 0.0.0.255 10.10.0.0 0.0.255.255',
      ]),
    );
    expect(pair(r, 'BranchA', 'HQ').status).not.toBe('covered');
    expect(r.findings.some((f) => f.code === 'NOT_MODELLED' && f.message.includes('narrows'))).toBe(true);
  });

  it('WHEN the hub accepts only certificates THEN IKEV2_AUTH_METHOD, and the hint does not suggest pre-shared keys over certificates', () => {
    const r = proveLab(line('hq.cfg', ' authentication remote pre-share', [' authentication remote rsa-sig']));
    expect(errorCodes(r).some((c) => c.startsWith('IKEV2_AUTH_METHOD@'))).toBe(true);
    const f = r.findings.find((x) => x.code === 'IKEV2_AUTH_METHOD')!;
    expect(f.hint).toContain('move the other to certificates');
  });

  it('WHEN the responder entry names another IKEv2 profile THEN the pair is unverified, never covered', () => {
    const r = proveLab(line('branch-a.cfg', ' set ikev2-profile HQ', [' set ikev2-profile OTHER']));
    expect(errorCodes(r)).toContain('IKEV2_NO_PROFILE@BranchA');
    const s = proveLab(
      edit(
        LAB,
        'hq.cfg',
        (t) =>
          t.replace(' set ikev2-profile BRANCHES\n match address 110', ' set ikev2-profile SPARE\n match address 110') +
          'crypto ikev2 profile SPARE\n match identity remote address 192.0.2.1 255.255.255.255\n authentication remote pre-share\n authentication local pre-share\n',
      ),
    );
    expect(pair(s, 'BranchA', 'HQ').status).toBe('unverified');
  });

  it('WHEN PFS groups differ THEN PFS_MISMATCH (the first CREATE_CHILD_SA rekey fails)', () => {
    const r = proveLab(line('branch-a.cfg', ' set pfs group19', [' set pfs group20']));
    expect(errorCodes(r)).toContain('PFS_MISMATCH@BranchA');
  });
});
