/**
 * Interfaces and static routes.
 */
import type { InterfaceConfig, IpSlaOperation, StaticRoute, TunnelSettings } from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';

/**
 * One `interface NAME` block. An interface without an address prints `no ip address`, as IOS does;
 * every interface says whether it is up (`no shutdown`) or down (`shutdown`).
 */
export function renderInterface(out: LineWriter, intf: InterfaceConfig): void {
  const o = intf.origin;
  out.line(`interface ${intf.name}${intf.interfaceType !== undefined ? ` type ${intf.interfaceType}` : ''}`, o);
  if (intf.description !== undefined) out.line(` description ${oneLine(intf.description)}`, o);
  if (intf.dynamicAddress !== undefined) {
    out.line(` ip address ${intf.dynamicAddress}`, o);
  } else if (intf.address !== undefined) {
    out.line(` ip address ${intf.address.ip} ${netmaskFor(intf.address.prefixLength)}`, o);
  } else if (intf.unnumbered !== undefined) {
    out.line(` ip unnumbered ${intf.unnumbered}`, o);
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
  if (intf.tunnel !== undefined) renderTunnel(out, intf.tunnel, o);
  for (const extra of intf.extraLines) out.line(` ${oneLine(extra)}`, o);
  if (intf.cryptoMap !== undefined) out.line(` crypto map ${intf.cryptoMap}`, o);
}

/** The `tunnel ...` lines in the order IOS prints them: source, destination, mode, protection. */
function renderTunnel(out: LineWriter, t: TunnelSettings, o: string | undefined): void {
  if (t.source !== undefined) out.line(` tunnel source ${t.source}`, o);
  if (t.destination !== undefined) out.line(` tunnel destination ${t.destination}`, o);
  if (t.mode !== undefined) out.line(` tunnel mode ${t.mode}`, o);
  if (t.protection !== undefined)
    out.line(
      ` tunnel protection ipsec profile ${t.protection.profile}${t.protection.shared ? ' shared' : ''}`,
      t.protection.origin ?? o,
    );
}

/** `ip route P M [IF] [NH] [dhcp] [distance] [name N] [permanent | track N]`. */
export function routeLine(route: StaticRoute): string {
  let text = `ip route ${route.prefix.address} ${netmaskFor(route.prefix.prefixLength)}`;
  if (route.interface !== undefined) text += ` ${route.interface}`;
  if (route.nextHop !== undefined) text += ` ${route.nextHop}`;
  if (route.dhcp === true) text += ' dhcp';
  if (route.distance !== undefined) text += ` ${route.distance}`;
  if (route.name !== undefined) text += ` name ${route.name}`;
  if (route.permanent === true) text += ' permanent';
  else if (route.track !== undefined) text += ` track ${route.track}`;
  return text;
}

/** `ip sla N` with its icmp-echo and frequency lines, then its `ip sla schedule` line. */
export function renderIpSla(out: LineWriter, sla: IpSlaOperation): void {
  const o = sla.origin;
  out.line(`ip sla ${sla.id}`, o);
  const echo = sla.icmpEcho;
  if (echo !== undefined) {
    const src = echo.source;
    const source =
      src === undefined
        ? ''
        : src.kind === 'address'
          ? ` source-ip ${src.address}`
          : ` source-interface ${src.interface}`;
    out.line(` icmp-echo ${echo.destination}${source}`, o);
  }
  for (const extra of sla.extraLines) out.line(` ${oneLine(extra)}`, o);
  if (sla.frequency !== undefined) out.line(` frequency ${sla.frequency}`, o);
  const s = sla.schedule;
  if (s === undefined) return;
  let text = `ip sla schedule ${sla.id}`;
  if (s.life !== undefined) text += ` life ${s.life}`;
  if (s.startTime !== undefined) text += ` start-time ${s.startTime}`;
  if (s.recurring === true) text += ' recurring';
  out.line(text, s.origin ?? o);
}
