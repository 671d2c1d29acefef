import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The harness that synth emits (`npm run synth`, then `npx vitest run cdk.out`).
    include: ['test/**/*.test.ts', 'cdk.out/**/*.test.mjs'],
    // Two cores: keep the pool small so CI stays predictable.
    maxWorkers: 2,
    testTimeout: 60_000,
    // Parsed IR is deep-frozen, so a write to it (which would leave the identity caches of
    // lib/ir/identity-cache.ts stale) throws in the test that makes it.
    env: { HUBSPOKE_FREEZE_IR: '1' },
  },
});
