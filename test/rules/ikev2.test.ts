import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { ikev2PolicyFor, negotiateSaInit, proposalIntersection } from '../../lib/rules/ikev2.js';
import { authenticateIkev2, ikev2IdentityMatches } from '../../lib/rules/ikev2-auth.js';
import { ikev2Exchange } from '../../lib/rules/ikev2-exchange.js';
import type { CryptoMapEntry, RouterConfig } from '../../lib/ir/router-config.js';

const I_ADDR = '192.0.2.1';
const R_ADDR = '198.51.100.1';
const SECRET = 'Fake-Ikev2-Secret-0123';
const OTHER = 'Other-Ikev2-Secret-9876';

const cfg = (name: 'I' | 'R', lines: string[], version = '17.12'): RouterConfig =>
  parseConfig(
    [
      `version ${version}`,
      `hostname ${name}`,
      'interface GigabitEthernet1',
      ` ip address ${name === 'I' ? I_ADDR : R_ADDR} 255.255.255.0`,
      ...lines,
      'end',
    ].join('\n'),
    { file: `${name}.cfg` },
  ).config;

const entry = (profile = 'PROF'): CryptoMapEntry => ({
  seq: 10,
  type: 'ipsec-isakmp',
  peers: [R_ADDR],
  transformSets: [],
  extraLines: [],
  ikev2Profile: profile,
});

/** A keyring with one peer and a profile matching `remote`, as a hub or spoke would write it. */
function side(peer: string, keyLines: string[], extra: string[] = []): string[] {
  return [
    'crypto ikev2 keyring KR',
    ' peer P',
    `  address ${peer}`,
    ...keyLines.map((k) => `  ${k}`),
    'crypto ikev2 profile PROF',
    ` match identity remote address ${peer} 255.255.255.255`,
    ' authentication remote pre-share',
    ' authentication local pre-share',
    ' keyring local KR',
    ...extra,
  ];
}

describe('GIVEN IKEv2 smart defaults', () => {
  it('WHEN nothing is configured THEN IOS 15 and IOS-XE 17 offer their release default proposal and agree with each other', () => {
    const i = cfg('I', [], '15.4');
    const r = cfg('R', []);
    const p15 = ikev2PolicyFor(i, I_ADDR);
    // 17.12 refuses group 5 (FN72510), so only 19, 14 and 21 stay.
    const pxe = ikev2PolicyFor(r, R_ADDR);
    expect(p15.kind === 'policy' && p15.proposals[0]!.groups).toEqual([5, 2]);
    expect(pxe.kind === 'policy' && pxe.proposals[0]!.groups).toEqual([19, 14, 21]);
    const sa = negotiateSaInit(i, I_ADDR, r, R_ADDR);
    // 17.11+ drops group 5, so the two defaults share nothing but AES-CBC-256/SHA512: and no group.
    expect(sa.ok).toBe(false);
    const old = negotiateSaInit(i, I_ADDR, cfg('R', ['crypto engine compliance shield disable']), R_ADDR);
    expect(old.ok && old.suite).toEqual({ encryption: 'aes-cbc-256', integrity: 'sha512', prf: 'sha512', group: 5 });
  });

  it('WHEN the default proposal or policy is removed THEN that side has nothing to offer', () => {
    const off = cfg('I', ['no crypto ikev2 proposal default']);
    expect(negotiateSaInit(off, I_ADDR, cfg('R', []), R_ADDR)).toMatchObject({
      ok: false,
      reason: 'no-proposal-initiator',
    });
    const noPolicy = cfg('R', ['no crypto ikev2 policy default']);
    expect(negotiateSaInit(cfg('I', []), I_ADDR, noPolicy, R_ADDR)).toMatchObject({
      ok: false,
      reason: 'no-proposal-responder',
    });
  });

  it('WHEN the platform is IOS 12.2 THEN IKEv2 is unsupported', () => {
    expect(negotiateSaInit(cfg('I', [], '12.2'), I_ADDR, cfg('R', []), R_ADDR)).toMatchObject({
      ok: false,
      reason: 'ikev2-unsupported',
    });
  });
});

describe('GIVEN configured proposals and policies', () => {
  const prop = (name: string, lines: string[]) => [`crypto ikev2 proposal ${name}`, ...lines.map((l) => ` ${l}`)];
  it('WHEN a proposal is not named by a policy THEN the default policy is used', () => {
    const i = cfg('I', prop('P', ['encryption aes-gcm-256', 'prf sha384', 'group 20']));
    const c = ikev2PolicyFor(i, I_ADDR);
    expect(c.kind === 'policy' && c.proposals.map((p) => p.name)).toEqual(['default']);
  });

  it('WHEN policies match by local address THEN the matching one is used and an unmatched address falls back to the default', () => {
    const i = cfg('I', [
      ...prop('P', ['encryption aes-gcm-256', 'prf sha384', 'group 20']),
      'crypto ikev2 policy POL',
      ` match address local ${I_ADDR}`,
      ' proposal P',
    ]);
    const c = ikev2PolicyFor(i, I_ADDR);
    expect(c.kind === 'policy' && c.proposals.map((p) => p.name)).toEqual(['P']);
    const other = ikev2PolicyFor(i, '10.9.9.9');
    expect(other.kind === 'policy' && other.proposals.map((p) => p.name)).toEqual(['default']);
  });

  it('WHEN two policies match one address with different proposals THEN the choice is ambiguous (and the first with resolve first)', () => {
    const i = cfg('I', [
      ...prop('A', ['encryption aes-cbc-256', 'integrity sha256', 'group 19']),
      ...prop('B', ['encryption aes-cbc-128', 'integrity sha256', 'group 14']),
      'crypto ikev2 policy PA',
      ' proposal A',
      'crypto ikev2 policy PB',
      ' proposal B',
    ]);
    expect(ikev2PolicyFor(i, I_ADDR).kind).toBe('ambiguous');
    const first = ikev2PolicyFor(i, I_ADDR, 'first');
    expect(first.kind === 'policy' && first.policy?.name).toBe('PA');
  });

  it('WHEN proposals intersect THEN AEAD needs no integrity on both sides and every transform type must meet', () => {
    const gcm = { encryption: ['aes-gcm-256'], integrity: [], prf: ['sha384'], groups: [20] };
    expect(proposalIntersection(gcm, gcm)).toEqual({ encryption: 'aes-gcm-256', prf: 'sha384', group: 20 });
    const cbc = { encryption: ['aes-cbc-256'], integrity: ['sha256'], prf: ['sha256'], groups: [19, 20] };
    expect(proposalIntersection({ ...cbc, groups: [14] }, cbc)).toBeUndefined();
    expect(proposalIntersection({ ...cbc, integrity: ['sha1'], prf: ['sha1'] }, cbc)).toBeUndefined();
    expect(proposalIntersection({ ...cbc, groups: [20, 19] }, cbc)).toEqual({
      encryption: 'aes-cbc-256',
      integrity: 'sha256',
      prf: 'sha256',
      group: 19,
    });
  });
});

describe('GIVEN IKEv2 profiles and keyrings', () => {
  const run = (i: RouterConfig, r: RouterConfig, resolve: 'every' | 'first' = 'every') =>
    authenticateIkev2({ config: i, address: I_ADDR, entry: entry() }, { config: r, address: R_ADDR }, { resolve });

  it('WHEN both sides share a key THEN IKE_AUTH succeeds, binding each side to its profile with address identities', () => {
    const out = run(
      cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`])),
      cfg('R', side(I_ADDR, [`pre-shared-key ${SECRET}`])),
    );
    expect(out).toMatchObject({ kind: 'ok', initiatorProfile: { name: 'PROF' }, responderProfile: { name: 'PROF' } });
    expect(out.kind === 'ok' && out.initiatorIdentity).toEqual({ kind: 'address', address: I_ADDR });
  });

  it('WHEN asymmetric keys agree crosswise THEN IKE_AUTH succeeds; WHEN one direction differs THEN it is an asymmetric mismatch that never carries the secret', () => {
    const i = cfg('I', side(R_ADDR, [`pre-shared-key local ${SECRET}`, `pre-shared-key remote ${OTHER}`]));
    const good = cfg('R', side(I_ADDR, [`pre-shared-key local ${OTHER}`, `pre-shared-key remote ${SECRET}`]));
    expect(run(i, good).kind).toBe('ok');
    const bad = cfg('R', side(I_ADDR, [`pre-shared-key local ${SECRET}`, `pre-shared-key remote ${SECRET}`]));
    const out = run(i, bad);
    expect(out).toMatchObject({ kind: 'key-mismatch', signer: 'responder', asymmetric: true });
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(JSON.stringify(out)).not.toContain(OTHER);
  });

  it('WHEN one key differs both ways THEN it is a symmetric mismatch found on the initiator AUTH', () => {
    const out = run(
      cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`])),
      cfg('R', side(I_ADDR, [`pre-shared-key ${OTHER}`])),
    );
    expect(out).toMatchObject({ kind: 'key-mismatch', signer: 'initiator', asymmetric: false });
  });

  it('WHEN the responder keyring has no peer for the initiator THEN the responder misses its verify key', () => {
    const out = run(
      cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`])),
      cfg('R', [
        ...side('203.0.113.99', [`pre-shared-key ${SECRET}`]),
        ` match identity remote address ${I_ADDR} 255.255.255.255`,
      ]),
    );
    expect(out).toMatchObject({ kind: 'no-key', side: 'responder', use: 'verify', keyring: 'KR' });
  });

  it('WHEN no responder profile matches the initiator identity THEN no profile is selected', () => {
    const i = cfg('I', [...side(R_ADDR, [`pre-shared-key ${SECRET}`]), ' identity local fqdn spoke.example.net']);
    const r = cfg('R', side(I_ADDR, [`pre-shared-key ${SECRET}`]));
    expect(run(i, r)).toMatchObject({
      kind: 'no-profile-match',
      identity: { kind: 'fqdn', value: 'spoke.example.net' },
    });
    const byDomain = cfg('R', [
      ...side(I_ADDR, [`pre-shared-key ${SECRET}`]),
      ' match identity remote fqdn domain example.net',
    ]);
    expect(run(i, byDomain).kind).toBe('ok');
  });

  it('WHEN the responder accepts only certificates THEN the method is refused by the responder', () => {
    const r = cfg(
      'R',
      side(I_ADDR, [`pre-shared-key ${SECRET}`]).map((l) =>
        l === ' authentication remote pre-share' ? ' authentication remote rsa-sig' : l,
      ),
    );
    expect(run(cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`])), r)).toMatchObject({
      kind: 'method-mismatch',
      side: 'responder',
      method: 'pre-share',
      accepted: ['rsa-sig'],
    });
  });

  it('WHEN two responder profiles match THEN the proof cannot decide and the emulator takes the first', () => {
    const r = cfg('R', [
      ...side(I_ADDR, [`pre-shared-key ${SECRET}`]),
      'crypto ikev2 profile TWO',
      ` match identity remote address ${I_ADDR} 255.255.255.0`,
      ' authentication remote pre-share',
      ' authentication local pre-share',
      ' keyring local KR',
    ]);
    const i = cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`]));
    expect(run(i, r)).toMatchObject({ kind: 'ambiguous', reason: 'profile-tie' });
    expect(run(i, r, 'first')).toMatchObject({ kind: 'ok', responderProfile: { name: 'PROF' } });
  });

  it('WHEN the responder identity is outside the initiator profile matches THEN the result is undecided', () => {
    const i = cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`]));
    const r = cfg('R', [...side(I_ADDR, [`pre-shared-key ${SECRET}`]), ' identity local fqdn hub.example.net']);
    expect(run(i, r)).toMatchObject({ kind: 'ambiguous', reason: 'initiator-identity-check' });
  });

  it('WHEN the entry names a missing profile THEN the exchange stops at IKE_AUTH with undefined-profile', () => {
    const i = cfg('I', side(R_ADDR, [`pre-shared-key ${SECRET}`]));
    const x = ikev2Exchange(i, I_ADDR, cfg('R', side(I_ADDR, [`pre-shared-key ${SECRET}`])), R_ADDR, entry('NOPE'));
    expect(x).toMatchObject({ step: 'auth-failed', auth: { kind: 'undefined-profile', name: 'NOPE' } });
  });

  it('WHEN identities are matched THEN address prefixes, fqdn and email domains follow the profile lines', () => {
    expect(
      ikev2IdentityMatches(
        { kind: 'address', address: '10.0.0.0', prefixLength: 8 },
        { kind: 'address', address: '10.2.3.4' },
      ),
    ).toBe(true);
    expect(
      ikev2IdentityMatches(
        { kind: 'fqdn', value: 'Example.net', domain: true },
        { kind: 'fqdn', value: 'a.example.NET' },
      ),
    ).toBe(true);
    expect(
      ikev2IdentityMatches(
        { kind: 'fqdn', value: 'example.net', domain: false },
        { kind: 'fqdn', value: 'a.example.net' },
      ),
    ).toBe(false);
    expect(
      ikev2IdentityMatches(
        { kind: 'email', value: 'example.net', domain: true },
        { kind: 'email', value: 'vpn@example.net' },
      ),
    ).toBe(true);
  });
});
