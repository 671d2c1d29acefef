import { describe, expect, it } from 'vitest';
import { canonicalConfig, differingSections } from '../../lib/import/canonical.js';
import { parseConfig } from '../../lib/parse/index.js';

const config = (body: string) => parseConfig(`version 15.4\nhostname R\n${body}`).config;
const same = (a: string, b: string) => differingSections(canonicalConfig(config(a)), canonicalConfig(config(b)));

describe('canonical configs: what IOS reads alike', () => {
  it('GIVEN a permit-only list of disjoint lines in another order THEN equal', () => {
    const a =
      'access-list 110 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255\naccess-list 110 permit ip 10.3.0.0 0.0.255.255 10.2.0.0 0.0.255.255\n';
    const b = a.split('\n').reverse().join('\n');
    expect(same(a, b)).toEqual([]);
  });

  it('GIVEN overlapping permit lines in another order THEN different (the first match scopes the SA)', () => {
    const a =
      'access-list 110 permit ip 10.1.0.0 0.0.255.255 any\naccess-list 110 permit ip 10.1.1.0 0.0.0.255 10.2.0.0 0.0.255.255\n';
    const b = a.split('\n').reverse().join('\n');
    expect(same(a, b)).toEqual(['accessLists']);
  });

  it('GIVEN a list with a deny in another order THEN different', () => {
    const a = 'access-list 110 deny ip host 10.9.9.9 any\naccess-list 110 permit ip 10.1.0.0 0.0.255.255 any\n';
    const b = a.split('\n').reverse().join('\n');
    expect(same(a, b)).toEqual(['accessLists']);
  });

  it('GIVEN routes in another order, one repeated THEN equal; another next hop THEN different', () => {
    const a = 'ip route 10.0.0.0 255.0.0.0 192.0.2.1\nip route 0.0.0.0 0.0.0.0 192.0.2.1\n';
    expect(same(a, `ip route 0.0.0.0 0.0.0.0 192.0.2.1\n${a}`)).toEqual([]);
    expect(same(a, a.replace('0.0.0.0 0.0.0.0 192.0.2.1', '0.0.0.0 0.0.0.0 192.0.2.9'))).toEqual(['staticRoutes']);
  });

  it('GIVEN policy defaults spelled out and bare set pfs against group1 THEN equal', () => {
    const a =
      'crypto isakmp policy 10\n authentication pre-share\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set pfs\n';
    const b =
      'crypto isakmp policy 10\n encryption des\n hash sha\n group 1\n lifetime 86400\n authentication pre-share\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set pfs group1\n';
    expect(same(a, b)).toEqual([]);
    expect(same(a, b.replace('group 1', 'group 2'))).toEqual(['isakmpPolicies']);
  });

  it('GIVEN a key changed THEN different unless key values are ignored', () => {
    const a = config('crypto isakmp key one-key address 192.0.2.1\n');
    const b = config('crypto isakmp key two-key address 192.0.2.1\n');
    expect(differingSections(canonicalConfig(a), canonicalConfig(b))).toEqual(['isakmpKeys']);
    const opts = { ignoreKeyValues: true };
    expect(differingSections(canonicalConfig(a, opts), canonicalConfig(b, opts))).toEqual([]);
  });

  it('GIVEN unmodelled blocks in another order THEN equal; a sub-line moved to another block THEN different', () => {
    const a = 'ntp server 192.0.2.5\nclass-map match-any V\n match ip dscp ef\nline vty 0 4\n login\n';
    expect(same(a, 'line vty 0 4\n login\nntp server 192.0.2.5\nclass-map match-any V\n match ip dscp ef\n')).toEqual(
      [],
    );
    expect(same(a, 'ntp server 192.0.2.5\nclass-map match-any V\nline vty 0 4\n match ip dscp ef\n login\n')).toEqual([
      'extraLines',
    ]);
  });

  it('GIVEN a section the canonical form does not name THEN it is compared as it is', () => {
    const a = config('');
    const b = { ...a, futureSection: [{ x: 1 }] } as typeof a;
    expect(differingSections(canonicalConfig(a), canonicalConfig(b))).toEqual(['other']);
  });
});
