import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const parse = (text: string) => parseConfig(text, { file: 'map.cfg' });

describe('crypto map entries', () => {
  it('GIVEN entries typed out of order and re-entered WHEN parsed THEN entries are sorted by sequence and merged', () => {
    const text =
      'crypto map M 30 ipsec-isakmp\n set peer 192.0.2.3\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\ncrypto map M 30\n set transform-set T';
    const map = parse(text).config.cryptoMaps[0]!;
    expect(map.entries.map((e) => [e.seq, e.peers, e.transformSets])).toEqual([
      [10, ['192.0.2.1'], []],
      [30, ['192.0.2.3'], ['T']],
    ]);
    expect(map.entries[1]!.loc?.line).toBe(1);
  });

  it('GIVEN several set peer lines WHEN parsed THEN they form an ordered failover list without repeats', () => {
    const text = 'crypto map M 10 ipsec-isakmp\n set peer 192.0.2.2\n set peer 192.0.2.1\n set peer 192.0.2.2';
    expect(parse(text).config.cryptoMaps[0]!.entries[0]!.peers).toEqual(['192.0.2.2', '192.0.2.1']);
  });

  it('GIVEN set pfs with and without a group WHEN parsed THEN a bare set pfs has no group', () => {
    const text = 'crypto map M 10\n set pfs\ncrypto map M 20\n set pfs group24\ncrypto map M 30\n set pfs group3';
    const { config, diagnostics } = parse(text);
    expect(config.cryptoMaps[0]!.entries.map((e) => e.pfs)).toEqual([{}, { group: 24 }, undefined]);
    expect(diagnostics.find((d) => d.code === 'UNKNOWN_ALGORITHM')?.line).toBe(6);
  });

  it('GIVEN SA lifetimes and a description WHEN parsed THEN they are read and other set lines stay extra', () => {
    const text =
      'crypto map M 10 ipsec-isakmp\n description to the hub\n set security-association lifetime seconds 1800\n set security-association lifetime kilobytes 1000000\n set security-association idle-time 300';
    expect(parse(text).config.cryptoMaps[0]!.entries[0]).toMatchObject({
      description: 'to the hub',
      saLifetimeSeconds: 1800,
      saLifetimeKilobytes: 1000000,
      extraLines: ['set security-association idle-time 300'],
    });
  });

  it('GIVEN manual entries and reverse-route on a static entry WHEN parsed THEN each gives a NOT_MODELLED warning; a dynamic entry, set isakmp-profile and local-address are read', () => {
    const text = [
      'crypto map M 10 ipsec-isakmp',
      ' set isakmp-profile P',
      ' reverse-route static',
      'crypto map M 20 ipsec-isakmp dynamic DYN',
      'crypto map M 30 ipsec-manual',
      'crypto map M local-address Loopback0',
      'crypto map M 40 gdoi',
    ].join('\n');
    const { config, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.line)).toEqual([3, 5, 7]);
    expect(config.cryptoMaps[0]!.entries[0]!.isakmpProfile).toBe('P');
    expect(config.cryptoMaps[0]!.localAddress).toBe('Loopback0');
    expect(config.cryptoMaps[0]!.entries.map((e) => [e.seq, e.type, e.dynamicMap])).toEqual([
      [10, 'ipsec-isakmp', undefined],
      [20, 'dynamic', 'DYN'],
      [30, 'ipsec-manual', undefined],
    ]);
  });

  it('GIVEN local-address alone, then removed WHEN parsed THEN the map carries it, then does not; a missing interface is an error', () => {
    expect(parse('crypto map M local-address Loopback0').config.cryptoMaps).toMatchObject([
      { name: 'M', localAddress: 'Loopback0', entries: [] },
    ]);
    const removed = parse('crypto map M local-address Loopback0\nno crypto map M local-address');
    expect(removed.config.cryptoMaps[0]!.localAddress).toBeUndefined();
    expect(
      parse('crypto map M local-address')
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => [d.code, d.line]),
    ).toEqual([['MISSING_ARGUMENT', 1]]);
  });

  it('GIVEN malformed crypto map lines WHEN parsed THEN coded errors are reported', () => {
    const { diagnostics } = parse(
      'crypto map M\ncrypto map M 70000 ipsec-isakmp\ncrypto map M 10 ipsec-bogus\ncrypto map M 20\n match address',
    );
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([
      ['BAD_CRYPTO_MAP', 1],
      ['BAD_NUMBER', 2],
      ['BAD_CRYPTO_MAP', 3],
      ['MISSING_ARGUMENT', 5],
    ]);
  });
});

describe('transform sets', () => {
  it('GIVEN transforms with key sizes and a mode WHEN parsed THEN names keep their key size', () => {
    const { config } = parse(
      'crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac\n mode transport require\ncrypto ipsec transform-set G esp-gcm 128',
    );
    expect(config.transformSets).toMatchObject([
      { name: 'TS', transforms: ['esp-aes 256', 'esp-sha-hmac'], mode: 'transport require' },
      { name: 'G', transforms: ['esp-gcm 128'] },
    ]);
  });

  it('GIVEN an unknown transform WHEN parsed THEN the set is skipped with UNKNOWN_ALGORITHM', () => {
    const { config, diagnostics } = parse('crypto ipsec transform-set TS esp-rot13 esp-sha-hmac');
    expect(config.transformSets).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('UNKNOWN_ALGORITHM');
  });
});
