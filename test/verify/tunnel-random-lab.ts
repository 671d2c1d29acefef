/**
 * Random route-based hub-and-spoke networks for the differential test
 * (docs/ios-semantics.md#tunnel-interfaces): a hub and 2-4 spokes, one tunnel per spoke, written
 * from scratch in one of four designs (static VTI, GRE with tunnel protection in transport or
 * tunnel mode, GRE under crypto maps on the WANs), IKEv1 or IKEv2, IOS 15 or IOS-XE 17, spokes
 * routing a summary or each network into the tunnel, with PFS or without; and up to two defects of
 * the tunnel classes, each on a random spoke (or the hub's side of it). Keys are fake.
 */
import fc from 'fast-check';
import type { Lab } from './labs.js';

/** How the tunnels are protected. */
export type RandomTunnelDesign = 'svti' | 'gre-protected' | 'gre-transport' | 'gre-crypto-map';

/** The defect classes, each on spoke k or on the hub's side of spoke k. */
export const TUNNEL_DEFECT_CLASSES = [
  /** Spoke k's tunnel destination is an address nobody owns. */
  'destination-nowhere',
  /** Spoke k's tunnel destination is another spoke's WAN address (no tunnel points back). */
  'destination-other-spoke',
  /** The hub's tunnel to spoke k points at an address nobody owns. */
  'hub-destination',
  /** Spoke k's tunnel has no protection (GRE under crypto maps: no crypto map on its WAN). */
  'missing-protection',
  /** Spoke k's transform set differs (AES-128). */
  'transform-mismatch',
  /** Spoke k's phase 1 proposal or policy differs (AES-128). */
  'proposal-mismatch',
  /** Spoke k's pre-shared key differs from the hub's. */
  'key-mismatch',
  /** The hub has no key for spoke k. */
  'hub-key-missing',
  /** Spoke k routes another site through the underlay instead of the tunnel. */
  'route-via-underlay',
  /** The hub routes spoke k's network into the wrong tunnel. */
  'hub-route-wrong-tunnel',
  /** Spoke k's tunnel is shut down. */
  'shutdown-tunnel',
  /** The hub's tunnel to spoke k is shut down. */
  'hub-shutdown-tunnel',
  /** Spoke k's tunnel mode differs (GRE against IPsec). */
  'tunnel-mode-mismatch',
  /** Spoke k's PFS setting differs. */
  'pfs-mismatch',
  /** Spoke k's transform set is in the other encapsulation mode. */
  'set-mode-mismatch',
  /** GRE under crypto maps: spoke k's GRE line names the wrong far end. */
  'gre-acl-not-mirrored',
  /** Spoke k's tunnel is sourced from a loopback the hub's tunnel does not point at. */
  'source-wrong',
  /** Spoke k has no route to the hub's address: its tunnel's line protocol is down. */
  'no-underlay-route',
] as const;

export type TunnelDefectClass = (typeof TUNNEL_DEFECT_CLASSES)[number];

/** One random network's parameters. */
export interface RandomTunnelSpec {
  readonly n: number;
  readonly design: RandomTunnelDesign;
  readonly ike: 'v1' | 'v2';
  readonly platform: 'ios-15' | 'ios-xe-17';
  readonly summary: boolean;
  readonly pfs: boolean;
  /** Static routes into the tunnels name the far tunnel address instead of the interface. */
  readonly nextHop: boolean;
  /** Tunnels are sourced from the WAN address instead of the WAN interface. */
  readonly sourceAddress: boolean;
  /** Spokes' profiles (or entries) offer an AES-GCM set first, which the hub does not have. */
  readonly gcmFirst: boolean;
  readonly defects: readonly { readonly kind: TunnelDefectClass; readonly k: number }[];
}

/** The hosts of the sites (the hub's LAN and each spoke's). */
export function tunnelHosts(n: number): Record<string, string> {
  const hosts: Record<string, string> = { Hub: '10.10.0.50' };
  for (let i = 1; i <= n; i++) hosts[`Spoke${i}`] = `10.${i}.0.50`;
  return hosts;
}

const HUB_WAN = '198.51.100.2';
const spokeWan = (i: number) => `203.0.113.${8 * i + 2}`;
const spokeGw = (i: number) => `203.0.113.${8 * i + 1}`;
const key = (i: number) => `Fake-Tun${i}-k3y-7d1q`;
const tunnelNet = (i: number, end: 1 | 2) => `172.16.254.${4 * (i - 1) + end}`;

/** The lines one device writes, with the spec's defects at hand. */
class Writer {
  readonly lines: string[] = [];
  constructor(
    readonly spec: RandomTunnelSpec,
    readonly i: number,
  ) {}
  /** True when a defect of this kind sits on spoke k. */
  has(kind: TunnelDefectClass, k: number): boolean {
    return this.spec.defects.some((d) => d.kind === kind && d.k === k);
  }
  push(...l: string[]): void {
    this.lines.push(...l);
  }
  get xe(): boolean {
    return this.spec.platform === 'ios-xe-17';
  }
  get wanIf(): string {
    return this.xe ? 'GigabitEthernet1' : 'GigabitEthernet0/0';
  }
  get lanIf(): string {
    return this.xe ? 'GigabitEthernet2' : 'GigabitEthernet0/1';
  }
}

/** Phase 1: the ISAKMP policy and keys, or the IKEv2 proposal, policy, keyring and profile. */
function phase1(w: Writer, peers: readonly { name: string; address: string; key: string | undefined }[]): void {
  const weak = w.i > 0 && w.has('proposal-mismatch', w.i);
  const own = w.i === 0 ? HUB_WAN : spokeWan(w.i);
  if (w.spec.ike === 'v1') {
    w.push('crypto isakmp policy 10', ` encr aes ${weak ? 128 : 256}`, ' hash sha256', ' authentication pre-share');
    w.push(' group 14');
    for (const p of peers) if (p.key !== undefined) w.push(`crypto isakmp key ${p.key} address ${p.address}`);
    return;
  }
  w.push('crypto ikev2 proposal P', ` encryption aes-cbc-${weak ? 128 : 256}`, ' integrity sha256', ' group 19');
  w.push('crypto ikev2 policy WAN', ` match address local ${own}`, ' proposal P');
  w.push('crypto ikev2 keyring KR');
  for (const p of peers)
    if (p.key !== undefined) w.push(` peer ${p.name}`, `  address ${p.address}`, `  pre-shared-key ${p.key}`);
  w.push('crypto ikev2 profile IKP');
  for (const p of peers) w.push(` match identity remote address ${p.address} 255.255.255.255`);
  w.push(' authentication remote pre-share', ' authentication local pre-share', ' keyring local KR');
}

/** The transform set and, for tunnel protection, the IPsec profile. */
function phase2(w: Writer): void {
  const { design } = w.spec;
  const k = w.i;
  const transport = design === 'gre-transport' || design === 'gre-crypto-map';
  const flip = k > 0 && w.has('set-mode-mismatch', k);
  w.push(
    `crypto ipsec transform-set TS esp-aes ${k > 0 && w.has('transform-mismatch', k) ? 128 : 256} esp-sha256-hmac`,
  );
  if (transport !== flip) w.push(' mode transport');
  const pfs = pfsLine(w);
  if (design === 'gre-crypto-map') return;
  w.push('crypto ipsec profile PROT', ' set transform-set TS', ...pfs);
  if (w.spec.ike === 'v2') w.push(' set ikev2-profile IKP');
}

function setList(w: Writer): string {
  return w.i > 0 && w.spec.gcmFirst ? 'GCM TS' : 'TS';
}

function pfsLine(w: Writer): string[] {
  const group = w.spec.ike === 'v2' ? 19 : 14;
  const odd = w.i > 0 && w.has('pfs-mismatch', w.i);
  if (!w.spec.pfs) return odd ? [` set pfs group${group}`] : [];
  return [` set pfs group${odd ? 20 : group}`];
}

/** The tunnel of `w`'s device numbered `t` towards `destination`. */
function tunnel(w: Writer, t: number, addr: string, destination: string, shut: boolean, mode: boolean): void {
  const { design } = w.spec;
  const vti = design === 'svti';
  const unprotected = w.i > 0 && w.has('missing-protection', w.i);
  w.push(`interface Tunnel${t}`, ` ip address ${addr} 255.255.255.252`);
  if (shut) w.push(' shutdown');
  const own = w.i === 0 ? HUB_WAN : spokeWan(w.i);
  let source = w.spec.sourceAddress ? own : w.wanIf;
  if (w.i > 0 && w.has('source-wrong', w.i)) source = w.spec.sourceAddress ? `192.0.2.${w.i}` : 'Loopback0';
  w.push(` tunnel source ${source}`, ` tunnel destination ${destination}`);
  if (vti !== mode) w.push(' tunnel mode ipsec ipv4');
  if (design !== 'gre-crypto-map' && !unprotected) w.push(' tunnel protection ipsec profile PROT');
}

function header(w: Writer, hostname: string): void {
  w.push(w.xe ? 'version 17.12' : 'version 15.4', `hostname ${hostname}`);
}

function interfaces(w: Writer, wan: string, lan: string, cryptoMap: boolean): void {
  w.push(`interface ${w.wanIf}`, ' description INTERNET', ` ip address ${wan} 255.255.255.248`);
  if (cryptoMap) w.push(' crypto map CMAP');
  w.push(`interface ${w.lanIf}`, ' description LAN', ` ip address ${lan} 255.255.255.0`);
  if (w.i > 0 && w.has('source-wrong', w.i))
    w.push('interface Loopback0', ` ip address 192.0.2.${w.i} 255.255.255.255`);
}

/** A crypto map entry protecting GRE between `local` and `peer`. */
function greEntry(w: Writer, seq: number, local: string, peer: string, far: string): void {
  w.push(`crypto map CMAP ${seq} ipsec-isakmp`, ` set peer ${peer}`, ` set transform-set ${setList(w)}`, ...pfsLine(w));
  if (w.spec.ike === 'v2') w.push(' set ikev2-profile IKP');
  w.push(` match address GRE-${seq}`);
  w.push(`ip access-list extended GRE-${seq}`, ` permit gre host ${local} host ${far}`);
}

function hubText(spec: RandomTunnelSpec): string {
  const w = new Writer(spec, 0);
  const spokes = Array.from({ length: spec.n }, (_, j) => j + 1);
  header(w, 'Hub');
  phase1(
    w,
    spokes.map((i) => ({
      name: `Spoke${i}`,
      address: spokeWan(i),
      key: w.has('hub-key-missing', i) ? undefined : key(i),
    })),
  );
  phase2(w);
  const cm = spec.design === 'gre-crypto-map';
  if (cm) for (const i of spokes) greEntry(w, 10 * i, HUB_WAN, spokeWan(i), spokeWan(i));
  interfaces(w, HUB_WAN, '10.10.0.1', cm);
  for (const i of spokes) {
    const dest = w.has('hub-destination', i) ? '203.0.113.250' : spokeWan(i);
    tunnel(w, i, tunnelNet(i, 1), dest, w.has('hub-shutdown-tunnel', i), false);
  }
  w.push('ip route 0.0.0.0 0.0.0.0 198.51.100.1');
  for (const i of spokes) {
    const t = w.has('hub-route-wrong-tunnel', i) ? (i % spec.n) + 1 : i;
    w.push(`ip route 10.${i}.0.0 255.255.255.0 ${spec.nextHop ? tunnelNet(t, 2) : `Tunnel${t}`}`);
  }
  w.push('end', '');
  return w.lines.join('\n');
}

function spokeText(spec: RandomTunnelSpec, i: number): string {
  const w = new Writer(spec, i);
  header(w, `Spoke${i}`);
  phase1(w, [{ name: 'Hub', address: HUB_WAN, key: w.has('key-mismatch', i) ? `Typo-${key(i)}` : key(i) }]);
  phase2(w);
  const cm = spec.design === 'gre-crypto-map';
  const unprotected = w.has('missing-protection', i);
  if (cm) {
    const far = w.has('gre-acl-not-mirrored', i) ? '198.51.100.3' : HUB_WAN;
    greEntry(w, 10, spokeWan(i), HUB_WAN, far);
  }
  interfaces(w, spokeWan(i), `10.${i}.0.1`, cm && !unprotected);
  const other = (i % spec.n) + 1;
  let dest = HUB_WAN;
  if (w.has('destination-nowhere', i)) dest = '198.51.100.5';
  if (w.has('destination-other-spoke', i)) dest = spokeWan(other);
  tunnel(w, 1, tunnelNet(i, 2), dest, w.has('shutdown-tunnel', i), w.has('tunnel-mode-mismatch', i));
  // Without a default route the hub's address is unreachable (only the WAN subnet is connected).
  if (!w.has('no-underlay-route', i)) w.push(`ip route 0.0.0.0 0.0.0.0 ${spokeGw(i)}`);
  const into = spec.nextHop ? tunnelNet(i, 1) : 'Tunnel1';
  // The leak: another spoke's network through the underlay (more specific than the summary, or
  // instead of its exact route: two routes of one prefix would be equal-cost paths).
  const leak = w.has('route-via-underlay', i) ? other : undefined;
  if (spec.summary) w.push(`ip route 10.0.0.0 255.0.0.0 ${into}`);
  const sites = [10, ...Array.from({ length: spec.n }, (_, j) => j + 1).filter((j) => j !== i)];
  for (const s of sites) {
    if (s === leak) w.push(`ip route 10.${s}.0.0 255.255.255.0 ${spokeGw(i)}`);
    else if (!spec.summary) w.push(`ip route 10.${s}.0.0 255.255.255.0 ${into}`);
  }
  w.push('end', '');
  return w.lines.join('\n');
}

/** The configs of a random network. */
export function randomTunnelLab(spec: RandomTunnelSpec): Lab {
  const lab: Record<string, string> = { 'hub.cfg': hubText(spec) };
  for (let i = 1; i <= spec.n; i++) lab[`spoke${i}.cfg`] = spokeText(spec, i);
  return lab;
}

/** A readable label of a spec, for assertion messages. */
export function specLabel(s: RandomTunnelSpec): string {
  const defects = s.defects.map((d) => `${d.kind}@${d.k}`).join(',') || 'none';
  const flags = (['summary', 'pfs', 'nextHop', 'sourceAddress', 'gcmFirst'] as const).filter((f) => s[f]);
  return `${s.design} ${s.ike} ${s.platform} n=${s.n} ${flags.join(' ')} defects=${defects}`;
}

/** Random networks: 2-4 spokes, any design, IKE version and platform, up to two defects. */
export function randomTunnelNetworkArb(): fc.Arbitrary<RandomTunnelSpec> {
  return fc
    .record({
      n: fc.integer({ min: 2, max: 4 }),
      design: fc.constantFrom<RandomTunnelDesign>('svti', 'gre-protected', 'gre-transport', 'gre-crypto-map'),
      ike: fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
      platform: fc.constantFrom<'ios-15' | 'ios-xe-17'>('ios-15', 'ios-xe-17'),
      summary: fc.boolean(),
      pfs: fc.boolean(),
      nextHop: fc.boolean(),
      sourceAddress: fc.boolean(),
      gcmFirst: fc.boolean(),
      defects: fc.array(fc.record({ kind: fc.constantFrom(...TUNNEL_DEFECT_CLASSES), k: fc.nat() }), {
        maxLength: 2,
      }),
    })
    .map((r) => ({ ...r, defects: r.defects.map((d) => ({ kind: d.kind, k: 1 + (d.k % r.n) })) }));
}
