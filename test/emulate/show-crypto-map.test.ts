import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const SPOKE1_MAP_12_2 = [
  'Crypto Map "mymap" 10 ipsec-isakmp',
  '        Peer = 10.1.4.1',
  '        Extended IP access list 110',
  '            access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
  '            access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
  '        Current peer: 10.1.4.1',
  '        Security association lifetime: 4608000 kilobytes/3600 seconds',
  '        PFS (Y/N): N',
  '        Transform sets={ myset, }',
  '        Interfaces using crypto map mymap:',
  '                Ethernet1',
  '',
  '',
].join('\n');

describe('show crypto map', () => {
  it('GIVEN the 12.2 seed lab WHEN shown THEN each entry prints peers, ACL lines, lifetimes, PFS and sets, then the interfaces', () => {
    const net = labNetwork();
    expect(net.device('Spoke1').exec('show crypto map')).toEqual({ output: SPOKE1_MAP_12_2, ok: true });
    const hub = net.device('Hub').exec('sh cry map').output;
    expect(hub.match(/^Crypto Map "mymap" \d+ ipsec-isakmp$/gm)).toEqual([
      'Crypto Map "mymap" 10 ipsec-isakmp',
      'Crypto Map "mymap" 20 ipsec-isakmp',
    ]);
    // The interfaces follow the last entry of the map, once.
    expect(hub.match(/Interfaces using crypto map mymap:/g)).toHaveLength(1);
  });

  it('GIVEN tag WHEN it names the map THEN only that map prints; another name prints nothing; a bare tag is incomplete', () => {
    const spoke = labNetwork().device('Spoke1');
    expect(spoke.exec('show crypto map tag mymap').output).toBe(SPOKE1_MAP_12_2);
    expect(spoke.exec('show crypto map tag other')).toEqual({ output: '', ok: true });
    expect(spoke.exec('show crypto map tag')).toEqual({ output: '% Incomplete command.\n', ok: false });
    expect(spoke.exec('show crypto map bogus').ok).toBe(false);
    expect(spoke.exec('show crypto map tag mymap extra').ok).toBe(false);
  });

  it('GIVEN set pfs and lifetimes WHEN shown THEN PFS is Y with its group and the entry lifetimes replace the defaults', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [
          ' match address 110',
          ' match address 110\n set pfs group2\n set security-association lifetime seconds 1800\n set security-association lifetime kilobytes 10000',
        ],
      ],
    });
    const out = net.device('Spoke1').exec('show crypto map').output;
    expect(out).toContain('        Security association lifetime: 10000 kilobytes/1800 seconds\n');
    expect(out).toContain('        PFS (Y/N): Y\n        DH group:  group2\n');
  });

  it('GIVEN a dead first peer WHEN traffic brought the tunnel up on the second THEN Current peer is the second', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [[' set peer 10.1.4.1', ' set peer 10.9.9.9\n set peer 10.1.4.1']],
    });
    const spoke = net.device('Spoke1');
    expect(spoke.exec('show crypto map').output).toContain('        Peer = 10.9.9.9\n        Peer = 10.1.4.1\n');
    expect(spoke.exec('show crypto map').output).toContain('Current peer: 10.9.9.9\n');
    spoke.exec('ping 10.1.1.1 source Ethernet0 repeat 20');
    expect(spoke.exec('show crypto ipsec sa').output).toContain('current_peer: 10.1.4.1');
    expect(spoke.exec('show crypto map').output).toContain('Current peer: 10.1.4.1\n');
  });

  it('GIVEN an IOS 15 router WHEN shown THEN the IPv4 heading, Responder-Only and one transform set per line are printed', () => {
    const net = labNetwork('two-spokes', { 'spoke1.cfg': [['version 12.2', 'version 15.7']] });
    const out = net.device('Spoke1').exec('show crypto map').output;
    expect(out).toContain('Crypto Map IPv4 "mymap" 10 ipsec-isakmp\n');
    expect(out).toContain(
      [
        '        PFS (Y/N): N',
        '        Transform sets={ ',
        '                myset:  { esp-des esp-md5-hmac  } , ',
        '        }',
        '        Interfaces using crypto map mymap:',
      ].join('\n'),
    );
    expect(out).toContain('        Responder-Only (Y/N): N\n');
  });
});
