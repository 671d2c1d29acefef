/**
 * Repairs of IKEv2 crypto-map networks and route-based (GRE / static VTI) networks, defect by defect:
 * a plan that proves on its own (placeholders filled as the operator would), or a precise reason.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRepairText, planRepair, type RepairPlan } from '../../lib/repair/index.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from '../verify/ikev2-lab.js';
import type { Lab } from '../verify/labs.js';
import { filledFiles, inputsOf, proveFilled } from './helpers.js';

function fixture(name: string): Lab {
  const dir = `test/fixtures/tunnels/${name}`;
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.cfg'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

function edit(lab: Lab, file: string, from: string | RegExp, to: string): Lab {
  const text = lab[file]!.replace(from, to);
  expect(text).not.toBe(lab[file]);
  return { ...lab, [file]: text };
}

/** The plan proves, and so does its network with the placeholders filled in, independently. */
function expectProven(plan: RepairPlan): void {
  expect(plan.unrepaired).toEqual([]);
  expect(plan.proven).toBe(true);
  expect(proveFilled(plan).ok).toBe(true);
}

const SECRETS = [KEY_A, KEY_B_UP, KEY_B_DOWN, 'Other-Kx-51c0e7'];

function expectNoKey(plan: RepairPlan): void {
  const text = formatRepairText(plan);
  for (const k of SECRETS) expect(text).not.toContain(k);
}

/** The plan is one IKE_NO_POLICY_MATCH repair on `device`: proposal `name` with `body`, added to policy WAN. */
function expectProposalAdded(plan: RepairPlan, device: string, name: string, body: string[]): void {
  expect(plan.actions).toMatchObject([
    {
      device,
      code: 'IKE_NO_POLICY_MATCH',
      kind: 'add-ikev2-proposal',
      target: 'crypto ikev2 policy WAN',
      lines: [`crypto ikev2 proposal ${name}`, ...body, 'crypto ikev2 policy WAN', ` proposal ${name}`],
    },
  ]);
}

describe('GIVEN an IKEv2 crypto-map network (hub keyring, one profile)', () => {
  it('WHEN the hub keyring has no peer for a spoke THEN a peer block with a placeholder key is added and proves', () => {
    const lab = edit(ikev2Lab(), 'hq.cfg', '  address 203.0.113.10\n', '  address 203.0.113.12\n');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      {
        device: 'HQ',
        code: 'PSK_MISSING',
        kind: 'add-key-placeholder',
        target: 'crypto ikev2 keyring BRANCHES',
        lines: [' peer BranchA-2', '  address 203.0.113.10', '  pre-shared-key <key-for-203.0.113.10>'],
        placeholder: true,
      },
    ]);
    // The filled-in network holds the key BranchA already has for the hub.
    expect(filledFiles(plan).find((f) => f.file === 'hq.cfg')!.text).toContain(`  pre-shared-key ${KEY_A}`);
    expectNoKey(plan);
  });

  it('WHEN the two ends hold different keys THEN the spoke re-enters its key as a placeholder and it proves', () => {
    const lab = edit(ikev2Lab(), 'branch-a.cfg', `pre-shared-key ${KEY_A}`, 'pre-shared-key Other-Kx-51c0e7');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      {
        device: 'BranchA',
        code: 'PSK_MISMATCH',
        kind: 'replace-key-placeholder',
        target: 'crypto ikev2 keyring HQ peer HQ',
      },
    ]);
    expectNoKey(plan);
  });

  it('WHEN the per-direction keys disagree THEN it says which key must equal which, and plans nothing', () => {
    const lab = edit(
      ikev2Lab(),
      'branch-b.cfg',
      `pre-shared-key local ${KEY_B_UP}`,
      `pre-shared-key local ${KEY_B_DOWN}`,
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    expect(plan.actions).toEqual([]);
    const u = plan.unrepaired.find((x) => x.code === 'PSK_ASYMMETRIC_MISMATCH')!;
    expect(u.reason).toBe('design-decision');
    expect(u.detail).toMatch(/BranchB's pre-shared-key local for HQ must equal HQ's pre-shared-key remote/);
    expectNoKey(plan);
  });

  it('WHEN the spoke proposal has another encryption THEN the spoke takes a proposal of the hub algorithms and it proves', () => {
    const lab = edit(ikev2Lab(), 'branch-a.cfg', 'encryption aes-gcm-256', 'encryption aes-cbc-256\n integrity sha256');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expectProposalAdded(plan, 'BranchA', 'AES-GCM-HQ', [' encryption aes-gcm-256', ' prf sha384', ' group 19 20']);
    // The spoke's own proposal stays first: it keeps preferring what it had.
    expect(filledFiles(plan).find((f) => f.file === 'branch-a.cfg')!.text).toMatch(
      /crypto ikev2 policy WAN\n proposal AES-GCM\n proposal AES-GCM-HQ\n/,
    );
    expectNoKey(plan);
  });

  it('WHEN the spoke offers a DH group the hub lacks THEN the spoke accepts the hub groups and it proves', () => {
    const lab = edit(ikev2Lab(), 'branch-a.cfg', ' group 19\n', ' group 21\n');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      { device: 'BranchA', kind: 'add-ikev2-proposal', lines: expect.arrayContaining([' group 19 20']) },
    ]);
  });

  it('WHEN the hub only has a weaker group THEN the stronger spoke proposal goes to the hub, never the weaker group to the spoke', () => {
    const lab = edit(ikev2Lab(), 'hq.cfg', ' group 19 20\n', ' group 14\n');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions.every((a) => a.device === 'HQ' && a.kind === 'add-ikev2-proposal')).toBe(true);
    expect(plan.actions.flatMap((a) => a.lines).filter((l) => /group/.test(l))).not.toContain(' group 14');
  });

  it('WHEN the spoke runs on the smart-default policy THEN the hub accepts its strong default algorithms, not group 14', () => {
    const lab = edit(ikev2Lab(), 'branch-a.cfg', 'crypto ikev2 policy WAN\n proposal AES-GCM\n', '');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expectProposalAdded(plan, 'HQ', 'default-BranchA', [
      ' encryption aes-cbc-256',
      ' integrity sha512 sha384',
      ' prf sha512 sha384',
      ' group 19 21',
    ]);
  });

  it('WHEN only a weaker algorithm on either side would give a common proposal THEN it is declined as would-weaken', () => {
    // BranchB on group 14 too: no proposal of its own lends HQ a stronger group.
    const weakHub = edit(
      edit(ikev2Lab(), 'hq.cfg', ' group 19 20\n', ' group 14\n'),
      'branch-b.cfg',
      ' group 19\n',
      ' group 14\n',
    );
    const lab = edit(weakHub, 'branch-a.cfg', 'encryption aes-gcm-256', 'encryption aes-gcm-128');
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    // BranchA would need group 14, HQ aes-gcm-128: each weaker than what that side accepts.
    expect(plan.actions).toEqual([]);
    expect(plan.unrepaired.find((x) => x.code === 'IKE_NO_POLICY_MATCH' && x.device === 'BranchA')).toMatchObject({
      reason: 'would-weaken',
      detail: expect.stringMatching(/needs an algorithm weaker than one side already accepts/),
    });
    expectNoKey(plan);
  });

  it('WHEN the hub profile matches the wrong identity THEN the finding is left as a design decision with why', () => {
    const lab = edit(
      ikev2Lab(),
      'hq.cfg',
      'match identity remote address 203.0.113.10 255.255.255.255',
      'match identity remote address 203.0.113.11 255.255.255.255',
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    expect(plan.unrepaired.find((x) => x.code === 'IKEV2_NO_PROFILE')).toMatchObject({
      reason: 'design-decision',
      detail: expect.stringMatching(/identity the peer sends or the responder profile's match identity remote/),
    });
  });
});

describe('GIVEN route-based networks (static VTI and GRE over IPsec)', () => {
  it('WHEN a spoke tunnel has the wrong destination THEN it is corrected to the hub tunnel source, one command', () => {
    const lab = edit(
      fixture('svti'),
      'spoke1.cfg',
      'tunnel destination 198.51.100.2',
      'tunnel destination 198.51.100.3',
    );
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      { device: 'Spoke1', code: 'TUNNEL_MISMATCH', kind: 'correct-tunnel-destination', target: 'interface Tunnel1' },
    ]);
    expect(plan.changes.routers.find((r) => r.hostname === 'Spoke1')!.steps.flatMap((s) => s.commands)).toEqual([
      'interface Tunnel1',
      ' tunnel destination 198.51.100.2',
      'exit',
    ]);
  });

  it('WHEN a spoke routes the sites through the underlay THEN the route goes into its tunnel, in place', () => {
    const lab = edit(
      fixture('svti'),
      'spoke1.cfg',
      'ip route 10.0.0.0 255.0.0.0 Tunnel1',
      'ip route 10.0.0.0 255.0.0.0 203.0.113.9',
    );
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      {
        device: 'Spoke1',
        code: 'UNDERLAY_LEAK',
        kind: 'correct-route',
        lines: ['ip route 10.0.0.0 255.0.0.0 Tunnel1'],
        replaces: 'ip route 10.0.0.0 255.0.0.0 203.0.113.9',
      },
    ]);
  });

  it('WHEN one end of a VTI lost its protection THEN it takes the far end profile back', () => {
    const lab = edit(fixture('svti'), 'spoke1.cfg', ' tunnel protection ipsec profile VTI\n', '');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([
      { device: 'Spoke1', kind: 'add-tunnel-protection', lines: [' tunnel protection ipsec profile VTI'] },
    ]);
  });

  it('WHEN the unprotected end has no IPsec profile of that name THEN protection is left to the operator, with why', () => {
    const lab = edit(
      edit(fixture('svti'), 'spoke1.cfg', ' tunnel protection ipsec profile VTI\n', ''),
      'spoke1.cfg',
      /crypto ipsec profile VTI\n set transform-set TS\n/,
      '',
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    expect(plan.unrepaired.find((u) => u.code === 'TUNNEL_MISMATCH')).toMatchObject({
      reason: 'design-decision',
      detail: 'Spoke1 defines no crypto ipsec profile VTI to protect Tunnel1 with',
    });
  });

  it('WHEN an IKEv2 VTI spoke offers another DH group THEN it accepts the hub proposal and it proves', () => {
    const lab = edit(fixture('svti-ikev2'), 'spoke1.cfg', ' group 19\n', ' group 20\n');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expectProposalAdded(plan, 'Spoke1', 'P-AES256-Hub', [
      ' encryption aes-cbc-256',
      ' integrity sha256',
      ' prf sha256',
      ' group 19',
    ]);
  });

  it('WHEN the hub of a GRE-over-crypto-map network lost its map THEN it is applied again', () => {
    const lab = edit(fixture('gre'), 'hub.cfg', /( crypto map \S+\n)/, '');
    const plan = planRepair(inputsOf(lab));
    expectProven(plan);
    expect(plan.actions).toMatchObject([{ device: 'Hub', kind: 'apply-crypto-map' }]);
  });
});
