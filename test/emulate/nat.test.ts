import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const PAT = (acl: string[]) =>
  ({
    'spoke1.cfg': [
      [' ip address 172.16.1.1 255.255.255.0', ' ip address 172.16.1.1 255.255.255.0\n ip nat inside'],
      [' ip address 10.1.2.1 255.255.255.0', ' ip address 10.1.2.1 255.255.255.0\n ip nat outside'],
      [/\nend\s*$/, `\nip nat inside source list 101 interface Ethernet1 overload\n${acl.join('\n')}\nend\n`],
    ],
  }) as const;

describe('NAT in the emulator', () => {
  it('GIVEN PAT on a spoke without exemption WHEN the spoke pings the hub LAN from its LAN address THEN the echo is translated before the crypto map and crosses the WAN in clear text', () => {
    const net = labNetwork('two-spokes', PAT(['access-list 101 permit ip 172.16.1.0 0.0.0.255 any']));
    const out = net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1');
    expect(net.nothingInClear()).toBe(false);
    expect(net.wanLog.some((p) => !p.encrypted && p.src === '10.1.2.1' && p.dst === '10.1.1.1')).toBe(true);
    expect(out.ping!.traces[0]!.some((h) => h.detail.includes('NAT') && h.detail.includes('10.1.2.1'))).toBe(true);
  });

  it('GIVEN PAT with the VPN traffic denied in the NAT list WHEN a LAN host pings the hub LAN THEN it is encrypted untranslated and succeeds', () => {
    const net = labNetwork(
      'two-spokes',
      PAT([
        'access-list 101 deny ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        'access-list 101 permit ip 172.16.1.0 0.0.0.255 any',
      ]),
    );
    const r = net.ping({ from: 'Spoke1', source: '172.16.1.20', to: '10.1.1.20', asHost: true });
    expect(r.successRate).toBe(100);
    expect(net.nothingInClear()).toBe(true);
  });
});
