import { describe, expect, it } from 'vitest';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Ikev2Keyring } from '../../lib/constructs/ikev2-keyring.js';
import { Ikev2Profile } from '../../lib/constructs/ikev2-profile.js';
import { Ikev2Policy, Ikev2Proposal } from '../../lib/constructs/ikev2-proposal.js';
import { IpsecProfile } from '../../lib/constructs/ipsec-profile.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { renderConfig } from '../../lib/render/render-config.js';
import { parseConfig } from '../../lib/parse/parse-config.js';
import { newRouter, validationMessages } from './helpers.js';

const KEY = 'Ikev2-test-key-9d3f71c2ab';
const UP = 'Ikev2-up-key-0a8c55e1d7';

/** A router with one of each IKEv2 construct, named by a crypto map entry. */
function ikev2Router(platform: 'ios-xe-17' | 'ios-15' | 'ios-12.2' = 'ios-xe-17') {
  const { router, stack } = newRouter(platform);
  const proposal = new Ikev2Proposal(router, 'Proposal', { name: 'PROP', groups: [19, 20] });
  new Ikev2Policy(router, 'Policy', { name: 'POL', proposals: [proposal], matchAddressLocal: ['198.51.100.2'] });
  const keyring = new Ikev2Keyring(router, 'Keyring', { name: 'RING' });
  keyring.addPeer({ name: 'branch-a', address: '203.0.113.10', preSharedKey: PreSharedKey.unsafePlainText(KEY) });
  keyring.addPeer({
    name: 'branch-b',
    address: '203.0.113.16/29',
    identity: { fqdn: 'b.example.net' },
    localKey: PreSharedKey.unsafePlainText(KEY),
    remoteKey: PreSharedKey.unsafePlainText(UP),
  });
  const profile = new Ikev2Profile(router, 'Profile', {
    name: 'PROF',
    keyring,
    matchIdentities: [{ address: '203.0.113.10' }, { fqdn: 'example.net', domain: true }],
    dpd: { interval: 10, retry: 3 },
    lifetime: 3600,
  });
  const ts = new TransformSet(router, 'Ts', { name: 'TS', transforms: ['esp-gcm 256'] });
  new AccessList(router, 'Acl', { name: 'VPN' });
  const map = new CryptoMap(router, 'Map', { name: 'CMAP' });
  map.addEntry({ seq: 10, peers: ['203.0.113.10'], transformSets: ['TS'], matchAddress: 'VPN', ikev2Profile: profile });
  new IpsecProfile(router, 'IpsecProfile', { name: 'VTI', transformSets: [ts], ikev2Profile: profile });
  return { router, stack, profile, keyring };
}

describe('IKEv2 constructs', () => {
  it('render the IOS blocks, and the text parses back to the same IKEv2 IR', () => {
    const { router } = ikev2Router();
    const ir = router.toIr();
    const text = renderConfig(ir).text;
    expect(text).toContain(
      [
        'crypto ikev2 proposal PROP',
        ' encryption aes-cbc-256',
        ' integrity sha256',
        ' group 19 20',
        'crypto ikev2 policy POL',
        ' match address local 198.51.100.2',
        ' proposal PROP',
        'crypto ikev2 keyring RING',
        ' peer branch-a',
        '  address 203.0.113.10',
        `  pre-shared-key ${KEY}`,
        ' peer branch-b',
        '  address 203.0.113.16 255.255.255.248',
        '  identity fqdn b.example.net',
        `  pre-shared-key local ${KEY}`,
        `  pre-shared-key remote ${UP}`,
        'crypto ikev2 profile PROF',
        ' match identity remote address 203.0.113.10 255.255.255.255',
        ' match identity remote fqdn domain example.net',
        ' authentication remote pre-share',
        ' authentication local pre-share',
        ' keyring local RING',
        ' lifetime 3600',
        ' dpd 10 3 periodic',
      ].join('\n'),
    );
    expect(text).toContain(' set ikev2-profile PROF');
    expect(text).toMatch(/crypto ipsec profile VTI\n set transform-set TS\n set pfs group19\n set ikev2-profile PROF/);
    const parsed = parseConfig(text, { file: 'R1.cfg' }).config;
    const strip = <T extends object>(xs: readonly T[] | undefined) =>
      JSON.parse(JSON.stringify(xs ?? [], (k, v: unknown) => (k === 'loc' || k === 'origin' ? undefined : v))) as T[];
    expect(strip(parsed.ikev2Proposals)).toEqual(strip(ir.ikev2Proposals));
    expect(strip(parsed.ikev2Policies)).toEqual(strip(ir.ikev2Policies));
    expect(strip(parsed.ikev2Keyrings)).toEqual(strip(ir.ikev2Keyrings));
    expect(strip(parsed.ikev2Profiles)).toEqual(strip(ir.ikev2Profiles));
    expect(parsed.cryptoMaps[0]!.entries[0]!.ikev2Profile).toBe('PROF');
  });

  it('are valid as built, and refused on IOS 12.2 (no IKEv2) with the construct path', () => {
    expect(validationMessages(ikev2Router().router)).toEqual([]);
    const messages = validationMessages(ikev2Router('ios-12.2').router);
    expect(messages).toContain(
      'Stack/R1/Proposal: IKEv2 proposal PROP needs IKEv2, which ios-12.2 does not have (it came with IOS 15.1(1)T); use IKEv1 constructs or another platform',
    );
    expect(messages.filter((m) => m.includes('needs IKEv2')).map((m) => m.split(':')[0])).toEqual([
      'Stack/R1/Proposal',
      'Stack/R1/Policy',
      'Stack/R1/Keyring',
      'Stack/R1/Profile',
    ]);
  });

  it('name the property and value of a bad prop', () => {
    const { router } = newRouter();
    expect(() => new Ikev2Proposal(router, 'P', { name: 'P', encryption: ['aes-cbc-512' as never] })).toThrow(
      'Stack/R1/P: encryption[0] "aes-cbc-512" is not an IKEv2 encryption',
    );
    expect(() => new Ikev2Proposal(router, 'Q', { name: 'Q', groups: [] })).toThrow(
      'Stack/R1/Q: groups (value) is empty (give at least one group)',
    );
    expect(() => new Ikev2Profile(router, 'Pr', { name: 'Pr', lifetime: 60 })).toThrow(
      'Stack/R1/Pr: lifetime 60 is not a lifetime (120-86400 s)',
    );
    expect(
      () => new Ikev2Profile(router, 'Pr2', { name: 'Pr2', matchIdentities: [{ address: '10.0.0.1', fqdn: 'a.b' }] }),
    ).toThrow('Stack/R1/Pr2: matchIdentities[0] (value) needs exactly one of address, fqdn, email, keyId');
    const ring = new Ikev2Keyring(router, 'K', { name: 'K' });
    expect(() => ring.addPeer({ name: 'p', identity: { address: 'nope' } })).toThrow(
      'Stack/R1/K/Peer-p: identity.address "nope" is not an IPv4 address',
    );
  });

  it('report what IOS would not use, without printing a key', () => {
    const { router } = newRouter();
    new Ikev2Proposal(router, 'Mixed', { name: 'MIXED', encryption: ['aes-gcm-256', 'aes-cbc-256'] });
    new Ikev2Proposal(router, 'Gcm', { name: 'GCM', encryption: ['aes-gcm-256'], integrity: ['sha256'] });
    new Ikev2Policy(router, 'Policy', { name: 'POL', proposals: ['NOPE'] });
    const ring = new Ikev2Keyring(router, 'K', { name: 'K' });
    ring.addPeer({ name: 'lost', localKey: PreSharedKey.unsafePlainText(KEY) });
    new Ikev2Profile(router, 'NoMatch', { name: 'NOMATCH' });
    new Ikev2Profile(router, 'Dangling', { name: 'D', keyring: 'OTHER', matchIdentities: [{ keyId: 'x' }] });
    const messages = validationMessages(router);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Stack/R1/Mixed: IKEv2 proposal MIXED mixes AES-GCM with CBC ciphers; use one proposal for each',
        'Stack/R1/Gcm: IKEv2 proposal GCM has integrity algorithms with AES-GCM, which takes none',
        'Stack/R1/Policy: IKEv2 policy POL names proposal NOPE, which this router does not define',
        'Stack/R1/K/Peer-lost: IKEv2 keyring peer lost has neither address nor identity; no peer can find it',
        'Stack/R1/K/Peer-lost: IKEv2 keyring peer lost has no key for verifying (set preSharedKey, or localKey and remoteKey)',
        'Stack/R1/NoMatch: IKEv2 profile NOMATCH has no match identity remote; no responder would select it',
        'Stack/R1/NoMatch: IKEv2 profile NOMATCH authenticates with pre-share but has no keyring (set keyring)',
        'Stack/R1/Dangling: IKEv2 profile D names keyring OTHER, which this router does not define',
      ]),
    );
    expect(messages.join('\n')).not.toContain(KEY);
  });

  it('refuse legacy algorithms on IOS-XE unless opted in, as the IKEv1 policy does', () => {
    const { router } = newRouter('ios-xe-17');
    new Ikev2Proposal(router, 'Old', { name: 'OLD', encryption: ['3des'], integrity: ['md5'], groups: [2] });
    const refusal = validationMessages(router).find((m) => m.startsWith('Stack/R1: legacy crypto'));
    expect(refusal).toContain('Old (encryption "3des", integrity "md5", group "2")');
  });

  it('keep keys out of the IR with placeholder presentation, equal on both ends of a pair', () => {
    const { router } = newRouter();
    const ring = new Ikev2Keyring(router, 'K', { name: 'K' });
    ring.addPeer({
      name: 'hub',
      address: '198.51.100.2',
      preSharedKey: PreSharedKey.unsafePlainText(KEY),
      peerHostname: 'HUB',
      localAddress: '203.0.113.10',
    });
    const ir = router.toIr({ keyPresentation: 'placeholder' });
    const key = ir.ikev2Keyrings![0]!.peers[0]!.key!.key;
    expect(key).toMatch(/^HUBSPOKE-PSK-[0-9a-f]{16}$/);
    expect(JSON.stringify(ir)).not.toContain(KEY);
  });
});
