/**
 * `planRepair`: the reference lab's spoke-3 configs as published (spoke 3 added, with the edits the
 * document forgets and a typo) get the short plan an expert would type, and the plan proves; every
 * defect class of the differential lab gets a plan that proves once the keys are filled in, or a
 * precise reason per finding; never a plan that does not prove; keys never appear.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRepairJson, formatRepairText, planRepair } from '../../lib/repair/index.js';
import { DEFECTS, UNDECIDED } from '../verify/differential-defects.js';
import { network, topologyOf } from '../verify/differential-lab.js';
import { filledFiles, inputsOf, proveFilled } from './helpers.js';

const PUBLISHED = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'spoke3-as-published');

function published() {
  return readdirSync(PUBLISHED)
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(PUBLISHED, f), 'utf8') }));
}

describe('GIVEN the reference lab with spoke 3 added as published (missing mirror lines and routes, a typo)', () => {
  const plan = planRepair(published());

  it('WHEN repaired THEN the plan is proven and is exactly the missing lines, the corrected network and the missing routes', () => {
    expect(plan.proven).toBe(true);
    expect(plan.before.broken).toBe(6);
    expect(plan.after).toMatchObject({ pairs: 12, covered: 12, broken: 0, unverified: 0, errors: 0 });
    const actions = plan.actions.map((a) => `${a.device} ${a.kind} ${a.lines.join(' / ')}`).sort();
    expect(actions).toEqual([
      'Hub add-route ip route 172.16.2.0 255.255.255.0 Ethernet1',
      'Spoke1 add-acl-line permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255',
      'Spoke1 add-route ip route 172.16.2.0 255.255.255.0 Ethernet1',
      'Spoke2 add-acl-line permit ip 192.168.1.0 0.0.0.255 172.16.2.0 0.0.0.255',
      'Spoke3 correct-acl-network access-list 130 permit ip 172.16.2.0 0.0.0.255 10.1.1.0 0.0.0.255',
    ]);
    expect(plan.actions.find((a) => a.kind === 'correct-acl-network')?.replaces).toBe(
      'access-list 130 permit ip 172.168.2.0 0.0.0.255 10.1.1.0 0.0.0.255',
    );
  });

  it('WHEN printed THEN each device gets its commands (appends on 12.2 use the global form) and no key appears', () => {
    const text = formatRepairText(plan);
    expect(text).toContain('PROVEN repair: 12/12');
    expect(text).toContain('access-list 110 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255');
    expect(text).toContain('ip route 172.16.2.0 255.255.255.0 Ethernet1');
    expect(text).not.toContain('cisco123');
    expect(formatRepairJson(plan)).not.toContain('cisco123');
  });

  it('WHEN the repaired files are proven on their own THEN every pair is covered', () => {
    expect(proveFilled(plan).ok).toBe(true);
    expect(plan.files.filter((f) => f.changed).map((f) => f.hostname)).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3']);
  });
});

describe('GIVEN a proven network', () => {
  it('WHEN repaired THEN there is nothing to do', () => {
    const net = network(2, 'modern', 'none', 1, 2);
    const plan = planRepair(inputsOf(net.lab));
    expect(plan).toMatchObject({ proven: true, alreadyProven: true, actions: [], unrepaired: [] });
    expect(plan.changes.hasChanges).toBe(false);
  });
});

describe('GIVEN a spoke whose key differs from the hub', () => {
  it('WHEN repaired THEN the spoke gets a placeholder (never a key) and the plan proves once the operator types the hub key', () => {
    const net = network(3, 'modern', 'key', 2, 1);
    const plan = planRepair(inputsOf(net.lab));
    expect(plan.proven).toBe(true);
    expect(plan.actions).toMatchObject([{ device: 'Spoke2', kind: 'replace-key-placeholder', placeholder: true }]);
    const printed = formatRepairText(plan) + formatRepairJson(plan) + plan.files.map((f) => f.text).join('\n');
    for (const i of [0, 1, 2, 3]) expect(printed).not.toMatch(new RegExp(`Fake-Key|fake-wrong-key-${i}`));
    expect(formatRepairText(plan)).toContain('crypto isakmp key <key-for-198.51.100.1> address 198.51.100.1');
    expect(proveFilled(plan).ok).toBe(true);
  });
});

describe('GIVEN two overlapping sites (a design decision)', () => {
  it('WHEN repaired THEN nothing is offered and the finding says why', () => {
    const net = network(2, 'modern', 'none', 1, 2);
    const lab = {
      ...net.lab,
      'spoke2.cfg': net.lab['spoke2.cfg']!.replace(
        'ip address 10.2.0.1 255.255.255.0',
        'ip address 10.1.0.1 255.255.255.0',
      ),
    };
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(false);
    expect(plan.unrepaired.find((u) => u.code === 'OVERLAPPING_SITES')?.reason).toBe('design-decision');
    expect(formatRepairText(plan)).toContain('NO PROVEN REPAIR');
    expect(formatRepairText(plan)).toContain('design decision');
  });
});

describe('GIVEN every defect class of the differential lab, in both styles and ACL modes', () => {
  it('WHEN repaired THEN the plan proves with the keys filled in, or each remaining finding has a reason; never a plan that does not prove', () => {
    let proven = 0;
    let declined = 0;
    for (const style of ['legacy', 'modern'] as const) {
      for (const mode of ['exact', 'summarized'] as const) {
        for (const defect of DEFECTS) {
          const net = network(3, style, defect, 1, 2, mode);
          const options = defect === 'not-in-underlay' ? { topology: topologyOf(3, style, defect, 1) } : {};
          const plan = planRepair(inputsOf(net.lab), options);
          const label = `${style} ${mode} ${defect}`;
          if (plan.proven) {
            proven += plan.alreadyProven ? 0 : 1;
            expect(proveFilled(plan, options).ok, label).toBe(true);
            expect(plan.introduced, label).toEqual([]);
            expect(filledFiles(plan).length, label).toBe(plan.files.length);
          } else {
            declined += 1;
            expect(plan.uncovered.length + plan.introduced.length, label).toBeGreaterThan(0);
            expect(plan.unrepaired.length, label).toBeGreaterThan(0);
            for (const u of plan.unrepaired) expect(u.reason, `${label}: ${u.code}`).toBeTruthy();
          }
          if (UNDECIDED.has(defect)) expect(plan.proven, label).toBe(false);
        }
      }
    }
    // The classes the tool repairs (keys, policies, transforms, PFS, lifetimes, ACL lines, denies,
    // routes, maps, peers, undefined references) outnumber those it must leave to the operator.
    expect(proven).toBeGreaterThan(declined);
  });
});
