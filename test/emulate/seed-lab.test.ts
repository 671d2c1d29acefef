import { describe, expect, it } from 'vitest';
import { loadConfigs } from '../../lib/parse/index.js';
import { Network } from '../../lib/emulate/index.js';
import { FIXTURES, labNetwork } from './lab.js';
import { join } from 'node:path';

const KEY = 'cisco123'; // the lab's published key: it must never be printed

describe('the two-spoke reference lab', () => {
  it("GIVEN the parsed lab WHEN Spoke1 pings Spoke2's LAN from its LAN THEN 5/5 succeed through the hub, nothing crosses the WAN in clear", async () => {
    const net = Network.fromParsed(await loadConfigs([join(FIXTURES, 'two-spokes')]));
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1');
    expect(r.ok).toBe(true);
    expect(r.output).toBe(
      [
        'Type escape sequence to abort.',
        'Sending 5, 100-byte ICMP Echos to 192.168.1.1, timeout is 2 seconds:',
        'Packet sent with a source address of 172.16.1.1',
        '!!!!!',
        'Success rate is 100 percent (5/5), round-trip min/avg/max = 64/64/68 ms',
        '',
      ].join('\n'),
    );
    expect(r.ping?.received).toBe(5);
    // Every crossing is ESP; the spoke-to-spoke packets go Spoke1 -> Hub -> Spoke2 and back.
    expect(net.wanLog).toHaveLength(20);
    expect(net.nothingInClear()).toBe(true);
    expect(net.wanLog.slice(0, 4).map((p) => `${p.from.device}>${p.to.device}`)).toEqual([
      'Spoke1>Hub',
      'Hub>Spoke2',
      'Spoke2>Hub',
      'Hub>Spoke1',
    ]);
  });

  it('GIVEN the ping WHEN the hub lists its crypto engine connections THEN there are 2 IKE and 4 IPsec connections whose counters equal the packets', () => {
    const net = labNetwork();
    net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1 repeat 10');
    const conns = net.device('Hub').engineConnections();
    expect(conns.filter((c) => c.kind === 'ike')).toHaveLength(2);
    const ipsec = conns.filter((c) => c.kind !== 'ike');
    expect(ipsec.map((c) => [c.id, c.encrypt, c.decrypt])).toEqual([
      [2000, 0, 10],
      [2001, 10, 0],
      [2002, 0, 10],
      [2003, 10, 0],
    ]);
    expect(new Set(conns.map((c) => c.algorithm))).toEqual(new Set(['HMAC_MD5+DES_56_CB']));
    const table = net.device('Hub').exec('show crypto engine connections active').output;
    expect(table.split('\n')[0]).toBe('ID   Interface  IP-Address  State  Algorithm           Encrypt  Decrypt');
    expect(table).toContain('2000 Ethernet1  10.1.4.1    set    HMAC_MD5+DES_56_CB  0        10\n');
    expect(table).toContain('2001 Ethernet1  10.1.4.1    set    HMAC_MD5+DES_56_CB  10       0\n');
  });

  it('GIVEN SAs WHEN show crypto isakmp sa and show crypto ipsec sa run THEN peers, idents, counters and lifetimes are shown', () => {
    const net = labNetwork();
    net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1');
    const isakmp = net.device('Hub').exec('show crypto isakmp sa').output;
    expect(isakmp).toMatch(/^dst\s+src\s+state\s+conn-id slot\n/);
    expect(isakmp).toMatch(/10\.1\.4\.1\s+10\.1\.2\.1\s+QM_IDLE/);
    expect(isakmp).toMatch(/10\.1\.3\.1\s+10\.1\.4\.1\s+QM_IDLE/);
    const ipsec = net.device('Spoke1').exec('show crypto ipsec sa').output;
    expect(ipsec).toContain('    Crypto map tag: mymap, local addr. 10.1.2.1');
    expect(ipsec).toContain('   local  ident (addr/mask/prot/port): (172.16.1.0/255.255.255.0/0/0)');
    expect(ipsec).toContain('   remote ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)');
    expect(ipsec).toContain('    #pkts encaps: 5, #pkts encrypt: 5, #pkts digest 5');
    expect(ipsec).toContain('    #pkts decaps: 5, #pkts decrypt: 5, #pkts verify 5');
    expect(ipsec).toContain('        transform: esp-des esp-md5-hmac ,');
    expect(ipsec).toMatch(/remaining key lifetime \(k\/sec\): \(460800\d\/3\d\d\d\)/);
    expect(ipsec).toMatch(/current outbound spi: [0-9A-F]{8}/);
  });

  it('GIVEN debug on WHEN the first packet triggers IKE THEN the console shows the IOS sequence on both sides, without the key', () => {
    const net = labNetwork();
    for (const h of ['Spoke1', 'Hub']) {
      net.device(h).exec('debug crypto isakmp');
      net.device(h).exec('debug crypto ipsec');
    }
    const spoke = net.device('Spoke1').exec('ping 192.168.1.1 source 172.16.1.1').output;
    const order = [
      'IPSEC(sa_request)',
      '(I) MM_NO_STATE',
      'found peer pre-shared key matching 10.1.4.1',
      'atts are acceptable',
      '(I) MM_SA_SETUP',
      '(I) MM_KEY_EXCH',
      'SA has been authenticated with 10.1.4.1',
      '(I) QM_IDLE',
      'Checking IPsec proposal 1',
      'IPSEC(validate_proposal_request)',
      'Creating IPsec SAs',
      'IPSEC(create_sa)',
      '!!!!!',
    ];
    let at = -1;
    for (const s of order) {
      const i = spoke.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(spoke).toMatch(/^\*Mar  1 00:00:\d\d\.\d{3}: IPSEC\(sa_request\)/m);
    const hub = net.device('Hub').exec('show crypto isakmp sa').output;
    expect(hub).toContain('found peer pre-shared key matching 10.1.2.1');
    expect(hub).toContain('local_proxy= 192.168.1.0/255.255.255.0/0/0 (type=4)');
    expect(hub).toContain('remote_proxy= 172.16.1.0/255.255.255.0/0/0 (type=4)');
    // The hub then initiates its own exchange towards Spoke2 with the spoke1 <-> spoke2 proxies.
    expect(hub).toMatch(
      /IPSEC\(sa_request\): ,\n  \(key eng\. msg\.\) OUTBOUND local= 10\.1\.4\.1, remote= 10\.1\.3\.1,\n    local_proxy= 172\.16\.1\.0/,
    );
    expect(hub).toContain('lifetime of 4608000 kilobytes');
    for (const h of ['Hub', 'Spoke1', 'Spoke2']) expect(net.device(h).consoleHistory.join('\n')).not.toContain(KEY);
    expect(spoke + hub).not.toContain(KEY);
  });

  it('GIVEN the same script twice WHEN run on fresh networks THEN the output is byte-identical', () => {
    const run = () => {
      const net = labNetwork();
      const out: string[] = [];
      for (const [h, c] of [
        ['Hub', 'debug crypto isakmp'],
        ['Spoke1', 'debug crypto ipsec'],
        ['Spoke1', 'ping 192.168.1.1 source 172.16.1.1'],
        ['Hub', 'show crypto ipsec sa'],
        ['Spoke2', 'show crypto engine connections active'],
      ] as const) {
        out.push(net.device(h).exec(c).output);
      }
      return out.join('');
    };
    expect(run()).toBe(run());
  });

  it('GIVEN the lab WHEN hosts and router addresses are pinged THEN LAN hosts and own addresses answer, WAN traffic between WAN addresses is clear', () => {
    const net = labNetwork();
    expect(net.ping({ from: 'Spoke1', to: '172.16.1.50' }).successRate).toBe(100);
    expect(net.ping({ from: 'Spoke1', to: '172.16.1.1' }).successRate).toBe(100);
    expect(net.ping({ from: 'Spoke1', source: 'Ethernet0', to: '10.1.1.1' }).successRate).toBe(100);
    expect(net.nothingInClear()).toBe(true);
    // WAN address to WAN address is not protected by the crypto ACLs, so it crosses in clear.
    expect(net.ping({ from: 'Spoke1', to: '10.1.4.1' }).successRate).toBe(100);
    expect(net.wanLog.filter((p) => !p.encrypted).map((p) => [p.src, p.dst])).toContainEqual(['10.1.2.1', '10.1.4.1']);
  });

  it('GIVEN the three-spoke lab WHEN every LAN pings every other LAN THEN all succeed and nothing crosses in clear', () => {
    const net = labNetwork('three-spokes');
    const lans: [string, string][] = [
      ['Hub', '10.1.1.1'],
      ['Spoke1', '172.16.1.1'],
      ['Spoke2', '192.168.1.1'],
      ['Spoke3', '172.16.2.1'],
    ];
    for (const [from, src] of lans) {
      for (const [, dst] of lans) {
        if (src === dst) continue;
        expect(net.ping({ from, source: src, to: dst }).successRate, `${src} -> ${dst}`).toBe(100);
      }
    }
    expect(net.nothingInClear()).toBe(true);
    expect(
      net
        .device('Hub')
        .engineConnections()
        .filter((c) => c.kind === 'ike'),
    ).toHaveLength(3);
  });
});
