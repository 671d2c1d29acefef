import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The harness that synth emits (`npm run synth`, then `npx vitest run cdk.out`).
    include: ['test/**/*.test.ts', 'cdk.out/**/*.test.mjs'],
    // Two cores: keep the pool small so CI stays predictable.
    maxWorkers: 2,
    // Test files of a worker share one module registry instead of re-importing the library, zod,
    // ip-num, cdktf and typescript for each file: that import time was about half of the suite's
    // CPU time. Files must leave no state behind (restore env and spies; a file that mocks a
    // module the others import calls vi.resetModules() before importing what uses the mock).
    isolate: false,
    testTimeout: 60_000,
    // Parsed IR is deep-frozen, so a write to it (which would leave the identity caches of
    // lib/ir/identity-cache.ts stale) throws in the test that makes it.
    env: { HUBSPOKE_FREEZE_IR: '1' },
  },
});
