/**
 * Interfaces and static routes.
 */
import type { InterfaceConfig, StaticRoute } from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';

/**
 * One `interface NAME` block. An interface without an address prints `no ip address`, as IOS does;
 * every interface says whether it is up (`no shutdown`) or down (`shutdown`).
 */
export function renderInterface(out: LineWriter, intf: InterfaceConfig): void {
  const o = intf.origin;
  out.line(`interface ${intf.name}`, o);
  if (intf.description !== undefined) out.line(` description ${oneLine(intf.description)}`, o);
  if (intf.address !== undefined) {
    out.line(` ip address ${intf.address.ip} ${netmaskFor(intf.address.prefixLength)}`, o);
  } else if (intf.secondaryAddresses.length === 0) {
    out.line(' no ip address', o);
  }
  for (const a of intf.secondaryAddresses) out.line(` ip address ${a.ip} ${netmaskFor(a.prefixLength)} secondary`, o);
  // Process switching, as the reference lab keeps it on its 12.2 crypto interfaces.
  if (intf.accessGroupIn !== undefined)
    out.line(` ip access-group ${intf.accessGroupIn.acl} in`, intf.accessGroupIn.origin ?? o);
  if (intf.accessGroupOut !== undefined)
    out.line(` ip access-group ${intf.accessGroupOut.acl} out`, intf.accessGroupOut.origin ?? o);
  if (intf.nat !== undefined) out.line(` ip nat ${intf.nat}`, o);
  if (intf.noIpRouteCache) out.line(' no ip route-cache', o);
  if (intf.noIpMrouteCache) out.line(' no ip mroute-cache', o);
  // Interfaces of many platforms (routers' physical ports among them) start administratively down;
  // a config that is pasted or pushed must bring its interfaces up itself.
  out.line(intf.shutdown ? ' shutdown' : ' no shutdown', o);
  for (const extra of intf.extraLines) out.line(` ${oneLine(extra)}`, o);
  if (intf.cryptoMap !== undefined) out.line(` crypto map ${intf.cryptoMap}`, o);
}

/** `ip route P M [IF] [NH] [distance] [name N] [permanent | track N]`. */
export function routeLine(route: StaticRoute): string {
  let text = `ip route ${route.prefix.address} ${netmaskFor(route.prefix.prefixLength)}`;
  if (route.interface !== undefined) text += ` ${route.interface}`;
  if (route.nextHop !== undefined) text += ` ${route.nextHop}`;
  if (route.distance !== undefined) text += ` ${route.distance}`;
  if (route.name !== undefined) text += ` name ${route.name}`;
  if (route.permanent === true) text += ' permanent';
  else if (route.track !== undefined) text += ` track ${route.track}`;
  return text;
}
