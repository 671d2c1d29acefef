import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigs } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';

const RIG = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'batfish',
  'projects',
  'batfish',
  'src',
  'test',
  'resources',
  'org',
  'batfish',
  'grammar',
  'cisco',
  'testrigs',
  'ios-crypto-ipsec',
  'configs',
);
const present = existsSync(RIG);

describe.skipIf(!present)('GIVEN public brownfield configs (../shared/corpus, skipped when absent)', () => {
  it('WHEN the Batfish ios-crypto-ipsec testrig is verified THEN its tunnel subnets are no sites (no crypto ACL names them), the proof completes and prints no key', async () => {
    const files = await loadConfigs([join(RIG, 'r1'), join(RIG, 'r2'), join(RIG, 'r3')]);
    const r = verifyNetwork(files);
    expect(r.devices.map((d) => d.hostname)).toEqual(['r1', 'r2', 'r3']);
    // Its only LAN-side subnets are Tunnel interfaces (docs/ios-semantics.md#sites); its crypto
    // ACLs name 1.1.1.1 -> 2.2.2.2, on no interface.
    expect(r.sites).toEqual([]);
    expect(r.summary.pairs).toBe(0);
    for (const f of r.findings) expect(f.line).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toMatch(/\bpsk[23]\b/);
  });
});
