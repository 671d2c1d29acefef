import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { planChanges, type PlanInput, type RouterPlan } from '../../lib/plan/index.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab');

/** The lab's configs, optionally edited (a fake key, another release). */
function lab(folder: string, edit: (text: string) => string = (t) => t): PlanInput[] {
  return readdirSync(join(LAB, folder))
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => {
      const file = `${folder}/${f}`;
      return { ...parseConfig(edit(readFileSync(join(LAB, folder, f), 'utf8')), { file }), file };
    });
}

function config(file: string, text: string): PlanInput {
  return { ...parseConfig(text, { file }), file };
}

const modern = (t: string): string => t.replace('version 12.2', 'version 15.7');

function commands(r: RouterPlan | undefined): string[] {
  return (r?.steps ?? []).flatMap((s) => s.commands);
}

function router(plan: ReturnType<typeof planChanges>, hostname: string): RouterPlan {
  const r = plan.routers.find((x) => x.hostname === hostname);
  expect(r, hostname).toBeDefined();
  return r!;
}

describe('planChanges', () => {
  it('GIVEN the same configs on both sides WHEN planned THEN every router is unchanged and there are no changes', () => {
    const plan = planChanges(lab('three-spokes'), lab('three-spokes'));
    expect(plan.hasChanges).toBe(false);
    expect(plan.routers.map((r) => r.change)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('GIVEN the lab grows from two to three spokes WHEN planned THEN the hub and both old spokes change and spoke 3 is new', () => {
    const plan = planChanges(lab('two-spokes'), lab('three-spokes'));
    expect(plan.routers.map((r) => [r.hostname, r.change])).toEqual([
      ['Hub', 'changed'],
      ['Spoke1', 'changed'],
      ['Spoke2', 'changed'],
      ['Spoke3', 'new'],
    ]);
    expect(plan.summary).toMatchObject({ changed: 3, new: 1, removed: 0, unchanged: 0 });
  });

  it('GIVEN a new spoke WHEN the hub plan is ordered THEN key, route and ACL come before the crypto map entry that uses them', () => {
    const hub = router(planChanges(lab('two-spokes', modern), lab('three-spokes', modern)), 'Hub');
    const cmds = commands(hub);
    const entry = cmds.indexOf('crypto map mymap 30 ipsec-isakmp');
    expect(entry).toBeGreaterThan(0);
    expect(cmds.findIndex((c) => c.startsWith('crypto isakmp key '))).toBeLessThan(entry);
    expect(cmds.indexOf('ip route 172.16.2.0 255.255.255.0 Ethernet1')).toBeLessThan(entry);
    expect(cmds.indexOf('access-list 130 permit ip 10.1.1.0 0.0.0.255 172.16.2.0 0.0.0.255')).toBeLessThan(entry);
    expect(cmds.slice(entry)).toEqual([
      'crypto map mymap 30 ipsec-isakmp',
      ' set peer 10.1.5.1',
      ' set transform-set myset',
      ' match address 130',
      'exit',
    ]);
  });

  it('GIVEN a modern release WHEN a line lands between two hub ACL lines THEN it gets a free sequence number in between', () => {
    const hub = router(planChanges(lab('two-spokes', modern), lab('three-spokes', modern)), 'Hub');
    const cmds = commands(hub);
    // Lab hub ACL 120 gains spoke 3's LAN between the hub LAN (10) and spoke 1's LAN (20).
    const at = cmds.indexOf('ip access-list extended 120');
    expect(cmds.slice(at, at + 3)).toEqual([
      'ip access-list extended 120',
      ' 15 permit ip 172.16.2.0 0.0.0.255 192.168.1.0 0.0.0.255',
      'exit',
    ]);
    expect(cmds.some((c) => c.startsWith('no access-list'))).toBe(false);
  });

  it('GIVEN a spoke removed WHEN planned THEN its hub entry goes before its ACL, key and route', () => {
    const plan = planChanges(lab('three-spokes', modern), lab('two-spokes', modern));
    expect(router(plan, 'Spoke3').change).toBe('removed');
    const cmds = commands(router(plan, 'Hub'));
    const entry = cmds.indexOf('no crypto map mymap 30');
    expect(entry).toBeGreaterThanOrEqual(0);
    expect(cmds.indexOf('no access-list 130')).toBeGreaterThan(entry);
    expect(cmds.findIndex((c) => c.startsWith('no crypto isakmp key '))).toBeGreaterThan(entry);
    expect(cmds.indexOf('no ip route 172.16.2.0 255.255.255.0 Ethernet1')).toBeGreaterThan(entry);
  });

  it('GIVEN IOS 12.2 WHEN an entry is added to an applied map THEN the plan warns that the map may have to be re-applied', () => {
    const hub = router(planChanges(lab('two-spokes'), lab('three-spokes')), 'Hub');
    const w = hub.warnings.find((x) => x.code === 'CRYPTO_MAP_NEW_ENTRY_12_2');
    expect(w?.message).toMatch(/re-applied/);
    expect(w?.message).toMatch(/Ethernet1/);
    const modernHub = router(planChanges(lab('two-spokes', modern), lab('three-spokes', modern)), 'Hub');
    expect(modernHub.warnings.map((x) => x.code)).not.toContain('CRYPTO_MAP_NEW_ENTRY_12_2');
  });

  const base = `version 15.7
hostname R1
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key fake-old-psk-0001 address 10.1.4.1
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
crypto map CM 10 ipsec-isakmp
 set peer 10.1.4.1
 set transform-set TS
 set pfs group14
 match address 110
interface GigabitEthernet1
 ip address 10.1.2.1 255.255.255.0
 crypto map CM
interface GigabitEthernet2
 ip address 172.16.1.1 255.255.255.0
ip route 10.1.0.0 255.255.0.0 GigabitEthernet1
access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255
access-list 120 permit ip 172.16.1.0 0.0.0.255 10.9.9.0 0.0.0.255
end
`;

  it('GIVEN an entry whose peer, PFS group and ACL change WHEN planned THEN only those lines are entered, in the entry, and SAs are flagged', () => {
    const changed = base
      .replace(' set peer 10.1.4.1', ' set peer 10.1.4.2')
      .replace(' set pfs group14', ' set pfs group19')
      .replace(' match address 110', ' match address 120');
    const r = router(planChanges([config('a/r1.cfg', base)], [config('b/r1.cfg', changed)]), 'R1');
    const step = r.steps.find((s) => s.element === 'crypto-map-entry')!;
    expect(step.phase).toBe('apply');
    expect(step.commands).toEqual([
      'crypto map CM 10 ipsec-isakmp',
      ' set peer 10.1.4.2',
      ' no set peer 10.1.4.1',
      ' set pfs group19',
      ' match address 120',
      'exit',
    ]);
    expect(r.warnings.map((w) => w.code)).toContain('SA_REFRESH');
    // ACL 110 is no longer referenced by anything in the new config but still exists there: kept.
    expect(commands(r).some((c) => c.includes('access-list 110'))).toBe(false);
  });

  it('GIVEN the map on the WAN interface changes WHEN planned THEN the new map is applied after its entries and the plan warns that tunnels clear', () => {
    const changed = base
      .replace('crypto map CM 10 ipsec-isakmp', 'crypto map CM2 10 ipsec-isakmp')
      .replace(' crypto map CM\n', ' crypto map CM2\n');
    const r = router(planChanges([config('a/r1.cfg', base)], [config('b/r1.cfg', changed)]), 'R1');
    const cmds = commands(r);
    const applied = cmds.indexOf(' crypto map CM2');
    expect(cmds.indexOf('crypto map CM2 10 ipsec-isakmp')).toBeLessThan(applied);
    expect(cmds[applied - 1]).toBe(' no crypto map CM');
    expect(cmds.indexOf('no crypto map CM 10')).toBeGreaterThan(applied);
    expect(r.warnings.map((w) => w.code)).toContain('CRYPTO_MAP_REAPPLY');
  });

  it('GIVEN a changed key WHEN planned THEN the step is marked secret and the warning does not contain the key', () => {
    const changed = base.replace('fake-old-psk-0001', 'fake-new-psk-0002');
    const r = router(planChanges([config('a/r1.cfg', base)], [config('b/r1.cfg', changed)]), 'R1');
    expect(r.steps).toEqual([
      expect.objectContaining({
        element: 'isakmp-key',
        action: 'change',
        secret: true,
        commands: ['crypto isakmp key fake-new-psk-0002 address 10.1.4.1'],
      }),
    ]);
    const w = r.warnings.find((x) => x.code === 'KEY_CHANGED');
    expect(w).toBeDefined();
    expect(JSON.stringify(r.warnings)).not.toMatch(/fake-(old|new)-psk/);
  });

  it('GIVEN policy, route and interface edits WHEN planned THEN each element gets its own minimal commands', () => {
    const changed = base
      .replace(' group 14', ' group 19')
      .replace('ip route 10.1.0.0 255.255.0.0 GigabitEthernet1', 'ip route 10.2.0.0 255.255.0.0 GigabitEthernet1')
      .replace(' ip address 172.16.1.1 255.255.255.0\n', ' ip address 172.16.1.1 255.255.255.0\n shutdown\n');
    const r = router(planChanges([config('a/r1.cfg', base)], [config('b/r1.cfg', changed)]), 'R1');
    expect(r.steps.map((s) => [s.phase, s.element, s.commands])).toEqual([
      ['prepare', 'interface', ['interface GigabitEthernet2', ' shutdown', 'exit']],
      ['prepare', 'route', ['ip route 10.2.0.0 255.255.0.0 GigabitEthernet1']],
      ['prepare', 'isakmp-policy', ['crypto isakmp policy 10', ' group 19', 'exit']],
      ['cleanup', 'route', ['no ip route 10.1.0.0 255.255.0.0 GigabitEthernet1']],
    ]);
  });

  it('GIVEN an interface brought up again WHEN planned THEN the plan says no shutdown once, in place of shutdown', () => {
    const down = base.replace(
      ' ip address 172.16.1.1 255.255.255.0\n',
      ' ip address 172.16.1.1 255.255.255.0\n shutdown\n',
    );
    const r = router(planChanges([config('a/r1.cfg', down)], [config('b/r1.cfg', base)]), 'R1');
    expect(r.steps.map((s) => [s.phase, s.element, s.commands])).toEqual([
      ['prepare', 'interface', ['interface GigabitEthernet2', ' no shutdown', 'exit']],
    ]);
  });

  it('GIVEN a hostname twice in one set WHEN planned THEN it throws naming both files', () => {
    expect(() => planChanges([config('a/1.cfg', base), config('a/2.cfg', base)], [])).toThrow(
      /R1.*a\/1\.cfg.*a\/2\.cfg/,
    );
  });
});
