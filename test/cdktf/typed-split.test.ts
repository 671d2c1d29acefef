import { describe, expect, it } from 'vitest';
import { renderKeyring, renderPolicy, renderProfile, renderProposal } from '../../lib/render/ikev2-sections.js';
import { LineWriter } from '../../lib/render/line-writer.js';
import { fromTypedKeyring, fromTypedPolicy, fromTypedProfile, fromTypedProposal } from '../../lib/cdktf/ikev2-typed.js';
import { splitTypedIkev2, type TypedSection } from '../../lib/cdktf/typed-split.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from '../verify/ikev2-lab.js';
import { edit, proveLab, replaceLine, type Lab } from '../verify/labs.js';

const LAB = ikev2Lab();

/** The lines a typed resource configures, as hubspoke renders the IR its attributes describe. */
function linesOf(s: TypedSection): string[] {
  const out = new LineWriter();
  if (s.kind === 'proposal') renderProposal(out, fromTypedProposal(s.attributes));
  if (s.kind === 'policy') renderPolicy(out, fromTypedPolicy(s.attributes));
  if (s.kind === 'keyring') renderKeyring(out, fromTypedKeyring(s.attributes));
  if (s.kind === 'profile') renderProfile(out, fromTypedProfile(s.attributes));
  return out.finish().text.split('\n').slice(0, -1);
}

/** What the device ends up with: the typed sections' lines, then the `iosxe_cli` text. */
function deployed(text: string, file: string): string {
  const split = splitTypedIkev2(text, file);
  const [version, hostname, ...rest] = split.rest.split('\n');
  return [version, hostname, ...split.typed.flatMap(linesOf), ...rest].join('\n');
}

const kinds = (text: string, file: string) => splitTypedIkev2(text, file).typed.map((s) => `${s.kind}:${s.name}`);

describe('GIVEN the IKEv2 crypto-map lab (IOS-XE 17)', () => {
  it('WHEN a branch with asymmetric keys is split THEN its proposal, policy, keyring and profile are typed with the exact attributes, in apply order', () => {
    const split = splitTypedIkev2(LAB['branch-b.cfg']!, 'branch-b.cfg');
    expect(split.typed).toEqual([
      {
        kind: 'proposal',
        name: 'AES-GCM',
        attributes: { name: 'AES-GCM', encryption_aes_gcm_256: true, prf_sha384: true, group_nineteen: true },
        after: [],
      },
      {
        kind: 'policy',
        name: 'WAN',
        attributes: { name: 'WAN', proposals: [{ proposals: 'AES-GCM' }] },
        after: ['proposal:AES-GCM'],
      },
      {
        kind: 'keyring',
        name: 'HQ',
        attributes: {
          name: 'HQ',
          peers: [
            {
              name: 'HQ',
              ipv4_address: '198.51.100.2',
              pre_shared_key_local: KEY_B_UP,
              pre_shared_key_remote: KEY_B_DOWN,
            },
          ],
        },
        after: [],
      },
      {
        kind: 'profile',
        name: 'HQ',
        attributes: {
          name: 'HQ',
          match_identity_remote_ipv4_addresses: [{ address: '198.51.100.2', mask: '255.255.255.255' }],
          authentication_remote_pre_share: true,
          authentication_local_pre_share: true,
          keyring_local: 'HQ',
        },
        after: ['keyring:HQ'],
      },
    ]);
    expect(split.rest).not.toMatch(/crypto ikev2|pre-shared-key/);
    expect(split.rest).toContain(' set ikev2-profile HQ');
  });

  it('WHEN the hub is split THEN its two-group proposal, and the policy naming it, stay in the cli; keyring and profile (with dpd) are typed', () => {
    const split = splitTypedIkev2(LAB['hq.cfg']!, 'hq.cfg');
    expect(split.typed.map((s) => `${s.kind}:${s.name}`)).toEqual(['keyring:BRANCHES', 'profile:BRANCHES']);
    expect(split.typed[1]!.attributes).toMatchObject({ dpd_interval: 10, dpd_retry: 3, dpd_query: 'periodic' });
    expect(split.rest).toContain('crypto ikev2 proposal AES-GCM\n encryption aes-gcm-256\n prf sha384\n group 19 20\n');
    expect(split.rest).toContain('crypto ikev2 policy WAN\n match address local 198.51.100.2\n proposal AES-GCM\n');
    expect(split.rest).not.toContain('keyring BRANCHES\n peer');
  });

  it.each(Object.keys(LAB))(
    'WHEN %s is split THEN every line of the proven text is sent exactly once (typed or cli) and in the cli text in its order',
    (file) => {
      const text = LAB[file]!;
      const split = splitTypedIkev2(text, file);
      const sent = [...split.rest.split('\n'), ...split.typed.flatMap(linesOf)].sort();
      expect(sent).toEqual(text.split('\n').sort());
    },
  );

  it('WHEN the typed sections are deployed (rendered back from their attributes) with the cli rest THEN the network proves covered, and a wrong mapping would not', () => {
    const lab: Lab = Object.fromEntries(Object.entries(LAB).map(([f, t]) => [f, deployed(t, f)]));
    expect(lab['branch-b.cfg']).not.toEqual(LAB['branch-b.cfg']);
    const r = proveLab(lab);
    expect(r.pairs).toHaveLength(6);
    expect(r.pairs.every((p) => p.status === 'covered')).toBe(true);
    // The check has teeth: the same reassembly with the branch's local and remote keys swapped breaks it.
    const swapped = {
      ...lab,
      'branch-b.cfg': lab['branch-b.cfg']!.replace(KEY_B_UP, '@@SWAP@@')
        .replace(KEY_B_DOWN, KEY_B_UP)
        .replace('@@SWAP@@', KEY_B_DOWN),
    };
    expect(proveLab(swapped).pairs.some((p) => p.status !== 'covered')).toBe(true);
  });
});

describe('GIVEN IKEv2 sections the typed resources cannot carry exactly', () => {
  const branch = (from: string, to: string[]): string =>
    edit(LAB, 'branch-a.cfg', (t) => replaceLine(t, from, to))['branch-a.cfg']!;
  const ALL = ['proposal:AES-GCM', 'policy:WAN', 'keyring:HQ', 'profile:HQ'];

  it.each([
    [
      'a named fvrf (the VRF is created by the cli)',
      ' keyring local HQ',
      [' keyring local HQ', ' match fvrf BLUE'],
      ALL.slice(0, 3),
    ],
    [
      'an fqdn local identity',
      ' keyring local HQ',
      [' keyring local HQ', ' identity local fqdn a.example.net'],
      ALL.slice(0, 3),
    ],
    [
      'rsa-sig with a trustpoint',
      ' authentication local pre-share',
      [' authentication local rsa-sig', ' pki trustpoint TP'],
      ALL.slice(0, 3),
    ],
    [
      'two encryptions (order not kept by the booleans)',
      ' encryption aes-gcm-256',
      [' encryption aes-gcm-256 aes-gcm-128'],
      ALL.slice(2),
    ],
    [
      'two proposals in the policy',
      ' proposal AES-GCM',
      [' proposal AES-GCM', ' proposal default'],
      ['proposal:AES-GCM', ...ALL.slice(2)],
    ],
    ['DH group 5 (not in the resource)', ' group 19', [' group 5'], ALL.slice(2)],
    [
      'a type 6 key (keyring and the profile naming it)',
      `  pre-shared-key ${KEY_A}`,
      ['  pre-shared-key 6 AbCdEf123'],
      ALL.slice(0, 2),
    ],
    [
      'an fqdn peer identity',
      '  address 198.51.100.2',
      ['  address 198.51.100.2', '  identity fqdn hq.example.net'],
      ALL.slice(0, 2),
    ],
    ['a line the IR does not model', ' prf sha384', [' prf sha384', ' some future-command'], ALL.slice(2)],
  ])('WHEN a branch has %s THEN that section (and what names it) stays in the cli', (_what, from, to, typed) => {
    const text = branch(from, to);
    expect(text).not.toEqual(LAB['branch-a.cfg']);
    expect(kinds(text, 'branch-a.cfg')).toEqual(typed);
    const split = splitTypedIkev2(text, 'branch-a.cfg');
    for (const l of to) expect(split.rest.split('\n')).toContain(l);
  });

  it('WHEN taking a typed block out would put a line after a sub-mode that claims it (IOS reads by mode) THEN the router goes through the cli alone', () => {
    const text = [
      'version 17.12',
      'crypto ikev2 keyring OTHER',
      ' peer X',
      '  address 192.0.2.50',
      '  pre-shared-key 6 AbCdEf123',
      'crypto ikev2 proposal P',
      ' encryption aes-cbc-256',
      ' integrity sha256',
      ' group 19',
      'hostname Branch',
      'end',
      '',
    ].join('\n');
    // Without the hostname line the proposal alone is typed: the fallback is the mode check's doing.
    expect(kinds(text.replace('hostname Branch\n', ''), 'x.cfg')).toEqual(['proposal:P']);
    expect(splitTypedIkev2(text, 'x.cfg')).toEqual({ typed: [], rest: text });
  });

  it('WHEN a proposal name is written twice THEN neither block is typed', () => {
    const text = LAB['branch-a.cfg']!.replace(
      'crypto ikev2 policy WAN',
      'crypto ikev2 proposal AES-GCM\n integrity sha256\ncrypto ikev2 policy WAN',
    );
    expect(kinds(text, 'branch-a.cfg')).toEqual(['keyring:HQ', 'profile:HQ']);
  });
});
