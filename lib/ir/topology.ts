/**
 * `topology.json`: the machine-readable description that synth writes next to the router configs
 * and that the emulator and `hubspoke verify --topology` read. One zod schema, shared by all.
 *
 * Format version 1:
 * ```json
 * {
 *   "format": "hubspoke-topology", "version": 1, "stack": "seed-lab",
 *   "devices": [{ "hostname": "Hub", "file": "Hub.cfg", "platform": "ios-12.2", "role": "hub",
 *                 "sites": ["10.1.1.0/24"], "wan": [{ "interface": "Ethernet1", "address": "10.1.4.1/24" }] }],
 *   "underlay": { "segments": [{ "name": "wan", "members": [{ "device": "Hub", "interface": "Ethernet1" }] }] },
 *   "pools": ["172.16.0.0/12"]
 * }
 * ```
 * Every WAN interface in one underlay segment can reach every other member's addresses (a routed
 * WAN); interfaces in no segment reach nobody over the underlay.
 */
import { z } from 'zod';
import { parseCidr } from './ipv4.js';
import { PLATFORMS } from './router-config.js';

const cidr = z.string().refine((s) => parseCidr(s) !== undefined, { message: 'is not an IPv4 prefix (A.B.C.D/N)' });

export const TopologyDeviceSchema = z.object({
  hostname: z.string().min(1),
  /** Config file name, relative to the topology file's folder. */
  file: z.string().min(1),
  platform: z.enum(PLATFORMS as [string, ...string[]]),
  role: z.enum(['hub', 'spoke', 'other']),
  /** Site LAN prefixes owned by this device. */
  sites: z.array(cidr),
  /** WAN interfaces with their address/prefix length. */
  wan: z.array(z.object({ interface: z.string().min(1), address: cidr })),
  /** For spokes: the hostname of their hub. */
  hub: z.string().optional(),
});

export const TopologySchema = z.object({
  format: z.literal('hubspoke-topology'),
  version: z.literal(1),
  stack: z.string(),
  devices: z.array(TopologyDeviceSchema),
  underlay: z.object({
    segments: z.array(
      z.object({
        name: z.string(),
        members: z.array(z.object({ device: z.string(), interface: z.string() })),
      }),
    ),
  }),
  /** Declared site pools (summarized mode). */
  pools: z.array(cidr).optional(),
  /** Map from config file to line -> construct path, when synth knows it. */
  sourceMap: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

export type TopologyDevice = z.infer<typeof TopologyDeviceSchema>;
export type Topology = z.infer<typeof TopologySchema>;

/** Parses and validates topology JSON text; errors name the file and the JSON path. */
export function parseTopology(text: string, file = 'topology.json'): Topology {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const result = TopologySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  return result.data;
}
