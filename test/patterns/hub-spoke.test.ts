import { describe, expect, it } from 'vitest';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { validateTree } from '../../lib/app/validate-tree.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { aclLines, FAKE_PSK, hubAndSpokes, mirror, routes } from './fixtures.js';

describe('what the hub derives for every spoke', () => {
  it('GIVEN three spokes WHEN the hub produces IR THEN one map has entries 10/20/30 with the spokes as peers, in creation order', () => {
    const { hub } = hubAndSpokes(3);
    const ir = hub.router.toIr();
    expect(ir.cryptoMaps).toHaveLength(1);
    expect(ir.cryptoMaps[0]!.entries.map((e) => [e.seq, e.peers, e.matchAddress, e.transformSets, e.pfs])).toEqual([
      [10, ['192.0.2.11'], 'VPN-Spoke1', ['HUBSPOKE-TS'], { group: 19 }],
      [20, ['192.0.2.12'], 'VPN-Spoke2', ['HUBSPOKE-TS'], { group: 19 }],
      [30, ['192.0.2.13'], 'VPN-Spoke3', ['HUBSPOKE-TS'], { group: 19 }],
    ]);
    // IOS-XE 17 runs IKEv2 unless told: every entry names the profile, one keyring peer per spoke.
    expect(ir.cryptoMaps[0]!.entries.map((e) => e.ikev2Profile)).toEqual(Array(3).fill('HUBSPOKE-PROFILE'));
    expect(ir.isakmpKeys).toEqual([]);
    expect(ir.ikev2Keyrings?.[0]?.peers.map((p) => [p.address?.address, p.address?.prefixLength])).toEqual([
      ['192.0.2.11', 32],
      ['192.0.2.12', 32],
      ['192.0.2.13', 32],
    ]);
    expect(ir.interfaces.find((i) => i.cryptoMap)?.name).toBe('GigabitEthernet1');
  });

  it("GIVEN three spokes and ike: 'v1' WHEN the hub produces IR THEN one global ISAKMP key per spoke and no IKEv2", () => {
    const { hub } = hubAndSpokes(3, { ike: 'v1' });
    const ir = hub.router.toIr();
    expect(ir.isakmpKeys.map((k) => [k.address, k.prefixLength])).toEqual([
      ['192.0.2.11', 32],
      ['192.0.2.12', 32],
      ['192.0.2.13', 32],
    ]);
    expect(ir.cryptoMaps[0]!.entries.every((e) => e.ikev2Profile === undefined)).toBe(true);
    expect(ir.ikev2Keyrings ?? []).toEqual([]);
  });

  it('GIVEN three spokes WHEN the hub ACL for spoke 2 is derived THEN it permits {hub LAN, spoke 1, spoke 3} -> spoke 2 LAN', () => {
    const { hub } = hubAndSpokes(3);
    expect(aclLines(hub.router.toIr(), 'VPN-Spoke2')).toEqual([
      'permit 10.0.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
      'permit 10.1.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
      'permit 10.3.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
    ]);
  });

  it('GIVEN three spokes WHEN every spoke ACL is derived THEN it is the exact mirror of the hub ACL for that spoke', () => {
    const { hub, spokes } = hubAndSpokes(3);
    const hubIr = hub.router.toIr();
    for (const s of spokes) {
      const spokeLines = aclLines(s.router.toIr(), s.attachment.aclName);
      expect(spokeLines.slice().sort()).toEqual(aclLines(hubIr, hub.aclFor(s).name).map(mirror).sort());
      expect(spokeLines).toHaveLength(3);
    }
  });

  it('GIVEN the hub and spokes WHEN routes are derived THEN the hub routes every spoke LAN and each spoke every other site, out of the WAN interface', () => {
    const { hub, spokes } = hubAndSpokes(3);
    expect(routes(hub.router.toIr())).toEqual([
      '10.1.0.0/24 GigabitEthernet1',
      '10.2.0.0/24 GigabitEthernet1',
      '10.3.0.0/24 GigabitEthernet1',
    ]);
    expect(routes(spokes[0]!.router.toIr())).toEqual([
      '10.0.0.0/24 GigabitEthernet1',
      '10.2.0.0/24 GigabitEthernet1',
      '10.3.0.0/24 GigabitEthernet1',
    ]);
  });

  it('GIVEN a spoke added after the others WHEN IR is produced THEN earlier spokes and the hub include the new LAN (lazy derivation)', () => {
    const { stack, hub, spokes } = hubAndSpokes(2);
    new Spoke(stack, 'Late', {
      hub,
      hostname: 'Late',
      lan: { address: '172.20.0.1/24' },
      wan: { address: '192.0.2.99/24' },
    });
    expect(aclLines(spokes[0]!.router.toIr(), 'VPN-Spoke1')).toContain(
      'permit 10.1.0.0/0.0.0.255 -> 172.20.0.0/0.0.0.255',
    );
    expect(aclLines(hub.router.toIr(), 'VPN-Spoke1')).toContain('permit 172.20.0.0/0.0.0.255 -> 10.1.0.0/0.0.0.255');
    expect(routes(spokes[1]!.router.toIr())).toContain('172.20.0.0/24 GigabitEthernet1');
  });

  it('GIVEN a spoke with two LANs WHEN ACLs are derived THEN every LAN pair is covered and each LAN has its own interface', () => {
    const { stack, hub } = hubAndSpokes(1);
    const multi = new Spoke(stack, 'Multi', {
      hub,
      hostname: 'Multi',
      lan: [{ address: '172.16.1.1/24' }, { address: '172.16.9.1/24' }],
      wan: { address: '192.0.2.50/24' },
    });
    const ir = multi.router.toIr();
    expect(ir.interfaces.map((i) => i.name)).toEqual(['GigabitEthernet2', 'GigabitEthernet3', 'GigabitEthernet1']);
    expect(aclLines(ir, 'VPN-Multi')).toHaveLength(4);
    expect(aclLines(hub.router.toIr(), 'VPN-Multi')).toHaveLength(4);
  });

  it('GIVEN sequence overrides and numbered ACLs WHEN derived THEN the override is kept and ACL numbers are 100 + sequence', () => {
    const { stack, hub } = hubAndSpokes(0, { aclNaming: 'numbered' });
    const a = new Spoke(stack, 'A', {
      hub,
      hostname: 'A',
      lan: { address: '10.1.0.1/24' },
      wan: { address: '192.0.2.11/24' },
    });
    const b = new Spoke(stack, 'B', {
      hub,
      hostname: 'B',
      lan: { address: '10.2.0.1/24' },
      wan: { address: '192.0.2.12/24' },
      sequence: 15,
    });
    expect([a.sequence, b.sequence]).toEqual([10, 15]);
    expect([hub.aclFor(a).name, hub.aclFor(b).name, b.cryptoAcl.name]).toEqual(['110', '115', '115']);
    expect(
      () =>
        new Spoke(stack, 'C', {
          hub,
          hostname: 'C',
          lan: { address: '10.3.0.1/24' },
          wan: { address: '192.0.2.13/24' },
          sequence: 150,
        }),
    ).toThrow(/Stack\/C: sequence 150 cannot name a numbered ACL/);
  });

  it('GIVEN WANs with a gateway and no covering route WHEN routes are derived THEN they use next hops and add a host route to the peer', () => {
    const { stack, hub } = hubAndSpokes(0, { wan: { address: '198.51.100.2/30', gateway: '198.51.100.1' } });
    const s = new Spoke(stack, 'S', {
      hub,
      hostname: 'S',
      lan: { address: '10.9.0.1/24' },
      wan: { address: '203.0.113.2/30', gateway: '203.0.113.1' },
    });
    expect(routes(hub.router.toIr())).toEqual(['10.9.0.0/24 198.51.100.1', '203.0.113.2/32 198.51.100.1']);
    expect(routes(s.router.toIr())).toEqual(['10.0.0.0/24 203.0.113.1', '198.51.100.2/32 203.0.113.1']);
  });

  it('GIVEN a default route on the spoke WHEN routes are derived THEN no host route to the hub is added', () => {
    const { stack, hub } = hubAndSpokes(0, { wan: { address: '198.51.100.2/30', gateway: '198.51.100.1' } });
    const s = new Spoke(stack, 'S', {
      hub,
      hostname: 'S',
      lan: { address: '10.9.0.1/24' },
      wan: { address: '203.0.113.2/30', gateway: '203.0.113.1' },
      routes: [{ destination: '0.0.0.0/0' }],
    });
    expect(routes(s.router.toIr())).toEqual(['10.0.0.0/24 203.0.113.1', '0.0.0.0/0 203.0.113.1']);
  });
});

describe('escape hatches', () => {
  it('GIVEN the L1 constructs a pattern created WHEN modified THEN the IR reflects the changes', () => {
    const { hub, spokes } = hubAndSpokes(2, { ike: 'v1' });
    const s1 = spokes[0]!;
    hub.aclFor(s1).insertRule(0, { action: 'deny', source: 'host 10.0.0.99', destination: '10.1.0.0/24' });
    hub.entryFor(s1).addPeer('192.0.2.200');
    s1.router.removeRoutes('10.2.0.0/24');
    s1.cryptoAcl.addRule({ source: '10.1.0.0/24', destination: '10.77.0.0/16' });
    hub.keyFor(s1).setKey(PreSharedKey.unsafePlainText('fake-Other-Key-Pp81Zx0Qw'));
    hub.router.addLine('ip sla responder');
    const hubIr = hub.router.toIr();
    expect(aclLines(hubIr, 'VPN-Spoke1')[0]).toBe('deny 10.0.0.99/32 -> 10.1.0.0/0.0.0.255');
    expect(hubIr.cryptoMaps[0]!.entries[0]!.peers).toEqual(['192.0.2.11', '192.0.2.200']);
    expect(hubIr.isakmpKeys[0]!.key).toBe('fake-Other-Key-Pp81Zx0Qw');
    expect(hubIr.extraLines.map((l) => l.text)).toEqual(['ip sla responder']);
    const s1Ir = s1.router.toIr();
    expect(routes(s1Ir)).not.toContain('10.2.0.0/24 GigabitEthernet1');
    expect(aclLines(s1Ir, 'VPN-Spoke1')).toContain('permit 10.1.0.0/0.0.0.255 -> 10.77.0.0/0.0.255.255');
  });

  it('GIVEN an entry added by hand to the hub map with a clashing sequence WHEN validated THEN the duplicate is reported', () => {
    const { hub } = hubAndSpokes(1);
    hub.cryptoMap.addEntry({
      seq: 10,
      peers: ['192.0.2.250'],
      matchAddress: 'VPN-Spoke1',
      transformSets: ['HUBSPOKE-TS'],
    });
    expect(validateTree(hub).join('\n')).toMatch(/crypto map HUBSPOKE-MAP has two entries with sequence number 10/);
  });
});

describe('validation of the pattern', () => {
  it('GIVEN a LAN address with an octet over 255 WHEN the Spoke is created THEN the error names Stack/Spoke1 and lan.address', () => {
    const { stack, hub } = hubAndSpokes(0);
    expect(
      () =>
        new Spoke(stack, 'Spoke1', {
          hub,
          hostname: 'Spoke1',
          lan: { address: '172.16.1.300/24' },
          wan: { address: '192.0.2.11/24' },
        }),
    ).toThrow('Stack/Spoke1: lan.address "172.16.1.300/24" is not an IPv4 prefix');
  });

  it('GIVEN a bad second LAN WHEN the Spoke is created THEN the error names lan[1].address', () => {
    const { stack, hub } = hubAndSpokes(0);
    expect(
      () =>
        new Spoke(stack, 'S', {
          hub,
          hostname: 'S',
          lan: [{ address: '172.16.1.1/24' }, { address: '172.16.2.1' }],
          wan: { address: '192.0.2.11/24' },
        }),
    ).toThrow('Stack/S: lan[1].address "172.16.2.1" is not an IPv4 prefix');
  });

  it('GIVEN a bad hostname and a bad WAN gateway WHEN the Hub is created THEN each names its property', () => {
    const { stack } = hubAndSpokes(0);
    const base = {
      lan: { address: '10.5.0.1/24' },
      wan: { address: '192.0.2.1/24' },
      preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
    };
    expect(() => new Hub(stack, 'H1', { ...base, hostname: '1hub' })).toThrow(
      /Stack\/H1: hostname "1hub" is not a valid hostname/,
    );
    expect(
      () => new Hub(stack, 'H2', { ...base, hostname: 'h2', wan: { address: '192.0.2.1/24', gateway: '192.0.2.x' } }),
    ).toThrow('Stack/H2: wan.gateway "192.0.2.x" is not an IPv4 address');
  });

  it('GIVEN a WAN gateway outside the WAN subnet, equal to the WAN address or its broadcast WHEN the Hub or Spoke is created THEN it is refused naming wan.gateway', () => {
    const { stack, hub } = hubAndSpokes(0);
    const base = { lan: { address: '10.5.0.1/24' }, preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK) };
    expect(
      () =>
        new Hub(stack, 'H1', { ...base, hostname: 'h1', wan: { address: '203.0.113.10/29', gateway: '203.0.113.17' } }),
    ).toThrow(
      'Stack/H1: wan.gateway "203.0.113.17" is outside the WAN subnet 203.0.113.8/29 of wan.address "203.0.113.10/29"; the gateway must be the next router on the WAN link',
    );
    expect(
      () =>
        new Spoke(stack, 'S1', {
          hub,
          hostname: 's1',
          lan: { address: '10.6.0.1/24' },
          wan: { address: '203.0.113.10/29', gateway: '203.0.113.10' },
        }),
    ).toThrow(
      /^Stack\/S1: wan\.gateway "203\.0\.113\.10" is the router's own WAN address \(wan\.address "203\.0\.113\.10\/29"\); IOS refuses .*%Invalid next hop address/,
    );
    expect(
      () =>
        new Spoke(stack, 'S2', {
          hub,
          hostname: 's2',
          lan: { address: '10.7.0.1/24' },
          wan: { address: '203.0.113.10/29', gateway: '203.0.113.15' },
        }),
    ).toThrow(
      /^Stack\/S2: wan\.gateway "203\.0\.113\.15" is the network or broadcast address of the WAN subnet 203\.0\.113\.8\/29/,
    );
    // The other end of a /31 is a valid gateway.
    expect(
      () =>
        new Spoke(stack, 'S3', {
          hub,
          hostname: 's3',
          lan: { address: '10.8.0.1/24' },
          wan: { address: '203.0.113.20/31', gateway: '203.0.113.21' },
        }),
    ).not.toThrow();
  });

  it("GIVEN an extra route whose next hop is the site's own LAN or WAN address WHEN the Spoke or Hub is created THEN it is refused naming routes[i].nextHop", () => {
    const { stack, hub } = hubAndSpokes(0);
    expect(
      () =>
        new Spoke(stack, 'S1', {
          hub,
          hostname: 's1',
          lan: { address: '10.6.0.1/24' },
          wan: { address: '203.0.113.10/29', gateway: '203.0.113.9' },
          routes: [{ destination: '0.0.0.0/0' }, { destination: '172.16.0.0/12', nextHop: '10.6.0.1' }],
        }),
    ).toThrow(
      /^Stack\/S1: routes\[1\]\.nextHop "10\.6\.0\.1" is this router's own address \(lan\.address\); IOS refuses/,
    );
    expect(
      () =>
        new Hub(stack, 'H1', {
          hostname: 'h1',
          lan: [{ address: '10.5.0.1/24' }, { address: '10.9.0.1/24' }],
          wan: { address: '203.0.113.2/29' },
          preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
          routes: [{ destination: '0.0.0.0/0', nextHop: '203.0.113.2' }],
        }),
    ).toThrow(/^Stack\/H1: routes\[0\]\.nextHop "203\.0\.113\.2" is this router's own address \(wan\.address\)/);
  });

  it('GIVEN two spokes with overlapping LANs WHEN validated THEN both paths are named', () => {
    const { stack, hub } = hubAndSpokes(1);
    new Spoke(stack, 'Wide', {
      hub,
      hostname: 'Wide',
      lan: { address: '10.1.0.1/16' },
      wan: { address: '192.0.2.40/24' },
    });
    expect(validateTree(stack).join('\n')).toMatch(
      /Stack\/Hub: site LAN 10\.1\.0\.0\/24 \(Stack\/Spoke1 lan\) overlaps site LAN 10\.1\.0\.0\/16 \(Stack\/Wide lan\)/,
    );
  });

  it('GIVEN a spoke LAN inside a WAN subnet WHEN validated THEN the overlap with the WAN is reported', () => {
    const { stack, hub } = hubAndSpokes(0);
    new Spoke(stack, 'S', {
      hub,
      hostname: 'S',
      lan: { address: '192.0.2.129/25' },
      wan: { address: '198.51.100.2/24' },
    });
    expect(validateTree(stack).join('\n')).toMatch(
      /site LAN 192\.0\.2\.128\/25 \(Stack\/S lan\) overlaps WAN subnet 192\.0\.2\.0\/24 \(Stack\/Hub wan\)/,
    );
  });

  it("GIVEN a spoke whose WAN address equals the hub's WAN WHEN validated THEN the spoke's wan.address is reported", () => {
    const { stack, hub } = hubAndSpokes(0);
    new Spoke(stack, 'S', { hub, hostname: 'S', lan: { address: '10.9.0.1/24' }, wan: { address: '192.0.2.1/24' } });
    expect(validateTree(stack)).toContain(
      "Stack/S: wan.address 192.0.2.1 equals the hub's WAN address (Stack/Hub); each peer needs its own address",
    );
  });

  it('GIVEN a spoke created in another stack than its hub WHEN validated THEN it is reported', () => {
    const { app, hub } = hubAndSpokes(0);
    const other = new HubSpokeStack(app, 'Other');
    new Spoke(other, 'S', { hub, hostname: 'S', lan: { address: '10.9.0.1/24' }, wan: { address: '192.0.2.9/24' } });
    expect(validateTree(app)).toContain(
      "Other/S: hub Stack/Hub is in another stack; create the spoke in the hub's stack",
    );
  });

  it('GIVEN two routers with one hostname WHEN validated THEN the duplicate hostname is reported with both paths', () => {
    const { stack, hub } = hubAndSpokes(1);
    new Spoke(stack, 'Twin', {
      hub,
      hostname: 'Spoke1',
      lan: { address: '10.50.0.1/24' },
      wan: { address: '192.0.2.60/24' },
    });
    expect(validateTree(stack)).toContain(
      'Stack/Twin/Router: hostname "Spoke1" is already used by Stack/Spoke1/Router; each router\'s config file is named after its hostname',
    );
  });
});

describe('summarized ACLs (site pools)', () => {
  it('GIVEN site pools WHEN derived THEN each spoke protects {own LAN} -> {pools + hub LAN} and the hub entry the mirror', () => {
    const { hub, spokes } = hubAndSpokes(3, {
      aclMode: 'summarized',
      sitePools: ['10.0.0.0/12'],
      lan: { address: '172.31.0.1/24' },
    });
    const hubIr = hub.router.toIr();
    const s2 = spokes[1]!;
    expect(aclLines(s2.router.toIr(), 'VPN-Spoke2')).toEqual([
      'permit 10.2.0.0/0.0.0.255 -> 10.0.0.0/0.15.255.255',
      'permit 10.2.0.0/0.0.0.255 -> 172.31.0.0/0.0.0.255',
    ]);
    expect(aclLines(hubIr, 'VPN-Spoke2').sort()).toEqual(aclLines(s2.router.toIr(), 'VPN-Spoke2').map(mirror).sort());
    expect(routes(hubIr)).toEqual(['10.0.0.0/12 GigabitEthernet1']);
    expect(routes(s2.router.toIr())).toEqual(['10.0.0.0/12 GigabitEthernet1', '172.31.0.0/24 GigabitEthernet1']);
  });

  it('GIVEN a spoke LAN outside every pool WHEN validated THEN it is reported', () => {
    const { stack, hub } = hubAndSpokes(1, {
      aclMode: 'summarized',
      sitePools: ['10.0.0.0/12'],
      lan: { address: '172.31.0.1/24' },
    });
    new Spoke(stack, 'Out', {
      hub,
      hostname: 'Out',
      lan: { address: '10.200.0.1/24' },
      wan: { address: '192.0.2.77/24' },
    });
    expect(validateTree(stack).join('\n')).toMatch(
      /sitePools do not contain site LAN 10\.200\.0\.0\/24 \(Stack\/Out lan\)/,
    );
  });
});
