/**
 * Outbound SAs of dynamic crypto map entries without a list (docs/ios-semantics.md
 * #dynamic-crypto-maps): such an entry owns no traffic, but a packet inside the proxies of an SA
 * it accepted uses that SA.
 */
import type { CryptoMap, InterfaceConfig } from '../ir/router-config.js';
import { compileCryptoMap } from '../rules/crypto-map.js';
import type { Packet } from '../rules/header-space.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore } from './types.js';

/** The SA of a dynamic entry without a list (on `map` out of `exit`) whose proxies hold the packet. */
export function anyProxySa(
  dev: DeviceCore,
  exit: InterfaceConfig,
  map: CryptoMap,
  pkt: Packet,
): IpsecSaPair | undefined {
  for (const ce of compileCryptoMap(dev.config, map).entries) {
    if (ce.status !== 'active' || ce.dynamic?.anyProxy !== true) continue;
    const sa = dev.sadb.findOutbound(exit.name, ce.entry.seq, pkt);
    if (sa) return sa;
  }
  return undefined;
}
