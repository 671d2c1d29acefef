import { describe, expect, it, vi } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { ValidationError } from '../../lib/constructs/errors.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildModern, MASTER_SECRET_VARIABLE, MODERN_SPOKES } = await import('../../examples/modern.js');

const FAKE_MASTER = 'fake-master-for-modern-example-tests-77c2';

describe('examples/modern.ts', () => {
  it('GIVEN no master secret in the environment WHEN synthesized THEN the error names the variable and the key construct', () => {
    const app = buildModern('/nonexistent-outdir-never-written', {});
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `modern/Hub/Router/Key-branch-01 \\(and ${MODERN_SPOKES} more\\): environment variable ${MASTER_SECRET_VARIABLE} is not set`,
      ),
    );
  });

  it('GIVEN a master secret WHEN synthesized THEN 11 IOS-XE configs with strong crypto, unique keys and no warnings come out', () => {
    const stack = buildModern(undefined, { [MASTER_SECRET_VARIABLE]: FAKE_MASTER }).stacks[0]!;
    const artifacts = synthesizeStack(stack, { env: { [MASTER_SECRET_VARIABLE]: FAKE_MASTER } });
    const configs = artifacts.routers;
    expect(configs).toHaveLength(MODERN_SPOKES + 1);
    expect(artifacts.warnings).toEqual([]);
    for (const r of configs) {
      expect(r.platform).toBe('ios-xe-17');
      expect(r.ir.isakmpPolicies).toEqual([
        expect.objectContaining({ encryption: 'aes-256', hash: 'sha256', group: 19, authentication: 'pre-share' }),
      ]);
      expect(r.ir.transformSets[0]!.transforms).toEqual(['esp-aes 256', 'esp-sha256-hmac']);
      expect(r.ir.cryptoMaps[0]!.entries.every((e) => e.pfs?.group === 19)).toBe(true);
      expect(r.ir.interfaces.find((i) => i.cryptoMap)?.name).toBe('GigabitEthernet1');
    }
    const hubKeys = configs[0]!.ir.isakmpKeys.map((k) => k.key);
    expect(new Set(hubKeys).size).toBe(MODERN_SPOKES);
    expect(hubKeys.every((k) => k.length >= 32)).toBe(true);
  });
});
