/**
 * Differential test: on random hub-and-spoke networks with random defects, the emulator's ping
 * between hosts of two sites (from cleared SAs) succeeds with nothing crossing a WAN in clear text
 * exactly when the proof says the pair is covered. The two share every IOS rule (`lib/rules/`), so
 * a disagreement means one of them walks the packet differently, and the counterexample says where.
 * Defects are whole-prefix ones, so one ping per pair is representative of the pair's header set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { parseTopology, type Topology } from '../../lib/ir/topology.js';
import type { PairResult } from '../../lib/verify/types.js';
import { parseLab, replaceLine, type Lab } from './labs.js';

type Style = 'legacy' | 'modern';
/** Exact per-pair ACL lines, or one pool line per side (summarized, the pool 10.0.0.0/8 holds every LAN). */
type AclMode = 'exact' | 'summarized';
const DEFECTS = [
  'none', 'key', 'transform', 'pfs-spoke', 'pfs-hub-entry', 'lifetime-spoke', 'lifetime-hub', 'hash',
  'deny-spoke', 'missing-spoke-line', 'missing-hub-line', 'missing-hub-route', 'missing-spoke-route',
  'map-not-applied', 'capture-entry', 'wrong-peer-address', 'missing-hub-key', 'not-in-underlay',
  'null0-hub', 'null0-spoke', 'floating-takes-over', 'floating-to-lan', 'permanent-down', 'own-next-hop', 'equal-cost-wan',
  // `set peer` failover (docs/ios-semantics.md#peers): a first peer nobody owns, one that stays
  // silent for lack of a key for us, and one that answers and refuses (no failover then).
  'dead-first-peer', 'unkeyed-first-peer', 'answering-first-peer',
  // References to objects that do not exist (docs/ios-semantics.md#configuration-ios-rejects).
  'undefined-acl-hub', 'undefined-transform-spoke', 'undefined-map-spoke',
  'acl-wan-no-esp', 'acl-wan-tunnel-only', 'acl-lan-deny', 'acl-undefined',
  'nat-pat-no-exemption', 'nat-pat-acl-exemption', 'nat-route-map-exemption', 'nat-hub-transit',
  // ACL edits by sequence number and object groups (docs/ios-semantics.md#sequence-numbers,
  // #object-groups): a re-opened list adding `5 deny` in front, `no 10`, resequence then an
  // insertion between the first two lines, a hub list re-opened with `1 deny`, and a spoke list
  // written with a network object group (complete, or lacking one LAN).
  'seq-deny-reopen', 'seq-no-first', 'seq-resequence-insert', 'seq-hub-deny', 'objgroup-spoke', 'objgroup-missing',
] as const;
type Defect = (typeof DEFECTS)[number];

/** topology.json for the network (as synth writes it); with `not-in-underlay` spoke k's WAN is in no segment. */
function topologyOf(n: number, style: Style, defect: Defect, k: number): Topology {
  const all = Array.from({ length: n + 1 }, (_, i) => i);
  return parseTopology(JSON.stringify({
    format: 'hubspoke-topology', version: 1, stack: 'diff',
    devices: all.map((i) => ({
      hostname: host(i), file: fileOf(i), platform: style === 'legacy' ? 'ios-12.2' : 'ios-xe-17',
      role: i === 0 ? 'hub' : 'spoke', sites: [`${lan(i)}.0/24`], wan: [{ interface: 'Ethernet1', address: `${wan(i)}/24` }],
    })),
    underlay: { segments: [{ name: 'wan', members: all.filter((i) => !(defect === 'not-in-underlay' && i === k)).map((i) => ({ device: host(i), interface: 'Ethernet1' })) }] },
  }));
}

interface Net {
  readonly lab: Lab;
  readonly sites: { device: string; network: string; host: string }[];
}

const lan = (i: number) => (i === 0 ? '10.0.0' : `10.${i}.0`);
const wan = (i: number) => (i === 0 ? '198.51.100.1' : `198.51.100.${10 + i}`);
const fileOf = (i: number) => (i === 0 ? 'hub.cfg' : `spoke${i}.cfg`);
const host = (i: number) => (i === 0 ? 'Hub' : `Spoke${i}`);

/** A hub and n spokes, exact mirrored ACLs, then one defect on spoke `k` (or its hub side). */
function network(n: number, style: Style, defect: Defect, k: number, other: number, mode: AclMode = 'exact'): Net {
  const pool = '10.0.0.0 0.255.255.255';
  const spokeLine = (i: number, o: number) =>
    mode === 'exact' ? `access-list 110 permit ip ${lan(i)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255` : `access-list 110 permit ip ${lan(i)}.0 0.0.0.255 ${pool}`;
  const hubLine = (i: number, s: number) =>
    mode === 'exact' ? `access-list ${100 + i} permit ip ${lan(s)}.0 0.0.0.255 ${lan(i)}.0 0.0.0.255` : `access-list ${100 + i} permit ip ${pool} ${lan(i)}.0 0.0.0.255`;
  const spokeRoute = (o: number) => (mode === 'exact' ? `ip route ${lan(o)}.0 255.255.255.0 Ethernet1` : 'ip route 10.0.0.0 255.0.0.0 Ethernet1');
  const policy = style === 'legacy'
    ? ['crypto isakmp policy 10', ' hash md5', ' authentication pre-share']
    : ['crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14'];
  const ts = style === 'legacy' ? 'crypto ipsec transform-set TS esp-des esp-md5-hmac' : 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac';
  const pfs = style === 'legacy' ? [] : [' set pfs group14'];
  const version = style === 'legacy' ? 'version 12.2' : 'version 17.12';
  const key = (i: number) => `fake-diff-key-${i}-abcdefghij`;
  const all = Array.from({ length: n + 1 }, (_, i) => i);
  const lab: Lab = {};
  const hub: string[] = [version, 'hostname Hub', ...policy];
  for (let i = 1; i <= n; i++) hub.push(`crypto isakmp key ${key(i)} address ${wan(i)}`);
  hub.push(ts);
  for (let i = 1; i <= n; i++) hub.push(`crypto map VPN ${i * 10} ipsec-isakmp`, ` set peer ${wan(i)}`, ' set transform-set TS', ...pfs, ` match address ${100 + i}`);
  hub.push('interface Ethernet1', ` ip address ${wan(0)} 255.255.255.0`, ' crypto map VPN', 'interface Ethernet0', ` ip address ${lan(0)}.1 255.255.255.0`);
  for (let i = 1; i <= n; i++) hub.push(`ip route ${lan(i)}.0 255.255.255.0 Ethernet1`);
  for (let i = 1; i <= n; i++) for (const s of all) if (s !== i && (mode === 'exact' || s === (i === 1 ? 0 : 1))) hub.push(hubLine(i, s));
  hub.push('end', '');
  lab['hub.cfg'] = hub.join('\n');
  for (let i = 1; i <= n; i++) {
    const s: string[] = [version, `hostname Spoke${i}`, ...policy, `crypto isakmp key ${key(i)} address ${wan(0)}`, ts];
    s.push('crypto map VPN 10 ipsec-isakmp', ` set peer ${wan(0)}`, ' set transform-set TS', ...pfs, ' match address 110');
    s.push('interface Ethernet1', ` ip address ${wan(i)} 255.255.255.0`, ' crypto map VPN', 'interface Ethernet0', ` ip address ${lan(i)}.1 255.255.255.0`);
    for (const o of all) if (o !== i && (mode === 'exact' || o === 0)) s.push(spokeRoute(o));
    for (const o of all) if (o !== i && (mode === 'exact' || o === 0)) s.push(spokeLine(i, o));
    s.push('end', '');
    lab[fileOf(i)] = s.join('\n');
  }
  const o = other === k ? 0 : other; // a site other than spoke k (0 = the hub)
  const sf = fileOf(k);
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  switch (defect) {
    case 'none': break;
    case 'key': ed(sf, (t) => t.replace(key(k), `fake-wrong-key-${k}-zyxw`)); break;
    case 'transform': ed(sf, (t) => replaceLine(t, ts, [style === 'legacy' ? 'crypto ipsec transform-set TS esp-3des esp-sha-hmac' : 'crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac'])); break;
    case 'pfs-spoke': ed(sf, (t) => replaceLine(t, ' match address 110', [' match address 110', ' set pfs group19'])); break;
    case 'pfs-hub-entry': ed('hub.cfg', (t) => replaceLine(t, ` match address ${100 + k}`, [` match address ${100 + k}`, ' set pfs group20'])); break;
    case 'lifetime-spoke': ed(sf, (t) => replaceLine(t, ' authentication pre-share', [' authentication pre-share', ' lifetime 3600'])); break;
    case 'lifetime-hub': ed('hub.cfg', (t) => replaceLine(t, ' authentication pre-share', [' authentication pre-share', ' lifetime 7200'])); break;
    case 'hash': ed(sf, (t) => t.replace(style === 'legacy' ? ' hash md5' : ' hash sha256', ' hash sha384')); break;
    case 'deny-spoke': ed(sf, (t) => replaceLine(t, spokeLine(k, o), [`access-list 110 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`, ...(mode === 'exact' ? [] : [spokeLine(k, o)])])); break;
    case 'missing-spoke-line': ed(sf, (t) => replaceLine(t, spokeLine(k, o), [])); break;
    case 'missing-hub-line': ed('hub.cfg', (t) => replaceLine(t, hubLine(k, mode === 'exact' ? o : k === 1 ? 0 : 1), [])); break;
    case 'missing-hub-route': ed('hub.cfg', (t) => replaceLine(t, `ip route ${lan(k)}.0 255.255.255.0 Ethernet1`, [])); break;
    case 'missing-spoke-route': ed(sf, (t) => replaceLine(t, spokeRoute(o), [])); break;
    case 'map-not-applied': ed(sf, (t) => replaceLine(t, ' crypto map VPN', [])); break;
    case 'capture-entry':
      ed('hub.cfg', (t) => replaceLine(t, 'crypto map VPN 10 ipsec-isakmp', ['crypto map VPN 5 ipsec-isakmp', ` set peer ${wan(k)}`, ' set transform-set TS', ...pfs, ' match address 199', 'crypto map VPN 10 ipsec-isakmp']));
      ed('hub.cfg', (t) => replaceLine(t, 'end', [`access-list 199 permit ip ${lan(0)}.0 0.0.0.255 ${lan(o === 0 ? (k === 1 ? 2 : 1) : o)}.0 0.0.0.255`, 'end']));
      break;
    case 'wrong-peer-address': ed('hub.cfg', (t) => replaceLine(t, ` set peer ${wan(k)}`, [` set peer 198.51.100.${200 + k}`])); break;
    case 'not-in-underlay': break; // in the topology (topologyOf)
    case 'missing-hub-key': ed('hub.cfg', (t) => replaceLine(t, `crypto isakmp key ${key(k)} address ${wan(k)}`, [])); break;
    // Routing (docs/ios-semantics.md#routing): a discard route over the half of a site that holds
    // the pinged host, on the hub or on the spoke; a primary route that is not installed (next hop
    // unresolved) with a floating route that carries the traffic or sends it to the LAN; a
    // permanent route through a shut interface that holds the prefix against the floating one; a
    // next hop that is the router's own address (refused, so no route).
    case 'null0-hub': ed('hub.cfg', (t) => replaceLine(t, 'end', [`ip route ${lan(k)}.0 255.255.255.128 Null0`, 'end'])); break;
    case 'null0-spoke': ed(sf, (t) => replaceLine(t, 'end', [`ip route ${lan(o)}.0 255.255.255.128 Null0`, 'end'])); break;
    case 'floating-takes-over': ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o).replace('Ethernet1', '203.0.113.1'), `${spokeRoute(o)} 250`])); break;
    case 'floating-to-lan': ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o).replace('Ethernet1', '203.0.113.1'), `${spokeRoute(o).replace('Ethernet1', 'Ethernet0')} 250`])); break;
    case 'permanent-down':
      ed(sf, (t) => replaceLine(t, spokeRoute(o), [`${spokeRoute(o).replace('Ethernet1', 'Ethernet2')} permanent`, `${spokeRoute(o)} 250`]));
      ed(sf, (t) => replaceLine(t, 'interface Ethernet0', ['interface Ethernet2', ' ip address 192.168.77.1 255.255.255.0', ' shutdown', 'interface Ethernet0']));
      break;
    case 'own-next-hop': ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o).replace('Ethernet1', wan(k))])); break;
    case 'undefined-acl-hub': ed('hub.cfg', (t) => replaceLine(t, ` match address ${100 + k}`, [` match address ${100 + k}9`])); break;
    case 'undefined-transform-spoke': ed(sf, (t) => replaceLine(t, ' set transform-set TS', [' set transform-set TX'])); break;
    case 'undefined-map-spoke': ed(sf, (t) => replaceLine(t, ' crypto map VPN', [' crypto map VPM'])); break;
    // Two equal-cost paths that both reach the hub: the proof needs both, the emulator takes one.
    case 'equal-cost-wan': ed(sf, (t) => replaceLine(t, spokeRoute(o), [spokeRoute(o), spokeRoute(o).replace('Ethernet1', wan(0))])); break;
    case 'dead-first-peer': ed(sf, (t) => replaceLine(t, ` set peer ${wan(0)}`, [' set peer 198.51.100.250', ` set peer ${wan(0)}`])); break;
    case 'unkeyed-first-peer':
    case 'answering-first-peer': {
      const j = (k % n) + 1; // another spoke
      ed(sf, (t) => replaceLine(t, ` set peer ${wan(0)}`, [` set peer ${wan(j)}`, ` set peer ${wan(0)}`]));
      ed(sf, (t) => replaceLine(t, ts, [`crypto isakmp key fake-side-key-${k}-${j}-abcdef address ${wan(j)}`, ts]));
      if (defect === 'answering-first-peer') ed(fileOf(j), (t) => replaceLine(t, ts, [`crypto isakmp key fake-side-key-${k}-${j}-abcdef address ${wan(k)}`, ts]));
      break;
    }
    // Interface lists: IKE passes but ESP does not; only the tunnel passes (12.2 also checks the
    // decrypted packets against it, later releases do not); a LAN list drops one site pair; a list
    // that does not exist filters nothing.
    case 'acl-wan-no-esp': addAcl(lab, sf, ` ip address ${wan(k)} 255.255.255.0`, 'in', ['permit udp any any eq isakmp', 'deny esp any any', 'permit ip any any']); break;
    case 'acl-wan-tunnel-only': addAcl(lab, sf, ` ip address ${wan(k)} 255.255.255.0`, 'in', [`permit udp host ${wan(0)} host ${wan(k)} eq isakmp`, `permit esp host ${wan(0)} host ${wan(k)}`]); break;
    case 'acl-lan-deny': addAcl(lab, sf, ` ip address ${lan(k)}.1 255.255.255.0`, 'in', [`deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`, 'permit ip any any']); break;
    // NAT (docs/ios-semantics.md#nat-and-the-order-of-operations): PAT on the spoke's WAN without
    // an exemption, then exempted by a deny in the NAT ACL, then by a route-map deny entry.
    case 'nat-pat-no-exemption': natSpoke(lab, sf, k, [`access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`], 'list 151'); break;
    // The hub's crypto interface `ip nat inside`, its LAN outside: spoke k's decrypted traffic to
    // the hub LAN is translated there (transit NAT, after decryption).
    case 'nat-hub-transit': {
      let t = replaceLine(lab['hub.cfg']!, ` ip address ${lan(0)}.1 255.255.255.0`, [` ip address ${lan(0)}.1 255.255.255.0`, ' ip nat outside']);
      t = replaceLine(t, ` ip address ${wan(0)} 255.255.255.0`, [` ip address ${wan(0)} 255.255.255.0`, ' ip nat inside']);
      lab['hub.cfg'] = replaceLine(t, 'end', [`access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`, 'ip nat inside source list 151 interface Ethernet0 overload', 'end']);
      break;
    }
    case 'nat-pat-acl-exemption':
      natSpoke(lab, sf, k, [`access-list 151 deny ip ${lan(k)}.0 0.0.0.255 10.0.0.0 0.255.255.255`, `access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`], 'list 151');
      break;
    case 'nat-route-map-exemption':
      natSpoke(lab, sf, k, [
        `access-list 152 permit ip ${lan(k)}.0 0.0.0.255 10.0.0.0 0.255.255.255`, `access-list 151 permit ip ${lan(k)}.0 0.0.0.255 any`,
        'route-map NAT-RM deny 10', ' match ip address 152', 'route-map NAT-RM permit 20', ' match ip address 151',
      ], 'route-map NAT-RM');
      break;
    case 'acl-undefined': ed(sf, (t) => replaceLine(t, ` ip address ${lan(k)}.1 255.255.255.0`, [` ip address ${lan(k)}.1 255.255.255.0`, ' ip access-group 199 in'])); break;
    case 'seq-deny-reopen': ed(sf, (t) => replaceLine(t, 'end', ['ip access-list extended 110', ` 5 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`, 'end'])); break;
    case 'seq-no-first': ed(sf, (t) => replaceLine(t, 'end', ['ip access-list extended 110', ' no 10', 'end'])); break;
    case 'seq-resequence-insert':
      ed(sf, (t) => replaceLine(t, 'end', ['ip access-list resequence 110 100 10', 'ip access-list extended 110', ` 105 deny ip ${lan(k)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`, 'end']));
      break;
    case 'seq-hub-deny': ed('hub.cfg', (t) => replaceLine(t, 'end', [`ip access-list extended ${100 + k}`, ` 1 deny ip ${lan(o)}.0 0.0.0.255 ${lan(k)}.0 0.0.0.255`, 'end'])); break;
    case 'objgroup-spoke':
    case 'objgroup-missing': {
      const members = all.filter((x) => x !== k && !(defect === 'objgroup-missing' && x === o)).map((x) => ` ${lan(x)}.0 255.255.255.0`);
      ed(sf, (t) => t.split('\n').filter((l) => !l.startsWith('access-list 110 ')).join('\n'));
      ed(sf, (t) => replaceLine(t, 'end', ['object-group network PEERS', ...members, 'ip access-list extended 110', ` permit ip ${lan(k)}.0 0.0.0.255 object-group PEERS`, 'end']));
      break;
    }
  }
  // Hosts on the LANs (not the routers): the proof is about the sites' hosts, whose packets meet the
  // LAN interfaces' lists as transit traffic, which a router's own ping would not.
  return { lab, sites: all.map((i) => ({ device: host(i), network: `${lan(i)}.0/24`, host: `${lan(i)}.10` })) };
}

/** PAT on spoke k's WAN (LAN inside, WAN outside) matching `match`, with the given global lines. */
function natSpoke(lab: Lab, file: string, k: number, lines: string[], match: string): void {
  let t = replaceLine(lab[file]!, ` ip address ${lan(k)}.1 255.255.255.0`, [` ip address ${lan(k)}.1 255.255.255.0`, ' ip nat inside']);
  t = replaceLine(t, ` ip address ${wan(k)} 255.255.255.0`, [` ip address ${wan(k)} 255.255.255.0`, ' ip nat outside']);
  lab[file] = replaceLine(t, 'end', [...lines, `ip nat inside source ${match} interface Ethernet1 overload`, 'end']);
}

/** Applies a new numbered list (150) to the interface whose address line is `at`. */
function addAcl(lab: Lab, file: string, at: string, direction: 'in' | 'out', lines: string[]): void {
  const t = replaceLine(lab[file]!, at, [at, ` ip access-group 150 ${direction}`]);
  lab[file] = replaceLine(t, 'end', [...lines.map((l) => `access-list 150 ${l}`), 'end']);
}

function emulatedVerdict(net: Network, devices: string[], from: Net['sites'][number], to: Net['sites'][number]) {
  for (const d of devices) {
    net.device(d).exec('clear crypto sa');
    net.device(d).exec('clear crypto isakmp');
  }
  const before = net.wanLog.length;
  const r = net.ping({ from: from.device, source: from.host, to: to.host, repeat: 3, asHost: true });
  const clear = net.wanLog.slice(before).filter((p) => !p.encrypted);
  return { ok: r.received === r.sent && clear.length === 0, received: r.received, clear: clear.length, output: r.output };
}

describe('GIVEN random hub-and-spoke networks with random defects', () => {
  it('WHEN the emulator pings between two sites from cleared SAs THEN it succeeds without clear text exactly when the proof covers the pair', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom<Style>('legacy', 'modern'),
        fc.constantFrom<AclMode>('exact', 'summarized'),
        fc.boolean(),
        fc.constantFrom(...DEFECTS),
        fc.nat(),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (n, style, mode, withTopology, defect, kRaw, otherRaw, pairsRaw) => {
          const k = 1 + (kRaw % n);
          const net = network(n, style, defect, k, otherRaw % (n + 1), mode);
          let files = parseLab(net.lab);
          // Object-group lines in a crypto ACL are NOT_MODELLED (their proxy identities are not
          // confirmed), which makes the pairs unverified. Here the question is whether the proof
          // and the emulator evaluate the expanded lines alike, so the proof is asked without it.
          if (defect.startsWith('objgroup')) files = files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.code !== 'NOT_MODELLED') }));
          // Without a topology the underlay is inferred (every WAN on one routed WAN), so that defect needs one.
          const topology = withTopology || defect === 'not-in-underlay' ? topologyOf(n, style, defect, k) : undefined;
          const proof = verifyNetwork(files, topology ? { topology } : {});
          // Every finding carries the line it is about (SARIF regions): each of these configs has one.
          for (const f of proof.findings) expect(f.line, `${defect}: ${f.code} on ${f.device} has no line: ${f.message}`).toBeGreaterThan(0);
          const byKey = new Map<string, PairResult>(proof.pairs.map((p) => [`${p.from}>${p.to}`, p]));
          const emu = Network.fromParsed(files, topology ? { topology } : {});
          const devices = net.sites.map((s) => s.device);
          for (const [a, b] of pairsRaw) {
            const from = net.sites[a % net.sites.length]!;
            let to = net.sites[b % net.sites.length]!;
            if (to === from) to = net.sites[(b + 1) % net.sites.length]!;
            const p = byKey.get(`${from.device}>${to.device}`)!;
            const e = emulatedVerdict(emu, devices, from, to);
            const why = `${style} ${mode}${topology ? ' topology' : ''} n=${n} defect=${defect} k=${k}: ${from.device} -> ${to.device}: proof ${p.covered ? 'covered' : `broken (${p.problems.map((x) => x.code).join(', ')})`}, emulator received ${e.received}/3 with ${e.clear} clear-text WAN packets\n${e.output}`;
            expect(e.ok, why).toBe(p.covered);
          }
        },
      ),
      { numRuns: 100, seed: 20261126 },
    );
  });
});
