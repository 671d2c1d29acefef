/**
 * Static VTIs protected by IKEv2 (docs/ios-semantics.md#static-vti-with-ikev2): the hand-written
 * IOS-XE 17 network proves, each defect has its root cause (tunnels.test.ts runs the defect list),
 * and what the rule does not decide leaves the pairs unverified, never covered.
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine } from './labs.js';
import { tunnelLab } from './tunnel-labs.js';

const lab = tunnelLab('svti-ikev2');
const spokePairs = (r: ReturnType<typeof proveLab>, spoke: string) =>
  r.pairs.filter((p) => p.from === spoke || p.to === spoke);

describe('GIVEN the hand-written IKEv2 static-VTI hub and three spokes', () => {
  it('WHEN proven THEN every pair is covered with no warning: the parser reads set ikev2-profile and the proof negotiates it', () => {
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, broken: 0, unverified: 0, errors: 0, warnings: 0 });
  });

  it('WHEN the identity mismatches THEN the message names the identity sent and the profile, and no key text appears', () => {
    const broken = edit(lab, 'spoke2.cfg', (t) =>
      replaceLine(t, ' keyring local HUB', [' keyring local HUB', ' identity local fqdn spoke2.example.net']),
    );
    const r = proveLab(broken);
    const f = r.findings.find((x) => x.code === 'IKEV2_NO_PROFILE')!;
    expect(f.message).toMatch(/static VTI between Spoke2 and Hub \(IKEv2; Tunnel1 of Spoke2\)/);
    expect(f.message).toMatch(/no IKEv2 profile of Hub matches the identity fqdn spoke2\.example\.net/);
    const all = JSON.stringify(r);
    for (const key of ['Hub-Spoke1-v2-8c1f44a0', 'Hub-Spoke2-v2-3be90d17', 'Spoke3-to-Hub-v2-61d2aa9e'])
      expect(all).not.toContain(key);
  });

  it('WHEN the asymmetric key is wrong THEN the finding points at the key line of the spoke and names the direction', () => {
    const broken = edit(lab, 'spoke3.cfg', (t) =>
      replaceLine(t, '  pre-shared-key local Spoke3-to-Hub-v2-61d2aa9e', ['  pre-shared-key local Spoke3-typo']),
    );
    const r = proveLab(broken);
    const f = r.findings.find((x) => x.code === 'PSK_ASYMMETRIC_MISMATCH')!;
    expect(broken['spoke3.cfg']!.split('\n')[f.line - 1]).toBe('  pre-shared-key local Spoke3-typo');
    expect(f.message).toMatch(/Spoke3 signs IKE_AUTH with the pre-shared-key local of peer Hub in keyring HUB/);
    expect(f.message).not.toContain('typo');
  });

  it('WHEN the hub keyring has no peer for a spoke THEN PSK_MISSING is on the hub, at its keyring profile line', () => {
    const broken = edit(lab, 'hub.cfg', (t) => replaceLine(t, '  address 203.0.113.10', ['  address 203.0.113.11']));
    const r = proveLab(broken);
    const f = r.findings.find((x) => x.code === 'PSK_MISSING')!;
    expect([f.device, f.file]).toEqual(['Hub', 'hub.cfg']);
    expect(f.message).toMatch(/keyring SPOKES of IKEv2 profile SPOKES has no peer/);
    expect(spokePairs(r, 'Spoke1').every((p) => p.status === 'broken')).toBe(true);
  });

  it('WHEN one end negotiates IKEv1 and the other IKEv2 THEN the pairs through that tunnel are unverified, not covered or broken', () => {
    const mixed = edit(lab, 'spoke1.cfg', (t) => replaceLine(t, ' set ikev2-profile HUB', []));
    const r = proveLab(mixed);
    for (const p of spokePairs(r, 'Spoke1')) expect(p.status).toBe('unverified');
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(
      /one IPsec profile names an IKEv2 profile and the other none/,
    );
  });

  it('WHEN the hub binds the spoke to another profile than its tunnel names THEN the pairs are unverified', () => {
    const other = edit(lab, 'hub.cfg', (t) =>
      t
        .replace(' match identity remote address 203.0.113.10 255.255.255.255\n', '')
        .replace(
          'crypto ipsec transform-set TS',
          'crypto ikev2 profile OTHER\n match identity remote address 203.0.113.10 255.255.255.255\n authentication remote pre-share\n authentication local pre-share\n keyring local SPOKES\n!\ncrypto ipsec transform-set TS',
        ),
    );
    const r = proveLab(other);
    for (const p of spokePairs(r, 'Spoke1')) expect(p.status).toBe('unverified');
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/binds the IKE SA to another IKEv2 profile/);
  });

  it('WHEN two hub profiles match the spoke identity THEN the choice is undocumented and the pairs are unverified', () => {
    const tie = edit(lab, 'hub.cfg', (t) =>
      t.replace(
        'crypto ipsec transform-set TS',
        'crypto ikev2 profile SECOND\n match identity remote address 203.0.113.0 255.255.255.0\n authentication remote pre-share\n authentication local pre-share\n keyring local SPOKES\n!\ncrypto ipsec transform-set TS',
      ),
    );
    const r = proveLab(tie);
    expect(r.summary.covered).toBe(0);
    expect(r.summary.broken).toBe(0);
  });
});
