/**
 * IP SLA icmp-echo probes as SA triggers (docs/ios-semantics.md#ip-sla-probes). An operation
 * `ip sla N` / `icmp-echo DEST [source-ip A | source-interface IF]` scheduled `life forever
 * start-time now` sends an echo request from the router every `frequency` seconds (60 by default)
 * for as long as it runs. A router's own packets leaving an interface with a crypto map are checked
 * against its crypto ACLs like transit traffic, so a probe whose packet an entry owns brings that
 * entry's SA up (for the ACL line it matched) and, repeating, keeps it up. Without a source the
 * probe uses the address of the interface it leaves by (IP SLAs picks the address nearest the
 * destination), which a crypto ACL between LANs does not match.
 */
import type { IpSlaOperation, RouterConfig } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import type { Packet } from './header-space.js';
import { routingTable } from './routing.js';

/** ICMP, the protocol of an echo probe. */
const ICMP = 1;
/** The ICMP type of an echo request, carried where the header space keeps the destination port. */
const ECHO_REQUEST = 8;

/** True when the operation runs from now on, for ever. */
export function runsForever(sla: IpSlaOperation): boolean {
  return sla.icmpEcho !== undefined && sla.schedule?.life === 'forever' && sla.schedule.startTime === 'now';
}

/** The probe packet of an icmp-echo operation, or undefined when its source has no address. */
export function probePacket(config: RouterConfig, sla: IpSlaOperation): Packet | undefined {
  const echo = sla.icmpEcho;
  if (!echo) return undefined;
  const dst = ipToNumber(echo.destination);
  let src: string | undefined;
  if (echo.source?.kind === 'address') src = echo.source.address;
  else {
    const name =
      echo.source?.kind === 'interface' ? echo.source.interface : routingTable(config).lookup(dst)?.exitInterface;
    src = config.interfaces.find((i) => i.name === name)?.address?.ip;
  }
  if (src === undefined) return undefined;
  return { src: ipToNumber(src), dst, proto: ICMP, sport: 0, dport: ECHO_REQUEST };
}

/** The probe packets of every operation that runs for ever from now. */
export function keepaliveProbes(config: RouterConfig): Packet[] {
  const out: Packet[] = [];
  for (const sla of config.ipSlas ?? []) {
    if (!runsForever(sla)) continue;
    const p = probePacket(config, sla);
    if (p) out.push(p);
  }
  return out;
}
