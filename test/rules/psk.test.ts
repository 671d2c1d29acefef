import { describe, expect, it } from 'vitest';
import { comparePsk, findPsk } from '../../lib/rules/psk.js';
import type { IsakmpKey, RouterConfig } from '../../lib/ir/router-config.js';
import { twoSpokeLab } from './lab-ir.js';

const SECRET = 'fake-psk-ABC';
const withKeys = (c: RouterConfig, keys: IsakmpKey[]): RouterConfig => ({ ...c, isakmpKeys: keys });
const key = (k: string, address: string, prefixLength = 32, encryption: 0 | 6 | 7 = 0, line?: number): IsakmpKey => ({
  key: k,
  address,
  prefixLength,
  encryption,
  ...(line ? { loc: { file: 'x.cfg', line } } : {}),
});

describe('pre-shared key lookup', () => {
  it('GIVEN host, subnet and wildcard keys WHEN a peer is looked up THEN the longest match wins', () => {
    const c = withKeys(twoSpokeLab().hub, [
      key('a', '0.0.0.0', 0, 0, 1),
      key('b', '10.1.0.0', 16, 0, 2),
      key('c', '10.1.2.1', 32, 0, 3),
    ]);
    expect(findPsk(c, '10.1.2.1')?.loc?.line).toBe(3);
    expect(findPsk(c, '10.1.3.1')?.loc?.line).toBe(2);
    expect(findPsk(c, '192.0.2.1')?.loc?.line).toBe(1);
    expect(findPsk(withKeys(c, []), '10.1.2.1')).toBeUndefined();
  });
});

describe('pre-shared key comparison', () => {
  const { hub, spoke1 } = twoSpokeLab(SECRET);

  it('GIVEN the lab WHEN spoke1 and the hub compare keys THEN they match, and the result never holds the key', () => {
    const r = comparePsk(spoke1, '10.1.2.1', hub, '10.1.4.1');
    expect(r.verdict).toBe('match');
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(r.localKey).toMatchObject({ address: '10.1.4.1', prefixLength: 32, wildcard: false });
  });

  it('GIVEN different keys WHEN compared THEN mismatch, without either key in the result', () => {
    const other = withKeys(hub, [key('fake-psk-XYZ', '10.1.2.1', 32, 0, 14)]);
    const r = comparePsk(spoke1, '10.1.2.1', other, '10.1.4.1');
    expect(r.verdict).toBe('mismatch');
    expect(r.remoteKey?.loc).toEqual({ file: 'x.cfg', line: 14 });
    expect(JSON.stringify(r)).not.toMatch(/fake-psk/);
  });

  it('GIVEN a side without a key WHEN compared THEN the missing side is named', () => {
    expect(comparePsk(withKeys(spoke1, []), '10.1.2.1', hub, '10.1.4.1').verdict).toBe('missing-local');
    expect(comparePsk(spoke1, '10.1.2.1', withKeys(hub, []), '10.1.4.1').verdict).toBe('missing-remote');
  });

  it('GIVEN a key stored encrypted WHEN compared THEN it is unverifiable, never a match', () => {
    const enc = withKeys(hub, [key(SECRET, '10.1.2.1', 32, 6)]);
    expect(comparePsk(spoke1, '10.1.2.1', enc, '10.1.4.1').verdict).toBe('unverifiable');
    const seven = withKeys(spoke1, [key('0822455D0A16', '10.1.4.1', 32, 7)]);
    expect(
      comparePsk(seven, '10.1.2.1', withKeys(hub, [key('0822455D0A16', '10.1.2.1', 32, 7)]), '10.1.4.1').verdict,
    ).toBe('unverifiable');
  });

  it('GIVEN a wildcard key on the hub WHEN compared THEN it is used and flagged as wildcard', () => {
    const wild = withKeys(hub, [key(SECRET, '0.0.0.0', 0)]);
    const r = comparePsk(spoke1, '10.1.2.1', wild, '10.1.4.1');
    expect(r.verdict).toBe('match');
    expect(r.remoteKey?.wildcard).toBe(true);
  });
});
