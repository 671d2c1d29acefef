import { describe, expect, it } from 'vitest';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { App } from '../../lib/app/app.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { parseConfig } from '../../lib/parse/index.js';
import type { AclMode } from '../../lib/patterns/hub.js';
import { Hub } from '../../lib/patterns/hub.js';
import type { IkeVersion } from '../../lib/patterns/ikev2-settings.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { formatPlanText, planChanges, type PlanInput } from '../../lib/plan/index.js';

const ENV = { HUBSPOKE_TEST_MASTER: 'fake-master-secret-for-tests-only-0123456789' };

/** Synthesizes a hub with `spokes` spokes and parses the emitted configs back, as `hubspoke diff` would. */
function synthesized(spokes: number, aclMode: AclMode, ike: IkeVersion = 'v2'): PlanInput[] {
  const app = new App({ outdir: 'unused' });
  const stack = new HubSpokeStack(app, 'scale', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hub',
    lan: { address: '192.168.0.1/24' },
    wan: { address: '100.64.0.1/30' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_TEST_MASTER')),
    aclMode,
    ike,
    sitePools: ['10.0.0.0/8'],
    routes: [{ destination: '100.64.0.0/10' }],
  });
  for (let i = 1; i <= spokes; i += 1) {
    new Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `spoke${i}`,
      lan: { address: `10.${i >> 8}.${i & 255}.1/24` },
      wan: { address: `100.64.${i >> 6}.${((i & 63) << 2) + 1}/30` },
      routes: [{ destination: '100.64.0.0/10' }],
    });
  }
  const artifacts = synthesizeStack(stack, { env: ENV });
  return artifacts.routers.map((r) => ({ ...parseConfig(r.text, { file: r.file }), file: r.file }));
}

describe('change plan when a spoke is added', () => {
  it('GIVEN summarized ACLs on IKEv2 WHEN one spoke is added THEN exactly two routers change: the hub and the new spoke', () => {
    const plan = planChanges(synthesized(6, 'summarized'), synthesized(7, 'summarized'));
    expect(plan.routers.filter((r) => r.change !== 'unchanged').map((r) => [r.hostname, r.change])).toEqual([
      ['hub', 'changed'],
      ['spoke7', 'new'],
    ]);
    const hub = plan.routers.find((r) => r.hostname === 'hub')!;
    // The hub gets a keyring peer and a profile identity, the ACL and the entry for the new spoke, nothing else.
    expect(hub.steps.map((s) => `${s.phase} ${s.element} ${s.action}`)).toEqual([
      'prepare ikev2 change',
      'prepare ikev2 change',
      'prepare access-list add',
      'apply crypto-map-entry add',
    ]);
    expect(formatPlanText(plan)).toContain('pre-shared-key <redacted>');
    expect(formatPlanText(plan)).not.toMatch(/pre-shared-key (?!<redacted>)\S+/);
  });

  it('GIVEN summarized ACLs on IKEv1 WHEN one spoke is added THEN exactly two routers change: the hub and the new spoke', () => {
    const plan = planChanges(synthesized(6, 'summarized', 'v1'), synthesized(7, 'summarized', 'v1'));
    const touched = plan.routers.filter((r) => r.change !== 'unchanged').map((r) => [r.hostname, r.change]);
    expect(touched).toEqual([
      ['hub', 'changed'],
      ['spoke7', 'new'],
    ]);
    const hub = plan.routers.find((r) => r.hostname === 'hub')!;
    // The hub gets its key, ACL and entry for the new spoke and nothing else.
    expect(hub.steps.map((s) => `${s.phase} ${s.element} ${s.action}`)).toEqual([
      'prepare isakmp-key add',
      'prepare access-list add',
      'apply crypto-map-entry add',
    ]);
    expect(formatPlanText(plan)).not.toMatch(/crypto isakmp key (?!<redacted>)\S+ address/);
  });

  it('GIVEN exact per-pair ACLs WHEN one spoke is added THEN every one of the N+1 existing and new routers changes', () => {
    const plan = planChanges(synthesized(6, 'exact'), synthesized(7, 'exact'));
    expect(plan.summary).toMatchObject({ changed: 7, new: 1, unchanged: 0, removed: 0 });
    // Each old spoke gains one ACL line and one route, appended after its last line.
    const spoke1 = plan.routers.find((r) => r.hostname === 'spoke1')!;
    expect(spoke1.steps.map((s) => s.element).sort()).toEqual(['access-list', 'route']);
  });
});
