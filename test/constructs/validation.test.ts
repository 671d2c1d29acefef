import { describe, expect, it } from 'vitest';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { IsakmpPolicy } from '../../lib/constructs/isakmp-policy.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { newRouter, validationMessages } from './helpers.js';

describe('property validation at construction', () => {
  it('GIVEN an interface address with an octet over 255 WHEN the Interface is created THEN the error names the path, property and value', () => {
    const { router } = newRouter();
    expect(() => new Interface(router, 'Lan', { name: 'GigabitEthernet2', address: '172.16.1.300/24' })).toThrow(
      'Stack/R1/Lan: address "172.16.1.300/24" is not an IPv4 prefix',
    );
  });

  it('GIVEN a prefix length over 32 WHEN a StaticRoute is created THEN it is refused as not a prefix', () => {
    const { router } = newRouter();
    expect(() => new StaticRoute(router, 'R', { destination: '10.0.0.0/33', interface: 'GigabitEthernet1' })).toThrow(
      'Stack/R1/R: destination "10.0.0.0/33" is not an IPv4 prefix',
    );
  });

  it('GIVEN a route destination with host bits set WHEN the StaticRoute is created THEN it says so', () => {
    const { router } = newRouter();
    expect(() => new StaticRoute(router, 'R', { destination: '10.1.0.1/16', interface: 'GigabitEthernet1' })).toThrow(
      /Stack\/R1\/R: destination "10\.1\.0\.1\/16" has host bits set/,
    );
  });

  it('GIVEN an interface address equal to its network address WHEN created THEN it is refused', () => {
    const { router } = newRouter();
    expect(() => new Interface(router, 'Lan', { name: 'GigabitEthernet2', address: '10.1.1.0/24' })).toThrow(
      /Stack\/R1\/Lan: address "10\.1\.1\.0\/24" is the network or broadcast address/,
    );
  });

  it('GIVEN a route with neither interface nor next hop WHEN created THEN the error names the property', () => {
    const { router } = newRouter();
    expect(() => new StaticRoute(router, 'R', { destination: '10.0.0.0/8' })).toThrow(
      'Stack/R1/R: interface needs an interface, a nextHop or dhcp',
    );
  });

  it('GIVEN a hostname with a space WHEN the Router is created THEN the error names hostname', () => {
    const { stack } = newRouter();
    expect(() => new Router(stack, 'Bad', { hostname: 'my router' })).toThrow(
      /Stack\/Bad: hostname "my router" is not a valid hostname/,
    );
  });

  it('GIVEN a crypto map sequence number of 0 or 70000 WHEN the entry is added THEN it is refused with seq', () => {
    const { router } = newRouter();
    const map = new CryptoMap(router, 'Map', { name: 'VPN' });
    expect(() => map.addEntry({ seq: 0 })).toThrow('Stack/R1/Map/Entry0: seq 0 is not a sequence number (1-65535)');
    expect(() => map.addEntry({ seq: 70000 })).toThrow('seq 70000 is not a sequence number (1-65535)');
  });

  it('GIVEN an unknown ISAKMP algorithm WHEN the policy is created THEN the error names encryption', () => {
    const { router } = newRouter();
    expect(() => new IsakmpPolicy(router, 'P', { encryption: 'blowfish' as never })).toThrow(
      /Stack\/R1\/P: encryption "blowfish" is not an ISAKMP encryption/,
    );
  });

  it('GIVEN DH group 3 WHEN the policy is created THEN it is refused', () => {
    const { router } = newRouter();
    expect(() => new IsakmpPolicy(router, 'P', { group: 3 })).toThrow(
      /Stack\/R1\/P: group 3 is not a Diffie-Hellman group/,
    );
  });

  it('GIVEN an unknown transform WHEN the transform set is created THEN the error names the list index', () => {
    const { router } = newRouter();
    expect(() => new TransformSet(router, 'T', { name: 'TS', transforms: ['esp-aes 256', 'esp-rot13'] })).toThrow(
      /Stack\/R1\/T: transforms\[1\] "esp-rot13" is not a known transform/,
    );
  });

  it('GIVEN an extended ACL numbered 99 WHEN created THEN it is refused, and a bad ACL address names the rule property', () => {
    const { router } = newRouter();
    expect(() => new AccessList(router, 'A', { name: 99 })).toThrow(
      /Stack\/R1\/A: name 99 is not a valid number for this ACL type/,
    );
    const acl = new AccessList(router, 'B', { name: 'VPN' });
    expect(() => acl.addRule({ source: '10.0.0.0/8', destination: '10.1.1.0 0.0.0.300' })).toThrow(
      /Stack\/R1\/B: rule\.destination "10\.1\.1\.0 0\.0\.0\.300" is not an ACL address/,
    );
  });

  it('GIVEN a key mask length of 33 WHEN the IsakmpKey is created THEN the error names prefixLength', () => {
    const { router } = newRouter();
    expect(
      () =>
        new IsakmpKey(router, 'K', { address: '0.0.0.0', prefixLength: 33, key: PreSharedKey.fromEnv('UNUSED_VAR') }),
    ).toThrow('Stack/R1/K: prefixLength 33 is not a prefix length (0-32)');
  });

  it('GIVEN a key that is not a PreSharedKey WHEN an IsakmpKey is created THEN it is refused without echoing the value', () => {
    const { router } = newRouter();
    const secret = 'fake-Raw-String-Key-42';
    let message = '';
    try {
      new IsakmpKey(router, 'K', { address: '10.0.0.1', key: secret as never });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Stack\/R1\/K: key .*is not a PreSharedKey/);
    expect(message).not.toContain(secret);
  });
});

describe('cross-construct validation', () => {
  it('GIVEN two entries with the same sequence number WHEN validated THEN the map reports both paths', () => {
    const { router } = newRouter('ios-xe-17');
    new AccessList(router, 'Acl', { name: 'VPN', rules: [{ source: '10.0.0.0/24', destination: '10.1.0.0/24' }] });
    new TransformSet(router, 'Ts', { name: 'TS' });
    const map = new CryptoMap(router, 'Map', { name: 'VPN-MAP' });
    map.addEntry({ seq: 10, peers: ['192.0.2.1'], matchAddress: 'VPN', transformSets: ['TS'] });
    map.addEntry({ seq: 10, peers: ['192.0.2.2'], matchAddress: 'VPN', transformSets: ['TS'] });
    expect(validationMessages(router)).toContain(
      'Stack/R1/Map: crypto map VPN-MAP has two entries with sequence number 10 (Stack/R1/Map/Entry10 and Stack/R1/Map/Entry10-2)',
    );
  });

  it('GIVEN an entry without peer and without ACL WHEN validated THEN both are reported on the entry path', () => {
    const { router } = newRouter();
    new TransformSet(router, 'Ts', { name: 'TS' });
    const map = new CryptoMap(router, 'Map', { name: 'M' });
    map.addEntry({ seq: 20, transformSets: ['TS'] });
    const messages = validationMessages(router);
    expect(messages).toContain('Stack/R1/Map/Entry20: crypto map entry 20 has no peer (set peers or call addPeer)');
    expect(messages).toContain(
      'Stack/R1/Map/Entry20: crypto map entry 20 has no ACL (set matchAddress or call matchAccessList)',
    );
  });

  it('GIVEN an entry naming an ACL the router lacks WHEN validated THEN the dangling reference is reported', () => {
    const { router } = newRouter();
    new TransformSet(router, 'Ts', { name: 'TS' });
    new CryptoMap(router, 'Map', { name: 'M' }).addEntry({
      seq: 10,
      peers: ['192.0.2.1'],
      matchAddress: 'NOPE',
      transformSets: ['TS'],
    });
    expect(validationMessages(router)).toContain(
      'Stack/R1/Map: crypto map entry 10 matches access list NOPE, which this router does not define',
    );
  });

  it('GIVEN a derived key without peer hostname WHEN validated THEN the missing pair is reported', () => {
    const { router } = newRouter();
    new IsakmpKey(router, 'K', {
      address: '192.0.2.1',
      key: PreSharedKey.derivedFrom(MasterSecret.unsafePlainText('k7Qz-2pWm9-Xr4t-Lb8v-Nc3h')),
    });
    expect(validationMessages(router).join('\n')).toMatch(
      /Stack\/R1\/K: key is derived from a master secret but the pair is unknown/,
    );
  });
});
