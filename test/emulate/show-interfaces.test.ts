/**
 * `show interfaces TunnelN` and `show ip interface brief` (docs/emulator.md#show-interfaces): the
 * line protocol is the routing rule's (docs/ios-semantics.md#tunnel-interfaces), the counters are
 * the packets the tunnel carried, the layout is the platform's.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { TUNNEL_DEFECTS, tunnelLab, type TunnelDesign } from '../verify/tunnel-labs.js';

function network(design: TunnelDesign, platform: Platform = 'ios-15', edit?: (file: string, text: string) => string) {
  const lab = tunnelLab(design);
  const files = Object.keys(lab).map((file) => {
    const text = edit ? edit(file, lab[file]!) : lab[file]!;
    return { ...parseConfig(text, { file, platform }), file };
  });
  return Network.fromParsed(files);
}

function defect(name: string) {
  const d = TUNNEL_DEFECTS.find((x) => x.name === name)!;
  return (file: string, text: string) => (file === d.file ? text.replace(d.from, d.to.join('\n')) : text);
}

describe('show interfaces TunnelN', () => {
  it('GIVEN a static VTI that carried 5 echoes WHEN shown on IOS 15 THEN up/up, IPSEC/IP, the profile, the transport MTU of its transform set, and 5 packets each way', () => {
    const net = network('svti');
    const spoke = net.device('Spoke1');
    expect(spoke.exec('ping 10.2.0.1 source 10.1.0.1').ping!.marks).toBe('!!!!!');
    const out = spoke.exec('show interfaces tunnel 1').output;
    expect(out.split('\n').slice(0, 4)).toEqual([
      'Tunnel1 is up, line protocol is up',
      '  Hardware is Tunnel',
      '  Description: to Hub',
      '  Internet address is 172.16.254.2/30',
    ]);
    expect(out).toContain('  Tunnel linestate evaluation up\n');
    expect(out).toContain('  Tunnel source 203.0.113.10 (GigabitEthernet0/0), destination 198.51.100.2\n');
    expect(out).toContain('  Tunnel protocol/transport IPSEC/IP\n  Tunnel TTL 255\n');
    // AES-256 with SHA-256: 20 + 8 + 16 (IV) + 15 (padding) + 2 + 16 (ICV) = 77 bytes.
    expect(out).toContain('  Tunnel transport MTU 1423 bytes\n');
    expect(out).toContain('  MTU 17863 bytes, BW 100 Kbit/sec, DLY 50000 usec,\n');
    expect(out).toContain('  Tunnel protection via IPSec (profile "VTI")\n');
    expect(out).toContain('     5 packets input, 500 bytes, 0 no buffer\n');
    expect(out).toContain('     5 packets output, 500 bytes, 0 underruns\n');
    expect(out).not.toContain('Last input never');
    // The hub's tunnels to both spokes carried the 5 echoes and the 5 replies, each counted once per tunnel.
    const hub = net.device('Hub');
    expect(hub.exec('show interfaces Tunnel1').output).toContain('     5 packets input, 500 bytes');
    expect(hub.exec('sh int tu2').output).toContain('     5 packets output, 500 bytes');
    expect(hub.exec('show interfaces Tunnel3').output).toContain('Last input never, output never, output hang never\n');
  });

  it('GIVEN a tunnel whose destination is routed through itself WHEN shown THEN up, line protocol down, in both commands', () => {
    const net = network('svti', 'ios-15', defect('tunnel down: destination routed through the tunnel'));
    const spoke = net.device('Spoke2');
    const out = spoke.exec('show interfaces tunnel 1').output;
    expect(out).toMatch(/^Tunnel1 is up, line protocol is down\n/);
    expect(out).toContain('  Tunnel linestate evaluation down\n');
    expect(spoke.exec('show ip interface brief').output).toContain(
      'Tunnel1                    172.16.254.6    YES NVRAM  up                    down\n',
    );
  });

  it('GIVEN a shut down tunnel WHEN shown THEN administratively down/down', () => {
    const net = network('svti', 'ios-xe-17', (file, text) =>
      file === 'spoke3.cfg'
        ? text.replace(' tunnel protection ipsec profile VTI', ' tunnel protection ipsec profile VTI\n shutdown')
        : text,
    );
    const spoke = net.device('Spoke3');
    expect(spoke.exec('show interfaces Tunnel1').output).toMatch(
      /^Tunnel1 is administratively down, line protocol is down\n/,
    );
    expect(spoke.exec('show ip interface brief').output).toMatch(
      /\nTunnel1 {20}172\.16\.254\.10 {3}YES NVRAM  administratively down down\n$/,
    );
  });

  it('GIVEN a GRE tunnel WHEN shown THEN GRE/IP with key and checksum lines, transport MTU 1476 on IOS 15 and the 12.x lines on IOS 12.2', () => {
    const modern = network('gre').device('Spoke1').exec('show interfaces tunnel 1').output;
    expect(modern).toContain(
      '  Tunnel protocol/transport GRE/IP\n    Key disabled, sequencing disabled\n    Checksumming of packets disabled\n  Tunnel TTL 255, Fast tunneling enabled\n  Tunnel transport MTU 1476 bytes\n',
    );
    expect(modern).toContain('  MTU 17916 bytes, BW 100 Kbit/sec, DLY 50000 usec,\n');
    expect(modern).not.toContain('Tunnel protection');
    const old = network('gre', 'ios-12.2').device('Spoke1').exec('show interfaces tunnel 1').output;
    expect(old).toContain('  MTU 1514 bytes, BW 9 Kbit, DLY 500000 usec,\n');
    expect(old).toContain('  Tunnel TTL 255\n  Fast tunneling enabled\n');
    expect(old).toContain('     Received 0 broadcasts, 0 runts, 0 giants, 0 throttles\n');
    expect(old).not.toContain('linestate');
    expect(old).not.toContain('unknown protocol drops');
  });

  it('GIVEN names that are no tunnel WHEN shown THEN an unknown one gets the caret, a physical one a clear message, none every tunnel', () => {
    const hub = network('svti').device('Hub');
    const bad = hub.exec('show interfaces Tunnel9');
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain("% Invalid input detected at '^' marker.");
    expect(hub.exec('show interfaces GigabitEthernet0/0').output).toBe('% The emulator shows tunnel interfaces only\n');
    const all = hub.exec('show interfaces').output;
    expect(all.match(/^Tunnel\d is up, line protocol is up$/gm)).toEqual([
      'Tunnel1 is up, line protocol is up',
      'Tunnel2 is up, line protocol is up',
      'Tunnel3 is up, line protocol is up',
    ]);
  });
});

describe('show ip interface brief', () => {
  it('GIVEN the VTI hub WHEN shown THEN every interface in configuration order with address, NVRAM, status and protocol', () => {
    const out = network('svti').device('Hub').exec('sh ip int brief').output;
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Interface                  IP-Address      OK? Method Status                Protocol');
    expect(lines[1]).toBe('GigabitEthernet0/0         198.51.100.2    YES NVRAM  up                    up');
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(
      network('svti')
        .device('Hub')
        .config.interfaces.map((i) => i.name),
    );
  });
});
