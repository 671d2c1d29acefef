/**
 * examples/route-based.ts (docs/route-based.md): the route-based design on IOS-XE with derived
 * keys, gateways and default routes proves with no warning, and its configs carry VTIs only.
 */
import { describe, expect, it, vi } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildRouteBased, MASTER_SECRET_VARIABLE, ROUTE_BASED_BRANCHES } = await import('../../examples/route-based.js');

const FAKE_MASTER = 'fake-master-for-route-based-example-tests-5d1e';

describe('examples/route-based.ts', () => {
  it('GIVEN a master secret WHEN synthesized THEN every pair is proven, with no warning, through VTIs only', () => {
    const env = { [MASTER_SECRET_VARIABLE]: FAKE_MASTER };
    const artifacts = synthesizeStack(buildRouteBased(undefined, env).stacks[0]!, { env });
    const pairs = (ROUTE_BASED_BRANCHES + 1) * ROUTE_BASED_BRANCHES;
    expect(artifacts.proofReport).toContain(`${pairs}/${pairs} ordered site pairs covered`);
    expect(artifacts.warnings).toEqual([]);
    for (const r of artifacts.routers) {
      expect(r.ir.cryptoMaps.every((m) => m.entries.length === 0)).toBe(true);
      expect(r.ir.accessLists).toEqual([]);
      const tunnels = r.ir.interfaces.filter((i) => i.tunnel?.mode === 'ipsec ipv4');
      expect(tunnels).toHaveLength(r.role === 'hub' ? ROUTE_BASED_BRANCHES : 1);
      // The default route through the gateway stays; every remote site is routed into a tunnel.
      expect(
        r.ir.staticRoutes.filter((x) => x.prefix.prefixLength === 24).every((x) => /^Tunnel/.test(x.interface!)),
      ).toBe(true);
      expect(r.text).not.toContain(FAKE_MASTER);
    }
  });
});
