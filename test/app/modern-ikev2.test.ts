/**
 * examples/modern-ikev2.ts: an IKEv2 crypto-map hub-and-spoke on IOS-XE 17. It must prove every
 * pair with no warning, carry the example's IKEv2 proposal on every router, derive one key per
 * pair, synthesize byte-identically, and name the variable (never a key) when the secret is missing.
 */
import { describe, expect, it, vi } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { ValidationError } from '../../lib/constructs/errors.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildModernIkev2, IKEV2_BRANCHES, IKEV2_VTI_BRANCHES, MASTER_SECRET_VARIABLE } =
  await import('../../examples/modern-ikev2.js');

const FAKE_MASTER = 'fake-master-for-modern-ikev2-tests-4a9d1c';
const ENV = { [MASTER_SECRET_VARIABLE]: FAKE_MASTER };

function synth() {
  const stack = buildModernIkev2('/nonexistent-outdir-never-written', ENV).stacks[0]!;
  return synthesizeStack(stack, { env: ENV });
}

describe('examples/modern-ikev2.ts', () => {
  it('GIVEN a master secret WHEN synthesized THEN every pair is proven over IKEv2 with no warning', () => {
    const artifacts = synth();
    const sites = IKEV2_BRANCHES + 1;
    expect(artifacts.proofReport).toContain(`${sites * (sites - 1)}/${sites * (sites - 1)} ordered site pairs covered`);
    expect(artifacts.proofReport).toMatch(/0 error\(s\), 0 warning\(s\): PROVEN/);
    expect(artifacts.warnings).toEqual([]);
    expect(artifacts.routers).toHaveLength(sites);
    for (const r of artifacts.routers) {
      expect(r.platform).toBe('ios-xe-17');
      expect(r.ir.isakmpPolicies).toEqual([]);
      expect(r.ir.isakmpKeys).toEqual([]);
      expect(r.ir.ikev2Proposals).toEqual([
        expect.objectContaining({ encryption: ['aes-gcm-256'], integrity: [], prf: ['sha384'], groups: [20, 19] }),
      ]);
      expect(r.ir.transformSets[0]!.transforms).toEqual(['esp-gcm 256']);
      expect(r.ir.cryptoMaps[0]!.entries.every((e) => e.ikev2Profile === 'HUBSPOKE-PROFILE')).toBe(true);
    }
    const hubKeys = artifacts.routers[0]!.ir.ikev2Keyrings![0]!.peers.map((p) => p.key!.key);
    expect(new Set(hubKeys).size).toBe(IKEV2_BRANCHES);
    expect(hubKeys.every((k) => k.length >= 32)).toBe(true);
  });

  it('GIVEN a master secret WHEN the route-based stack is synthesized THEN every pair is proven over IKEv2 VTIs with no warning', () => {
    const stack = buildModernIkev2('/nonexistent-outdir-never-written', ENV).stacks[1]!;
    const artifacts = synthesizeStack(stack, { env: ENV });
    const sites = IKEV2_VTI_BRANCHES + 1;
    expect(artifacts.proofReport).toContain(`${sites * (sites - 1)}/${sites * (sites - 1)} ordered site pairs covered`);
    expect(artifacts.proofReport).toMatch(/0 error\(s\), 0 warning\(s\): PROVEN/);
    expect(artifacts.warnings).toEqual([]);
    for (const r of artifacts.routers) {
      expect(r.ir.cryptoMaps.every((m) => m.entries.length === 0)).toBe(true);
      expect(r.ir.ipsecProfiles).toEqual([
        expect.objectContaining({ transformSets: ['HUBSPOKE-TS'], ikev2Profile: 'HUBSPOKE-PROFILE' }),
      ]);
      const tunnels = r.ir.interfaces.filter((i) => i.tunnel?.protection?.profile === 'HUBSPOKE-VTI');
      expect(tunnels).toHaveLength(r.role === 'hub' ? IKEV2_VTI_BRANCHES : 1);
    }
  });

  it('GIVEN the same input twice WHEN synthesized THEN every file is byte-identical', () => {
    const a = synth().files;
    const b = synth().files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it('GIVEN no master secret WHEN synthesized THEN the error names the variable and the keyring peer, never a key', () => {
    const app = buildModernIkev2('/nonexistent-outdir-never-written', {});
    expect(() => app.synth()).toThrow(ValidationError);
    expect(() => app.synth()).toThrow(
      new RegExp(
        `ikev2-crypto-map/Hub/Router/Ikev2Keyring/Peer-branch-01 \\(and \\d+ more\\): environment variable ${MASTER_SECRET_VARIABLE} is not set`,
      ),
    );
  });
});
