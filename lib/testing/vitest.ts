/**
 * `import 'hubspoke/testing/vitest'` registers hubspoke's matchers with vitest's `expect` and
 * types them (`expect(result).toBeProven()`, ...). The only module of hubspoke that imports
 * vitest, which stays an optional peer dependency: put the import in a test file or in vitest's
 * `setupFiles`. Jest users register `matchers` from `hubspoke/testing` with `expect.extend`.
 * @packageDocumentation
 */
import { expect } from 'vitest';
import { matchers, type FindingFilter, type PairSpec } from './matchers.js';

export { matchers, type FindingFilter, type PairSpec };

expect.extend(matchers);

/** hubspoke's matchers, as they appear on vitest's `expect(...)`. */
export interface HubspokeMatchers<R = unknown> {
  /** The stack is proven: `App.synth()` would write it (for a `VerifyResult`: `ok`). */
  toBeProven(): R;
  /** The pairs that are not covered are exactly these (`[from, to]`: hostnames or site networks). */
  toHaveBrokenPairs(expected: readonly PairSpec[]): R;
  /** The config of `hostname` has this line (indentation matters only when `line` has some). */
  toContainConfigLine(hostname: string, line: string): R;
  /** The proof reported a finding with this problem code. */
  toHaveFinding(code: string, filter?: FindingFilter): R;
}

declare module 'vitest' {
  // The type parameter must repeat vitest's own declaration (`T = any`) for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends HubspokeMatchers<T> {}
}
