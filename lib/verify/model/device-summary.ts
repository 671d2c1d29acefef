/**
 * The devices list of the proof's result: role and file, plus what a report draws (WAN interfaces
 * with their addresses, platform, each spoke's hub). From synth's `topology.json` when given, else
 * from the model the proof built with the shared WAN rule (`lib/rules/wan.ts`), so a report needs
 * no IOS rule of its own.
 */
import type { Topology } from '../../ir/topology.js';
import type { ModelDevice, NetworkModel } from './network-model.js';
import type { DeviceSummary, WanSummary } from '../types.js';

/** One summary per device, in the model's order. */
export function deviceSummaries(model: NetworkModel, topology: Topology | undefined): DeviceSummary[] {
  const fromTopology = new Map((topology?.devices ?? []).map((d) => [d.hostname, d]));
  return model.devices.map((d): DeviceSummary => {
    const t = fromTopology.get(d.hostname);
    const wan = t ? t.wan.map((w) => ({ interface: w.interface, address: w.address })) : wanOf(d);
    const hub = t ? t.hub : d.role === 'spoke' ? hubOf(model, d) : undefined;
    return {
      hostname: d.hostname,
      file: d.file,
      role: d.role,
      wan,
      platform: t?.platform ?? d.config.platform,
      ...(hub !== undefined ? { hub } : {}),
    };
  });
}

/** The WAN interfaces the model found (the WAN rule), with their primary addresses. */
function wanOf(d: ModelDevice): WanSummary[] {
  const out: WanSummary[] = [];
  for (const i of d.config.interfaces) {
    if (!d.wan.has(i.name) || !i.address) continue;
    out.push({ interface: i.name, address: `${i.address.ip}/${i.address.prefixLength}` });
  }
  return out;
}

/** The hub a spoke's crypto map entries name as a peer (first in map and entry order). */
function hubOf(model: NetworkModel, d: ModelDevice): string | undefined {
  for (const m of d.config.cryptoMaps) {
    for (const e of m.entries) {
      for (const peer of e.peers) {
        const owner = model.owner(peer)?.device;
        if (owner?.role === 'hub') return owner.hostname;
      }
    }
  }
  return undefined;
}
