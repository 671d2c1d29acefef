/**
 * A spoke behind a NAT device, hand-written (docs/ios-semantics.md#nat-traversal): the reference
 * lab's Spoke2 gets a private WAN address while the hub keeps calling, keying on and routing to
 * 10.1.3.1, now the address the NAT device in front of Spoke2 gives it. IOS proves this network
 * (NAT-T on by default); the proof must say so, under a stated assumption when nothing declares the
 * NAT, with no wrong-peer or "mirror the ACLs" hints, and name the right root cause when NAT-T is
 * off or the mapping cannot be told.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../lib/ir/topology.js';
import type { VerifyResult } from '../../lib/verify/types.js';
import { Network } from '../../lib/emulate/index.js';
import type { Topology } from '../../lib/ir/topology.js';
import { edit, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const PRIVATE = '192.168.203.2';
const PUBLIC = '10.1.3.1';

/** Spoke2 behind NAT: its WAN is private, the hub is unchanged. */
function natLab(): Lab {
  return edit(seedLab('three-spokes'), 'spoke2.cfg', (t) =>
    replaceLine(t, ` ip address ${PUBLIC} 255.255.255.0`, [` ip address ${PRIVATE} 255.255.255.0`]),
  );
}

const lineOf = (lab: Lab, file: string, text: string): number => lab[file]!.split('\n').indexOf(text) + 1;
const codesOf = (r: VerifyResult) => new Set(r.findings.map((f) => f.code));
const HINT_CODES = ['UNKNOWN_PEER', 'WRONG_PEER', 'PROXY_MISMATCH', 'NO_ENTRY_FOR_PEER', 'PEER_UNREACHABLE'];

function topology(publicAddress: boolean) {
  const device = (hostname: string, file: string, sites: string[], wan: string, extra = {}) => ({
    hostname,
    file,
    platform: 'ios-12.2',
    role: hostname === 'Hub' ? 'hub' : 'spoke',
    sites,
    wan: [{ interface: 'Ethernet1', address: wan, ...extra }],
  });
  return parseTopology(
    JSON.stringify({
      format: 'hubspoke-topology',
      version: 1,
      stack: 'nat',
      devices: [
        device('Hub', 'hub.cfg', ['10.1.1.0/24'], '10.1.4.1/24'),
        device('Spoke1', 'spoke1.cfg', ['172.16.1.0/24'], '10.1.2.1/24'),
        device(
          'Spoke2',
          'spoke2.cfg',
          ['192.168.1.0/24'],
          `${PRIVATE}/24`,
          publicAddress ? { publicAddress: PUBLIC } : {},
        ),
        device('Spoke3', 'spoke3.cfg', ['172.16.2.0/24'], '10.1.5.1/24'),
      ],
      underlay: { segments: [] },
    }),
  );
}

describe('GIVEN Spoke2 behind a NAT device that nothing declares', () => {
  const lab = natLab();
  const r = proveLab(lab);

  it('WHEN proven THEN every pair is covered, under NAT_MAPPING_ASSUMED on the hub entry, without peer or mirror hints', () => {
    expect(r.pairs.filter((p) => p.status !== 'covered')).toEqual([]);
    expect(r.ok).toBe(true);
    const assumed = r.findings.filter((f) => f.code === 'NAT_MAPPING_ASSUMED');
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatchObject({
      device: 'Hub',
      severity: 'warning',
      line: lineOf(lab, 'hub.cfg', ' set peer 10.1.3.1') - 1,
    });
    expect(assumed[0]!.message).toContain(`translates Spoke2's ${PRIVATE} to ${PUBLIC}`);
    for (const code of HINT_CODES) expect(codesOf(r).has(code as never), code).toBe(false);
    expect(pair(r, 'Spoke1', 'Spoke2').problems.map((p) => p.code)).toEqual(['NAT_MAPPING_ASSUMED']);
  });
});

describe('GIVEN Spoke2 behind a NAT device that topology.json declares', () => {
  it('WHEN proven THEN every pair is covered with no assumption stated', () => {
    const r = proveLab(natLab(), { topology: topology(true) });
    expect(r.pairs.filter((p) => p.status !== 'covered')).toEqual([]);
    expect(codesOf(r).has('NAT_MAPPING_ASSUMED')).toBe(false);
    for (const code of HINT_CODES) expect(codesOf(r).has(code as never), code).toBe(false);
  });

  it('WHEN the topology does not declare it THEN the same mapping is assumed', () => {
    const r = proveLab(natLab(), { topology: topology(false) });
    expect(r.ok).toBe(true);
    expect(codesOf(r).has('NAT_MAPPING_ASSUMED')).toBe(true);
  });
});

describe('GIVEN Spoke2 behind NAT and NAT traversal turned off on the hub', () => {
  const lab = edit(natLab(), 'hub.cfg', (t) =>
    replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
      'no crypto ipsec nat-transparency udp-encapsulation',
      'crypto map mymap 10 ipsec-isakmp',
    ]),
  );
  const r = proveLab(lab, { topology: topology(true) });

  it("WHEN proven THEN exactly Spoke2's pairs break, with NAT_T_DISABLED on that line as their one error", () => {
    const broken = r.pairs.filter((p) => p.status !== 'covered').map((p) => `${p.from}>${p.to}`);
    expect(broken.sort()).toEqual(
      ['Hub>Spoke2', 'Spoke1>Spoke2', 'Spoke3>Spoke2', 'Spoke2>Hub', 'Spoke2>Spoke1', 'Spoke2>Spoke3'].sort(),
    );
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).toEqual(['NAT_T_DISABLED']);
    expect(errors[0]).toMatchObject({
      device: 'Hub',
      line: lineOf(lab, 'hub.cfg', 'no crypto ipsec nat-transparency udp-encapsulation'),
    });
  });

  it('WHEN no NAT sits between the peers THEN NAT traversal off changes nothing', () => {
    const direct = edit(seedLab('three-spokes'), 'hub.cfg', (t) =>
      replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
        'no crypto ipsec nat-transparency udp-encapsulation',
        'crypto map mymap 10 ipsec-isakmp',
      ]),
    );
    const d = proveLab(direct);
    expect(d.ok).toBe(true);
    expect(codesOf(d).has('NAT_T_DISABLED')).toBe(false);
  });
});

describe('GIVEN two hub entries naming addresses no device owns, and two spokes mirroring the first', () => {
  // Spoke3 also sits behind NAT, and one extra line of its crypto ACL mirrors the hub's entry for Spoke2.
  let lab = edit(natLab(), 'spoke3.cfg', (t) =>
    replaceLine(t, ' ip address 10.1.5.1 255.255.255.0', [' ip address 192.168.205.2 255.255.255.0']),
  );
  lab = edit(lab, 'spoke3.cfg', (t) =>
    replaceLine(t, 'access-list 130 permit ip 172.16.2.0 0.0.0.255 10.1.1.0 0.0.0.255', [
      'access-list 130 permit ip 172.16.2.0 0.0.0.255 10.1.1.0 0.0.0.255',
      'access-list 130 permit ip 192.168.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
    ]),
  );
  const r = proveLab(lab);

  it('WHEN proven THEN every pair of the two spokes is unverified, naming the candidates, and none is covered or broken', () => {
    for (const p of r.pairs) {
      const natted = [p.from, p.to].some((h) => h === 'Spoke2' || h === 'Spoke3');
      expect(p.status, `${p.from} -> ${p.to}`).toBe(natted ? 'unverified' : 'covered');
    }
    const nm = r.findings.filter((f) => f.code === 'NOT_MODELLED').map((f) => f.message);
    expect(nm.some((m) => m.includes('Spoke2, Spoke3 mirror that entry'))).toBe(true);
    expect(r.findings.filter((f) => f.code === 'NAT_MAPPING_ASSUMED')).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

/** The emulated network of a lab (with its topology, if any) and a host ping between two LANs. */
function emulate(lab: Lab, topology?: Topology) {
  const net = Network.fromParsed(parseLab(lab), topology ? { topology } : {});
  const ping = (from: string, source: string, to: string) => {
    const before = net.wanLog.length;
    const r = net.ping({ from, source, to, repeat: 3, asHost: true });
    const clear = net.wanLog.slice(before).filter((p) => !p.encrypted).length;
    return r.received === r.sent && clear === 0;
  };
  return { net, ping };
}

describe('GIVEN the emulated network with Spoke2 behind NAT', () => {
  it('WHEN Spoke1 pings Spoke2 through the hub THEN it succeeds, and the hub shows NAT-T SAs to the public address', () => {
    const { net, ping } = emulate(natLab(), topology(true));
    expect(ping('Spoke1', '172.16.1.10', '192.168.1.10')).toBe(true);
    expect(ping('Spoke2', '192.168.1.10', '10.1.1.10')).toBe(true);
    const hub = net.device('Hub');
    const ipsec = hub.exec('show crypto ipsec sa').output;
    expect(ipsec).toContain('current_peer: 10.1.3.1');
    expect(ipsec).toContain('in use settings ={Tunnel UDP-Encaps, }');
    // Spoke2 speaks from its own address; the hub knows it by the public one.
    const spokeIke = net.device('Spoke2').exec('show crypto isakmp sa').output;
    expect(spokeIke).toMatch(new RegExp(`${PRIVATE.replaceAll('.', '\\.')} +10\\.1\\.4\\.1 +QM_IDLE`));
    expect(spokeIke).not.toContain(PUBLIC);
    expect(hub.exec('show crypto isakmp sa').output).toMatch(
      /10\.1\.3\.1 +10\.1\.4\.1 +QM_IDLE|10\.1\.4\.1 +10\.1\.3\.1 +QM_IDLE/,
    );
  });

  it('WHEN nothing declares the NAT THEN the emulator assumes the same mapping as the proof and the ping succeeds', () => {
    const { ping } = emulate(natLab());
    expect(ping('Hub', '10.1.1.10', '192.168.1.10')).toBe(true);
  });

  it('WHEN NAT traversal is off on the hub THEN IKE completes but ESP does not cross the NAT device', () => {
    const lab = edit(natLab(), 'hub.cfg', (t) =>
      replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
        'no crypto ipsec nat-transparency udp-encapsulation',
        'crypto map mymap 10 ipsec-isakmp',
      ]),
    );
    const { net, ping } = emulate(lab, topology(true));
    expect(ping('Spoke2', '192.168.1.10', '10.1.1.10')).toBe(false);
    expect(ping('Spoke1', '172.16.1.10', '10.1.1.10')).toBe(true);
    expect(net.device('Hub').exec('show crypto isakmp sa').output).toContain('10.1.3.1');
  });
});

describe('GIVEN Spoke2 behind NAT on IOS 15 with debug crypto isakmp', () => {
  it('WHEN it reaches the hub THEN the debug says where NAT sits, IKE floats to 4500 and the SA shows port 4500 and the N capability', () => {
    const { net, ping } = emulate(modern(natLab()), topology(true));
    const spoke = net.device('Spoke2');
    spoke.exec('debug crypto isakmp');
    expect(ping('Spoke2', '192.168.1.10', '10.1.1.10')).toBe(true);
    const log = spoke.consoleHistory.join('\n');
    expect(log).toContain('NAT found, the node inside NAT');
    const hub = net.device('Hub');
    expect(hub.exec('show crypto ipsec sa').output).toContain('current_peer 10.1.3.1 port 4500');
    expect(hub.exec('show crypto isakmp sa detail').output).toMatch(/10\.1\.3\.1 .* N\b|DN|\sN$/m);
  });
});

/** The lab on IOS 15 (whose inbound lists no longer see decrypted packets, docs/ios-semantics.md#interface-access-lists). */
function modern(lab: Lab): Lab {
  let out = lab;
  for (const f of Object.keys(out)) out = edit(out, f, (t) => t.replace('version 12.2', 'version 15.4'));
  return out;
}

describe("GIVEN Spoke2 behind NAT and the hub's WAN list dropping UDP 4500 (IOS 15)", () => {
  const lab = edit(modern(natLab()), 'hub.cfg', (t) =>
    replaceLine(
      replaceLine(t, ' ip address 10.1.4.1 255.255.255.0', [
        ' ip address 10.1.4.1 255.255.255.0',
        ' ip access-group 150 in',
      ]),
      'end',
      ['access-list 150 deny udp any any eq 4500', 'access-list 150 permit ip any any', 'end'],
    ),
  );

  it("WHEN proven THEN exactly Spoke2's pairs break, on INTERFACE_ACL_BLOCKS naming UDP 4500 at that line, and the emulator agrees", () => {
    const r = proveLab(lab, { topology: topology(true) });
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect([...new Set(errors.map((f) => `${f.code} ${f.device} ${f.line}`))]).toEqual([
      `INTERFACE_ACL_BLOCKS Hub ${lineOf(lab, 'hub.cfg', 'access-list 150 deny udp any any eq 4500')}`,
    ]);
    expect(errors[0]!.message).toContain('(UDP 4500) from 10.1.3.1 (Spoke2)');
    for (const p of r.pairs)
      expect(p.status, `${p.from} -> ${p.to}`).toBe(p.from === 'Spoke2' || p.to === 'Spoke2' ? 'broken' : 'covered');
    const { ping } = emulate(lab, topology(true));
    expect(ping('Spoke2', '192.168.1.10', '10.1.1.10')).toBe(false);
    expect(ping('Spoke1', '172.16.1.10', '10.1.1.10')).toBe(true);
  });
});

describe("GIVEN Spoke2 behind NAT, its hub key in a keyring whose profile matches Spoke2's public address instead of its identity", () => {
  // The identity Spoke2 sends is its own (private) address: the profile the hub entry requires never matches it.
  let lab = edit(natLab(), 'hub.cfg', (t) =>
    replaceLine(t, 'crypto map mymap 10 ipsec-isakmp', [
      'crypto keyring SPOKE2',
      ' pre-shared-key address 10.1.3.1 key cisco123',
      'crypto isakmp profile SPOKE2',
      ' keyring SPOKE2',
      ' match identity address 10.1.3.1 255.255.255.255',
      'crypto map mymap 10 ipsec-isakmp',
    ]),
  );
  lab = edit(lab, 'hub.cfg', (t) => replaceLine(t, 'crypto isakmp key cisco123 address 10.1.3.1', []));
  lab = edit(lab, 'hub.cfg', (t) =>
    replaceLine(t, ' set peer 10.1.3.1', [' set peer 10.1.3.1', ' set isakmp-profile SPOKE2']),
  );

  it('WHEN proven THEN no pair of Spoke2 is covered (the configs do not decide the profile IOS binds), with no wrong-peer or mirror hint', () => {
    const r = proveLab(lab, { topology: topology(true) });
    for (const p of r.pairs.filter((x) => x.from === 'Spoke2' || x.to === 'Spoke2'))
      expect(p.status, `${p.from} -> ${p.to}`).not.toBe('covered');
    expect(r.pairs.filter((p) => p.from !== 'Spoke2' && p.to !== 'Spoke2').every((p) => p.covered)).toBe(true);
    for (const code of HINT_CODES) expect(codesOf(r).has(code as never), code).toBe(false);
  });
});
