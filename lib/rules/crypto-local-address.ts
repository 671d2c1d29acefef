/**
 * `crypto map NAME local-address IF` (docs/ios-semantics.md#crypto-local-address). Cisco IOS
 * Security Command Reference, `crypto map local-address`: it "specifies and names an identifying
 * interface to be used by the crypto map for IPsec traffic". IKE and ESP of every interface the map
 * is applied to then use that interface's primary address as their source (the initiator's
 * address the responder looks its key up by), and IKE and ESP addressed to it are answered by the
 * map on the interface they arrive on, while the map still acts only on packets leaving through
 * the interfaces it is applied to. A map without `local-address` uses the address of the interface
 * it is applied to.
 *
 * The reference does not say what IOS uses when the named interface is missing, shut down or has no
 * address; the model then gives the map no IKE address, so no tunnel of it is proven.
 */
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { routingTable } from './routing.js';
import { cryptoMapOf } from './crypto-map.js';
import { ipToNumber } from '../ir/ipv4.js';

/** The interface IKE and ESP of the crypto map applied on `iface` use; undefined when it names none that is up. */
export function cryptoLocalInterface(config: RouterConfig, iface: InterfaceConfig): InterfaceConfig | undefined {
  const name = cryptoMapOf(config, iface.name)?.localAddress;
  if (name === undefined) return iface;
  const source = config.interfaces.find((i) => i.name === name);
  return source === undefined || source.shutdown ? undefined : source;
}

/** The IKE and ESP address of the crypto map applied on `iface`, or undefined when it has none. */
export function cryptoLocalAddress(config: RouterConfig, iface: InterfaceConfig): string | undefined {
  return cryptoLocalInterface(config, iface)?.address?.ip;
}

/**
 * The crypto interface that answers IKE and ESP addressed to `owner`'s address: `owner` itself
 * unless it only serves as the `local-address` of maps applied elsewhere; then the one of those
 * interfaces this router routes `remote` (the other end's IKE address) out of, since replies leave
 * there, else the first in config order.
 */
export function cryptoAnsweringInterface(
  config: RouterConfig,
  owner: InterfaceConfig,
  remote?: string,
): InterfaceConfig {
  if (owner.cryptoMap !== undefined || !config.cryptoMaps.some((m) => m.localAddress === owner.name)) return owner;
  const sourced = config.interfaces.filter(
    (i) => !i.shutdown && i.name !== owner.name && cryptoMapOf(config, i.name)?.localAddress === owner.name,
  );
  if (sourced.length === 0) return owner;
  if (remote !== undefined && sourced.length > 1) {
    const route = routingTable(config).lookup(ipToNumber(remote));
    const routed = sourced.find((i) => i.name === route?.exitInterface);
    if (routed) return routed;
  }
  return sourced[0]!;
}
