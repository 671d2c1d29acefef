import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConstructError } from '../../lib/constructs/errors.js';
import {
  estimateEntropyBits,
  LAB_MODE_VARIABLE,
  MasterSecret,
  MIN_MASTER_SECRET_BITS,
} from '../../lib/constructs/master-secret.js';

const DEMO = 'DEMO-ONLY-insecure-master-secret-do-not-deploy';

function problemOf(value: string, env: NodeJS.ProcessEnv = {}): Error | undefined {
  try {
    MasterSecret.fromEnv('HS_MASTER').reveal('Stack/Hub', { HS_MASTER: value, ...env });
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('master secret strength', () => {
  it.each([
    ['sixteen spaces', ' '.repeat(16), /too predictable \(about 0 bits/],
    ['one letter repeated', 'a'.repeat(16), /too predictable/],
    ['a two-letter pattern', 'ab'.repeat(12), /too predictable/],
    ['the README demo secret', DEMO, /publicly known demo value/],
    ['another labelled demo secret', 'DEMO-ONLY-lab-secret-7f3a9c2e1b', /publicly known demo value/],
  ])(
    'GIVEN %s WHEN read from the environment THEN HS-KEY-WEAK names the variable and never the value',
    (_what, value, why) => {
      const e = problemOf(value);
      expect(e).toBeInstanceOf(ConstructError);
      expect((e as ConstructError).code).toBe('HS-KEY-WEAK');
      expect(e!.message).toMatch(/^Stack\/Hub: the master secret in environment variable HS_MASTER /);
      expect(e!.message).toMatch(why);
      expect(e!.message).not.toContain(value.trim() === '' ? 'x-never' : value);
    },
  );

  it('GIVEN lab mode set explicitly WHEN the demo or a weak secret is read THEN it is accepted', () => {
    expect(problemOf(DEMO, { [LAB_MODE_VARIABLE]: '1' })).toBeUndefined();
    expect(problemOf('a'.repeat(16), { [LAB_MODE_VARIABLE]: '1' })).toBeUndefined();
    expect(problemOf('a'.repeat(15), { [LAB_MODE_VARIABLE]: '1' })?.message).toMatch(/too short/);
  });

  it('GIVEN random secrets of 16 letters and digits or 32 base64 characters WHEN checked THEN they pass', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(problemOf(randomBytes(24).toString('base64'))).toBeUndefined();
      expect(
        problemOf(
          randomBytes(16)
            .toString('hex')
            .slice(0, 16)
            .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!) + 'A1',
        ),
      ).toBeUndefined();
    }
    expect(estimateEntropyBits(randomBytes(24).toString('base64'))).toBeGreaterThan(2 * MIN_MASTER_SECRET_BITS);
  });

  it('GIVEN a weak secret in program text WHEN unsafePlainText is called outside lab mode THEN it is refused', () => {
    expect(() => MasterSecret.unsafePlainText('a'.repeat(20))).toThrow(
      /MasterSecret.unsafePlainText: the secret is too predictable/,
    );
    expect(() => MasterSecret.unsafePlainText(DEMO)).toThrow(/publicly known demo value/);
  });

  it("GIVEN the repository's own scripts WHEN they use the demo secret THEN they turn lab mode on explicitly", () => {
    const scripts = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'))
      .scripts as Record<string, string>;
    const users = Object.entries(scripts).filter(([, s]) => s.includes('DEMO-ONLY'));
    expect(users.length).toBeGreaterThan(0);
    for (const [, s] of users) expect(s).toContain(`${LAB_MODE_VARIABLE}=1`);
  });
});
