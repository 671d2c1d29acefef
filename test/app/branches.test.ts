/**
 * examples/branches.ts: static offices, DHCP shops on the hub's dynamic map (two with internet
 * breakout), a loopback-sourced hub. It must prove every pair (docs/dynamic-spokes.md): the shops'
 * probes remove the "spoke must initiate" condition, and the only warnings left are the stated
 * DHCP leases. Synth is deterministic.
 */
import { describe, expect, it, vi } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { Spoke } from '../../lib/patterns/spoke.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildBranches, MASTER_SECRET_VARIABLE, DHCP_SHOPS, NAT_OFFICE, STATIC_OFFICES } =
  await import('../../examples/branches.js');

const FAKE_MASTER = 'fake-master-for-branches-example-tests-9e1d';
const ENV = { [MASTER_SECRET_VARIABLE]: FAKE_MASTER };
const SITES = 2 + STATIC_OFFICES.length + DHCP_SHOPS.length;

function synth(edit?: (spokes: Spoke[]) => void) {
  const app = buildBranches('/nonexistent-outdir-never-written', ENV);
  const stack = app.stacks[0]!;
  edit?.(stack.node.findAll().filter((c): c is Spoke => c instanceof Spoke));
  return synthesizeStack(stack, { env: ENV });
}

describe('examples/branches.ts', () => {
  it('GIVEN a master secret WHEN synthesized THEN every ordered site pair is proven, no pair waits for a shop, and the DHCP leases are stated', () => {
    const artifacts = synth();
    expect(artifacts.proofReport).toContain(`${SITES * (SITES - 1)}/${SITES * (SITES - 1)} ordered site pairs covered`);
    expect(artifacts.proofReport).toMatch(/: PROVEN\b/);
    const codes = new Set(artifacts.warnings.map((w) => w.code ?? w.id ?? 'construct'));
    expect([...codes]).toEqual(['DYNAMIC_ADDRESS_ASSUMED']);
    const assumed = artifacts.warnings.map((w) => w.message);
    for (const shop of DHCP_SHOPS) expect(assumed.some((m) => m.includes(`of ${shop.hostname} `))).toBe(true);
    const byHost = new Map(artifacts.routers.map((r) => [r.ir.hostname, r]));
    const hub = byHost.get('hq-hub')!.text;
    expect(hub).toContain('\ncrypto map HUBSPOKE-MAP local-address Loopback0\n');
    expect(hub).toContain('\ncrypto map HUBSPOKE-MAP 65535 ipsec-isakmp dynamic DYNAMIC-SPOKES\n');
    expect(hub).toContain('\n match identity host shop-03.branches.example.net\n');
    const shop = byHost.get('shop-01')!.text;
    expect(shop).toContain('\n ip address dhcp\n');
    expect(shop).toContain('\nip route 0.0.0.0 0.0.0.0 dhcp\n');
    expect(shop).toContain('\nip nat inside source route-map INTERNET-BREAKOUT interface GigabitEthernet1 overload\n');
    expect(shop).toContain('\n icmp-echo 10.0.0.1 source-ip 10.11.0.1\n');
    // One shared key for the shops, unlike each office's own.
    const shared = byHost.get('hq-hub')!.ir.keyrings!.find((k) => k.name === 'DYNAMIC-SPOKES')!.keys[0]!.key;
    for (const s of DHCP_SHOPS) expect(byHost.get(s.hostname)!.ir.isakmpKeys[0]!.key).toBe(shared);
    for (const o of STATIC_OFFICES) expect(byHost.get(o.hostname)!.ir.isakmpKeys[0]!.key).not.toBe(shared);
    // The office behind NAT: the hub calls its public address, topology.json records the mapping.
    expect(hub).toContain(` set peer ${NAT_OFFICE.publicAddress}\n`);
    const nice = artifacts.topology.devices.find((d) => d.hostname === NAT_OFFICE.hostname)!;
    expect(nice.wan[0]).toMatchObject({ address: NAT_OFFICE.wan, publicAddress: NAT_OFFICE.publicAddress });
  });

  it('GIVEN the same input twice WHEN synthesized THEN every file is byte-identical', () => {
    const a = synth().files;
    const b = synth().files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it('GIVEN shop-03 without probes WHEN synthesized THEN the pairs towards it are proven only under the SPOKE_MUST_INITIATE condition', () => {
    const artifacts = synth((spokes) => {
      // The escape hatch: drop shop-03's probes.
      const s = spokes.find((x) => x.hostname === 'shop-03')!;
      s.router.node.tryRemoveChild(s.tunnelTrigger!.node.id);
    });
    const towardsShop3 = artifacts.warnings.filter(
      (w) => w.code === 'SPOKE_MUST_INITIATE' && w.message.includes(' to shop-03 '),
    );
    // Every other site's pair towards shop-03 is conditional.
    expect(towardsShop3).toHaveLength(SITES - 1);
    expect(artifacts.proofReport).toMatch(/: PROVEN\b/);
  });

  it('GIVEN no master secret WHEN synthesized THEN the error names the variable, never a key', () => {
    const app = buildBranches('/nonexistent-outdir-never-written', {});
    expect(() => app.synth()).toThrow(ValidationError);
    expect(() => app.synth()).toThrow(new RegExp(`environment variable ${MASTER_SECRET_VARIABLE} is not set`));
  });
});
