/**
 * The emulator on the dynamic-spokes fixture (docs/ios-semantics.md#dynamic-crypto-maps,
 * #reverse-route, #dhcp-wan-addresses, #ip-sla-probes): the hub's dynamic entry only responds, a
 * DHCP branch holds its lease, the reverse route appears with the SA and goes with it, and an IP SLA
 * probe brings the SA up on the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { dynamicLab, withProbe } from '../verify/dynamic-lab.js';
import { parseLab } from '../verify/labs.js';

const ok = (out: string) => out.includes('Success rate is 100 percent');
const none = (out: string) => out.includes('Success rate is 0 percent');

describe('emulated hub with a dynamic crypto map', () => {
  it('GIVEN no branch traffic yet WHEN the hub LAN pings branch1 THEN it fails; after branch1 pinged the hub it works, with the reverse route', () => {
    const net = Network.fromParsed(parseLab(dynamicLab()));
    const hub = net.device('hub');
    expect(none(hub.exec('ping 10.1.1.1 source 10.0.0.1').output)).toBe(true);
    expect(hub.exec('show ip route').output).not.toContain('10.1.1.0/24');
    expect(ok(net.device('branch1').exec('ping 10.0.0.1 source 10.1.1.1').output)).toBe(true);
    expect(hub.exec('show ip route').output).toContain('S        10.1.1.0/24 [1/0] via 100.64.0.2');
    expect(ok(hub.exec('ping 10.1.1.1 source 10.0.0.1').output)).toBe(true);
    hub.exec('clear crypto sa');
    expect(hub.exec('show ip route').output).not.toContain('10.1.1.0/24');
    expect(net.nothingInClear()).toBe(true);
  });

  it('GIVEN two DHCP branches WHEN branch1 pings branch2 THEN it fails until branch2 brought its SA up, then works through the hub', () => {
    const net = Network.fromParsed(parseLab(dynamicLab()));
    const b1 = net.device('branch1');
    expect(none(b1.exec('ping 10.1.2.1 source 10.1.1.1').output)).toBe(true);
    expect(ok(net.device('branch2').exec('ping 10.0.0.1 source 10.1.2.1').output)).toBe(true);
    expect(ok(b1.exec('ping 10.1.2.1 source 10.1.1.1').output)).toBe(true);
    // Each branch holds its lease; IKE runs between the leased addresses and the hub.
    expect(net.device('hub').exec('show crypto isakmp sa').output).toMatch(/203\.0\.113\.1\s+100\.64\.0\.2/);
    expect(net.device('hub').exec('show crypto isakmp sa').output).toMatch(/203\.0\.113\.1\s+100\.64\.0\.6/);
    expect(net.nothingInClear()).toBe(true);
  });

  it('GIVEN an IP SLA probe on branch1 WHEN the hub LAN pings branch1 first THEN the probe already brought the SA up', () => {
    const net = Network.fromParsed(parseLab(withProbe(dynamicLab(), 'spoke1.cfg', '10.1.1.1', '10.0.0.1')));
    expect(ok(net.device('hub').exec('ping 10.1.1.1 source 10.0.0.1').output)).toBe(true);
    // branch2 has no probe: still dropped.
    expect(none(net.device('hub').exec('ping 10.1.2.1 source 10.0.0.1').output)).toBe(true);
  });

  it('GIVEN declared leases WHEN branch1 initiates THEN the hub sees the declared address', () => {
    const leases = [
      {
        hostname: 'branch1',
        interface: 'GigabitEthernet0/0',
        ip: '192.0.2.10',
        prefixLength: 24,
        gateway: '192.0.2.1',
      },
    ];
    const net = Network.fromParsed(parseLab(dynamicLab()), { leases });
    expect(ok(net.device('branch1').exec('ping 10.0.0.1 source 10.1.1.1').output)).toBe(true);
    expect(net.device('hub').exec('show ip route').output).toContain('10.1.1.0/24 [1/0] via 192.0.2.10');
  });

  it('GIVEN the hub WHEN show crypto map THEN the dynamic map is listed at its binding with its template tag', () => {
    const net = Network.fromParsed(parseLab(dynamicLab()));
    const out = net.device('hub').exec('show crypto map').output;
    expect(out).toContain('Crypto Map IPv4 "VPN" 65535 ipsec-isakmp\n        Dynamic map template tag: DYN-SPOKES');
    expect(out).toContain('Extended IP access list DYN-SPOKES');
  });
});
