/**
 * Hand-written route-based hub-and-spoke networks (test/fixtures/tunnels): a static-VTI one and two
 * GRE-over-IPsec ones (`gre`: crypto maps on the WANs protect `gre host` lines; `gre-protected`:
 * tunnel protection with a transport-mode transform set), each a hub and three spokes with one
 * tunnel per spoke, static routes into the tunnels and a default route to the internet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edit, replaceLine, type Lab } from './labs.js';

/** The designs of the fixtures: static VTI with IKEv1 or IKEv2 (IOS-XE 17), GRE over IPsec two ways. */
export type TunnelDesign = 'svti' | 'svti-ikev2' | 'gre' | 'gre-protected' | 'gre-ikev2';

/** Every design of the fixtures. */
export const TUNNEL_DESIGNS: readonly TunnelDesign[] = ['svti', 'svti-ikev2', 'gre', 'gre-protected', 'gre-ikev2'];

const FOLDER = join(import.meta.dirname, '..', 'fixtures', 'tunnels');

/** The LAN of every device, the only sites of both designs. */
export const TUNNEL_SITES = ['10.1.0.0/24', '10.10.0.0/24', '10.2.0.0/24', '10.3.0.0/24'];

/**
 * `dvti-ikev2`: the `svti-ikev2` spokes facing a dynamic VTI hub (docs/ios-semantics.md#dynamic-vti):
 * one `Virtual-Template1 type tunnel` (ip unnumbered Loopback0) named by the hub's IKEv2 profile
 * instead of one tunnel per spoke, and no route towards the spokes (the hub has no modelled way to
 * route over a virtual-access).
 */
export function dvtiLab(): Lab {
  const files = ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(FOLDER, 'dvti-ikev2', f), 'utf8')]));
}

/** A design's configs as texts. */
export function tunnelLab(design: TunnelDesign): Lab {
  if (design === 'gre-ikev2') return greIkev2Lab();
  const files = ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(FOLDER, design, f), 'utf8')]));
}

/**
 * `gre-ikev2`: the `gre-protected` network (transport-mode GRE over IPsec with tunnel protection)
 * negotiating IKEv2 instead (docs/ios-semantics.md#gre-over-ipsec): each config's ISAKMP lines give
 * way to the IKEv2 proposal, policy, keyring and profile of the same device in `svti-ikev2`, and its
 * IPsec profile gains that network's `set pfs group19` and `set ikev2-profile`.
 */
function greIkev2Lab(): Lab {
  const gre = tunnelLab('gre-protected');
  const v2 = tunnelLab('svti-ikev2');
  const between = (t: string, from: string, to: string) => t.slice(t.indexOf(from), t.indexOf(to));
  return Object.fromEntries(
    Object.entries(gre).map(([file, text]) => {
      const other = v2[file]!;
      const ikev2 = between(other, 'crypto ikev2 proposal', 'crypto ipsec transform-set');
      const profile = /\n set ikev2-profile \S+\n/.exec(other)![0];
      const converted = text
        .replace('version 15.4', 'version 17.12')
        .replace(between(text, 'crypto isakmp policy', 'crypto ipsec transform-set'), ikev2)
        .replace('\n set transform-set TS\n', `\n set transform-set TS\n set pfs group19${profile}`);
      return [file, converted];
    }),
  );
}

/** A defect of the fixtures, with the root cause the proof must name (code and device). */
export interface TunnelDefect {
  readonly name: string;
  readonly design: TunnelDesign;
  readonly file: string;
  readonly from: string;
  readonly to: readonly string[];
  /** The root cause: an error with this code on `device`. */
  readonly code: string;
  readonly device: string;
  /**
   * Other errors the same defect shows (the crypto-map rules pin a proxy mismatch on the responder,
   * which may be the hub). @default - none
   */
  readonly also?: readonly string[];
  /** The spoke whose pairs break. @default - `device` */
  readonly breaks?: string;
  /** Only some of that spoke's pairs break (a route for one network). @default false */
  readonly partial?: boolean;
}

/** Defects injected into the fixtures, each with the root cause IOS would show. */
export const TUNNEL_DEFECTS: readonly TunnelDefect[] = [
  {
    name: 'tunnel destination wrong',
    design: 'svti',
    file: 'spoke1.cfg',
    from: ' tunnel destination 198.51.100.2',
    to: [' tunnel destination 198.51.100.99'],
    code: 'TUNNEL_MISMATCH',
    device: 'Spoke1',
  },
  {
    name: 'route via the underlay',
    design: 'gre',
    file: 'spoke1.cfg',
    from: 'ip route 10.0.0.0 255.0.0.0 Tunnel1',
    to: ['ip route 10.0.0.0 255.0.0.0 Tunnel1', 'ip route 10.2.0.0 255.255.255.0 203.0.113.9'],
    code: 'UNDERLAY_LEAK',
    device: 'Spoke1',
    partial: true,
  },
  {
    name: 'tunnel down: destination routed through the tunnel',
    design: 'svti',
    file: 'spoke2.cfg',
    from: 'ip route 0.0.0.0 0.0.0.0 203.0.113.17',
    to: ['ip route 198.51.100.0 255.255.255.248 Tunnel1'],
    code: 'TUNNEL_DOWN',
    device: 'Spoke2',
  },
  {
    name: 'tunnel shut down (static VTI)',
    design: 'svti',
    file: 'spoke1.cfg',
    from: ' tunnel protection ipsec profile VTI',
    to: [' tunnel protection ipsec profile VTI', ' shutdown'],
    code: 'TUNNEL_DOWN',
    device: 'Spoke1',
  },
  {
    name: 'tunnel shut down (GRE, crypto map on the WAN)',
    design: 'gre',
    file: 'spoke1.cfg',
    from: ' tunnel destination 198.51.100.2',
    to: [' tunnel destination 198.51.100.2', ' shutdown'],
    code: 'TUNNEL_DOWN',
    device: 'Spoke1',
  },
  {
    name: 'transform set mismatch',
    design: 'svti',
    file: 'spoke1.cfg',
    from: 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
    to: ['crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac'],
    code: 'TRANSFORM_MISMATCH',
    device: 'Spoke1',
  },
  {
    name: 'pre-shared key mismatch',
    design: 'svti',
    file: 'spoke1.cfg',
    from: 'crypto isakmp key Hub-Spoke1-k3y-19f2 address 198.51.100.2',
    to: ['crypto isakmp key Hub-Spoke1-typo address 198.51.100.2'],
    code: 'PSK_MISMATCH',
    device: 'Spoke1',
  },
  {
    name: 'tunnel protection missing on one end',
    design: 'svti',
    file: 'spoke1.cfg',
    from: ' tunnel protection ipsec profile VTI',
    to: [],
    code: 'TUNNEL_MISMATCH',
    device: 'Spoke1',
  },
  {
    name: 'tunnel destination wrong',
    design: 'gre',
    file: 'spoke2.cfg',
    from: ' tunnel destination 198.51.100.2',
    to: [' tunnel destination 198.51.100.3'],
    code: 'TUNNEL_MISMATCH',
    device: 'Spoke2',
  },
  {
    name: 'GRE ACL not mirrored',
    design: 'gre',
    file: 'spoke1.cfg',
    from: ' permit gre host 203.0.113.10 host 198.51.100.2',
    to: [' permit gre host 203.0.113.10 host 198.51.100.3'],
    code: 'GRE_UNPROTECTED',
    also: ['PROXY_MISMATCH'],
    device: 'Spoke1',
  },
  {
    name: 'GRE left out of the hub crypto ACL',
    design: 'gre',
    file: 'hub.cfg',
    from: ' permit gre host 198.51.100.2 host 203.0.113.30',
    to: [' permit tcp host 198.51.100.2 host 203.0.113.30'],
    code: 'GRE_UNPROTECTED',
    also: ['PROXY_MISMATCH'],
    device: 'Hub',
    breaks: 'Spoke3',
  },
  {
    name: 'no crypto map on the spoke WAN: GRE in clear text',
    design: 'gre',
    file: 'spoke3.cfg',
    from: ' crypto map CMAP',
    to: [],
    code: 'GRE_UNPROTECTED',
    also: ['CRYPTO_MAP_NOT_APPLIED'],
    device: 'Spoke3',
  },
  {
    name: 'transform set mismatch',
    design: 'gre',
    file: 'spoke2.cfg',
    from: 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
    to: ['crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac'],
    code: 'TRANSFORM_MISMATCH',
    device: 'Spoke2',
  },
  {
    name: 'pre-shared key missing',
    design: 'gre',
    file: 'spoke1.cfg',
    from: 'crypto isakmp key Hub-Spoke1-k3y-19f2 address 198.51.100.2',
    to: [],
    code: 'PSK_MISSING',
    device: 'Spoke1',
  },
  {
    name: 'tunnel destination wrong',
    design: 'gre-protected',
    file: 'spoke1.cfg',
    from: ' tunnel destination 198.51.100.2',
    to: [' tunnel destination 198.51.100.99'],
    code: 'TUNNEL_MISMATCH',
    device: 'Spoke1',
  },
  {
    name: 'transform set mismatch',
    design: 'gre-protected',
    file: 'spoke3.cfg',
    from: 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
    to: ['crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac'],
    code: 'TRANSFORM_MISMATCH',
    device: 'Spoke3',
  },
  {
    name: 'pre-shared key missing on the hub',
    design: 'gre-protected',
    file: 'hub.cfg',
    from: 'crypto isakmp key Hub-Spoke2-k3y-29f2 address 203.0.113.20',
    to: [],
    code: 'PSK_MISSING',
    device: 'Spoke2',
  },
  {
    name: 'route via the underlay',
    design: 'gre-protected',
    file: 'spoke2.cfg',
    from: 'ip route 10.0.0.0 255.0.0.0 Tunnel1',
    to: ['ip route 10.0.0.0 255.0.0.0 Tunnel1', 'ip route 10.3.0.0 255.255.255.0 203.0.113.17'],
    code: 'UNDERLAY_LEAK',
    device: 'Spoke2',
    partial: true,
  },
  {
    name: 'tunnel protection missing on one end',
    design: 'gre-protected',
    file: 'spoke3.cfg',
    from: ' tunnel protection ipsec profile GRE-PROT',
    to: [],
    code: 'TUNNEL_MISMATCH',
    device: 'Spoke3',
  },
  ...IKEV2_DEFECTS(),
];

/**
 * Defects of the IKEv2 static-VTI network (docs/ios-semantics.md#static-vti-with-ikev2) and of the
 * IKEv2 GRE one (docs/ios-semantics.md#gre-over-ipsec): the same lines, the same root causes.
 */
function IKEV2_DEFECTS(): TunnelDefect[] {
  const keyTypo: TunnelDefect = {
    name: 'pre-shared key mismatch (both directions)',
    design: 'gre-ikev2',
    file: 'spoke2.cfg',
    from: '  pre-shared-key Hub-Spoke2-v2-3be90d17',
    to: ['  pre-shared-key Hub-Spoke2-v2-typo'],
    code: 'PSK_MISMATCH',
    device: 'Spoke2',
  };
  return [...(['svti-ikev2', 'gre-ikev2'] as const).flatMap((design) => ikev2Defects(design)), keyTypo];
}

function ikev2Defects(design: TunnelDesign): TunnelDefect[] {
  const d = (x: Omit<TunnelDefect, 'design'>): TunnelDefect => ({ design, ...x });
  return [
    d({
      name: 'IKEv2 proposal mismatch',
      file: 'spoke1.cfg',
      from: ' encryption aes-cbc-256',
      to: [' encryption aes-cbc-128'],
      code: 'IKE_NO_POLICY_MATCH',
      device: 'Spoke1',
    }),
    d({
      name: 'identity mismatch (the spoke sends an FQDN the hub does not match)',
      file: 'spoke2.cfg',
      from: ' keyring local HUB',
      to: [' keyring local HUB', ' identity local fqdn spoke2.example.net'],
      code: 'IKEV2_NO_PROFILE',
      device: 'Spoke2',
    }),
    d({
      name: 'keyring miss on the hub',
      file: 'hub.cfg',
      from: '  address 203.0.113.10',
      to: ['  address 203.0.113.11'],
      code: 'PSK_MISSING',
      device: 'Hub',
      breaks: 'Spoke1',
    }),
    d({
      name: 'asymmetric keys (one direction differs)',
      file: 'spoke3.cfg',
      from: '  pre-shared-key local Spoke3-to-Hub-v2-61d2aa9e',
      to: ['  pre-shared-key local Spoke3-to-Hub-v2-typo'],
      code: 'PSK_ASYMMETRIC_MISMATCH',
      device: 'Spoke3',
    }),
    d({
      name: 'PFS group mismatch (refused at the first rekey)',
      file: 'spoke2.cfg',
      from: ' set pfs group19',
      to: [' set pfs group14'],
      code: 'PFS_MISMATCH',
      device: 'Spoke2',
    }),
    d({
      name: 'tunnel destination wrong',
      file: 'spoke1.cfg',
      from: ' tunnel destination 198.51.100.2',
      to: [' tunnel destination 198.51.100.99'],
      code: 'TUNNEL_MISMATCH',
      device: 'Spoke1',
    }),
    d({
      name: 'route via the underlay',
      file: 'spoke1.cfg',
      from: 'ip route 10.0.0.0 255.0.0.0 Tunnel1',
      to: ['ip route 10.0.0.0 255.0.0.0 Tunnel1', 'ip route 10.2.0.0 255.255.255.0 203.0.113.9'],
      code: 'UNDERLAY_LEAK',
      device: 'Spoke1',
      partial: true,
    }),
  ];
}

/** A defect of the dynamic VTI lab (`dvtiLab`) with the root cause the proof must name. */
export interface DvtiDefect {
  readonly name: string;
  readonly fix: (lab: Lab) => Lab;
  readonly code: string;
  /** The device the finding is pinned on. */
  readonly device: string;
  /** The spoke whose tunnel to the hub fails (every spoke for a hub defect). */
  readonly spokes: readonly string[];
  /** The hub line the finding points at, as written. @default - not checked */
  readonly line?: string;
  readonly message: RegExp;
}

/** Defects injected into the dynamic VTI lab, each with the root cause IOS would show. */
export const DVTI_DEFECTS: readonly DvtiDefect[] = [
  {
    name: 'the profile names no virtual template',
    fix: (l: Lab) => edit(l, 'hub.cfg', (t) => t.replace(' virtual-template 1\n', '')),
    code: 'TUNNEL_MISMATCH',
    device: 'Hub',
    spokes: ['Spoke1', 'Spoke2', 'Spoke3'],
    line: 'crypto ikev2 profile SPOKES',
    message: /IKEv2 profile SPOKES of Hub, bound to this tunnel's identity, names no virtual-template/,
  },
  {
    name: 'the profile names a template the hub lacks',
    fix: (l: Lab) => edit(l, 'hub.cfg', (t) => t.replace(' virtual-template 1\n', ' virtual-template 2\n')),
    code: 'TUNNEL_MISMATCH',
    device: 'Hub',
    spokes: ['Spoke1', 'Spoke2', 'Spoke3'],
    line: ' virtual-template 1',
    message: /names virtual-template 2, which Hub does not have/,
  },
  {
    name: 'the template is shut down',
    fix: (l: Lab) =>
      edit(l, 'hub.cfg', (t) => replaceLine(t, ' ip unnumbered Loopback0', [' ip unnumbered Loopback0', ' shutdown'])),
    code: 'TUNNEL_MISMATCH',
    device: 'Hub',
    spokes: ['Spoke1', 'Spoke2', 'Spoke3'],
    line: 'interface Virtual-Template1 type tunnel',
    message: /Virtual-Template1 \(named by IKEv2 profile SPOKES of Hub\) is shut down/,
  },
  {
    name: 'the template runs GRE',
    fix: (l: Lab) => edit(l, 'hub.cfg', (t) => t.replace(' tunnel mode ipsec ipv4\n', '')),
    code: 'TUNNEL_MISMATCH',
    device: 'Hub',
    spokes: ['Spoke1', 'Spoke2', 'Spoke3'],
    message: /runs tunnel mode gre ip, this one ipsec ipv4/,
  },
  {
    name: 'the template has another transform set',
    fix: (l: Lab) =>
      edit(l, 'hub.cfg', (t) =>
        t.replace(
          'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
          'crypto ipsec transform-set TS esp-aes esp-sha-hmac',
        ),
      ),
    code: 'TRANSFORM_MISMATCH',
    device: 'Spoke1',
    spokes: ['Spoke1', 'Spoke2', 'Spoke3'],
    message: /Spoke1/,
  },
  {
    name: "a spoke's key is wrong",
    fix: (l: Lab) =>
      edit(l, 'spoke2.cfg', (t) =>
        t.replace('pre-shared-key Hub-Spoke2-v2-3be90d17', 'pre-shared-key Hub-Spoke2-typo'),
      ),
    code: 'PSK_MISMATCH',
    device: 'Spoke2',
    spokes: ['Spoke2'],
    message: /Spoke2/,
  },
  {
    name: "the hub's profile does not match a spoke's identity",
    fix: (l: Lab) =>
      edit(l, 'hub.cfg', (t) => t.replace(' match identity remote address 203.0.113.30 255.255.255.255\n', '')),
    code: 'IKEV2_NO_PROFILE',
    device: 'Spoke3',
    spokes: ['Spoke3'],
    message: /Spoke3/,
  },
];
