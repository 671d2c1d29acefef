/**
 * `debug crypto ipsec` per platform (docs/emulator.md#debug): the 12.2 reference lab's words on IOS
 * 12.2, the IOS-XE capture's words on IOS 15 and IOS-XE.
 */
import { describe, expect, it } from 'vitest';
import { transcriptNetwork } from './transcripts.js';

function responderDebug(platform: 'ios-12.2' | 'ios-xe-17'): string {
  const net = transcriptNetwork('seed-lab', platform, 'working');
  const hub = net.device('Hub');
  hub.exec('debug crypto ipsec');
  net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1');
  return hub.exec('undebug all').output;
}

describe('debug crypto ipsec', () => {
  it('GIVEN IOS-XE WHEN the hub answers a quick mode THEN the proposal line, ports, protocol 256, the mode, flags 0x0, proxy_match and sa_proto', () => {
    const out = responderDebug('ios-xe-17');
    expect(out).toMatch(
      /: IPSEC\(validate_proposal_request\): proposal part #1\n.*: IPSEC\(validate_proposal_request\): proposal part #1,\n/,
    );
    expect(out).toContain('  (key eng. msg.) INBOUND local= 10.1.4.1:0, remote= 10.1.2.1:0,\n');
    expect(out).toContain(
      '    local_proxy= 10.1.1.0/255.255.255.0/256/0,\n    remote_proxy= 172.16.1.0/255.255.255.0/256/0,\n',
    );
    expect(out).toContain(
      '    protocol= ESP, transform= esp-des esp-md5-hmac  (Tunnel), \n    lifedur= 0s and 0kb, \n',
    );
    expect(out).toContain('    spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x0\n');
    expect(out).toMatch(
      /: Crypto mapdb : proxy_match\n {8}src addr {5}: 10\.1\.1\.0\n {8}dst addr {5}: 172\.16\.1\.0\n/,
    );
    expect(out).toMatch(
      /IPSEC\(create_sa\): sa created,\n {2}\(sa\) sa_dest= \S+, sa_proto= 50, \n {4}sa_spi= 0x[0-9A-F]+\(\d+\), \n/,
    );
    expect(out).not.toContain('(type=4)');
  });

  it('GIVEN IOS 12.2 WHEN the hub answers THEN the reference lab words stay: no ports, (type=4), sa_prot', () => {
    const out = responderDebug('ios-12.2');
    expect(out).toContain('  (key eng. msg.) INBOUND local= 10.1.4.1, remote= 10.1.2.1,\n');
    expect(out).toContain('    local_proxy= 10.1.1.0/255.255.255.0/0/0 (type=4),\n');
    expect(out).toContain('sa_prot= 50,\n');
    expect(out).not.toContain('proxy_match');
  });
});
