/**
 * Route-based VPNs in the proof (docs/ios-semantics.md#tunnel-interfaces): tunnel transport subnets
 * and endpoints are never sites, tunnel sources are WANs, the hub is found through tunnel
 * destinations, and a pair routed into a tunnel is unverified (NOT_MODELLED at the route), never a
 * confident error list.
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine } from './labs.js';
import { TUNNEL_DEFECTS, TUNNEL_DESIGNS, TUNNEL_SITES, tunnelLab } from './tunnel-labs.js';

const networks = (r: ReturnType<typeof proveLab>) => r.sites.map((s) => s.network).sort();

describe.each(TUNNEL_DESIGNS)('GIVEN the hand-written %s hub and three spokes', (design) => {
  const lab = tunnelLab(design);

  it('WHEN sites are inferred THEN only the four LANs are sites (no tunnel /30, no WAN) and the hub is the hub', () => {
    const r = proveLab(lab);
    expect(networks(r)).toEqual(TUNNEL_SITES);
    expect(r.devices.find((d) => d.hostname === 'Hub')?.role).toBe('hub');
    expect(r.devices.filter((d) => d.role === 'spoke').map((d) => d.hostname)).toEqual(['Spoke1', 'Spoke2', 'Spoke3']);
  });

  it('WHEN a spoke routes one LAN through the underlay instead THEN that pair is no longer called unverified by a tunnel', () => {
    const broken = edit(lab, 'spoke1.cfg', (t) =>
      replaceLine(t, 'ip route 10.0.0.0 255.0.0.0 Tunnel1', [
        'ip route 10.0.0.0 255.0.0.0 Tunnel1',
        'ip route 10.2.0.0 255.255.255.0 203.0.113.9',
      ]),
    );
    const r = proveLab(broken);
    const pair = r.pairs.find((p) => p.from === 'Spoke1' && p.toNetwork === '10.2.0.0/24')!;
    expect(pair.status).toBe('broken');
    expect(pair.problems.some((p) => p.severity === 'error')).toBe(true);
  });
});

describe.each(TUNNEL_DESIGNS)('GIVEN the correct %s network', (design) => {
  it('WHEN proven THEN every pair is covered: routed into the tunnels, encrypted, negotiated, re-routed at the hub, delivered', () => {
    const r = proveLab(tunnelLab(design));
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, broken: 0, unverified: 0, errors: 0 });
    expect(r.ok).toBe(true);
  });
});

describe('GIVEN the correct static-VTI network', () => {
  it('WHEN a profile the tunnel names is missing THEN the pairs through that tunnel are unverified, not covered', () => {
    const lab = edit(tunnelLab('svti'), 'spoke1.cfg', (t) =>
      t.replace('crypto ipsec profile VTI\n set transform-set TS\n', ''),
    );
    const r = proveLab(lab);
    expect(r.summary.covered).toBe(6);
    for (const p of r.pairs.filter((x) => x.from === 'Spoke1' || x.to === 'Spoke1'))
      expect(p.status).toBe('unverified');
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/the IPsec profile it names is not defined/);
  });
});

describe('GIVEN a crypto map and tunnel protection between the same two routers', () => {
  it('WHEN the crypto-map pair is proven THEN it is unverified: how IOS shares the SAs is not modelled', () => {
    const lab = edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' tunnel destination 198.51.100.2', [
        ' tunnel destination 198.51.100.2',
        ' tunnel protection ipsec profile P',
      ]).replace(
        'crypto map CMAP 10 ipsec-isakmp',
        'crypto ipsec profile P\n set transform-set TS\ncrypto map CMAP 10 ipsec-isakmp',
      ),
    );
    // The crypto maps now carry the LANs too, so that their pairs walk through the map.
    const withLans = edit(
      edit(lab, 'spoke1.cfg', (t) =>
        replaceLine(t, 'ip route 10.0.0.0 255.0.0.0 Tunnel1', ['ip route 10.10.0.0 255.255.255.0 203.0.113.9']).replace(
          ' permit gre host 203.0.113.10 host 198.51.100.2',
          ' permit gre host 203.0.113.10 host 198.51.100.2\n permit ip 10.1.0.0 0.0.0.255 10.10.0.0 0.0.0.255',
        ),
      ),
      'hub.cfg',
      (t) =>
        t
          .replace('ip route 10.1.0.0 255.255.255.0 Tunnel1', 'ip route 10.1.0.0 255.255.255.0 198.51.100.1')
          .replace(
            ' permit gre host 198.51.100.2 host 203.0.113.10',
            ' permit gre host 198.51.100.2 host 203.0.113.10\n permit ip 10.10.0.0 0.0.0.255 10.1.0.0 0.0.0.255',
          ),
    );
    const r = proveLab(withLans);
    const pair = r.pairs.find((p) => p.from === 'Spoke1' && p.toNetwork === '10.10.0.0/24')!;
    expect(pair.status).toBe('unverified');
    expect(pair.problems.map((p) => p.message).join('\n')).toMatch(
      /Tunnel1 of Spoke1 is protected towards 198\.51\.100\.2/,
    );
  });
});

describe.each(TUNNEL_DEFECTS)('GIVEN the $design network with a defect: $name', (defect) => {
  it("WHEN proven THEN the root cause is $code on $device, an error, and only that spoke's pairs break", () => {
    const lab = edit(tunnelLab(defect.design), defect.file, (t) => replaceLine(t, defect.from, [...defect.to]));
    const r = proveLab(lab);
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => [e.code, e.device])).toContainEqual([defect.code, defect.device]);
    const spoke = defect.breaks ?? defect.device;
    // Every error is the defect's: its codes, on the defect's device or (for a proxy the other end answers) the other end.
    for (const e of errors) {
      expect([defect.code, ...(defect.also ?? [])]).toContain(e.code);
      expect([defect.device, spoke, ...(defect.also ? ['Hub'] : [])]).toContain(e.device);
    }
    // The defect's spoke loses its pairs (some, for a route); the others stay covered.
    for (const p of r.pairs) {
      const involved = [p.from, p.to].includes(spoke);
      if (p.status === 'broken') expect(involved, `${p.from} -> ${p.to}: broken`).toBe(true);
      if (!defect.partial) expect(p.status, `${p.from} -> ${p.to}`).toBe(involved ? 'broken' : 'covered');
    }
  });
});

describe('GIVEN GRE over IPsec variants (docs/ios-semantics.md#gre-over-ipsec)', () => {
  const spoke1Pairs = (r: ReturnType<typeof proveLab>) =>
    r.pairs.filter((p) => p.from === 'Spoke1' || p.to === 'Spoke1');

  it('WHEN both ends protect the GRE with permit ip host lines (which cover GRE) THEN every pair is covered', () => {
    const lab = edit(
      edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
        t.replace(' permit gre host 203.0.113.10 host 198.51.100.2', ' permit ip host 203.0.113.10 host 198.51.100.2'),
      ),
      'hub.cfg',
      (t) =>
        t.replace(' permit gre host 198.51.100.2 host 203.0.113.10', ' permit ip host 198.51.100.2 host 203.0.113.10'),
    );
    expect(proveLab(lab).summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN the GRE lines use wildcards that mirror each other THEN every pair is covered', () => {
    const lab = edit(
      edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
        t.replace(
          ' permit gre host 203.0.113.10 host 198.51.100.2',
          ' permit gre host 203.0.113.10 198.51.100.0 0.0.0.7',
        ),
      ),
      'hub.cfg',
      (t) =>
        t.replace(
          ' permit gre host 198.51.100.2 host 203.0.113.10',
          ' permit gre 198.51.100.0 0.0.0.7 host 203.0.113.10',
        ),
    );
    expect(proveLab(lab).summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN a GRE tunnel protected by crypto maps has keepalives THEN the pairs stay covered (the replies cross the same maps)', () => {
    const lab = edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' tunnel destination 198.51.100.2', [' tunnel destination 198.51.100.2', ' keepalive 10 3']),
    );
    expect(proveLab(lab).summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN a GRE tunnel with tunnel protection has keepalives THEN its pairs are unverified (not supported together, Document ID 64565)', () => {
    const lab = edit(tunnelLab('gre-protected'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' tunnel destination 198.51.100.2', [' tunnel destination 198.51.100.2', ' keepalive 5 4']),
    );
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ covered: 6, unverified: 6, errors: 0 });
    for (const p of spoke1Pairs(r)) expect(p.status).toBe('unverified');
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/GRE keepalives, which Cisco does not support/);
  });

  it('WHEN one profile offers transport mode and the other tunnel mode THEN the pairs through that tunnel are unverified', () => {
    const lab = edit(tunnelLab('gre-protected'), 'spoke1.cfg', (t) => t.replace(' mode transport\n', ''));
    const r = proveLab(lab);
    for (const p of spoke1Pairs(r)) expect(p.status).toBe('unverified');
    expect(r.summary.covered).toBe(6);
  });

  it('WHEN one end of an IKEv2-protected GRE tunnel negotiates IKEv1 THEN the pairs through that tunnel are unverified', () => {
    const lab = edit(tunnelLab('gre-ikev2'), 'spoke1.cfg', (t) => t.replace(' set ikev2-profile HUB\n', ''));
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ covered: 6, unverified: 6, errors: 0 });
    for (const p of spoke1Pairs(r)) expect(p.status).toBe('unverified');
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/one IPsec profile sets an IKEv2 profile/);
  });

  it('WHEN an IKEv2-protected GRE tunnel offers a different IKEv2 proposal THEN the protected GRE tunnel is named, not a VTI', () => {
    const lab = edit(tunnelLab('gre-ikev2'), 'spoke1.cfg', (t) =>
      t.replace(' encryption aes-cbc-256', ' encryption aes-cbc-128'),
    );
    const r = proveLab(lab);
    const e = r.findings.find((f) => f.code === 'IKE_NO_POLICY_MATCH' && f.device === 'Spoke1')!;
    expect(e.message).toMatch(/the protected GRE tunnel between .* \(IKEv2; Tunnel1 of Spoke1\)/);
    expect(e.message).not.toMatch(/static VTI/);
  });

  it('WHEN a GRE tunnel has an access list of its own THEN its pairs are unverified, never covered', () => {
    const lab = edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' tunnel destination 198.51.100.2', [
        ' tunnel destination 198.51.100.2',
        ' ip access-group TUN-IN in',
      ]).replace(
        'ip access-list extended GRE-HUB',
        'ip access-list extended TUN-IN\n deny ip any any\nip access-list extended GRE-HUB',
      ),
    );
    const r = proveLab(lab);
    for (const p of spoke1Pairs(r)) expect(p.covered).toBe(false);
  });

  it('WHEN a spoke WAN list drops ESP THEN its pairs are broken by INTERFACE_ACL_BLOCKS (the GRE is encrypted, its ESP filtered)', () => {
    const lab = edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
      t
        .replace(' description INTERNET\n', ' description INTERNET\n ip access-group WAN-IN in\n')
        .replace('\nend', '\nip access-list extended WAN-IN\n permit udp any any eq isakmp\n deny ip any any\nend'),
    );
    const r = proveLab(lab);
    for (const p of spoke1Pairs(r)) expect(p.status).toBe('broken');
    expect(new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.code))).toEqual(
      new Set(['INTERFACE_ACL_BLOCKS']),
    );
  });

  it('WHEN a tunnel carries a crypto map of its own, or a spoke has NAT THEN the pairs through it are unverified', () => {
    const onTunnel = edit(tunnelLab('gre'), 'spoke2.cfg', (t) =>
      t.replace(' tunnel source GigabitEthernet0/0\n', ' tunnel source GigabitEthernet0/0\n crypto map CMAP\n'),
    );
    const nat = edit(tunnelLab('gre-protected'), 'spoke2.cfg', (t) =>
      t
        .replace(' description INTERNET\n', ' description INTERNET\n ip nat outside\n')
        .replace(' description LAN\n', ' description LAN\n ip nat inside\n')
        .replace(
          '\nend',
          '\naccess-list 1 permit 10.2.0.0 0.0.0.255\nip nat inside source list 1 interface GigabitEthernet0/0 overload\nend',
        ),
    );
    for (const [lab, why] of [
      [onTunnel, /a crypto map on the tunnel interface itself/],
      [nat, /NAT rules, which the GRE tunnel rules do not follow/],
    ] as const) {
      const r = proveLab(lab);
      for (const p of r.pairs.filter((x) => x.from === 'Spoke2' || x.to === 'Spoke2')) expect(p.covered).toBe(false);
      expect(r.summary.covered).toBe(6);
      expect(r.findings.map((f) => f.message).join('\n')).toMatch(why);
    }
  });

  it('WHEN a spoke sends its GRE in clear text THEN GRE_UNPROTECTED names the tunnel, the interface and the GRE addresses', () => {
    const lab = edit(tunnelLab('gre'), 'spoke2.cfg', (t) => replaceLine(t, ' crypto map CMAP', []));
    const f = proveLab(lab).findings.find((x) => x.code === 'GRE_UNPROTECTED')!;
    expect(f).toMatchObject({ device: 'Spoke2', severity: 'error' });
    expect(lab['spoke2.cfg']!.split('\n')[f.line - 1]).toBe('interface Tunnel1');
    expect(f.message).toMatch(
      /into Tunnel1 \(GRE\), whose GRE packets 203\.0\.113\.20 -> 198\.51\.100\.2 leave GigabitEthernet0\/0 in clear text/,
    );
  });
});
