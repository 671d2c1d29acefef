/**
 * `topology.json`: the machine-readable description that synth writes next to the router configs
 * and that the emulator and `hubspoke verify --topology` read. One zod schema, shared by all.
 *
 * Format version 1 (`$schema` names its JSON Schema, shipped as `schema/topology.schema.json`):
 * ```json
 * {
 *   "$schema": "https://unpkg.com/hubspoke/schema/topology.schema.json",
 *   "format": "hubspoke-topology", "version": 1, "stack": "seed-lab",
 *   "devices": [{ "hostname": "Hub", "file": "Hub.cfg", "platform": "ios-12.2", "role": "hub",
 *                 "sites": ["10.1.1.0/24"], "wan": [{ "interface": "Ethernet1", "address": "10.1.4.1/24" }] }],
 *   "underlay": { "segments": [{ "name": "wan", "members": [{ "device": "Hub", "interface": "Ethernet1" }] }] },
 *   "pools": ["172.16.0.0/12"],
 *   "exclude": ["Loopback0", "Hub:GigabitEthernet0", "192.0.2.0/24"],
 *   "sourceRanges": { "Hub.cfg": [[5, 9, "seed-lab/Hub/Router/Policy10"], [10, 10, "seed-lab/Hub/Router/Key0"]] }
 * }
 * ```
 * Every WAN interface in one underlay segment can reach every other member's addresses (a routed
 * WAN); interfaces in no segment reach nobody over the underlay.
 *
 * `sourceRanges` names the construct that produced each config line, as ranges of consecutive
 * lines with the same construct: an exact-mode hub of 1,000 spokes has a million ACL lines but a
 * few thousand ranges. Files written by earlier releases carry `sourceMap` instead (one entry per
 * line); readers accept both.
 */
import type { z } from 'zod';
import { lazy } from './lazy.js';
import { zod } from './zod.js';
import { isIpv4, parseCidr } from './ipv4.js';
import { PLATFORMS } from './router-config.js';

/**
 * Where the JSON Schema of this format is published: the package's `schema/topology.schema.json`
 * (generated from `TopologySchema`), written as `$schema` into every topology.json so editors
 * validate and complete it. One URL for every release of format version 1.
 */
export const TOPOLOGY_SCHEMA_URL = 'https://unpkg.com/hubspoke/schema/topology.schema.json';

// `pattern` only describes the form in the JSON Schema; parseCidr decides (octets, prefix length).
const cidr = lazy(() =>
  zod()
    .string()
    .refine((s) => parseCidr(s) !== undefined, { message: 'is not an IPv4 prefix (A.B.C.D/N)' })
    .meta({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$' }),
);

const ipv4Address = lazy(() =>
  zod()
    .string()
    .refine((s) => isIpv4(s), { message: 'is not an IPv4 address (A.B.C.D)' })
    .meta({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' }),
);

/** A network (`A.B.C.D/N`) or an interface (`NAME` or `HOST:NAME`). */
export const siteExclusion = lazy(() =>
  zod()
    .string()
    .refine((s) => (/^\d/.test(s) ? parseCidr(s) !== undefined : /^([^\s:]+:)?[A-Za-z][\w./-]*$/.test(s)), {
      message: 'is neither an IPv4 prefix (A.B.C.D/N) nor an interface name (NAME or HOST:NAME)',
    }),
);

const sourceRange = lazy(() =>
  zod().tuple([zod().number().int().min(1), zod().number().int().min(1), zod().string().min(1)]),
);

/** Ranges must be well formed and in line order: readers search them. */
function inLineOrder(ranges: readonly (readonly [number, number, string])[], ctx: z.RefinementCtx): void {
  let after = 0;
  ranges.forEach(([first, last], i) => {
    if (first > last || first <= after) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `line range ${first}-${last} is empty or not after line ${after}`,
      });
    }
    after = Math.max(after, last);
  });
}

export const TopologyDeviceSchema = lazy(() =>
  zod().object({
    hostname: zod().string().min(1).meta({ description: "The device's `hostname` line." }),
    /** Config file name, relative to the topology file's folder. */
    file: zod().string().min(1).meta({ description: "Config file name, relative to the topology file's folder." }),
    platform: zod().enum(PLATFORMS).meta({ description: 'IOS software family the config is written for.' }),
    role: zod().enum(['hub', 'spoke', 'other']).meta({ description: 'Role in the hub-and-spoke design.' }),
    /** Site LAN prefixes owned by this device. */
    sites: zod().array(cidr()).meta({ description: 'Site LAN prefixes owned by this device (A.B.C.D/N).' }),
    /** WAN interfaces with their address/prefix length. */
    wan: zod()
      .array(
        zod().object({
          interface: zod().string().min(1),
          address: cidr(),
          /** The address a NAT device in front of this interface gives it (docs/ios-semantics.md#nat-traversal). */
          publicAddress: ipv4Address().optional().meta({
            description:
              'The public address a NAT device in front of this interface translates its address to: the address the peers see, name in set peer and key on.',
          }),
        }),
      )
      .meta({ description: 'WAN interfaces (where tunnels start and end) with their address and prefix length.' }),
    /** Leases of interfaces that take their address at run time (docs/ios-semantics.md#dhcp-wan-addresses). */
    leases: zod()
      .array(
        zod().object({
          interface: zod().string().min(1),
          address: cidr(),
          gateway: ipv4Address().optional(),
        }),
      )
      .optional()
      .meta({
        description:
          'Leases of interfaces with `ip address dhcp` or `ip address negotiated`: the address (A.B.C.D/N) and, for DHCP, the gateway the proof and the emulator use instead of the default lease.',
      }),
    /** For spokes: the hostname of their hub. */
    hub: zod().string().optional().meta({ description: 'For spokes: the hostname of their hub.' }),
  }),
);

export const TopologySchema = lazy(() =>
  zod().object({
    /** The JSON Schema of the format (`TOPOLOGY_SCHEMA_URL` when hubspoke wrote the file). */
    $schema: zod().string().optional().meta({ description: 'The JSON Schema of this file.' }),
    format: zod().literal('hubspoke-topology'),
    version: zod().literal(1).meta({ description: 'Format version.' }),
    stack: zod().string().meta({ description: 'The stack id (output folder name).' }),
    devices: zod()
      .array(TopologyDeviceSchema())
      .meta({ description: 'Every device of the network, with its config file.' }),
    underlay: zod()
      .object({
        segments: zod().array(
          zod().object({
            name: zod().string(),
            members: zod().array(zod().object({ device: zod().string(), interface: zod().string() })),
          }),
        ),
      })
      .meta({ description: "WAN segments: every member interface reaches every other member's addresses." }),
    /** Declared site pools (summarized mode). */
    pools: zod().array(cidr()).optional().meta({ description: 'Declared site pools (summarized mode).' }),
    /**
     * Site networks for devices the file does not list, instead of inferred ones (as `--sites`);
     * each goes to the device with an interface address in it (docs/ios-semantics.md#sites).
     */
    sites: zod()
      .array(cidr())
      .optional()
      .meta({ description: 'Site networks for devices the file does not list, instead of inferred ones.' }),
    /** Networks or interfaces (`NAME`, `HOST:NAME`) that are no sites (as `--exclude`). */
    exclude: zod()
      .array(siteExclusion())
      .optional()
      .meta({ description: 'Networks (A.B.C.D/N) or interfaces (NAME, HOST:NAME) that are no sites.' }),
    /**
     * Per config file, `[first, last, constructPath]`: lines first..last (1-based, inclusive) were
     * produced by that construct. Ranges are in line order and do not overlap; lines no construct
     * produced (`!`, `end`) are in none.
     */
    sourceRanges: zod().record(zod().string(), zod().array(sourceRange()).superRefine(inLineOrder)).optional().meta({
      description:
        'Per config file, [first, last, constructPath]: the construct that produced lines first..last (1-based, inclusive), in line order.',
    }),
    /** The per-line form of earlier releases: config file -> line -> construct path. */
    sourceMap: zod()
      .record(zod().string(), zod().record(zod().string(), zod().string()))
      .optional()
      .meta({ description: 'The per-line form of earlier releases: config file -> line -> construct path.' }),
  }),
);

/**
 * The JSON Schema (draft 2020-12) of topology.json, generated from `TopologySchema`: what is
 * shipped as `schema/topology.schema.json` (`npm run schema` writes it, `npm test` checks it is
 * current). It describes the file hubspoke writes, unknown fields refused (readers ignore them,
 * so a misspelt optional field would otherwise go unnoticed); the checks the schema language
 * cannot say (prefix arithmetic, line ranges in order) stay with `parseTopology`.
 */
export function topologyJsonSchema(): Record<string, unknown> {
  const generated = zod().toJSONSchema(TopologySchema(), { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: TOPOLOGY_SCHEMA_URL,
    title: 'hubspoke topology.json',
    description:
      'Devices, roles, sites, WAN interfaces, underlay and source line ranges of one synthesized stack (format version 1).',
    ...rest,
  };
}

export type TopologyDevice = z.infer<ReturnType<typeof TopologyDeviceSchema>>;
export type Topology = z.infer<ReturnType<typeof TopologySchema>>;

/** Parses and validates topology JSON text; errors name the file and the JSON path. */
export function parseTopology(text: string, file = 'topology.json'): Topology {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const result = TopologySchema().safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  return result.data;
}

/**
 * `topology.json` text: two-space indented JSON with each source range on one line (a range is a
 * `[first, last, path]` triple; one per line keeps a large hub's file short and readable).
 */
export function formatTopology(topology: Topology): string {
  const { sourceRanges, $schema: _given, ...rest } = topology;
  // The schema first, then the fields in their order: the same file for the same stack.
  const head = JSON.stringify({ $schema: TOPOLOGY_SCHEMA_URL, ...rest }, null, 2);
  if (sourceRanges === undefined) return `${head}\n`;
  const files = Object.keys(sourceRanges).map((file) => {
    const ranges = sourceRanges[file]!;
    const body =
      ranges.length === 0 ? '[]' : `[\n${ranges.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ]`;
    return `    ${JSON.stringify(file)}: ${body}`;
  });
  const ranges = files.length === 0 ? '{}' : `{\n${files.join(',\n')}\n  }`;
  // `head` ends with the closing brace of the object: reopen it for the last member.
  return `${head.slice(0, -2)},\n  "sourceRanges": ${ranges}\n}\n`;
}

/** The last path segment, for `/` and `\` separators. */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Where a topology's `file` fields disagree with the configs given: a device's `file` must be the
 * base name of the config file whose `hostname` line names it. A topology written for other files
 * would otherwise lend its sites and roles to the wrong devices. Devices whose hostname and file
 * are both absent from the configs are not reported (verifying part of a network is allowed).
 */
export function topologyFileProblems(
  topology: Topology,
  files: readonly { readonly file: string; readonly hostname: string }[],
  topologyFile: string,
): string[] {
  const byHost = new Map(files.map((f) => [f.hostname, f.file]));
  const byBase = new Map(files.map((f) => [baseName(f.file), f]));
  const out: string[] = [];
  topology.devices.forEach((d, i) => {
    const held = byHost.get(d.hostname);
    const named = byBase.get(baseName(d.file));
    if (held !== undefined && baseName(held) !== baseName(d.file)) {
      out.push(
        `${topologyFile}: devices[${i}] (${d.hostname}) names file ${JSON.stringify(d.file)}, but hostname ${d.hostname} is in ${held}`,
      );
    } else if (held === undefined && named !== undefined) {
      out.push(
        `${topologyFile}: devices[${i}] (${d.hostname}) names file ${JSON.stringify(d.file)}, but ${named.file} holds hostname ${named.hostname}`,
      );
    }
  });
  return out;
}
