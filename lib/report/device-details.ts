/**
 * Adds what the topology picture shows but the proof result does not carry (WAN addresses,
 * platform, each spoke's hub) to the result's devices: from synth's `topology.json` when there is
 * one, otherwise from the parsed configs through the shared WAN rule (`lib/rules/wan.ts`), so the
 * report applies no IOS rule of its own. Values the result already has are kept: the verifier's
 * devices carry `wan`, `platform` and `hub` themselves, so this is a fallback for results from
 * elsewhere (older JSON, other provers).
 */
import type { RouterConfig } from '../ir/router-config.js';
import type { Topology } from '../ir/topology.js';
import { cryptoPeerAddresses, wanInterfaces } from '../rules/wan.js';
import type { ReportDevice, ReportInput, ReportWan } from './report-input.js';

/** A parsed config (`ParsedFile` satisfies it). */
export interface DeviceConfig {
  readonly config: RouterConfig;
  readonly file: string;
}

function wansFromConfig(config: RouterConfig, peers: ReadonlySet<string>): ReportWan[] {
  const out: ReportWan[] = [];
  for (const w of wanInterfaces(config, peers)) {
    const a = w.interface.address;
    if (!a) continue;
    // The interface's own address with its prefix length, as topology.json writes it.
    out.push({ interface: w.interface.name, address: `${a.ip}/${a.prefixLength}` });
  }
  return out;
}

/** The result with `wan`, `platform` and `hub` filled in on its devices where known. */
export function withDeviceDetails<T extends ReportInput>(
  result: T,
  configs: readonly DeviceConfig[] = [],
  topology?: Topology,
): T & { readonly devices: readonly ReportDevice[] } {
  const fromTopology = new Map((topology?.devices ?? []).map((d) => [d.hostname, d]));
  const byHost = new Map(configs.map((c) => [c.config.hostname, c.config]));
  const peers = cryptoPeerAddresses(configs.map((c) => c.config));
  const devices = result.devices.map((d): ReportDevice => {
    const t = fromTopology.get(d.hostname);
    const config = byHost.get(d.hostname);
    const wan = d.wan ?? t?.wan ?? (config ? wansFromConfig(config, peers) : undefined);
    const platform = d.platform ?? t?.platform ?? config?.platform;
    const hub = d.hub ?? t?.hub;
    return { ...d, ...(wan ? { wan } : {}), ...(platform ? { platform } : {}), ...(hub ? { hub } : {}) };
  });
  return { ...result, devices };
}
