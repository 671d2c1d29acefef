/**
 * Differential test for IKEv2 crypto maps: on the hand-written IKEv2 network, clean and with each
 * IKEv2 defect, the emulator's host-to-host pings agree with the proof on every ordered pair the
 * proof decides (an unverified pair is a choice the configs leave open, which the emulator resolves
 * by configuration order). Proof and emulator share the IKEv2 rules (`lib/rules/ikev2*.ts`).
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine, type Lab } from './labs.js';
import { expectEmulatorAgreesOnDecided } from './host-pings.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN } from './ikev2-lab.js';

const HOSTS: Record<string, string> = { HQ: '10.10.0.10', BranchA: '172.16.2.10', BranchB: '192.168.20.10' };
const LAB = ikev2Lab();
const line = (file: string, from: string, to: string[]) => (lab: Lab) =>
  edit(lab, file, (t) => replaceLine(t, from, to));

const DEFECTS: Record<string, (lab: Lab) => Lab> = {
  clean: (lab) => lab,
  'proposal mismatch': line('branch-a.cfg', ' group 19', [' group 21']),
  'integrity vs aead': line('branch-b.cfg', ' encryption aes-gcm-256', [
    ' encryption aes-cbc-256',
    ' integrity sha256',
  ]),
  'identity mismatch': line('branch-b.cfg', ' keyring local HQ', [
    ' keyring local HQ',
    ' identity local fqdn branch-b.example.net',
  ]),
  'identity matched by domain': (lab) =>
    line('hq.cfg', ' match identity remote address 203.0.113.20 255.255.255.255', [
      ' match identity remote fqdn domain example.net',
    ])(
      line('branch-b.cfg', ' keyring local HQ', [' keyring local HQ', ' identity local fqdn branch-b.example.net'])(
        lab,
      ),
    ),
  'keyring miss': line('hq.cfg', '  address 203.0.113.10', ['  address 203.0.113.99']),
  'asymmetric keys': line('branch-b.cfg', `  pre-shared-key remote ${KEY_B_DOWN}`, [
    `  pre-shared-key remote ${KEY_B_DOWN}-old`,
  ]),
  'symmetric key': line('branch-a.cfg', `  pre-shared-key ${KEY_A}`, [`  pre-shared-key ${KEY_A}x`]),
  'traffic selector': line('hq.cfg', 'access-list 110 permit ip 192.168.20.0 0.0.0.255 172.16.2.0 0.0.0.255', []),
  'method mismatch': line('hq.cfg', ' authentication remote pre-share', [' authentication remote rsa-sig']),
  'pfs mismatch': line('branch-a.cfg', ' set pfs group19', [' set pfs group20']),
  'missing profile': line('branch-a.cfg', ' set ikev2-profile HQ', [' set ikev2-profile NOPE']),
  'default proposal both sides': (lab) =>
    line('branch-a.cfg', ' proposal AES-GCM', [' proposal default'])(
      line('hq.cfg', ' proposal AES-GCM', [' proposal AES-GCM', ' proposal default'])(lab),
    ),
  'ikev1 branch against ikev2 hub': line('branch-a.cfg', ' set ikev2-profile HQ', []),
};

describe('GIVEN the IKEv2 network and its defects', () => {
  it.each(Object.keys(DEFECTS))('WHEN %s THEN the emulator agrees with the proof on every decided pair', (name) => {
    const lab = DEFECTS[name]!(LAB);
    const r = proveLab(lab);
    expect(expectEmulatorAgreesOnDecided(lab, r, HOSTS, name)).toBeGreaterThan(0);
    if (name === 'clean' || name === 'identity matched by domain' || name === 'default proposal both sides')
      expect(r.ok).toBe(true);
    else expect(r.pairs.some((p) => !p.covered)).toBe(true);
  });
});
