/**
 * The emulator's routing (docs/ios-semantics.md#routing), rules from `lib/rules/routing.ts`: discard
 * routes drop and answer with rate-limited ICMP unreachables (`U.U.U`), floating routes take over,
 * refused routes do not exist, `show ip route` lists what is installed.
 */
import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const HTTP = 'ip http server\n';

describe('GIVEN discard routes in the reference lab', () => {
  it('WHEN the pinging router itself routes the destination to Null0 THEN IOS-like U.U.U: an unreachable, then one suppressed by the 500 ms rate limit', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [['no ip http server\n', 'no ip http server\nip route 192.168.1.0 255.255.255.128 Null0\n']],
    });
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!;
    expect(r.marks).toBe('U.U.U');
    expect(r.output).toContain('U.U.U\nSuccess rate is 0 percent (0/5)');
    expect(r.losses[0]).toMatchObject({ leg: 'request', device: 'Spoke1', reason: 'discard-route' });
    // The other half of the site is routed as before.
    net.device('Spoke1').exec('clear crypto sa');
    expect(
      net
        .device('Spoke1')
        .exec('ping 192.168.1.200 source 172.16.1.1')
        .ping!.losses.every((l) => l.reason !== 'discard-route'),
    ).toBe(true);
  });

  it('WHEN Null0 has no ip unreachables THEN the drop is silent: timeouts only', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [
          'no ip http server\n',
          'no ip http server\ninterface Null0\n no ip unreachables\nip route 192.168.1.0 255.255.255.128 Null0\n',
        ],
      ],
    });
    expect(net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!.marks).toBe('.....');
  });

  it('WHEN the hub discards part of a spoke site THEN the hub drops the decrypted echo and the spoke never gets a reply', () => {
    const net = labNetwork('two-spokes', {
      'hub.cfg': [[HTTP, `ip route 192.168.1.0 255.255.255.128 Null0\n${HTTP}`]],
    });
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!;
    expect(r.received).toBe(0);
    expect(r.losses[0]).toMatchObject({ leg: 'request', device: 'Hub', reason: 'discard-route' });
    expect(r.traces[0]!.some((h) => h.device === 'Hub' && h.event === 'route' && h.detail.includes('Null0'))).toBe(
      true,
    );
  });

  it('WHEN show ip route is asked THEN the discard route shows as directly connected to Null0', () => {
    const net = labNetwork('two-spokes', {
      'hub.cfg': [[HTTP, `ip route 192.168.1.0 255.255.255.128 Null0\n${HTTP}`]],
    });
    expect(net.device('Hub').exec('show ip route').output).toMatch(
      /S +192\.168\.1\.0\/25 is directly connected, Null0/,
    );
  });
});

describe('GIVEN floating and refused routes in the reference lab', () => {
  const primary = 'ip route 192.168.1.0 255.255.255.0 Ethernet1\n';

  it('WHEN the primary next hop does not resolve and a floating route exists THEN the floating route carries the ping', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [primary, 'ip route 192.168.1.0 255.255.255.0 203.0.113.1\nip route 192.168.1.0 255.255.255.0 Ethernet1 250\n'],
      ],
    });
    expect(net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!.received).toBe(5);
    expect(net.device('Spoke1').exec('show ip route').output).toMatch(
      /S +192\.168\.1\.0\/24 is directly connected, Ethernet1/,
    );
  });

  it('WHEN the floating route points at the LAN THEN the ping is lost on the spoke', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [primary, 'ip route 192.168.1.0 255.255.255.0 203.0.113.1\nip route 192.168.1.0 255.255.255.0 Ethernet0 250\n'],
      ],
    });
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!;
    expect(r.received).toBe(0);
    expect(r.losses[0]?.device).toBe('Spoke1');
  });

  it('WHEN the next hop is the router own address THEN the route does not exist and nothing else covers the site', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [[primary, 'ip route 192.168.1.0 255.255.255.0 10.1.2.1\n']],
    });
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').ping!;
    expect(r.losses[0]).toMatchObject({ device: 'Spoke1', reason: 'no-route' });
    expect(net.device('Spoke1').exec('show ip route').output).not.toContain('192.168.1.0');
  });
});
