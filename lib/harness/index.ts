/**
 * The emitted vitest harness: template and file name. Synth adds it to every stack folder.
 * @packageDocumentation
 */
export { renderHarness, HARNESS_FILE } from './harness-template.js';
export type { HarnessOptions } from './harness-template.js';
