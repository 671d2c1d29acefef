/**
 * The underlay side of the packet walk: which neighbour interface a packet leaving a WAN interface
 * reaches, and the WAN log record of every packet that crosses the underlay (what the emulator's
 * transcripts and the differential test read).
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import type { Packet } from '../rules/header-space.js';
import { routingTable } from '../rules/routing.js';
import { ipToNumber, numberToIp } from '../ir/ipv4.js';
import type { DeviceCore, Fabric, WanLogEntry } from './types.js';
import type { UnderlayEndpoint } from './underlay.js';

/**
 * The router interface on the underlay a packet leaving `exit` reaches: the neighbour owning the
 * target address; for a destination reached through an interface route (no next hop), failing
 * an owner, the neighbour with the most specific connected subnet holding it (the routed WAN
 * delivers to the site that has it).
 */
export function underlayTarget(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  target: string,
  allowConnected: boolean,
  from?: string,
): { device: DeviceCore; iface: InterfaceConfig } | undefined {
  const t = ipToNumber(target);
  const owner = f.ownerOf(t, from);
  if (owner && f.underlay.areNeighbours(dev.hostname, exit.name, owner.core.hostname, owner.iface.name)) {
    return { device: owner.core, iface: owner.iface };
  }
  if (!allowConnected) return undefined;
  const neighbours = f.underlay.neighbours(dev.hostname, exit.name);
  let best: { device: DeviceCore; iface: InterfaceConfig; len: number } | undefined;
  for (const n of neighbours) {
    const d = f.core(n.device);
    const iface = d?.config.interfaces.find((i) => i.name === n.interface && !i.shutdown);
    if (!d || !iface) continue;
    const r = routingTable(d.config).lookup(t);
    if (r && r.source === 'connected' && (!best || r.prefix.prefixLength > best.len))
      best = { device: d, iface, len: r.prefix.prefixLength };
  }
  return best && { device: best.device, iface: best.iface };
}

/** A WAN log record: compact fields, the nested views built when read. */
class WanRecord implements WanLogEntry {
  constructor(
    readonly seq: number,
    private readonly fromDevice: string,
    private readonly fromIface: string,
    private readonly toDevice: string,
    private readonly toIface: string,
    readonly src: string,
    readonly dst: string,
    readonly proto: number,
    readonly encrypted: boolean,
    private readonly innerSrc: number,
    private readonly innerDst: number,
    private readonly innerProto: number,
  ) {}
  get from(): UnderlayEndpoint {
    return { device: this.fromDevice, interface: this.fromIface };
  }
  get to(): UnderlayEndpoint {
    return { device: this.toDevice, interface: this.toIface };
  }
  get inner(): WanLogEntry['inner'] {
    return { src: numberToIp(this.innerSrc), dst: numberToIp(this.innerDst), proto: this.innerProto };
  }
  toJSON(): WanLogEntry {
    const { seq, from, to, src, dst, proto, encrypted, inner } = this;
    return { seq, from, to, src, dst, proto, encrypted, inner };
  }
}

/** Appends a packet that crossed the underlay to the WAN log. */
export function logWan(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  target: { device: DeviceCore; iface: InterfaceConfig },
  src: string,
  dst: string,
  proto: number,
  inner: Packet,
  encrypted: boolean,
): void {
  f.wanLog.push(
    new WanRecord(
      f.wanLog.length + 1,
      dev.hostname,
      exit.name,
      target.device.hostname,
      target.iface.name,
      src,
      dst,
      proto,
      encrypted,
      inner.src,
      inner.dst,
      inner.proto,
    ),
  );
}
