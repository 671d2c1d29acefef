/**
 * File snapshots of synth output for both platform families. Keys: the reference lab's public
 * `cisco123`, and placeholders for the modern and branches examples (no derived key is stored in the repo).
 * Update with `npx vitest run test/app/snapshots.test.ts -u` after reviewing the diff.
 */
import { describe, expect, it, vi } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildSeedLab } = await import('../../examples/seed-lab.js');
const { buildModern } = await import('../../examples/modern.js');
const { buildBranches } = await import('../../examples/branches.js');

describe('synth output snapshots', () => {
  it('GIVEN the reference lab (ios-12.2) WHEN synthesized THEN every file matches its snapshot', async () => {
    const stack = buildSeedLab().stacks[0]!;
    const files = synthesizeStack(stack).files;
    for (const [name, text] of files) {
      if (name.endsWith('.cfg') || name === 'topology.json')
        await expect(text).toMatchFileSnapshot(`__snapshots__/seed-lab/${name}`);
    }
  });

  it('GIVEN the modern example (ios-xe-17) with placeholder keys WHEN synthesized THEN every file matches its snapshot', async () => {
    const stack = buildModern(undefined, {}).stacks[0]!;
    const files = synthesizeStack(stack, { keyPresentation: 'placeholder', env: {} }).files;
    for (const [name, text] of files) {
      if (name.endsWith('.cfg') || name === 'topology.json')
        await expect(text).toMatchFileSnapshot(`__snapshots__/modern/${name}`);
    }
  });

  it('GIVEN the branches example (dynamic-address shops) with placeholder keys WHEN synthesized THEN every file matches its snapshot', async () => {
    const stack = buildBranches(undefined, {}).stacks[0]!;
    const files = synthesizeStack(stack, { keyPresentation: 'placeholder', env: {} }).files;
    for (const [name, text] of files) {
      if (name.endsWith('.cfg') || name === 'topology.json')
        await expect(text).toMatchFileSnapshot(`__snapshots__/branches/${name}`);
    }
  });
});
