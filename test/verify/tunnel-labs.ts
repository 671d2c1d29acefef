/**
 * Hand-written route-based hub-and-spoke networks (test/fixtures/tunnels): a static-VTI one and a
 * GRE-over-IPsec one (crypto maps on the WANs protect `gre host` lines), each a hub and three spokes
 * with one tunnel per spoke, static routes into the tunnels and a default route to the internet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from './labs.js';

/** The two designs of the fixtures. */
export type TunnelDesign = 'svti' | 'gre';

const FOLDER = join(import.meta.dirname, '..', 'fixtures', 'tunnels');

/** The LAN of every device, the only sites of both designs. */
export const TUNNEL_SITES = ['10.1.0.0/24', '10.10.0.0/24', '10.2.0.0/24', '10.3.0.0/24'];

/** A design's configs as texts. */
export function tunnelLab(design: TunnelDesign): Lab {
  const files = ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(FOLDER, design, f), 'utf8')]));
}

/** A defect of the fixtures, with the root cause the proof must name (code and device). */
export interface TunnelDefect {
  readonly name: string;
  readonly design: TunnelDesign;
  readonly file: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly code: string;
  readonly device: string;
}

/** Defects injected into the fixtures: a wrong tunnel destination, a route via the underlay, a tunnel down by recursive routing. */
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
];
