/**
 * NO_SITE (docs/ios-semantics.md#sites): a VPN device whose inferred sites are all gone (its LAN
 * counted as WAN) is named by a warning instead of vanishing from the pairs silently.
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, seedLab, replaceLine } from './labs.js';
import { tunnelLab } from './tunnel-labs.js';

/** Spoke1 of the svti lab with its tunnel sourced from its LAN interface. */
const LAN_SOURCED = edit(tunnelLab('svti'), 'spoke1.cfg', (t) =>
  replaceLine(t, ' tunnel source GigabitEthernet0/0', [' tunnel source GigabitEthernet0/1']),
);
const noSites = (r: ReturnType<typeof proveLab>) => r.findings.filter((p) => p.code === 'NO_SITE');

describe('GIVEN a spoke whose tunnel is sourced from its LAN interface', () => {
  it('WHEN sites are inferred THEN its LAN is no site and NO_SITE names the spoke, the interface and why', () => {
    const r = proveLab(LAN_SOURCED);
    expect(r.sites.map((s) => s.device)).not.toContain('Spoke1');
    const [p, ...rest] = noSites(r);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: 'NO_SITE', severity: 'warning', device: 'Spoke1', file: 'spoke1.cfg' });
    expect(p!.line).toBe(LAN_SOURCED['spoke1.cfg']!.split('\n').indexOf('interface GigabitEthernet0/1') + 1);
    expect(p!.message).toContain('GigabitEthernet0/1 (it is the source of a tunnel)');
    expect(p!.message).toContain('no pair from or to Spoke1 is proven');
    expect(p!.hint).toContain('`sites` in topology.json');
  });

  it('WHEN its sites are declared or excluded THEN there is no NO_SITE', () => {
    expect(noSites(proveLab(LAN_SOURCED, { sites: ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24'] }))).toEqual([]);
    // Spoke2's LAN is left out on purpose: the user chose that, nothing was lost.
    expect(noSites(proveLab(tunnelLab('svti'), { exclude: ['Spoke2:GigabitEthernet0/1'] }))).toEqual([]);
  });
});

describe('GIVEN the reference labs', () => {
  it('WHEN they are proven THEN no device is reported without a site', () => {
    for (const lab of [seedLab('three-spokes'), tunnelLab('svti'), tunnelLab('gre-protected')])
      expect(noSites(proveLab(lab))).toEqual([]);
  });

  it('WHEN a device takes no part in the VPN and has no site THEN it is not reported', () => {
    const lab = {
      ...tunnelLab('svti'),
      'isp.cfg': 'hostname ISP\ninterface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.252\nend\n',
    };
    expect(noSites(proveLab(lab))).toEqual([]);
  });

  it('WHEN the hub has no LAN (a transit hub) THEN it is not reported and the spoke pairs are still proven', () => {
    const lab = edit(tunnelLab('svti'), 'hub.cfg', (t) =>
      replaceLine(t, ' ip address 10.10.0.1 255.255.255.0', [' shutdown']),
    );
    const r = proveLab(lab);
    expect(r.sites.map((s) => s.device)).not.toContain('Hub');
    expect(noSites(r)).toEqual([]);
    expect(r.summary).toMatchObject({ pairs: 6, covered: 6 });
  });
});
