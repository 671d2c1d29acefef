// branches.test.ts: unit tests of a stack, run by vitest (README, "Testing").
import { describe, expect, it } from 'vitest';
import { App, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';
import { Testing } from 'hubspoke/testing';
import 'hubspoke/testing/vitest';

const env = { HUBSPOKE_MASTER_SECRET: 'test-only-9f3c1e7a5b2d8046c1e9a7f3' };

function branches() {
  const stack = new HubSpokeStack(new App(), 'branches', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET')),
    routes: [{ destination: '0.0.0.0/0' }],
  });
  const paris = new Spoke(stack, 'Paris', {
    hub,
    hostname: 'paris',
    lan: { address: '10.1.0.1/24' },
    wan: { address: '203.0.113.10/29', gateway: '203.0.113.9' },
  });
  const rome = new Spoke(stack, 'Rome', {
    hub,
    hostname: 'rome',
    lan: { address: '10.2.0.1/24' },
    wan: { address: '203.0.113.18/29', gateway: '203.0.113.17' },
  });
  return { stack, hub, paris, rome };
}

describe('branches', () => {
  it('is proven, with a crypto map entry for every branch on the hub', () => {
    const result = Testing.synth(branches().stack, { env });
    expect(result).toBeProven();
    expect(result).toContainConfigLine('hq-hub', 'set peer 203.0.113.10');
    expect(result).toContainConfigLine('hq-hub', 'set peer 203.0.113.18');
    expect(result.config('paris').parsed.staticRoutes.length).toBeGreaterThan(0);
  });

  it('breaks exactly the pairs of a branch whose key differs', () => {
    const { stack, rome } = branches();
    rome.hubKey.setKey(PreSharedKey.unsafePlainText('a-different-key-Vq8Lr2Xw7pZk'));
    const result = Testing.synth(stack, { env });
    expect(result).not.toBeProven();
    expect(result).toHaveFinding('PSK_MISMATCH', { device: 'rome' });
    expect(result).toHaveBrokenPairs([
      ['hq-hub', 'rome'],
      ['rome', 'hq-hub'],
      ['paris', 'rome'],
      ['rome', 'paris'],
    ]);
  });
});
