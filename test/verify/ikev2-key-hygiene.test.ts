import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine, type Lab } from './labs.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from './ikev2-lab.js';
import type { VerifyResult } from '../../lib/verify/types.js';

const LAB = ikev2Lab();
const line = (lab: Lab, file: string, from: string, to: string[]): Lab =>
  edit(lab, file, (t) => replaceLine(t, from, to));
const keyFindings = (r: VerifyResult, code: string) => r.findings.filter((f) => f.code === code);
const lineNo = (lab: Lab, file: string, text: string) => lab[file]!.split('\n').indexOf(text) + 1;

describe('GIVEN the pre-shared keys of IKEv2 keyrings', () => {
  it('WHEN every peer has its own keys THEN neither WEAK_PSK nor REUSED_PSK', () => {
    const r = proveLab(LAB);
    expect(keyFindings(r, 'REUSED_PSK')).toEqual([]);
    expect(keyFindings(r, 'WEAK_PSK')).toEqual([]);
  });

  it('WHEN two peers of the hub keyring share a key THEN REUSED_PSK names both lines and never the key', () => {
    const lab = line(LAB, 'hq.cfg', `  pre-shared-key local ${KEY_B_DOWN}`, [`  pre-shared-key local ${KEY_A}`]);
    const r = proveLab(lab);
    const [f, ...rest] = keyFindings(r, 'REUSED_PSK');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ device: 'HQ', severity: 'warning' });
    const lines = [
      lineNo(lab, 'hq.cfg', `  pre-shared-key ${KEY_A}`),
      lineNo(lab, 'hq.cfg', `  pre-shared-key local ${KEY_A}`),
    ];
    expect(f!.message).toBe(`the same pre-shared key is used on lines ${lines.join(', ')}`);
    expect(JSON.stringify(r)).not.toContain(KEY_A);
  });

  it('WHEN one peer names the same key local and remote THEN that is one key, not a reuse', () => {
    const lab = line(LAB, 'hq.cfg', `  pre-shared-key local ${KEY_B_DOWN}`, [`  pre-shared-key local ${KEY_B_UP}`]);
    expect(keyFindings(proveLab(lab), 'REUSED_PSK')).toEqual([]);
  });

  it('WHEN a keyring peer has a short key THEN WEAK_PSK names the peer and the IKEv2 keyring, not the key', () => {
    const lab = line(LAB, 'hq.cfg', `  pre-shared-key ${KEY_A}`, ['  pre-shared-key shortkey1']);
    const r = proveLab(lab);
    const [f, ...rest] = keyFindings(r, 'WEAK_PSK');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ device: 'HQ', line: lineNo(lab, 'hq.cfg', '  pre-shared-key shortkey1') });
    expect(f!.message).toBe(
      'the pre-shared key for peer BranchA in IKEv2 keyring BRANCHES has 9 characters (fewer than 16)',
    );
    expect(JSON.stringify(r)).not.toContain('shortkey1');
  });
});
