/**
 * Static VTIs protected by IKEv2 in the emulator (docs/emulator.md#static-vtis): the first packet
 * negotiates IKEv2 and one any/any IPsec SA pair per end, kept in the SA database under the tunnel,
 * counted, aged and rekeyed like crypto-map SAs, and shown by `show crypto ikev2 sa`,
 * `show crypto ipsec sa` and `show crypto session`.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { edit, parseLab, replaceLine, type Lab } from '../verify/labs.js';
import { tunnelLab } from '../verify/tunnel-labs.js';

const S1_TO_S2 = 'ping 10.2.0.1 source 10.1.0.1';
const net = (lab: Lab = tunnelLab('svti-ikev2')) => Network.fromParsed(parseLab(lab));
const shortLifetime = (lab: Lab) =>
  edit(lab, 'spoke1.cfg', (t) =>
    replaceLine(t, ' set ikev2-profile HUB', [
      ' set ikev2-profile HUB',
      ' set security-association lifetime seconds 300',
    ]),
  );

describe('GIVEN the IKEv2 static-VTI network', () => {
  it('WHEN Spoke1 pings Spoke2 THEN both tunnels negotiate IKEv2 and an any/any SA pair whose counters count the echoes', () => {
    const n = net();
    expect(n.device('Spoke1').exec(S1_TO_S2).ping!.successRate).toBe(100);
    const [s1, hub, s2] = ['Spoke1', 'Hub', 'Spoke2'].map((d) => n.device(d).sadb);
    expect(s1!.ikev2.map((s) => [s.local, s.remote, s.interface, s.profile])).toEqual([
      ['203.0.113.10', '198.51.100.2', 'Tunnel1', 'HUB'],
    ]);
    expect(hub!.ikev2.map((s) => [s.remote, s.interface, s.profile]).sort()).toEqual([
      ['203.0.113.10', 'Tunnel1', 'SPOKES'],
      ['203.0.113.20', 'Tunnel2', 'SPOKES'],
    ]);
    const [sa] = s1!.ipsec;
    expect(s1!.ipsec).toHaveLength(1);
    expect(sa).toMatchObject({
      interface: 'Tunnel1',
      mapName: 'Tunnel1-head-0',
      localIdent: '0.0.0.0/0.0.0.0/0/0',
      remoteIdent: '0.0.0.0/0.0.0.0/0/0',
      peer: '198.51.100.2',
      pfsGroup: 19,
      encrypted: 5,
      decrypted: 5,
    });
    // The hub decrypts on Tunnel1 and encrypts again on Tunnel2, mirrored SPIs on each end.
    const hubIn = hub!.findInbound(sa!.outbound.spi)!;
    expect([hubIn.interface, hubIn.decrypted, hubIn.encrypted]).toEqual(['Tunnel1', 5, 5]);
    const hubOut = hub!.ipsec.find((s) => s.interface === 'Tunnel2')!;
    expect(s2!.findInbound(hubOut.outbound.spi)?.decrypted).toBe(5);
  });

  it('WHEN the console shows the state THEN each command lists the tunnel, the peer and the any/any flow', () => {
    const n = net();
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    expect(s1.exec('show crypto ikev2 sa').output).toMatch(/1\s+203\.0\.113\.10\/500\s+198\.51\.100\.2\/500 .*READY/);
    const ipsec = s1.exec('show crypto ipsec sa').output;
    expect(ipsec).toContain('interface: Tunnel1\n    Crypto map tag: Tunnel1-head-0, local addr 203.0.113.10');
    expect(ipsec).toContain('local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)');
    expect(ipsec).toMatch(/#pkts encaps: 5, #pkts encrypt: 5/);
    const session = n.device('Hub').exec('show crypto session').output;
    expect(session).toMatch(
      /Interface: Tunnel1\nProfile: SPOKES\n.*\nSession status: UP-ACTIVE\nPeer: 203\.0\.113\.10/,
    );
    expect(session).toMatch(/Interface: Tunnel3\nSession status: DOWN\nPeer: 203\.0\.113\.30/);
    expect(session).toContain('IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0');
  });

  it('WHEN traffic flows in the last 30 s of a 300 s SA THEN a new pair replaces it on both ends under the same IKEv2 SA', () => {
    const n = net(shortLifetime(tunnelLab('svti-ikev2')));
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    const old = s1.sadb.ipsec.find((s) => s.interface === 'Tunnel1')!;
    expect(old.lifetimeSeconds).toBe(300);
    const ike = s1.sadb.ikev2.map((s) => s.tunnelId);
    n.clock.advance(275_000);
    expect(s1.exec(S1_TO_S2).ping!.marks).toBe('!!!!!');
    const fresh = s1.sadb.ipsec.filter((s) => s.interface === 'Tunnel1');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.outbound.spi).not.toBe(old.outbound.spi);
    expect(n.device('Hub').sadb.findInbound(old.outbound.spi)).toBeUndefined();
    expect(n.device('Hub').sadb.findInbound(fresh[0]!.outbound.spi)).toBeDefined();
    expect(s1.sadb.ikev2.map((s) => s.tunnelId)).toEqual(ike);
  });

  it('WHEN no traffic needs a 300 s SA THEN it expires on both ends and the next echo negotiates again', () => {
    const n = net(shortLifetime(tunnelLab('svti-ikev2')));
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    n.clock.advance(305_000);
    s1.exec('show crypto ipsec sa');
    expect(s1.sadb.ipsec).toEqual([]);
    expect(n.device('Hub').sadb.ipsec.filter((s) => s.interface === 'Tunnel1')).toEqual([]);
    expect(s1.exec(S1_TO_S2).ping!.successRate).toBe(100);
    expect(s1.sadb.ipsec).toHaveLength(1);
  });

  it('WHEN the spoke sends an identity the hub does not match THEN the echoes fail and no SA is left on either end', () => {
    const lab = edit(tunnelLab('svti-ikev2'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' keyring local HUB', [' keyring local HUB', ' identity local fqdn spoke1.example.net']),
    );
    const n = net(lab);
    expect(n.device('Spoke1').exec(S1_TO_S2).ping!.successRate).toBe(0);
    expect(n.device('Spoke1').sadb.ipsec).toEqual([]);
    expect(n.device('Spoke1').sadb.ikev2).toEqual([]);
    expect(n.device('Hub').sadb.ipsec).toEqual([]);
  });

  it('WHEN clear crypto sa runs THEN the VTI SAs go and the next echo negotiates a new pair', () => {
    const n = net();
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    const old = s1.sadb.ipsec[0]!.outbound.spi;
    s1.exec('clear crypto sa');
    expect(s1.sadb.ipsec).toEqual([]);
    expect(s1.exec(S1_TO_S2).ping!.successRate).toBe(100);
    expect(s1.sadb.ipsec[0]!.outbound.spi).not.toBe(old);
  });
});

describe('GIVEN the IKEv1 static-VTI network', () => {
  const v1 = (lab: Lab = tunnelLab('svti')) => Network.fromParsed(parseLab(lab));

  it('WHEN Spoke1 pings Spoke2 THEN main mode runs once per tunnel, the IKE SAs name the tunnels and an any/any pair counts the echoes', () => {
    const n = v1();
    expect(n.device('Spoke1').exec(S1_TO_S2).ping!.successRate).toBe(100);
    const [s1, hub, s2] = ['Spoke1', 'Hub', 'Spoke2'].map((d) => n.device(d).sadb);
    expect(s1!.ike.map((s) => [s.local, s.remote, s.interface, s.initiator])).toEqual([
      ['203.0.113.10', '198.51.100.2', 'Tunnel1', true],
    ]);
    expect(hub!.ike.map((s) => [s.remote, s.interface, s.initiator]).sort()).toEqual([
      ['203.0.113.10', 'Tunnel1', false],
      ['203.0.113.20', 'Tunnel2', true],
    ]);
    expect(s2!.ike.map((s) => [s.remote, s.interface, s.initiator])).toEqual([['198.51.100.2', 'Tunnel1', false]]);
    expect(s1!.ipsec).toHaveLength(1);
    expect(s1!.ipsec[0]).toMatchObject({
      interface: 'Tunnel1',
      mapName: 'Tunnel1-head-0',
      localIdent: '0.0.0.0/0.0.0.0/0/0',
      peer: '198.51.100.2',
      encrypted: 5,
      decrypted: 5,
    });
    expect(s1!.ipsec[0]!.pfsGroup).toBeUndefined();
    const hubIn = hub!.findInbound(s1!.ipsec[0]!.outbound.spi)!;
    expect([hubIn.interface, hubIn.decrypted, hubIn.encrypted]).toEqual(['Tunnel1', 5, 5]);
    // A second ping rides the same SAs: no new main mode, no new pair.
    n.device('Spoke1').exec(S1_TO_S2);
    expect([s1!.ike.length, s1!.ipsec.length, s1!.ipsec[0]!.encrypted]).toEqual([1, 1, 10]);
  });

  it('WHEN debug crypto isakmp is on for the first echo THEN the console narrates main mode and the isakmp and session views list the tunnel', () => {
    const n = v1();
    const s1 = n.device('Spoke1');
    s1.exec('debug crypto isakmp');
    const out = s1.exec(S1_TO_S2).output;
    expect(out).toContain('beginning Main Mode exchange');
    expect(out).toContain('SA has been authenticated with 198.51.100.2');
    expect(s1.exec(S1_TO_S2).output).not.toContain('Main Mode');
    expect(s1.exec('show crypto isakmp sa').output).toMatch(/198\.51\.100\.2\s+203\.0\.113\.10\s+QM_IDLE\s+\d+ ACTIVE/);
    const session = s1.exec('show crypto session detail').output;
    expect(session).toMatch(/Interface: Tunnel1\n.*\nSession status: UP-ACTIVE\nPeer: 198\.51\.100\.2/);
    expect(session).toContain('IKEv1 SA: local 203.0.113.10/500 remote 198.51.100.2/500 Active');
    expect(s1.exec('show crypto ipsec sa').output).toContain('interface: Tunnel1\n    Crypto map tag: Tunnel1-head-0');
  });

  it('WHEN one end sets a 300 s SA lifetime THEN both ends hold the lower lifetime and the pair expires on both at once', () => {
    const lab = edit(tunnelLab('svti'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' set transform-set TS', [
        ' set transform-set TS',
        ' set security-association lifetime seconds 300',
      ]),
    );
    const n = v1(lab);
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    const hubHalf = n.device('Hub').sadb.ipsec.find((s) => s.interface === 'Tunnel1')!;
    expect([s1.sadb.ipsec[0]!.lifetimeSeconds, hubHalf.lifetimeSeconds]).toEqual([300, 300]);
    n.clock.advance(305_000);
    s1.exec('show crypto ipsec sa');
    expect(s1.sadb.ipsec).toEqual([]);
    expect(n.device('Hub').sadb.ipsec.filter((s) => s.interface === 'Tunnel1')).toEqual([]);
    // The IKE SA outlives the pair: the next echo runs quick mode only.
    expect(s1.sadb.ike).toHaveLength(1);
    expect(s1.exec(S1_TO_S2).ping!.successRate).toBe(100);
    expect([s1.sadb.ike.length, s1.sadb.ipsec.length]).toEqual([1, 1]);
  });

  it('WHEN clear crypto sa runs THEN the pair goes, the IKE SA stays and the next echo negotiates new SPIs', () => {
    const n = v1();
    const s1 = n.device('Spoke1');
    s1.exec(S1_TO_S2);
    const old = s1.sadb.ipsec[0]!.outbound.spi;
    s1.exec('clear crypto sa');
    expect(s1.sadb.ipsec).toEqual([]);
    expect(s1.sadb.ike).toHaveLength(1);
    expect(s1.exec(S1_TO_S2).ping!.successRate).toBe(100);
    expect(s1.sadb.ipsec[0]!.outbound.spi).not.toBe(old);
  });
});
