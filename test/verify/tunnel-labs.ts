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
