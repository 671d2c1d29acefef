import { describe, expect, it } from 'vitest';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack, type SynthStage } from '../../lib/app/synth.js';
import { App } from '../../lib/app/app.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';

function stack(): HubSpokeStack {
  const app = new App({ outdir: 'unused', progress: false });
  const s = new HubSpokeStack(app, 'timing', { platform: 'ios-xe-17' });
  const hub = new Hub(s, 'Hub', {
    hostname: 'hub',
    lan: { address: '192.168.0.1/24' },
    wan: { address: '100.64.0.1/30' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('TIMING_MASTER')),
    aclMode: 'summarized',
    sitePools: ['10.0.0.0/16'],
    routes: [{ destination: '100.64.0.0/10' }],
  });
  for (let i = 1; i <= 2; i += 1) {
    new Spoke(s, `Spoke${i}`, {
      hub,
      hostname: `spoke${i}`,
      lan: { address: `10.0.${i}.1/24` },
      wan: { address: `100.64.0.${4 * i + 1}/30` },
      routes: [{ destination: '100.64.0.0/10' }],
    });
  }
  return s;
}

describe('synth timings', () => {
  it('GIVEN an onTiming callback WHEN a stack is synthesized with the default proof THEN every stage reports one non-negative duration', () => {
    const seen: [SynthStage, number][] = [];
    synthesizeStack(stack(), {
      env: { TIMING_MASTER: 'fake-master-secret-for-timing-0123456789' },
      onTiming: (stage, ms) => seen.push([stage, ms]),
    });
    const stages = seen.map(([s]) => s);
    for (const s of ['validate', 'ir', 'render', 'topology', 'parse', 'proof', 'prove'] as const)
      expect(stages.filter((x) => x === s)).toHaveLength(1);
    for (const [, ms] of seen) expect(ms).toBeGreaterThanOrEqual(0);
    // parse and proof happen inside prove.
    expect(stages.indexOf('parse')).toBeLessThan(stages.indexOf('prove'));
  });
});
