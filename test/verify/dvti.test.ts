/**
 * Dynamic VTI hubs (docs/ios-semantics.md#dynamic-vti): the hub's IKEv2 profile names a virtual
 * template, each spoke's static VTI gets a virtual-access cloned from it. The proof negotiates the
 * spoke's SA through the template, names the hub's template defects, and routes what arrives by the
 * hub's own table, which has no route over a virtual-access unless a mechanism it does not model
 * (IKEv2 routing, a routing protocol) is configured.
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine } from './labs.js';
import { DVTI_DEFECTS, dvtiLab, tunnelLab } from './tunnel-labs.js';

const lab = dvtiLab();

describe('GIVEN three static-VTI spokes and a hub answering them with a virtual template', () => {
  it('WHEN proven THEN the SAs come up and the only fault is the hub sending the replies to the underlay', () => {
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 0, broken: 12, unverified: 0 });
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.device])).toEqual([['UNDERLAY_LEAK', 'Hub']]);
    expect(errors[0]!.message).toMatch(/no route leads over a virtual-access of its dynamic VTI/);
    expect(r.findings.filter((f) => f.code === 'NOT_MODELLED')).toEqual([]);
  });

  it('WHEN the hub learns its routes by IKEv2 authorization THEN the pairs are unverified, never broken by the leak', () => {
    const aaa = edit(lab, 'hub.cfg', (t) =>
      replaceLine(t, ' virtual-template 1', [' aaa authorization group psk list FLEX SPOKES', ' virtual-template 1']),
    );
    const r = proveLab(aaa);
    expect(r.summary).toMatchObject({ covered: 0, broken: 0, unverified: 12, errors: 0 });
    expect(r.findings.some((f) => f.code === 'NOT_MODELLED' && /aaa authorization/.test(f.message))).toBe(true);
    const hub = r.findings.find((f) => f.code === 'NOT_MODELLED' && /by its modelled routes/.test(f.message))!;
    expect(hub.message).toMatch(/route it over a virtual-access of its dynamic VTI instead is not modelled/);
  });

  for (const d of DVTI_DEFECTS) {
    it(`WHEN ${d.name} THEN ${d.code} on ${d.device}`, () => {
      const r = proveLab(d.fix(lab));
      const f = r.findings.find((x) => x.code === d.code);
      expect(f, JSON.stringify(r.findings.map((x) => [x.code, x.device, x.message]))).toBeDefined();
      expect(f!.device).toBe(d.device);
      if (d.line !== undefined) expect(lab['hub.cfg']!.split('\n')[f!.line - 1]).toBe(d.line);
      expect(f!.message).toMatch(d.message);
      expect(r.summary.covered).toBe(0);
      expect(r.findings.filter((x) => x.code === 'NOT_MODELLED')).toEqual([]);
    });
  }

  it('WHEN the template borrows no address THEN the spokes are unverified at the route into their tunnels', () => {
    const r = proveLab(edit(lab, 'hub.cfg', (t) => t.replace(' ip unnumbered Loopback0\n', '')));
    const f = r.findings.find((x) => x.device === 'Spoke1' && x.code === 'NOT_MODELLED')!;
    expect(f.message).toMatch(/virtual template is not `type tunnel` or has no `ip unnumbered` line/);
  });

  it("WHEN the template's IPsec profile names another IKEv2 profile THEN the choice is undocumented and not decided", () => {
    const r = proveLab(
      edit(lab, 'hub.cfg', (t) =>
        t
          .replace(
            'crypto ipsec profile VTI2',
            'crypto ikev2 profile OTHER\n match identity remote address 192.0.2.1 255.255.255.255\n authentication remote pre-share\n authentication local pre-share\n keyring local SPOKES\n!\ncrypto ipsec profile VTI2',
          )
          .replace(' set ikev2-profile SPOKES', ' set ikev2-profile OTHER'),
      ),
    );
    const f = r.findings.find((x) => x.device === 'Spoke1' && x.code === 'NOT_MODELLED')!;
    expect(f.message).toMatch(/another IKEv2 profile than its tunnel's IPsec profile names/);
  });
});

describe('GIVEN a hub template without PFS and spokes that set it (a dynamic VTI never initiates)', () => {
  const noPfs = (l: Record<string, string>) => edit(l, 'hub.cfg', (t) => t.replace(' set pfs group19\n', ''));

  it('WHEN proven THEN the spokes still come up: only their offer meets the hub, which accepts it', () => {
    const r = proveLab(noPfs(lab));
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.device])).toEqual([
      ['UNDERLAY_LEAK', 'Hub'],
    ]);
  });

  it('WHEN the same profiles protect static VTIs on both ends THEN the hub initiating fails at the first rekey', () => {
    const r = proveLab(noPfs(tunnelLab('svti-ikev2')));
    expect(r.findings.some((f) => f.code === 'PFS_MISMATCH')).toBe(true);
  });
});

describe('GIVEN a hub with a static VTI to a spoke whose IKEv2 profile also names a virtual template', () => {
  it('WHEN proven THEN that static VTI is not decided (which one IOS answers with is not documented)', () => {
    const svti = tunnelLab('svti-ikev2');
    const both = edit(svti, 'hub.cfg', (t) =>
      t
        .replace(' keyring local SPOKES\n', ' keyring local SPOKES\n virtual-template 1\n')
        .replace(
          'ip route 0.0.0.0',
          'interface Virtual-Template1 type tunnel\n ip unnumbered GigabitEthernet2\n tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n tunnel protection ipsec profile VTI2\n!\nip route 0.0.0.0',
        ),
    );
    expect(proveLab(svti).summary.covered).toBe(12);
    const r = proveLab(both);
    expect(r.summary.covered).toBe(0);
    expect(r.summary.broken).toBe(0);
    const f = r.findings.find((x) => x.code === 'NOT_MODELLED')!;
    expect(f.message).toMatch(/also names a virtual template, and whether IOS answers with a virtual-access/);
  });
});
