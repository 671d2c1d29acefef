import { describe, expect, it } from 'vitest';
import { keyVariableNames, sanitize } from '../../lib/cdktf/key-variables.js';

describe('keyVariableNames', () => {
  it('GIVEN keys held by router pairs WHEN named THEN each name lists its routers sorted, whatever order they were seen in', () => {
    const names = keyVariableNames(
      [
        { fingerprint: 'fp-b', hostnames: ['Spoke2', 'Hub'] },
        { fingerprint: 'fp-a', hostnames: ['Hub', 'Spoke1'] },
      ],
      'hubspoke',
    );
    expect(Object.fromEntries(names)).toEqual({ 'fp-a': 'hubspoke_psk_Hub_Spoke1', 'fp-b': 'hubspoke_psk_Hub_Spoke2' });
  });

  it('GIVEN two different keys on the same routers WHEN named THEN the second gets _2, deterministically by fingerprint', () => {
    const uses = [
      { fingerprint: 'fp-2', hostnames: ['Hub', 'Spoke1'] },
      { fingerprint: 'fp-1', hostnames: ['Spoke1', 'Hub'] },
    ];
    const expected = { 'fp-1': 'p_psk_Hub_Spoke1', 'fp-2': 'p_psk_Hub_Spoke1_2' };
    expect(Object.fromEntries(keyVariableNames(uses, 'p'))).toEqual(expected);
    expect(Object.fromEntries(keyVariableNames([...uses].reverse(), 'p'))).toEqual(expected);
  });

  it('GIVEN hostnames with characters Terraform names cannot hold WHEN sanitized THEN they become underscores and a leading digit is guarded', () => {
    expect(sanitize('branch.01')).toBe('branch_01');
    expect(sanitize('9lives')).toBe('_9lives');
    expect(sanitize('hq-hub')).toBe('hq-hub');
  });
});
