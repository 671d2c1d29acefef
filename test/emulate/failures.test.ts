import { describe, expect, it } from 'vitest';
import type { Network, PingResult } from '../../lib/emulate/index.js';
import { labNetwork, type LabEdits } from './lab.js';

const WRONG_KEY = 'fake-wrong-key-77';

function debugAll(net: Network, ...hosts: string[]): void {
  for (const h of hosts) {
    net.device(h).exec('debug crypto isakmp');
    net.device(h).exec('debug crypto ipsec');
  }
}

/** Pings and returns the result plus every router's console (pending lines included). */
function ping(
  net: Network,
  from: string,
  source: string,
  to: string,
): { r: PingResult; consoles: Record<string, string> } {
  const out = net.device(from).exec(`ping ${to} source ${source}`);
  const consoles: Record<string, string> = {};
  for (const d of net.devices()) consoles[d.hostname] = d.consoleHistory.join('\n');
  consoles[from] = `${consoles[from]}\n${out.output}`;
  return { r: out.ping!, consoles };
}

const spoke1ToHubLan = (edits: LabEdits, debug = true) => {
  const net = labNetwork('two-spokes', edits);
  if (debug) debugAll(net, 'Hub', 'Spoke1');
  return { net, ...ping(net, 'Spoke1', '172.16.1.1', '10.1.1.1') };
};

describe('broken variants of the lab', () => {
  it('GIVEN different pre-shared keys WHEN Spoke1 initiates THEN MM_KEY_EXCH fails: the hub logs a bad message, the spoke retransmits, no key is printed', () => {
    const { r, consoles } = spoke1ToHubLan({
      'hub.cfg': [['crypto isakmp key cisco123 address 10.1.2.1', `crypto isakmp key ${WRONG_KEY} address 10.1.2.1`]],
    });
    expect(r.marks).toBe('.....');
    expect(r.output).toContain('Success rate is 0 percent (0/5)\n');
    expect(r.output).not.toContain('round-trip');
    expect(r.losses[0]).toMatchObject({
      leg: 'request',
      device: 'Spoke1',
      reason: 'negotiation-failed',
      negotiation: 'key-mismatch',
    });
    expect(consoles.Hub).toContain(
      '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.1.2.1 failed its sanity check or is malformed',
    );
    expect(consoles.Spoke1).toContain('retransmitting phase 1 MM_KEY_EXCH');
    expect(Object.values(consoles).join('\n')).not.toMatch(/fake-wrong-key|cisco123/);
  });

  it('GIVEN no key for the peer WHEN each side lacks it THEN phase 1 fails naming the address without a key', () => {
    const hubMissing = spoke1ToHubLan({ 'hub.cfg': [['crypto isakmp key cisco123 address 10.1.2.1\n', '']] });
    expect(hubMissing.r.losses[0]?.negotiation).toBe('no-key-remote');
    expect(hubMissing.consoles.Hub).toContain('ISAKMP: no pre-shared key based on address 10.1.2.1');
    const spokeMissing = spoke1ToHubLan({ 'spoke1.cfg': [['crypto isakmp key cisco123 address 10.1.4.1\n', '']] });
    expect(spokeMissing.r.losses[0]?.negotiation).toBe('no-key-local');
    expect(spokeMissing.consoles.Spoke1).toContain('ISAKMP: no pre-shared key based on address 10.1.4.1');
  });

  it('GIVEN ISAKMP policies that differ in hash WHEN Spoke1 initiates THEN the hub finds the atts not acceptable and refuses the phase 1 policy', () => {
    const { r, consoles } = spoke1ToHubLan({ 'spoke1.cfg': [[' hash md5\n', ' hash sha\n']] });
    expect(r.successRate).toBe(0);
    expect(r.losses[0]?.negotiation).toBe('phase1-policy');
    expect(consoles.Hub).toContain('ISAKMP:      hash SHA');
    expect(consoles.Hub).toContain('atts are not acceptable. Next payload is 0');
    expect(consoles.Hub).toContain('phase 1 SA policy not acceptable! (local 10.1.4.1 remote 10.1.2.1)');
    expect(consoles.Hub).toContain('%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.1.2.1');
  });

  it('GIVEN a shorter ISAKMP lifetime on Spoke1 WHEN each side initiates THEN only Spoke1 (the shorter side) succeeds', () => {
    const edits: LabEdits = {
      'spoke1.cfg': [[' authentication pre-share\n', ' authentication pre-share\n lifetime 3600\n']],
    };
    expect(spoke1ToHubLan(edits, false).r.successRate).toBe(100);
    const net = labNetwork('two-spokes', edits);
    debugAll(net, 'Hub');
    const fromHub = ping(net, 'Hub', '10.1.1.1', '172.16.1.1');
    expect(fromHub.r.successRate).toBe(0);
    expect(fromHub.r.losses[0]?.negotiation).toBe('phase1-lifetime');
    expect(fromHub.consoles.Spoke1).toContain(
      '%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.1.4.1',
    );
    // The relaxed option models releases that accept the longer offer.
    const relaxed = labNetwork('two-spokes', edits, { relaxLifetime: true });
    expect(relaxed.ping({ from: 'Hub', source: '10.1.1.1', to: '172.16.1.1' }).successRate).toBe(100);
  });

  it('GIVEN different transform sets WHEN Spoke1 initiates THEN quick mode fails with transform proposal not supported', () => {
    const { r, consoles } = spoke1ToHubLan({
      'spoke1.cfg': [['transform-set myset esp-des esp-md5-hmac', 'transform-set myset esp-3des esp-sha-hmac']],
    });
    expect(r.losses[0]?.negotiation).toBe('transform-not-supported');
    expect(consoles.Hub).toContain('IPSEC(validate_proposal_request): proposal part #1');
    expect(consoles.Hub).toMatch(/IPSEC\(validate_transform_proposal\): transform proposal .* not supported/);
    expect(consoles.Hub).toContain('phase 2 SA policy not acceptable!');
    // Phase 1 did come up.
    expect(consoles.Spoke1).toContain('SA has been authenticated with 10.1.4.1');
  });

  it('GIVEN PFS required on the hub only WHEN each side initiates THEN the spoke without PFS cannot initiate and the hub can', () => {
    const edits: LabEdits = { 'hub.cfg': [[' set peer 10.1.2.1\n', ' set peer 10.1.2.1\n set pfs group2\n']] };
    const fromSpoke = spoke1ToHubLan(edits);
    expect(fromSpoke.r.losses[0]?.negotiation).toBe('pfs-mismatch');
    expect(fromSpoke.consoles.Hub).toContain('local policy requires PFS group 2, peer offered no PFS');
    expect(fromSpoke.consoles.Hub).toContain('IPSec policy invalidated proposal');
    const net = labNetwork('two-spokes', edits);
    expect(net.ping({ from: 'Hub', source: '10.1.1.1', to: '172.16.1.1' }).successRate).toBe(100);
    expect(net.device('Hub').sadb.ipsec[0]?.pfsGroup).toBe(2);
  });

  it('GIVEN non-mirrored ACLs WHEN each side initiates THEN the narrow side succeeds and the wide side gets proxy identities not supported', () => {
    const edits: LabEdits = {
      'spoke1.cfg': [
        [
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
          'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.0.0 0.0.255.255',
        ],
      ],
    };
    const wide = spoke1ToHubLan(edits);
    expect(wide.r.losses[0]?.negotiation).toBe('proxy-not-supported');
    expect(wide.consoles.Hub).toContain('IPSEC(validate_transform_proposal): proxy identities not supported');
    expect(wide.consoles.Spoke1).toContain('remote_proxy= 10.1.0.0/255.255.0.0/0/0 (type=4)');
    const net = labNetwork('two-spokes', edits);
    expect(net.ping({ from: 'Hub', source: '10.1.1.1', to: '172.16.1.1' }).successRate).toBe(100);
    // Once the narrow SA exists, the wide side's traffic inside it flows too.
    expect(net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' }).successRate).toBe(100);
  });

  it("GIVEN the crypto map missing from Spoke1's WAN interface WHEN Spoke1 pings the hub LAN THEN the packet crosses in clear and the hub drops it as not IPsec", () => {
    const { net, r, consoles } = spoke1ToHubLan(
      { 'spoke1.cfg': [[' no ip mroute-cache\n crypto map mymap\n', ' no ip mroute-cache\n']] },
      false,
    );
    expect(r.successRate).toBe(0);
    expect(r.losses[0]).toMatchObject({ device: 'Hub', reason: 'clear-text-should-be-ipsec' });
    expect(net.nothingInClear()).toBe(false);
    expect(net.wanLog[0]).toMatchObject({
      from: { device: 'Spoke1' },
      to: { device: 'Hub' },
      encrypted: false,
      src: '172.16.1.1',
      dst: '10.1.1.1',
    });
    expect(consoles.Hub).toContain(
      "%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /10.1.1.1, src_addr= 172.16.1.1, prot= 1",
    );
    // The syslog message reaches the hub's console at its next command, debug or not.
    expect(net.device('Hub').exec('show crypto isakmp sa').output).toContain('%CRYPTO-4-RECVD_PKT_NOT_IPSEC');
  });

  it('GIVEN a missing route to a remote LAN WHEN the request or the reply needs it THEN the packet is dropped for lack of a route', () => {
    const noRoute = spoke1ToHubLan({}, false);
    expect(noRoute.r.successRate).toBe(100);
    const net = labNetwork('two-spokes', { 'spoke1.cfg': [['ip route 192.168.1.0 255.255.255.0 Ethernet1\n', '']] });
    const out = net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '192.168.1.1' });
    expect(out.losses[0]).toMatchObject({ leg: 'request', device: 'Spoke1', reason: 'no-route' });
    const back = labNetwork('two-spokes', { 'spoke2.cfg': [['ip route 172.16.0.0 255.255.0.0 Ethernet1\n', '']] });
    const r2 = back.ping({ from: 'Spoke1', source: '172.16.1.1', to: '192.168.1.1' });
    expect(r2.successRate).toBe(0);
    expect(r2.losses[0]).toMatchObject({ leg: 'reply', device: 'Spoke2', reason: 'no-route' });
  });

  it('GIVEN an unreachable peer WHEN it is the only peer THEN IKE dies by retransmission; WHEN a second peer follows THEN IKE fails over to it', () => {
    const dead = spoke1ToHubLan({ 'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.9.9\n']] });
    expect(dead.r.losses[0]?.negotiation).toBe('peer-unreachable');
    expect(dead.consoles.Spoke1).toContain('retransmitting phase 1 MM_NO_STATE');
    expect(dead.consoles.Spoke1).toContain('death by retransmission P1');
    const failover = spoke1ToHubLan({
      'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.9.9\n set peer 10.1.4.1\n']],
    });
    expect(failover.r.successRate).toBe(100);
    expect(failover.net.device('Spoke1').sadb.ipsec[0]?.peer).toBe('10.1.4.1');
    expect(failover.consoles.Spoke1).toMatch(
      /remote= 10\.1\.9\.9[\s\S]*death by retransmission P1[\s\S]*remote= 10\.1\.4\.1/,
    );
  });

  it("GIVEN an earlier hub entry whose ACL also matches Spoke3's LAN WHEN the hub sends to Spoke3 THEN entry 10 captures it and negotiates with the wrong peer", () => {
    const edits: LabEdits = {
      'hub.cfg': [
        [
          'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
          'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.0.0 0.0.255.255',
        ],
      ],
    };
    const net = labNetwork('three-spokes', edits);
    debugAll(net, 'Hub');
    const r = ping(net, 'Hub', '10.1.1.1', '172.16.2.1');
    expect(r.r.successRate).toBe(0);
    expect(r.r.losses[0]?.negotiation).toBe('proxy-not-supported');
    expect(r.r.traces[0]?.find((h) => h.event === 'negotiate')?.detail).toBe('entry mymap 10 line 1');
    expect(r.consoles.Hub).toContain('OUTBOUND local= 10.1.4.1, remote= 10.1.2.1');
    expect(r.consoles.Hub).not.toContain('remote= 10.1.5.1');
    // Even when Spoke3 initiates (its SA with the hub comes up), the hub's reply is captured by entry 10.
    const back = labNetwork('three-spokes', edits).ping({ from: 'Spoke3', source: '172.16.2.1', to: '10.1.1.1' });
    expect(back.successRate).toBe(0);
    expect(back.losses[0]).toMatchObject({ leg: 'reply', device: 'Hub', negotiation: 'proxy-not-supported' });
  });

  it('GIVEN a crypto map on the hub interface missing WHEN a spoke initiates THEN the hub refuses the proposal with invalid local address', () => {
    const { r, consoles } = spoke1ToHubLan({
      'hub.cfg': [[' no ip mroute-cache\n crypto map mymap\n', ' no ip mroute-cache\n']],
    });
    expect(r.losses[0]?.negotiation).toBe('no-crypto-map-on-peer');
    expect(consoles.Hub).toContain('IPSEC(validate_proposal): invalid local address 10.1.4.1');
  });

  it('GIVEN ISAKMP policies without authentication pre-share WHEN negotiated THEN phase 1 fails for lack of certificates', () => {
    const { r } = spoke1ToHubLan({
      'hub.cfg': [[' authentication pre-share\n', '']],
      'spoke1.cfg': [[' authentication pre-share\n', '']],
    });
    expect(r.losses[0]?.negotiation).toBe('phase1-authentication');
  });
});

describe('set peer failover', () => {
  it('GIVEN a first peer that silently drops main mode (wrong key) WHEN a second peer follows THEN IKE moves on to it; a refusing first peer stops the attempt', () => {
    // Spoke1 lists the hub twice under two addresses: a secondary WAN address with a wrong key, then the real one.
    const edits: LabEdits = {
      'hub.cfg': [
        [
          ' ip address 10.1.4.1 255.255.255.0\n',
          ' ip address 10.1.4.1 255.255.255.0\n ip address 10.1.4.2 255.255.255.0 secondary\n',
        ],
      ],
      'spoke1.cfg': [
        [' set peer 10.1.4.1\n', ' set peer 10.1.4.2\n set peer 10.1.4.1\n'],
        [
          'crypto isakmp key cisco123 address 10.1.4.1\n',
          'crypto isakmp key cisco123 address 10.1.4.1\ncrypto isakmp key fake-other-key address 10.1.4.2\n',
        ],
      ],
    };
    const net = labNetwork('two-spokes', edits);
    const r = net.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' });
    expect(r.successRate).toBe(100);
    expect(net.device('Spoke1').sadb.ipsec[0]?.peer).toBe('10.1.4.1');
    expect(net.device('Hub').consoleHistory.join('\n')).toContain(
      '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.1.2.1',
    );
    // A policy refusal from the first peer is an answer: no failover.
    const refused = labNetwork('two-spokes', {
      ...edits,
      'spoke1.cfg': [...edits['spoke1.cfg']!, [' hash md5\n', ' hash sha\n']],
    });
    refused.device('Spoke1').exec('debug crypto ipsec');
    expect(refused.ping({ from: 'Spoke1', source: '172.16.1.1', to: '10.1.1.1' }).losses[0]?.negotiation).toBe(
      'phase1-policy',
    );
    const log = refused.device('Spoke1').consoleHistory.join('\n');
    expect(log).toContain('remote= 10.1.4.2,');
    expect(log).not.toContain('remote= 10.1.4.1,');
  });
});

describe('routing loops', () => {
  it('GIVEN two routers whose next-hop routes point at each other WHEN a packet enters the loop THEN it dies with ttl-exceeded', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        [
          'ip route 10.1.0.0 255.255.0.0 Ethernet1\n',
          'ip route 10.1.0.0 255.255.0.0 Ethernet1\nip route 8.8.8.0 255.255.255.0 10.1.4.1\n',
        ],
      ],
      'hub.cfg': [
        [
          'ip route 10.1.0.0 255.255.0.0 Ethernet1\n',
          'ip route 10.1.0.0 255.255.0.0 Ethernet1\nip route 8.8.8.0 255.255.255.0 10.1.2.1\n',
        ],
      ],
    });
    const r = net.ping({ from: 'Spoke1', to: '8.8.8.8', repeat: 1 });
    expect(r.losses[0]?.reason).toBe('ttl-exceeded');
    expect(net.wanLog.length).toBeGreaterThan(20);
  });
});
