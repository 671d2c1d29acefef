import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { labNetwork } from './lab.js';
import { twoSpokeLab } from '../rules/lab-ir.js';

describe('exec command line', () => {
  it('GIVEN an unknown word WHEN executed THEN IOS puts the caret under it and ok is false', () => {
    const net = labNetwork();
    expect(net.device('Spoke1').exec('show crypto bogus sa')).toEqual({
      output: `${' '.repeat('Spoke1#show crypto '.length)}^\n% Invalid input detected at '^' marker.\n`,
      ok: false,
    });
    expect(net.device('Hub').exec('frobnicate').output).toBe("    ^\n% Invalid input detected at '^' marker.\n");
    expect(net.device('Hub').exec('show ip route extra').ok).toBe(false);
  });

  it('GIVEN abbreviations WHEN unambiguous THEN they run; ambiguous and incomplete ones are refused', () => {
    const net = labNetwork();
    const hub = net.device('Hub');
    expect(hub.exec('sh ip ro').output).toContain('Gateway of last resort is not set');
    expect(hub.exec('sh cry isa sa').ok).toBe(true);
    expect(hub.exec('sh cry e c a').output).toMatch(/^ID\s+Interface/);
    expect(hub.exec('show crypto i sa')).toEqual({ output: '% Ambiguous command:  "show crypto i sa"\n', ok: false });
    expect(hub.exec('show crypto')).toEqual({ output: '% Incomplete command.\n', ok: false });
    expect(hub.exec('   ')).toEqual({ output: '', ok: true });
  });

  it('GIVEN ping options WHEN given THEN repeat, size, source interface and the ip keyword are honoured', () => {
    const net = labNetwork();
    const r = net.device('Spoke1').exec('ping ip 192.168.1.1 repeat 3 size 200 source Ethernet0');
    expect(r.output).toContain('Sending 3, 200-byte ICMP Echos to 192.168.1.1, timeout is 2 seconds:');
    expect(r.output).toContain('Packet sent with a source address of 172.16.1.1');
    expect(r.ping?.marks).toBe('!!!');
    const many = net.device('Spoke1').exec('ping 192.168.1.1 source e0 repeat 100');
    expect(many.output).toContain(`${'!'.repeat(70)}\n${'!'.repeat(30)}\nSuccess rate is 100 percent (100/100)`);
    expect(net.device('Spoke1').exec('ping 192.168.1.1 repeat 0').ok).toBe(false);
    expect(net.device('Spoke1').exec('ping 192.168.1.300').ok).toBe(false);
  });

  it('GIVEN a source address the router does not own WHEN pinging THEN IOS refuses it', () => {
    const net = labNetwork();
    const r = net.device('Spoke1').exec('ping 192.168.1.1 source 10.9.9.9');
    expect(r).toMatchObject({
      ok: false,
      output: '% Invalid source address- IP address not on any of our up interfaces\n',
    });
  });

  it('GIVEN no source WHEN pinging THEN the exit interface address is used and the WAN address is not protected', () => {
    const net = labNetwork();
    const r = net.device('Spoke1').exec('ping 192.168.1.1');
    expect(r.output).not.toContain('Packet sent with a source address');
    // 10.1.2.1 -> 192.168.1.1 is outside every crypto ACL (and its mirror): it goes and comes back in clear.
    expect(r.ping?.successRate).toBe(100);
    expect(net.wanLog.map((p) => [p.src, p.dst, p.encrypted])).toEqual([
      ...Array.from({ length: 5 }, () => [
        ['10.1.2.1', '192.168.1.1', false],
        ['192.168.1.1', '10.1.2.1', false],
      ]).flat(),
    ]);
  });

  it('GIVEN SAs WHEN clear crypto sa runs THEN both sides lose them and the next ping renegotiates; clear crypto isakmp drops phase 1', () => {
    const net = labNetwork();
    net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' });
    expect(net.device('Hub').sadb.ipsec).toHaveLength(1);
    expect(net.device('Spoke1').exec('clear crypto sa')).toEqual({ output: '', ok: true });
    expect(net.device('Hub').sadb.ipsec).toHaveLength(0);
    expect(net.device('Spoke1').sadb.ipsec).toHaveLength(0);
    net.device('Spoke1').exec('clear crypto isakmp');
    expect(net.device('Hub').sadb.ike).toHaveLength(0);
    const again = net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' });
    expect(again.successRate).toBe(100);
    expect(again.rtts[0]).toBe(again.rtts[1]! + 4);
    expect(net.device('Hub').exec('show crypto engine connections active').output).toMatch(/\n2002 Ethernet1/);
  });

  it('GIVEN debug switched on then off WHEN negotiating THEN only the debug period prints and syslog always prints', () => {
    const net = labNetwork();
    const s1 = net.device('Spoke1');
    expect(s1.exec('debug crypto isakmp').output).toBe('Crypto ISAKMP debugging is on\n');
    expect(s1.exec('debug crypto ipsec').output).toBe('Crypto IPSEC debugging is on\n');
    expect(s1.exec('undebug all').output).toBe('All possible debugging has been turned off\n');
    expect(s1.exec('ping 10.1.1.1 source 172.16.1.1').output).not.toContain('ISAKMP');
    s1.exec('debug crypto ipsec');
    s1.exec('clear crypto sa');
    const out = s1.exec('ping 10.1.1.1 source 172.16.1.1').output;
    expect(out).toContain('IPSEC(sa_request)');
    expect(out).not.toContain('ISAKMP (0:');
    expect(s1.exec('no debug all').ok).toBe(true);
  });

  it('GIVEN show running-config WHEN the text is known THEN it is printed, otherwise IOS-style notice', () => {
    const net = labNetwork();
    const out = net.device('Spoke2').exec('show running-config').output;
    expect(out).toMatch(/^Building configuration\.\.\.\n\nCurrent configuration : \d+ bytes\nversion 12\.2\n/);
    expect(out).toContain('hostname Spoke2');
    const ir = Network.fromConfigs(Object.values(twoSpokeLab()));
    expect(ir.device('Hub').exec('show run').output).toContain('not available');
  });

  it('GIVEN show ip route WHEN routes are mixed THEN classful groups, codes and next hops are shown', () => {
    const { spoke1 } = twoSpokeLab();
    const cfg = {
      ...spoke1,
      staticRoutes: [
        ...spoke1.staticRoutes,
        { prefix: { address: '0.0.0.0', prefixLength: 0 }, nextHop: '10.1.2.254' },
      ],
    };
    const out = Network.fromConfigs([cfg]).device('Spoke1').exec('show ip route').output;
    expect(out).toContain('Gateway of last resort is 10.1.2.254 to network 0.0.0.0');
    expect(out).toContain(
      '     10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks\nS       10.1.0.0/16 is directly connected, Ethernet1\nC       10.1.2.0/24 is directly connected, Ethernet1\n',
    );
    expect(out).toContain(
      '     172.16.0.0/24 is subnetted, 1 subnets\nC       172.16.1.0 is directly connected, Ethernet0\n',
    );
    expect(out).toContain('S    192.168.1.0/24 is directly connected, Ethernet1\n');
    expect(out).toContain('S*   0.0.0.0/0 [1/0] via 10.1.2.254\n');
  });

  it('GIVEN two configs with one hostname WHEN the network is built THEN the error names both', () => {
    const { hub } = twoSpokeLab();
    expect(() =>
      Network.fromParsed([
        { file: 'a.cfg', config: hub },
        { file: 'b.cfg', config: hub },
      ]),
    ).toThrow('two configurations use hostname Hub: a.cfg and b.cfg');
    expect(() => Network.fromConfigs([hub]).device('Nope')).toThrow('unknown device "Nope" (known: Hub)');
  });
});

describe('topology', () => {
  it('GIVEN a topology that leaves Spoke2 off the WAN segment WHEN Spoke1 pings it THEN the hub cannot reach Spoke2', () => {
    const base = { format: 'hubspoke-topology' as const, version: 1 as const, stack: 'lab', devices: [] };
    const seg = (names: string[]) => ({
      underlay: { segments: [{ name: 'wan', members: names.map((device) => ({ device, interface: 'Ethernet1' })) }] },
    });
    const all = labNetwork('two-spokes', {}, { topology: { ...base, ...seg(['Hub', 'Spoke1', 'Spoke2']) } });
    expect(all.ping({ from: 'Spoke1', source: '172.16.1.1', to: '192.168.1.1' }).successRate).toBe(100);
    const cut = labNetwork('two-spokes', {}, { topology: { ...base, ...seg(['Hub', 'Spoke1']) } });
    const r = cut.ping({ from: 'Spoke1', source: '172.16.1.1', to: '192.168.1.1' });
    expect(r.losses[0]).toMatchObject({ device: 'Hub', negotiation: 'peer-unreachable' });
  });
});

describe('key redaction', () => {
  it('GIVEN key lines of every form WHEN redacted THEN no key text is left and the rest is intact', async () => {
    const { redactKeys } = await import('../../lib/emulate/device.js');
    const text = [
      'crypto isakmp key fake-k1 address 10.1.2.1',
      'crypto isakmp key 6 fake-k2 address 10.1.3.1 255.255.255.0',
      'crypto isakmp key fake-k3 hostname spoke3',
      ' pre-shared-key address 10.1.4.1 key fake-k4',
      ' pre-shared-key address 10.1.0.0 255.255.0.0 key 7 fake-k5',
      'hostname Hub',
    ].join('\n');
    const out = redactKeys(text);
    expect(out).not.toMatch(/fake-k/);
    expect(out).toContain('crypto isakmp key 6 <redacted> address 10.1.3.1 255.255.255.0');
    expect(out).toContain(' pre-shared-key address 10.1.0.0 255.255.0.0 key 7 <redacted>');
    expect(out).toContain('hostname Hub');
  });
});

describe('console robustness', () => {
  it('GIVEN random command lines WHEN executed THEN the console never throws and always answers', async () => {
    const fc = (await import('fast-check')).default;
    const net = labNetwork();
    const words = fc.constantFrom(
      'ping',
      'show',
      'sh',
      'crypto',
      'ip',
      'route',
      'isakmp',
      'ipsec',
      'sa',
      'engine',
      'connections',
      'active',
      'source',
      'repeat',
      'size',
      'e0',
      'Ethernet1',
      '10.1.1.1',
      '192.168.1.1',
      '999.1.1.1',
      '5',
      '0',
      '-1',
      'debug',
      'undebug',
      'all',
      'clear',
      'no',
      'running-config',
      '%',
      '^',
      '',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 7 }), fc.constantFrom('Hub', 'Spoke1', 'Spoke2'), (ws, host) => {
        const r = net.device(host).exec(ws.join(' '));
        expect(typeof r.output).toBe('string');
        expect(typeof r.ok).toBe('boolean');
        expect(r.output).not.toContain('cisco123');
      }),
      { numRuns: 300 },
    );
  });
});
