import { describe, expect, it } from 'vitest';
import { labNetwork, type LabEdits } from './lab.js';

const TO_HUB_LAN = 'ping 10.1.1.1 source 172.16.1.1';

/** The QM/MM state column of `show crypto isakmp sa`. */
function isakmpStates(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => l.trim().split(/\s+/)[2]!);
}

/** The flow blocks of `show crypto ipsec sa`, keyed by `local ident -> remote ident`. */
function flows(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of output.split(/\n(?=   local  ident)/).slice(1)) {
    const local = /local  ident \(addr\/mask\/prot\/port\): \((.+)\)/.exec(block)?.[1];
    const remote = /remote ident \(addr\/mask\/prot\/port\): \((.+)\)/.exec(block)?.[1];
    out.set(`${local} -> ${remote}`, block);
  }
  return out;
}

describe('every crypto ACL line as a flow in show crypto ipsec sa', () => {
  const TYPO: LabEdits = {
    'spoke1.cfg': [
      [
        'access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        'access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.11.0 0.0.0.255',
      ],
    ],
  };

  it('GIVEN no traffic yet WHEN shown THEN every permit line is a flow with zero counters and no SA', () => {
    const out = labNetwork().device('Hub').exec('show crypto ipsec sa').output;
    const f = flows(out);
    expect([...f.keys()]).toEqual([
      '10.1.1.0/255.255.255.0/0/0 -> 172.16.1.0/255.255.255.0/0/0',
      '192.168.1.0/255.255.255.0/0/0 -> 172.16.1.0/255.255.255.0/0/0',
      '10.1.1.0/255.255.255.0/0/0 -> 192.168.1.0/255.255.255.0/0/0',
      '172.16.1.0/255.255.255.0/0/0 -> 192.168.1.0/255.255.255.0/0/0',
    ]);
    // Each entry's own peer is shown before any SA exists.
    expect(f.get('10.1.1.0/255.255.255.0/0/0 -> 172.16.1.0/255.255.255.0/0/0')).toContain('current_peer: 10.1.2.1');
    expect(f.get('10.1.1.0/255.255.255.0/0/0 -> 192.168.1.0/255.255.255.0/0/0')).toContain('current_peer: 10.1.3.1');
    for (const block of f.values()) {
      expect(block).toContain('#pkts encaps: 0, #pkts encrypt: 0, #pkts digest 0');
      expect(block).toContain('current outbound spi: 0\n');
      expect(block).not.toContain('spi: 0x');
    }
  });

  it("GIVEN a typo'd network in a spoke's crypto ACL WHEN both hub LANs are pinged THEN the typo'd line shows zero counters next to the working one", () => {
    const net = labNetwork('two-spokes', TYPO);
    const spoke = net.device('Spoke1');
    expect(spoke.exec(TO_HUB_LAN).ping?.successRate).toBe(100);
    spoke.exec('ping 192.168.1.1 source 172.16.1.1');
    const f = flows(spoke.exec('show crypto ipsec sa').output);
    expect([...f.keys()]).toEqual([
      '172.16.1.0/255.255.255.0/0/0 -> 10.1.1.0/255.255.255.0/0/0',
      '172.16.1.0/255.255.255.0/0/0 -> 192.168.11.0/255.255.255.0/0/0',
    ]);
    const working = f.get('172.16.1.0/255.255.255.0/0/0 -> 10.1.1.0/255.255.255.0/0/0')!;
    expect(working).toContain('#pkts encaps: 5, #pkts encrypt: 5, #pkts digest 5');
    expect(working).toMatch(/current outbound spi: [0-9A-F]{8}/);
    const typo = f.get('172.16.1.0/255.255.255.0/0/0 -> 192.168.11.0/255.255.255.0/0/0')!;
    expect(typo).toContain('#pkts encaps: 0, #pkts encrypt: 0, #pkts digest 0');
    expect(typo).toContain('#pkts decaps: 0, #pkts decrypt: 0, #pkts verify 0');
    expect(typo).toContain('current outbound spi: 0\n');
    expect(typo).toMatch(/inbound esp sas:\n\n     inbound ah sas:/);
  });

  it('GIVEN the typo fixed WHEN both hub LANs are pinged THEN both flows count packets and IKE is QM_IDLE', () => {
    const net = labNetwork();
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB_LAN);
    spoke.exec('ping 192.168.1.1 source 172.16.1.1');
    const f = flows(spoke.exec('show crypto ipsec sa').output);
    expect([...f.keys()]).toEqual([
      '172.16.1.0/255.255.255.0/0/0 -> 10.1.1.0/255.255.255.0/0/0',
      '172.16.1.0/255.255.255.0/0/0 -> 192.168.1.0/255.255.255.0/0/0',
    ]);
    for (const block of f.values()) expect(block).toContain('#pkts encaps: 5,');
    expect(isakmpStates(spoke.exec('show crypto isakmp sa').output)).toEqual(['QM_IDLE']);
  });
});
