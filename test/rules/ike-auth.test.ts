import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { authenticate, type AuthOutcome } from '../../lib/rules/ike-auth.js';
import { initiatorKeys, responderKeys } from '../../lib/rules/ike-keys.js';
import { identityMatches, profilesFor, sentIdentity } from '../../lib/rules/isakmp-identity.js';
import { deadPeerDetection } from '../../lib/rules/dpd.js';
import type { CryptoMapEntry, RouterConfig } from '../../lib/ir/router-config.js';

const I_ADDR = '192.0.2.1';
const R_ADDR = '198.51.100.1';
const cfg = (name: string, lines: string[]): RouterConfig =>
  parseConfig(
    [
      'version 15.4',
      `hostname ${name}`,
      'interface Ethernet1',
      ` ip address ${name === 'I' ? I_ADDR : R_ADDR} 255.255.255.0`,
      ...lines,
      'end',
    ].join('\n'),
    { file: `${name}.cfg` },
  ).config;
const entry = (profile?: string): CryptoMapEntry => ({
  seq: 10,
  type: 'ipsec-isakmp',
  peers: [R_ADDR],
  transformSets: [],
  extraLines: [],
  ...(profile ? { isakmpProfile: profile } : {}),
});

function auth(
  i: RouterConfig,
  r: RouterConfig,
  profile?: string,
  method: 'pre-share' | 'rsa-sig' | 'rsa-encr' = 'pre-share',
  resolve: 'every' | 'first' = 'every',
): AuthOutcome {
  return authenticate(
    {
      initiator: { config: i, address: I_ADDR, entry: entry(profile) },
      responder: { config: r, address: R_ADDR },
      method,
    },
    { resolve },
  );
}

const SECRET = 'Fake-Secret-0123456789';
const initiator = cfg('I', [`crypto isakmp key ${SECRET} address ${R_ADDR}`]);

describe('GIVEN keys in keyrings and global keys', () => {
  it('WHEN the responder looks up the initiator THEN the most specific match over every keyring and the global keys wins', () => {
    const r = cfg('R', [
      'crypto keyring WIDE',
      ` pre-shared-key address 192.0.2.0 255.255.255.0 key other-wide-key`,
      'crypto keyring HOST',
      ` pre-shared-key address ${I_ADDR} key ${SECRET}`,
      'crypto isakmp key global-wildcard-key address 0.0.0.0 0.0.0.0',
    ]);
    const found = responderKeys(r, R_ADDR, I_ADDR).candidates;
    expect(found.map((k) => [k.keyring?.name, k.prefixLength])).toEqual([['HOST', 32]]);
  });

  it('WHEN a keyring is bound to a VRF or to another local address THEN it is not searched', () => {
    const r = cfg('R', [
      'crypto keyring FVRF vrf INET',
      ` pre-shared-key address ${I_ADDR} key a-vrf-key`,
      'crypto keyring LOOP',
      ' local-address 10.9.9.9',
      ` pre-shared-key address ${I_ADDR} key a-loop-key`,
      'crypto keyring OWN',
      ' local-address Ethernet1',
      ` pre-shared-key address ${I_ADDR} key ${SECRET}`,
    ]);
    expect(responderKeys(r, R_ADDR, I_ADDR).candidates.map((k) => k.keyring?.name)).toEqual(['OWN']);
  });

  it('WHEN the initiator entry names a profile THEN only its keyrings are searched, and a profile without keyrings uses the global keys', () => {
    const i = cfg('I', [
      `crypto isakmp key global-key-0123456789 address ${R_ADDR}`,
      'crypto keyring KR',
      ` pre-shared-key address ${R_ADDR} key ring-key-0123456789`,
      'crypto isakmp profile WITH',
      ' keyring KR',
      ` match identity address ${R_ADDR}`,
      'crypto isakmp profile BARE',
      ` match identity address ${R_ADDR}`,
    ]);
    const with_ = i.isakmpProfiles!.find((p) => p.name === 'WITH');
    const bare = i.isakmpProfiles!.find((p) => p.name === 'BARE');
    expect(initiatorKeys(i, I_ADDR, R_ADDR, with_).candidates.map((k) => k.keyring?.name)).toEqual(['KR']);
    expect(initiatorKeys(i, I_ADDR, R_ADDR, bare).candidates.map((k) => k.keyring?.name)).toEqual([undefined]);
  });
});

describe('GIVEN main-mode authentication with pre-shared keys', () => {
  const profiled = (extra: string[] = []) =>
    cfg('R', [
      'crypto keyring SPOKES',
      ` pre-shared-key address ${I_ADDR} key ${SECRET}`,
      'crypto isakmp profile P',
      ' keyring SPOKES',
      ` match identity address ${I_ADDR} 255.255.255.255`,
      ...extra,
    ]);

  it('WHEN the responder key is in the profile the identity selects THEN psk, bound to that profile, and no secret in the outcome', () => {
    const o = auth(initiator, profiled());
    expect(o).toMatchObject({ kind: 'psk', responder: { name: 'P' }, responderKey: { keyring: { name: 'SPOKES' } } });
    expect(JSON.stringify(o)).not.toContain(SECRET);
  });

  it('WHEN the key came from a keyring the selected profile does not list THEN keyring-not-in-profile (Cisco 117259)', () => {
    const r = cfg('R', [
      'crypto keyring WIDE',
      ` pre-shared-key address 192.0.2.0 255.255.255.0 key ${SECRET}`,
      'crypto keyring HOST',
      ` pre-shared-key address ${I_ADDR} key ${SECRET}`,
      'crypto isakmp profile P',
      ' keyring WIDE',
      ' match identity address 192.0.2.0 255.255.255.0',
    ]);
    expect(auth(initiator, r)).toMatchObject({
      kind: 'keyring-not-in-profile',
      profile: { name: 'P' },
      responderKey: { keyring: { name: 'HOST' } },
    });
  });

  it('WHEN keys differ THEN key-mismatch comes before any profile question', () => {
    expect(auth(cfg('I', [`crypto isakmp key another-key-0123456 address ${R_ADDR}`]), profiled()).kind).toBe(
      'key-mismatch',
    );
  });

  it('WHEN two keyrings tie with different keys THEN ambiguous for the proof, the first keyring for the emulator', () => {
    const r = profiled(['crypto keyring LATER', ` pre-shared-key address ${I_ADDR} key stale-0123456789`]);
    expect(auth(initiator, r)).toMatchObject({
      kind: 'ambiguous',
      ambiguity: { reason: 'keyring-tie', side: 'responder' },
    });
    expect(auth(initiator, r, undefined, 'pre-share', 'first').kind).toBe('psk');
  });

  it('WHEN two profiles match the identity THEN ambiguous (profile-tie); the emulator takes the first', () => {
    const r = profiled([
      'crypto isakmp profile Q',
      ' keyring SPOKES',
      ' match identity address 192.0.2.0 255.255.255.0',
    ]);
    expect(auth(initiator, r)).toMatchObject({ kind: 'ambiguous', ambiguity: { reason: 'profile-tie' } });
    expect(auth(initiator, r, undefined, 'pre-share', 'first')).toMatchObject({
      kind: 'psk',
      responder: { name: 'P' },
    });
  });

  it('WHEN a keyring key is used but no profile matches the identity THEN ambiguous (not documented)', () => {
    const r = cfg('R', ['crypto keyring SPOKES', ` pre-shared-key address ${I_ADDR} key ${SECRET}`]);
    expect(auth(initiator, r)).toMatchObject({ kind: 'ambiguous', ambiguity: { reason: 'keyring-without-profile' } });
  });

  it('WHEN the entry names an undefined profile, or its profile lacks the key while other keys have it THEN ambiguous', () => {
    expect(auth(initiator, profiled(), 'NOPE')).toMatchObject({
      kind: 'ambiguous',
      ambiguity: { reason: 'undefined-profile', missingProfile: 'NOPE' },
    });
    const i = cfg('I', [
      `crypto isakmp key ${SECRET} address ${R_ADDR}`,
      'crypto keyring EMPTY',
      'crypto isakmp profile HUB',
      ' keyring EMPTY',
      ` match identity address ${R_ADDR}`,
    ]);
    expect(auth(i, profiled(), 'HUB')).toMatchObject({
      kind: 'ambiguous',
      ambiguity: { reason: 'profile-keyring-fallback' },
    });
  });

  it('WHEN neither side has a key THEN no-key-local names the profile searched; a responder without a key is no-key-remote with the profile its identity selects', () => {
    const i = cfg('I', [
      'crypto keyring EMPTY',
      'crypto isakmp profile HUB',
      ' keyring EMPTY',
      ` match identity address ${R_ADDR}`,
    ]);
    expect(auth(i, profiled(), 'HUB')).toMatchObject({
      kind: 'no-key-local',
      profile: { name: 'HUB' },
      searched: [{ name: 'EMPTY' }],
      searchedGlobal: false,
    });
    const r = cfg('R', [
      'crypto keyring SPOKES',
      'crypto isakmp profile P',
      ' keyring SPOKES',
      ` match identity address ${I_ADDR}`,
    ]);
    expect(auth(initiator, r)).toMatchObject({ kind: 'no-key-remote', profile: { name: 'P' } });
  });

  it('WHEN RSA encrypted nonces are agreed THEN ambiguous: their public keys are not modelled', () => {
    expect(auth(initiator, profiled(), undefined, 'rsa-encr')).toMatchObject({
      kind: 'ambiguous',
      ambiguity: { reason: 'rsa-encrypted-nonces' },
    });
  });
});

describe('GIVEN identities and profile matching', () => {
  it('WHEN crypto isakmp identity hostname is set THEN the FQDN (with ip domain name) is sent and matched by host and host domain', () => {
    const i = cfg('I', ['crypto isakmp identity hostname', 'ip domain name branch.example.net']);
    const id = sentIdentity(i, I_ADDR, undefined);
    expect(id).toEqual({ kind: 'fqdn', fqdn: 'I.branch.example.net' });
    expect(identityMatches({ kind: 'host', hostname: 'i.branch.example.net' }, id)).toBe('yes');
    expect(identityMatches({ kind: 'host-domain', domain: 'example.net' }, id)).toBe('yes');
    expect(identityMatches({ kind: 'host-domain', domain: 'h.example.net' }, id)).toBe('uncertain');
    expect(identityMatches({ kind: 'address', address: I_ADDR, prefixLength: 32 }, id)).toBe('no');
  });

  it('WHEN a profile sets self-identity THEN it wins over the global identity, and a profile without match lines is never selected', () => {
    const i = cfg('I', [
      'crypto isakmp identity hostname',
      'crypto isakmp profile P',
      ' self-identity address',
      ` match identity address ${R_ADDR}`,
      'crypto isakmp profile EMPTY',
    ]);
    expect(sentIdentity(i, I_ADDR, i.isakmpProfiles![0])).toEqual({ kind: 'address', address: I_ADDR });
    expect(profilesFor(i, { kind: 'address', address: R_ADDR }).matching.map((p) => p.name)).toEqual(['P']);
  });
});

describe('GIVEN certificate authentication', () => {
  const withTp = (name: string, extra: string[] = []) =>
    cfg(name, ['crypto pki trustpoint CA1', ' enrollment url http://192.0.2.80:80', ...extra]);

  it("WHEN both sides have trustpoints THEN certificate, naming them (a profile's ca trust-point narrows the list)", () => {
    const r = withTp('R', [
      'crypto pki trustpoint CA2',
      'crypto isakmp profile P',
      ' ca trust-point CA2',
      ` match identity address ${I_ADDR}`,
    ]);
    expect(auth(withTp('I'), r, undefined, 'rsa-sig')).toMatchObject({
      kind: 'certificate',
      initiatorTrustpoints: ['CA1'],
      responderTrustpoints: ['CA2'],
      responder: { name: 'P' },
    });
  });

  it('WHEN a side has no trustpoint THEN no-trustpoint on that side', () => {
    expect(auth(cfg('I', []), withTp('R'), undefined, 'rsa-sig')).toEqual({ kind: 'no-trustpoint', side: 'initiator' });
    expect(auth(withTp('I'), cfg('R', []), undefined, 'rsa-sig')).toEqual({ kind: 'no-trustpoint', side: 'responder' });
  });
});

describe('GIVEN dead peer detection', () => {
  it('WHEN set globally and in a profile THEN the profile overrides the interval and keeps the global mode; unset, DPD is off', () => {
    const c = cfg('R', [
      'crypto isakmp keepalive 10 3 periodic',
      'crypto isakmp profile P',
      ' keepalive 30 retry 5',
      ` match identity address ${I_ADDR}`,
    ]);
    expect(deadPeerDetection(c, undefined)).toEqual({ seconds: 10, retry: 3, mode: 'periodic', from: 'global' });
    expect(deadPeerDetection(c, 'P')).toEqual({ seconds: 30, retry: 5, mode: 'periodic', from: 'P' });
    expect(deadPeerDetection(cfg('R', ['crypto isakmp keepalive 20']), undefined)).toEqual({
      seconds: 20,
      retry: 2,
      mode: 'on-demand',
      from: 'global',
    });
    expect(deadPeerDetection(cfg('R', []), undefined)).toBeUndefined();
  });
});
