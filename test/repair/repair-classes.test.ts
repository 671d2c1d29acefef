/**
 * Repairs by class: never weaker crypto (a stronger spoke is not brought down to a legacy hub),
 * a NAT exemption in front of the NAT list, an entry capturing another spoke's traffic removed,
 * a typo with two equally close sites left to the operator, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { formatRepairJson, formatRepairText, planRepair } from '../../lib/repair/index.js';
import { network, topologyOf } from '../verify/differential-lab.js';
import { seedLab } from '../verify/labs.js';
import { inputsOf, proveFilled } from './helpers.js';

describe('GIVEN a spoke on IOS 15 with only a strong ISAKMP policy and a legacy 12.2 hub', () => {
  it('WHEN repaired THEN no policy is weakened: the finding is left as "would weaken"', () => {
    const lab = seedLab('three-spokes');
    lab['spoke1.cfg'] = lab['spoke1.cfg']!.replace('version 12.2', 'version 15.1').replace(
      ' hash md5\n',
      ' encryption aes 256\n hash sha256\n group 14\n',
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    expect(plan.actions.filter((a) => a.kind === 'add-isakmp-policy')).toEqual([]);
    expect(plan.unrepaired.find((u) => u.code === 'IKE_NO_POLICY_MATCH')?.reason).toBe('would-weaken');
    expect(formatRepairText(plan)).toContain('would weaken security');
  });

  it('WHEN the hub can take the stronger spoke policy THEN it is added to the hub, not the weaker one to the spoke', () => {
    const net = network(3, 'modern', 'none', 1, 2);
    // Hub and spokes 2 and 3 on SHA-1 (acceptable), spoke 1 on SHA-256 (recommended) only.
    for (const f of ['hub.cfg', 'spoke2.cfg', 'spoke3.cfg'])
      net.lab[f] = net.lab[f]!.replace(' hash sha256', ' hash sha');
    const plan = planRepair(inputsOf(net.lab));
    expect(plan.proven).toBe(true);
    expect(plan.actions).toMatchObject([{ device: 'Hub', kind: 'add-isakmp-policy' }]);
    expect(plan.actions[0]!.lines).toContain(' hash sha256');
    expect(proveFilled(plan).ok).toBe(true);
  });
});

describe('GIVEN a spoke translating its LAN to the internet without a VPN exemption', () => {
  it('WHEN repaired THEN deny lines for the VPN site pairs go in front of the NAT list and the plan proves', () => {
    const net = network(3, 'modern', 'nat-pat-no-exemption', 1, 2);
    const plan = planRepair(inputsOf(net.lab));
    expect(plan.proven).toBe(true);
    expect(plan.actions).toMatchObject([{ device: 'Spoke1', kind: 'add-nat-exemption', target: 'access-list 151' }]);
    expect(plan.actions[0]!.lines).toEqual([
      'deny ip 10.1.0.0 0.0.0.255 10.0.0.0 0.0.0.255',
      'deny ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255',
      'deny ip 10.1.0.0 0.0.0.255 10.3.0.0 0.0.0.255',
    ]);
    // On IOS-XE the lines go in with sequence numbers below the permit's.
    expect(formatRepairText(plan)).toMatch(/ 3 deny ip 10\.1\.0\.0 0\.0\.0\.255 10\.0\.0\.0 0\.0\.0\.255/);
  });
});

describe('GIVEN a hub entry in front of the others that captures another spoke traffic', () => {
  it('WHEN repaired THEN the capturing entry and its list are removed (no crypto map, no access-list)', () => {
    const net = network(3, 'modern', 'capture-entry', 1, 2);
    const plan = planRepair(inputsOf(net.lab));
    expect(plan.proven).toBe(true);
    expect(plan.actions).toMatchObject([{ device: 'Hub', code: 'WRONG_PEER', kind: 'remove-capturing-entry' }]);
    const text = formatRepairText(plan);
    expect(text).toContain('no crypto map VPN 5');
    expect(text).toContain('no access-list 199');
  });
});

describe('GIVEN a crypto ACL network as close to two sites of other devices', () => {
  it('WHEN repaired THEN the typo is left to the operator as ambiguous', () => {
    const net = network(3, 'modern', 'none', 1, 2);
    // 10.5.0.0 is one keystroke from 10.2.0.0 and from 10.3.0.0 (neither is Spoke1's own).
    net.lab['spoke1.cfg'] = net.lab['spoke1.cfg']!.replace(
      'access-list 110 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255',
      'access-list 110 permit ip 10.1.0.0 0.0.0.255 10.5.0.0 0.0.0.255',
    );
    const plan = planRepair(inputsOf(net.lab));
    expect(plan.actions.filter((a) => a.kind === 'correct-acl-network')).toEqual([]);
    if (!plan.proven) expect(plan.unrepaired.find((u) => u.code === 'UNKNOWN_NETWORK')?.reason).toBe('ambiguous');
  });
});

describe('GIVEN the same broken network twice', () => {
  it('WHEN repaired THEN the plan is byte-identical', () => {
    const net = network(4, 'legacy', 'missing-hub-line', 2, 3);
    const a = planRepair(inputsOf(net.lab));
    const b = planRepair(inputsOf(net.lab));
    expect(formatRepairJson(a)).toBe(formatRepairJson(b));
    expect(formatRepairText(a)).toBe(formatRepairText(b));
  });
});

describe('GIVEN a spoke WAN list that drops ESP, and a spoke LAN list that drops a site pair', () => {
  it('WHEN repaired THEN ESP from the hub is permitted in front of the WAN list; the LAN filter is left as a security policy', () => {
    const wan = planRepair(inputsOf(network(3, 'modern', 'acl-wan-no-esp', 1, 2).lab));
    expect(wan.proven).toBe(true);
    expect(wan.actions).toMatchObject([
      { device: 'Spoke1', kind: 'permit-tunnel-protocols', lines: ['permit esp host 198.51.100.1 host 198.51.100.11'] },
    ]);
    const lan = planRepair(inputsOf(network(3, 'modern', 'acl-lan-deny', 1, 2).lab));
    expect(lan.proven).toBe(false);
    expect(lan.actions).toEqual([]);
    expect(lan.unrepaired.map((u) => `${u.code} ${u.reason}`)).toEqual(['INTERFACE_ACL_BLOCKS security-filter']);
  });
});

describe('GIVEN a spoke whose breakout PAT has no VPN exemption, and a spoke behind NAT with NAT-T off', () => {
  it('WHEN repaired THEN a route-map deny entry matching the crypto ACL goes in front, and NAT-T is turned back on', () => {
    const breakout = network(3, 'modern', 'breakout-no-exemption', 1, 2);
    const plan = planRepair(inputsOf(breakout.lab), { topology: topologyOf(3, 'modern', 'breakout-no-exemption', 1) });
    expect(plan.proven).toBe(true);
    expect(plan.actions).toMatchObject([
      {
        device: 'Spoke1',
        kind: 'add-nat-exemption',
        lines: ['route-map INTERNET-BREAKOUT deny 10', ' match ip address 110'],
      },
    ]);
    // lib/plan does not plan route-maps: the repaired lines are printed as the commands.
    expect(formatRepairText(plan)).toContain('route-map INTERNET-BREAKOUT deny 10\n match ip address 110\nend');
    const natt = network(3, 'modern', 'behind-nat-natt-off', 1, 2);
    const topology = topologyOf(3, 'modern', 'behind-nat-natt-off', 1);
    const fixed = planRepair(inputsOf(natt.lab), { topology });
    expect(fixed.proven).toBe(true);
    expect(fixed.actions).toMatchObject([{ device: 'Spoke1', kind: 'enable-nat-traversal' }]);
    expect(formatRepairText(fixed)).toContain('\ncrypto ipsec nat-transparency udp-encapsulation\n');
    expect(proveFilled(fixed, { topology }).ok).toBe(true);
  });
});
