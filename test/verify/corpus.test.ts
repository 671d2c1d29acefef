import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigs } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';

const RIG = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'batfish', 'projects', 'batfish', 'src', 'test',
  'resources', 'org', 'batfish', 'grammar', 'cisco', 'testrigs', 'ios-crypto-ipsec', 'configs');
const present = existsSync(RIG);

describe.skipIf(!present)('GIVEN public brownfield configs (../shared/corpus, skipped when absent)', () => {
  it('WHEN the Batfish ios-crypto-ipsec testrig is verified THEN the proof completes, pins its non-mirrored ACLs and overlapping tunnel subnets, and prints no key', async () => {
    const files = await loadConfigs([join(RIG, 'r1'), join(RIG, 'r2'), join(RIG, 'r3')]);
    const r = verifyNetwork(files);
    expect(r.devices.map((d) => d.hostname)).toEqual(['r1', 'r2', 'r3']);
    expect(r.summary.pairs).toBeGreaterThan(0);
    const codes = new Set(r.findings.map((f) => f.code));
    // r1 and r2 carry the same (not mirrored) crypto ACL line, 1.1.1.1 -> 2.2.2.2, whose addresses
    // are on no interface: UNKNOWN_NETWORK on both lines is the root cause, not also PROXY_MISMATCH.
    expect(r.findings.filter((f) => f.code === 'UNKNOWN_NETWORK').map((f) => f.device).sort()).toEqual(['r1', 'r1', 'r2', 'r2']);
    expect(codes.has('PROXY_MISMATCH')).toBe(false);
    for (const f of r.findings) expect(f.line).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(r)).not.toMatch(/\bpsk[23]\b/);
  });
});
