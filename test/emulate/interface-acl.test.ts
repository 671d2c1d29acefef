import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const LAN_LIST = {
  'spoke1.cfg': [
    [' ip address 172.16.1.1 255.255.255.0', ' ip address 172.16.1.1 255.255.255.0\n ip access-group 150 in'],
    [
      /\nend\s*$/,
      '\naccess-list 150 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255\naccess-list 150 permit ip any any\nend\n',
    ],
  ],
} as const;

describe('interface access lists in the emulator', () => {
  it('GIVEN a spoke LAN list that drops traffic to spoke 2 WHEN a host on the LAN pings spoke 2 THEN every echo is lost at the spoke, and nothing crosses the WAN', () => {
    const net = labNetwork('two-spokes', LAN_LIST);
    const r = net.ping({ from: 'Spoke1', source: '172.16.1.20', to: '192.168.1.1', asHost: true });
    expect(r.marks).toBe('.....');
    expect(r.losses.every((l) => l.leg === 'request' && l.device === 'Spoke1' && l.reason === 'acl-denied')).toBe(true);
    expect(net.wanLog).toEqual([]);
    expect(r.traces[0]!.some((h) => h.detail.includes('denied by ip access-group 150 in on Ethernet0 (line 1)'))).toBe(
      true,
    );
  });

  it('GIVEN the same list WHEN the router itself pings from its LAN address THEN it succeeds: IOS does not filter what the router originates', () => {
    const net = labNetwork('two-spokes', LAN_LIST);
    const out = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1');
    expect(out.ping!.successRate).toBe(100);
  });

  it('GIVEN a hub WAN list that lets IKE through but not ESP WHEN spoke 1 pings the hub LAN THEN IKE completes and the ESP packets are dropped at the hub', () => {
    const net = labNetwork('two-spokes', {
      'hub.cfg': [
        [' no ip route-cache', ' ip access-group 150 in\n no ip route-cache'],
        [/\nend\s*$/, '\naccess-list 150 permit udp any any eq isakmp\nend\n'],
      ],
    });
    const r = net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' });
    expect(r.received).toBe(0);
    expect(r.losses[0]).toMatchObject({ leg: 'request', device: 'Hub', reason: 'acl-denied' });
    expect(net.device('Hub').exec('show crypto isakmp sa').output).toContain('QM_IDLE');
  });

  it('GIVEN a host source that is not on a connected LAN WHEN pinging as a host THEN the ping is refused', () => {
    const net = labNetwork('two-spokes');
    expect(net.ping({ from: 'Spoke1', source: '10.9.9.9', to: '10.1.1.1', asHost: true }).ok).toBe(false);
    expect(net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1', asHost: true }).ok).toBe(false);
  });
});
