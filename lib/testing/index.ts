/**
 * Unit-test helpers (subpath `hubspoke/testing`): `Testing.synth(stack)` synthesizes a stack in
 * memory and returns its configs (text and parsed IR), the proof, the topology and the
 * annotations; `matchers` are framework-neutral assertions on it. `hubspoke/testing/vitest`
 * registers the matchers with vitest.
 * @packageDocumentation
 */
export { Testing, SynthesizedStack, SynthesizedConfig, type TestingSynthOptions } from './testing.js';
export {
  matchers,
  toBeProven,
  toHaveBrokenPairs,
  toContainConfigLine,
  toHaveFinding,
  type FindingFilter,
  type MatcherResult,
  type PairSpec,
} from './matchers.js';
