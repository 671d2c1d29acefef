import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const LAN_LIST = {
  'spoke1.cfg': [
    [' ip address 172.16.1.1 255.255.255.0', ' ip address 172.16.1.1 255.255.255.0\n ip access-group 150 in'],
    [
      /\nend\s*$/,
      '\naccess-list 150 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255\naccess-list 150 permit ip any any\naccess-list 5 permit 172.16.1.7\naccess-list 5 permit 172.16.0.0 0.0.255.255\naccess-list 5 deny any\nend\n',
    ],
  ],
} as const;

describe('show access-lists', () => {
  it('GIVEN echoes through the tunnel WHEN shown THEN the crypto ACL line that selected them counts each packet on both ends', () => {
    const net = labNetwork();
    const spoke = net.device('Spoke1');
    expect(spoke.exec('show access-lists').output).toBe(
      [
        'Extended IP access list 110',
        '    permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        '    permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        '',
      ].join('\n'),
    );
    spoke.exec('ping 10.1.1.1 source Ethernet0 repeat 3');
    expect(spoke.exec('show access-lists 110').output).toContain(
      '    permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255 (3 matches)\n    permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255\n',
    );
    // The hub encrypted the three replies under its entry 10 (list 110, first line).
    expect(net.device('Hub').exec('show access-lists 110').output).toContain(
      'permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255 (3 matches)\n',
    );
    spoke.exec('ping 10.1.1.1 source Ethernet0 repeat 1');
    expect(spoke.exec('sh access-lists').output).toContain('0.0.0.255 (4 matches)\n');
  });

  it('GIVEN clear access-list counters WHEN shown THEN every counter is gone, and a name that matches no list prints nothing', () => {
    const net = labNetwork();
    const spoke = net.device('Spoke1');
    spoke.exec('ping 10.1.1.1 source Ethernet0 repeat 2');
    expect(spoke.exec('show access-lists').output).toContain('(2 matches)');
    expect(spoke.exec('clear access-list counters')).toEqual({ output: '', ok: true });
    expect(spoke.exec('show access-lists').output).not.toContain('match');
    expect(spoke.exec('show access-lists 999')).toEqual({ output: '', ok: true });
    expect(spoke.exec('show access-lists 110 extra').ok).toBe(false);
  });

  it('GIVEN an inbound interface list WHEN it permits and denies THEN both lines count; a standard list prints its show form', () => {
    const net = labNetwork('two-spokes', LAN_LIST);
    net.ping({ from: 'Spoke1', source: '172.16.1.20', to: '192.168.1.20', asHost: true, repeat: 2 });
    net.ping({ from: 'Spoke1', source: '172.16.1.20', to: '10.1.1.20', asHost: true, repeat: 1 });
    const out = net.device('Spoke1').exec('show access-lists').output;
    expect(out).toContain(
      [
        'Extended IP access list 150',
        '    deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255 (2 matches)',
        '    permit ip any any (1 match)',
      ].join('\n'),
    );
    // The permitted echo also matched the crypto ACL when it was encrypted.
    expect(out).toContain('    permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255 (1 match)\n');
    expect(net.device('Spoke1').exec('show access-lists 5').output).toBe(
      [
        'Standard IP access list 5',
        '    permit 172.16.1.7',
        '    permit 172.16.0.0, wildcard bits 0.0.255.255',
        '    deny any',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN PAT WHEN a LAN host reaches the Internet side THEN the NAT list line that selected it counts', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [' ip address 172.16.1.1 255.255.255.0', ' ip address 172.16.1.1 255.255.255.0\n ip nat inside'],
        [' ip address 10.1.2.1 255.255.255.0', ' ip address 10.1.2.1 255.255.255.0\n ip nat outside'],
        [
          /\nend\s*$/,
          '\nip nat inside source list 101 interface Ethernet1 overload\naccess-list 101 permit ip 172.16.1.0 0.0.0.255 any\nend\n',
        ],
      ],
    });
    net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1 repeat 2');
    expect(net.device('Spoke1').exec('show access-lists 101').output).toBe(
      'Extended IP access list 101\n    permit ip 172.16.1.0 0.0.0.255 any (2 matches)\n',
    );
  });

  it('GIVEN an IOS 15 router WHEN shown THEN each line carries its sequence number', () => {
    const net = labNetwork('two-spokes', { 'spoke1.cfg': [['version 12.2', 'version 15.7']] });
    const spoke = net.device('Spoke1');
    spoke.exec('ping 10.1.1.1 source Ethernet0 repeat 1');
    expect(spoke.exec('show access-lists').output).toBe(
      [
        'Extended IP access list 110',
        '    10 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255 (1 match)',
        '    20 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        '',
      ].join('\n'),
    );
  });
});
