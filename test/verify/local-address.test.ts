/**
 * `crypto map M local-address IF` on hand-written networks (docs/ios-semantics.md
 * #crypto-local-address): the reference lab's hub sources IKE and ESP from Loopback0 and has two
 * uplinks carrying the map; the spokes peer with the loopback address. The proof and the emulator
 * take the IKE address from the same rule (`lib/rules/crypto-local-address.ts`).
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { codes, edit, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const LOOPBACK = '10.255.0.1';
const SPOKE_FILES = ['spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'] as const;

/**
 * The hub with Loopback0 as the IKE source and a second uplink (Ethernet2) that carries the map and
 * the route to Spoke3; every spoke peers with the loopback and routes it out of its WAN interface.
 */
function loopbackLab(opts: { readonly hubLines?: (t: string) => string; readonly spokeRoute?: boolean } = {}): Lab {
  let lab = edit(seedLab('three-spokes'), 'hub.cfg', (t) => {
    let out = replaceLine(t, 'interface Ethernet0', [
      'interface Loopback0',
      ` ip address ${LOOPBACK} 255.255.255.255`,
      '!',
      'interface Ethernet2',
      ' ip address 10.2.4.1 255.255.255.0',
      ' crypto map mymap',
      '!',
      'interface Ethernet0',
    ]);
    out = replaceLine(out, 'crypto map mymap 10 ipsec-isakmp', [
      'crypto map mymap local-address Loopback0',
      'crypto map mymap 10 ipsec-isakmp',
    ]);
    out = replaceLine(out, 'ip route 172.16.2.0 255.255.255.0 Ethernet1', [
      'ip route 172.16.2.0 255.255.255.0 Ethernet2',
      'ip route 10.1.5.0 255.255.255.0 Ethernet2',
    ]);
    return opts.hubLines ? opts.hubLines(out) : out;
  });
  for (const f of SPOKE_FILES) {
    lab = edit(lab, f, (t) => {
      let out = replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
        `crypto isakmp key cisco123 address ${LOOPBACK}`,
      ]);
      out = replaceLine(out, ' set peer 10.1.4.1', [` set peer ${LOOPBACK}`]);
      if (opts.spokeRoute !== false || f !== 'spoke2.cfg')
        out = replaceLine(out, 'ip route 10.1.0.0 255.255.0.0 Ethernet1', [
          'ip route 10.1.0.0 255.255.0.0 Ethernet1',
          `ip route ${LOOPBACK} 255.255.255.255 Ethernet1`,
        ]);
      return out;
    });
  }
  return lab;
}

const lineOf = (lab: Lab, file: string, text: string): number => lab[file]!.split('\n').indexOf(text) + 1;

function ping(lab: Lab, from: string, source: string, to: string): boolean {
  const net = Network.fromParsed(parseLab(lab));
  const r = net.device(from).exec(`ping ${to} source ${source}`).ping!;
  return r.received === r.sent;
}

describe('GIVEN a hub with two uplinks that sources IKE from Loopback0 (crypto map local-address)', () => {
  it('WHEN parsed THEN the map records the interface and nothing is reported NOT_MODELLED', () => {
    const [hub] = parseLab(loopbackLab());
    expect(hub!.config.cryptoMaps.find((m) => m.name === 'mymap')?.localAddress).toBe('Loopback0');
    expect(hub!.diagnostics.filter((d) => d.code === 'NOT_MODELLED')).toEqual([]);
  });

  it('WHEN proven THEN every pair is covered, and the emulator carries traffic over both uplinks', () => {
    const lab = loopbackLab();
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(ping(lab, 'Spoke1', '172.16.1.1', '10.1.1.1')).toBe(true);
    expect(ping(lab, 'Spoke3', '172.16.2.1', '10.1.1.1')).toBe(true);
    expect(ping(lab, 'Hub', '10.1.1.1', '192.168.1.1')).toBe(true);
    expect(ping(lab, 'Spoke1', '172.16.1.1', '172.16.2.1')).toBe(true);
  });

  it('WHEN the hub keeps the physical address as the peer of one spoke THEN that spoke is not answered from the loopback', () => {
    // The spoke names 10.1.4.1, but the hub speaks from 10.255.0.1: the spoke has no key for the
    // address IKE comes from, and the hub's main mode to the spoke fails.
    const lab = edit(loopbackLab(), 'spoke1.cfg', (t) =>
      replaceLine(t, ` set peer ${LOOPBACK}`, [' set peer 10.1.4.1']),
    );
    const r = proveLab(lab);
    expect(pair(r, 'Spoke1', 'Spoke2').status).not.toBe('covered');
    expect(ping(lab, 'Spoke1', '172.16.1.1', '10.1.1.1')).toBe(false);
  });

  it('WHEN a spoke has no route to the loopback THEN PEER_UNREACHABLE is pinned to that spoke and only its pairs break', () => {
    const lab = loopbackLab({ spokeRoute: false });
    const r = proveLab(lab);
    // Spoke2 initiating lacks the route (its entry); the hub initiating gets no answer back (its interface).
    const found = codes(pair(r, 'Spoke2', 'Spoke1'), 'PEER_UNREACHABLE');
    expect(found.map((p) => [p.device, p.line])).toEqual([
      ['Spoke2', lineOf(lab, 'spoke2.cfg', 'crypto map mymap 10 ipsec-isakmp')],
      ['Spoke2', lineOf(lab, 'spoke2.cfg', 'interface Ethernet1')],
    ]);
    expect(found.map((p) => p.message)).toEqual([
      expect.stringContaining(`Spoke2 has no route to ${LOOPBACK}`),
      expect.stringContaining(`Spoke2 has no route back to ${LOOPBACK}`),
    ]);
    expect(pair(r, 'Spoke1', 'Spoke3').status).toBe('covered');
    expect(ping(lab, 'Spoke2', '192.168.1.1', '10.1.1.1')).toBe(false);
    expect(ping(lab, 'Spoke1', '172.16.1.1', '172.16.2.1')).toBe(true);
  });

  it('WHEN Loopback0 has no address THEN no tunnel of the hub is proven and the emulator agrees', () => {
    const lab = loopbackLab({
      hubLines: (t) => replaceLine(t, ` ip address ${LOOPBACK} 255.255.255.255`, [' no ip address']),
    });
    const r = proveLab(lab);
    expect(r.ok).toBe(false);
    expect(pair(r, 'Spoke1', 'Spoke3').status).not.toBe('covered');
    expect(ping(lab, 'Spoke1', '172.16.1.1', '172.16.2.1')).toBe(false);
  });

  it('WHEN local-address names a missing interface THEN the hub has no IKE address and the hub pairs break', () => {
    const lab = loopbackLab({
      hubLines: (t) =>
        replaceLine(t, 'crypto map mymap local-address Loopback0', ['crypto map mymap local-address Loopback9']),
    });
    const r = proveLab(lab);
    // The hub's own entry cannot speak; the spoke's entry names an address no crypto map answers for.
    expect(codes(pair(r, 'Hub', 'Spoke1'), 'PEER_UNREACHABLE').map((p) => [p.device, p.line, p.message])).toEqual([
      [
        'Hub',
        lineOf(lab, 'hub.cfg', 'crypto map mymap 10 ipsec-isakmp'),
        expect.stringContaining('takes its IKE address from crypto map local-address Loopback9'),
      ],
      ['Hub', lineOf(lab, 'hub.cfg', 'interface Loopback0'), expect.stringContaining('not Loopback0')],
    ]);
    expect(ping(lab, 'Hub', '10.1.1.1', '172.16.1.1')).toBe(false);
  });
});
