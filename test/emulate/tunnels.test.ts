/**
 * The emulator and tunnel interfaces (docs/ios-semantics.md#tunnel-interfaces): a packet routed
 * into a tunnel is dropped as not modelled, never delivered as if the tunnel were a LAN.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { tunnelLab, type TunnelDesign } from '../verify/tunnel-labs.js';

function network(design: TunnelDesign): Network {
  const lab = tunnelLab(design);
  const files = Object.keys(lab).map((file) => ({ ...parseConfig(lab[file]!, { file }), file }));
  return Network.fromParsed(files, { configTexts: new Map(Object.entries(lab)) });
}

describe('GIVEN the hand-written static-VTI network emulated', () => {
  it('WHEN a spoke pings another spoke LAN THEN the echo goes through both VTIs and the hub and comes back', () => {
    const net = network('svti');
    const r = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(r.marks).toBe('!!!!!');
    expect(net.wanLog.length).toBeGreaterThan(0);
    expect(net.wanLog.every((p) => p.encrypted)).toBe(true);
  });
});

describe.each<TunnelDesign>(['gre', 'gre-protected', 'gre-ikev2'])(
  'GIVEN the hand-written %s network emulated',
  (design) => {
    it('WHEN a spoke pings another spoke LAN THEN the echo goes through both GRE tunnels and the hub, encrypted on every WAN crossing', () => {
      const net = network(design);
      const r = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
      expect(r.marks).toBe('!!!!!');
      expect(net.wanLog.length).toBeGreaterThan(0);
      expect(net.wanLog.every((p) => p.encrypted && p.proto === 50)).toBe(true);
      // The tunnels count what they carried: Spoke1's sends and receives, the hub's towards Spoke2 sends.
      const spoke = net.device('Spoke1').exec('show interfaces Tunnel1').output;
      expect(spoke).toContain('     5 packets input, 500 bytes');
      expect(spoke).toContain('     5 packets output, 500 bytes');
      expect(net.device('Hub').exec('show interfaces Tunnel2').output).toContain('     5 packets output, 500 bytes');
    });
  },
);

describe('GIVEN the GRE network whose crypto maps protect gre host lines (docs/ios-semantics.md#gre-over-ipsec)', () => {
  it('WHEN traffic crossed the tunnel THEN show crypto ipsec sa shows the GRE proxies as IOS prints them (protocol 47, host masks)', () => {
    const net = network('gre');
    net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1');
    const out = net.device('Spoke1').exec('show crypto ipsec sa').output;
    expect(out).toContain('local  ident (addr/mask/prot/port): (203.0.113.10/255.255.255.255/47/0)');
    expect(out).toContain('remote ident (addr/mask/prot/port): (198.51.100.2/255.255.255.255/47/0)');
    expect(out).toMatch(/#pkts encaps: 5, #pkts encrypt: 5/);
    // The transform set asks for transport mode and the proxies are the peers: IOS runs transport mode.
    expect(out).toContain('in use settings ={Transport, }');
    expect(out).toContain('plaintext mtu 1458, path mtu 1500');
  });

  it('WHEN the spoke WAN loses its crypto map THEN its GRE leaves in clear text (towards a gateway no device owns) and nothing arrives', () => {
    const lab = tunnelLab('gre');
    const text = lab['spoke1.cfg']!.replace(' crypto map CMAP\n', '');
    const files = Object.entries({ ...lab, 'spoke1.cfg': text }).map(([file, t]) => ({
      ...parseConfig(t, { file }),
      file,
    }));
    const net = Network.fromParsed(files);
    const r = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(r.marks).toBe('.....');
    expect(r.losses[0]).toMatchObject({ leg: 'request', device: 'Spoke1', reason: 'no-underlay-path' });
    expect(net.wanLog.some((p) => p.from.device === 'Spoke1' && p.encrypted)).toBe(false);
  });
});

describe('GIVEN the GRE network protected by tunnel protection (docs/ios-semantics.md#gre-over-ipsec)', () => {
  it('WHEN traffic crossed the tunnel THEN show crypto ipsec sa lists the tunnel under its head-0 map with the GRE proxies, transport mode and counters', () => {
    const net = network('gre-protected');
    net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1');
    const out = net.device('Spoke1').exec('show crypto ipsec sa').output;
    expect(out).toContain('interface: Tunnel1\n    Crypto map tag: Tunnel1-head-0, local addr 203.0.113.10\n');
    expect(out).toContain('local  ident (addr/mask/prot/port): (203.0.113.10/255.255.255.255/47/0)');
    expect(out).toContain('remote ident (addr/mask/prot/port): (198.51.100.2/255.255.255.255/47/0)');
    expect(out).toContain('in use settings ={Transport, }');
    expect(out).toMatch(/#pkts encaps: 5, #pkts encrypt: 5/);
    expect(out).toMatch(/#pkts decaps: 5, #pkts decrypt: 5/);
    // The hub holds one SA pair per spoke tunnel it carried traffic through, and the IKE SAs.
    const hub = net.device('Hub').exec('show crypto ipsec sa').output;
    expect(hub).toContain('interface: Tunnel2\n    Crypto map tag: Tunnel2-head-0, local addr 198.51.100.2\n');
    expect(hub).toMatch(/Tunnel3-head-0[\s\S]*#pkts encaps: 0, #pkts encrypt: 0/);
    expect(net.device('Hub').exec('show crypto isakmp sa').output).toMatch(
      /203\.0\.113\.20\s+198\.51\.100\.2\s+QM_IDLE/,
    );
  });

  it('WHEN debug crypto isakmp is on for the first echo THEN main mode is narrated once and the IKE SAs name the tunnels', () => {
    const net = network('gre-protected');
    const s1 = net.device('Spoke1');
    s1.exec('debug crypto isakmp');
    const first = s1.exec('ping 10.2.0.1 source 10.1.0.1').output;
    expect(first).toContain('beginning Main Mode exchange');
    expect(first).toContain('SA has been authenticated with 198.51.100.2');
    expect(s1.exec('ping 10.2.0.1 source 10.1.0.1').output).not.toContain('Main Mode');
    expect(s1.sadb.ike.map((s) => [s.remote, s.interface, s.initiator])).toEqual([['198.51.100.2', 'Tunnel1', true]]);
    const hub = net.device('Hub').sadb.ike.map((s) => [s.remote, s.interface]);
    expect(hub.sort()).toEqual([
      ['203.0.113.10', 'Tunnel1'],
      ['203.0.113.20', 'Tunnel2'],
    ]);
  });
});

describe('GIVEN the GRE network protected by tunnel protection with IKEv2 (docs/ios-semantics.md#gre-over-ipsec)', () => {
  it('WHEN traffic crossed the tunnel THEN an IKEv2 SA (no ISAKMP SA) carries one transport-mode SA pair with the GRE proxies', () => {
    const net = network('gre-ikev2');
    expect(net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!.marks).toBe('!!!!!');
    const spoke = net.device('Spoke1');
    expect(spoke.exec('show crypto ikev2 sa').output).toMatch(/203\.0\.113\.10\/500\s+198\.51\.100\.2\/500.*READY/);
    expect(spoke.exec('show crypto isakmp sa').output).not.toContain('198.51.100.2');
    const sa = spoke.exec('show crypto ipsec sa').output;
    expect(sa).toContain('remote ident (addr/mask/prot/port): (198.51.100.2/255.255.255.255/47/0)');
    expect(sa).toContain('in use settings ={Transport, }');
    expect(sa).toContain('PFS (Y/N): Y, DH group: group19');
  });

  it('WHEN the spoke offers another IKEv2 proposal THEN the tunnel does not come up and nothing crosses the WAN in clear', () => {
    const lab = tunnelLab('gre-ikev2');
    const broken: Record<string, string> = {
      ...lab,
      'spoke1.cfg': lab['spoke1.cfg']!.replace(' encryption aes-cbc-256', ' encryption aes-cbc-128'),
    };
    const files = Object.keys(broken).map((file) => ({ ...parseConfig(broken[file]!, { file }), file }));
    const net = Network.fromParsed(files);
    expect(net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!.marks).toBe('.....');
    expect(net.device('Spoke1').exec('show crypto ikev2 sa').output).not.toContain('READY');
    expect(net.wanLog.every((p) => p.encrypted || p.proto === 17)).toBe(true);
  });
});
