/**
 * Which applied crypto map entries name an address as their peer, for the whole network at once.
 * The UNKNOWN_PEER finding looks for the device that names the sender as its peer (likely the
 * intended peer, behind NAT); asking every device for every pair made a network whose hub is
 * missing cubic in the spokes. Built once per model, in the order of a scan (devices, then their
 * crypto map interfaces in config order, then entries by sequence), so the first match is the same.
 */
import type { CryptoMap, InterfaceConfig } from '../../ir/router-config.js';
import { compileCryptoMap, cryptoMapBindings, type CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { ModelDevice, NetworkModel } from '../model/network-model.js';

/** An active entry of a map applied to an interface of `device`, naming the address as a peer. */
export interface NamingEntry {
  readonly device: ModelDevice;
  readonly interface: InterfaceConfig;
  readonly map: CryptoMap;
  readonly entry: CompiledCryptoEntry;
}

const cache = new WeakMap<NetworkModel, Map<string, NamingEntry[]>>();

/** The active entries naming `address` as a peer (in scan order). */
export function entriesNaming(model: NetworkModel, address: string): readonly NamingEntry[] {
  let index = cache.get(model);
  if (!index) cache.set(model, (index = buildIndex(model)));
  return index.get(address) ?? [];
}

function buildIndex(model: NetworkModel): Map<string, NamingEntry[]> {
  const index = new Map<string, NamingEntry[]>();
  for (const device of model.devices) {
    for (const b of cryptoMapBindings(device.config)) {
      if (!b.map) continue;
      const compiled = compileCryptoMap(device.config, b.map);
      for (const entry of compiled.entries) {
        if (entry.status !== 'active') continue;
        for (const peer of new Set(entry.entry.peers)) {
          let list = index.get(peer);
          if (!list) index.set(peer, (list = []));
          list.push({ device, interface: b.interface, map: b.map, entry });
        }
      }
    }
  }
  return index;
}
