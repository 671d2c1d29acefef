// `hubspoke verify` drives a progress bar from the proof's onStart/onPair, on a terminal only.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProofOptions } from '../../lib/verify/prove/verify-network.js';

const seen: ProofOptions[] = [];
vi.mock('../../lib/verify/prove/verify-network.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/verify/prove/verify-network.js')>();
  return {
    ...actual,
    verifyNetwork: (files: Parameters<typeof actual.verifyNetwork>[0], options: ProofOptions = {}) => {
      seen.push(options);
      return actual.verifyNetwork(files, options);
    },
  };
});
// Test files share a module registry (vitest.config.ts, isolate: false): load the CLI afresh so
// it is linked to the mocked proof, not to a copy another file loaded first.
vi.resetModules();
const { run } = await import('../../lib/cli/verify.js');

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');

afterEach(() => {
  seen.length = 0;
  vi.unstubAllEnvs();
  if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
});

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(args, { stdout: (s) => (stdout += s), stderr: () => undefined });
  return { code, stdout };
}

describe('GIVEN the reference lab', () => {
  it('WHEN verified without a terminal THEN the proof gets no progress callbacks and keeps its bulk path', async () => {
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    const { code } = await cli([LAB, '--broken-only']);
    expect(code).toBe(0);
    expect(seen[0]?.onStart).toBeUndefined();
    expect(seen[0]?.onPair).toBeUndefined();
  });

  it('WHEN verified on a terminal outside CI THEN onStart and onPair drive the bar and the printed result is unchanged', async () => {
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    vi.stubEnv('CI', '');
    const withBar = await cli([LAB, '--format', 'json']);
    expect(typeof seen[0]?.onStart).toBe('function');
    expect(typeof seen[0]?.onPair).toBe('function');
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    expect((await cli([LAB, '--format', 'json'])).stdout).toBe(withBar.stdout);
  });
});
