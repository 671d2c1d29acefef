/**
 * The networks of the differential test: a hub and n spokes, exact mirrored or summarized crypto
 * ACLs, then one defect on spoke k (or its hub side), with the topology.json synth would write.
 */
import fc from 'fast-check';
import { parseTopology, type Topology } from '../../lib/ir/topology.js';
import type { Lab } from './labs.js';
import {
  DEFECTS,
  applyDefect,
  fileOf,
  host,
  lan,
  privateWan,
  wan,
  type AclMode,
  type Defect,
  type DefectSite,
  type Style,
} from './differential-defects.js';

/**
 * topology.json for the network (as synth writes it); with `not-in-underlay` spoke k's WAN is in no
 * segment, with `behind-nat*` it declares spoke k's public NAT address.
 */
export function topologyOf(n: number, style: Style, defect: Defect, k: number): Topology {
  const all = Array.from({ length: n + 1 }, (_, i) => i);
  return parseTopology(
    JSON.stringify({
      format: 'hubspoke-topology',
      version: 1,
      stack: 'diff',
      devices: all.map((i) => ({
        hostname: host(i),
        file: fileOf(i),
        platform: style === 'legacy' ? 'ios-12.2' : 'ios-xe-17',
        role: i === 0 ? 'hub' : 'spoke',
        sites: [`${lan(i)}.0/24`],
        wan: [
          (defect.startsWith('behind-nat') || defect === 'breakout-behind-nat') && i === k
            ? { interface: 'Ethernet1', address: `${privateWan(i)}/24`, publicAddress: wan(i) }
            : { interface: 'Ethernet1', address: `${wan(i)}/24` },
        ],
      })),
      underlay: {
        segments: [
          {
            name: 'wan',
            members: all
              .filter((i) => !(defect === 'not-in-underlay' && i === k))
              .map((i) => ({ device: host(i), interface: 'Ethernet1' })),
          },
        ],
      },
    }),
  );
}

export interface Net {
  readonly lab: Lab;
  readonly sites: { device: string; network: string; host: string }[];
}

/** A hub and n spokes, exact mirrored ACLs, then one defect on spoke `k` (or its hub side). */
export function network(
  n: number,
  style: Style,
  defect: Defect,
  k: number,
  other: number,
  mode: AclMode = 'exact',
): Net {
  const pool = '10.0.0.0 0.255.255.255';
  const spokeLine = (i: number, o: number) =>
    mode === 'exact'
      ? `access-list 110 permit ip ${lan(i)}.0 0.0.0.255 ${lan(o)}.0 0.0.0.255`
      : `access-list 110 permit ip ${lan(i)}.0 0.0.0.255 ${pool}`;
  const hubLine = (i: number, s: number) =>
    mode === 'exact'
      ? `access-list ${100 + i} permit ip ${lan(s)}.0 0.0.0.255 ${lan(i)}.0 0.0.0.255`
      : `access-list ${100 + i} permit ip ${pool} ${lan(i)}.0 0.0.0.255`;
  const spokeRoute = (o: number) =>
    mode === 'exact' ? `ip route ${lan(o)}.0 255.255.255.0 Ethernet1` : 'ip route 10.0.0.0 255.0.0.0 Ethernet1';
  const policy =
    style === 'legacy'
      ? ['crypto isakmp policy 10', ' hash md5', ' authentication pre-share']
      : ['crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14'];
  const ts =
    style === 'legacy'
      ? 'crypto ipsec transform-set TS esp-des esp-md5-hmac'
      : 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac';
  const pfs = style === 'legacy' ? [] : [' set pfs group14'];
  const version = style === 'legacy' ? 'version 12.2' : 'version 17.12';
  const key = (i: number) => `fake-diff-key-${i}-abcdefghij`;
  const all = Array.from({ length: n + 1 }, (_, i) => i);
  const lab: Lab = {};
  const common = { n, mode, version, policy, ts, pfs, key, all };
  lab['hub.cfg'] = hubText(common, hubLine);
  for (let i = 1; i <= n; i++) lab[fileOf(i)] = spokeText(common, i, spokeLine, spokeRoute);
  const o = other === k ? 0 : other; // a site other than spoke k (0 = the hub)
  const site: DefectSite = {
    defect,
    lab,
    n,
    k,
    o,
    sf: fileOf(k),
    ts,
    pfs,
    style,
    mode,
    key,
    all,
    spokeLine,
    hubLine,
    spokeRoute,
  };
  applyDefect(site);
  // Hosts on the LANs (not the routers): the proof is about the sites' hosts, whose packets meet the
  // LAN interfaces' lists as transit traffic, which a router's own ping would not.
  return { lab, sites: all.map((i) => ({ device: host(i), network: `${lan(i)}.0/24`, host: `${lan(i)}.10` })) };
}

/** What the hub's and the spokes' configs share. */
interface LabText {
  readonly n: number;
  readonly mode: AclMode;
  readonly version: string;
  readonly policy: readonly string[];
  readonly ts: string;
  readonly pfs: readonly string[];
  readonly key: (i: number) => string;
  readonly all: readonly number[];
}

/** The hub: a key, a crypto map entry and a route per spoke, and its ACL lines. */
function hubText(
  { n, mode, version, policy, ts, pfs, key, all }: LabText,
  hubLine: (i: number, s: number) => string,
): string {
  const hub: string[] = [version, 'hostname Hub', ...policy];
  for (let i = 1; i <= n; i++) hub.push(`crypto isakmp key ${key(i)} address ${wan(i)}`);
  hub.push(ts);
  for (let i = 1; i <= n; i++)
    hub.push(
      `crypto map VPN ${i * 10} ipsec-isakmp`,
      ` set peer ${wan(i)}`,
      ' set transform-set TS',
      ...pfs,
      ` match address ${100 + i}`,
    );
  hub.push(
    'interface Ethernet1',
    ` ip address ${wan(0)} 255.255.255.0`,
    ' crypto map VPN',
    'interface Ethernet0',
    ` ip address ${lan(0)}.1 255.255.255.0`,
  );
  for (let i = 1; i <= n; i++) hub.push(`ip route ${lan(i)}.0 255.255.255.0 Ethernet1`);
  for (let i = 1; i <= n; i++)
    for (const s of all) if (s !== i && (mode === 'exact' || s === (i === 1 ? 0 : 1))) hub.push(hubLine(i, s));
  hub.push('end', '');
  return hub.join('\n');
}

/** Spoke i: one key and entry towards the hub, its routes and ACL lines. */
function spokeText(
  { mode, version, policy, ts, pfs, key, all }: LabText,
  i: number,
  spokeLine: (i: number, o: number) => string,
  spokeRoute: (o: number) => string,
): string {
  const s: string[] = [version, `hostname Spoke${i}`, ...policy, `crypto isakmp key ${key(i)} address ${wan(0)}`, ts];
  s.push(
    'crypto map VPN 10 ipsec-isakmp',
    ` set peer ${wan(0)}`,
    ' set transform-set TS',
    ...pfs,
    ' match address 110',
  );
  s.push(
    'interface Ethernet1',
    ` ip address ${wan(i)} 255.255.255.0`,
    ' crypto map VPN',
    'interface Ethernet0',
    ` ip address ${lan(i)}.1 255.255.255.0`,
  );
  for (const o of all) if (o !== i && (mode === 'exact' || o === 0)) s.push(spokeRoute(o));
  for (const o of all) if (o !== i && (mode === 'exact' || o === 0)) s.push(spokeLine(i, o));
  s.push('end', '');
  return s.join('\n');
}

/** One random network of this kind, with what it was built from. */
export interface RandomNetwork {
  readonly n: number;
  readonly style: Style;
  readonly mode: AclMode;
  readonly defect: Defect;
  /** The spoke with the defect. */
  readonly k: number;
  readonly net: Net;
  /** topology.json, when the case has one (always for `not-in-underlay`: without it the underlay is inferred). */
  readonly topology?: Topology;
  /** The parameters, for assertion messages. */
  readonly label: string;
}

/** Random networks of 2 to `maxSpokes` spokes, each style, ACL mode and defect. */
export function randomNetworkArb(maxSpokes: number): fc.Arbitrary<RandomNetwork> {
  return fc
    .tuple(
      fc.integer({ min: 2, max: maxSpokes }),
      fc.constantFrom<Style>('legacy', 'modern'),
      fc.constantFrom<AclMode>('exact', 'summarized'),
      fc.boolean(),
      fc.constantFrom(...DEFECTS),
      fc.nat(),
      fc.nat(),
    )
    .map(([n, style, mode, withTopology, defect, kRaw, otherRaw]) => {
      const k = 1 + (kRaw % n);
      const net = network(n, style, defect, k, otherRaw % (n + 1), mode);
      // A leased WAN address is in no topology synth would write for these spokes.
      const topology =
        (withTopology && !defect.startsWith('dynamic')) || defect === 'not-in-underlay'
          ? topologyOf(n, style, defect, k)
          : undefined;
      const label = `${style} ${mode}${topology ? ' topology' : ''} n=${n} defect=${defect} k=${k}`;
      return { n, style, mode, defect, k, net, label, ...(topology ? { topology } : {}) };
    });
}
