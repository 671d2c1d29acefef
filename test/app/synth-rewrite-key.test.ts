// SynthOptions.rewriteKey: clear-text keys are rewritten before render, so the configs and the
// proof see only the rewritten keys (the cdktf integration's fingerprints rely on this).
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { FAKE_KEY, twoSiteLab } from '../cdktf/lab.js';
import { FAKE_PSK, hubAndSpokes } from '../patterns/fixtures.js';

function lab(): Construct {
  const root = new Construct(undefined as unknown as Construct, '');
  const stack = new Construct(root, 'lab');
  twoSiteLab(stack);
  return stack;
}

describe('synthesizeStack rewriteKey', () => {
  it('GIVEN a rewrite WHEN synthesized THEN every config holds the rewritten key, never the original, and the proof passes', () => {
    const seen: string[] = [];
    const artifacts = synthesizeStack(lab(), {
      rewriteKey: (key, hostname) => {
        seen.push(hostname);
        return key === FAKE_KEY ? 'rewritten-key-1' : 'unexpected';
      },
    });
    expect(seen.sort()).toEqual(['Hub', 'Spoke1']);
    for (const text of artifacts.files.values()) expect(text.includes(FAKE_KEY)).toBe(false);
    expect(artifacts.files.get('Hub.cfg')).toMatch(/^crypto isakmp key rewritten-key-1 address 10\.1\.2\.1$/m);
  });

  it('GIVEN a rewrite that maps equal keys to different values WHEN synthesized THEN the proof runs on the rewritten text and fails', () => {
    expect(() => synthesizeStack(lab(), { rewriteKey: (_key, hostname) => `rewritten-${hostname}` })).toThrow(
      ValidationError,
    );
  });

  it('GIVEN keys in keyrings (keying: keyring) WHEN synthesized with a rewrite THEN the keyring lines hold the rewritten key too, never the original', () => {
    const { stack } = hubAndSpokes(2, { ike: 'v1', keying: 'keyring' });
    const artifacts = synthesizeStack(stack, {
      rewriteKey: (key) => (key === FAKE_PSK ? 'rewritten-ring-key' : 'unexpected'),
    });
    for (const text of artifacts.files.values()) expect(text.includes(FAKE_PSK)).toBe(false);
    expect(artifacts.files.get('Hub.cfg')).toMatch(/^ pre-shared-key address 192\.0\.2\.11 key rewritten-ring-key$/m);
  });
});
