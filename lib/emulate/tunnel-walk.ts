/**
 * A packet routed into a tunnel interface (docs/ios-semantics.md#tunnel-interfaces): it goes to the
 * device owning the tunnel destination when that device has a tunnel pointing back with the same
 * mode and protection; a static VTI pair must negotiate (`lib/rules/tunnel-ipsec.ts`, the proof's
 * rule) and share the underlay, and then the packet crosses the WAN as ESP and arrives, decrypted,
 * on the far tunnel. GRE and every VTI the rule does not decide stop here (`tunnel-not-modelled`).
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { negotiateVti } from '../rules/tunnel-ipsec.js';
import { returnTunnel, tunnelMode, tunnelSource, tunnelsDisagree } from '../rules/tunnels.js';
import { answerDynamicVti, isDynamicVtiHub } from '../rules/dvti.js';
import { throughGre, type GreEnds } from './gre-walk.js';
import { CRYPTO_MS, WAN_MS, walk, type Delivery, type HopFn, type UserPacket, type WalkState } from './packet-walk.js';
import { logWan } from './wan-log.js';
import { spiText } from './ike-text.js';
import { vtiCount, vtiOutboundSa } from './vti-sa.js';
import { narrateTunnelRefusal } from './tunnel-child.js';
import type { DeviceCore, Fabric } from './types.js';

/** Where the tunnel delivers a packet: the far device, its tunnel, and the WAN interfaces of both ends. */
export interface TunnelArrival {
  readonly device: DeviceCore;
  readonly tunnel: InterfaceConfig;
  readonly localWan: InterfaceConfig;
  readonly remoteWan: InterfaceConfig;
  readonly source: string;
  readonly destination: string;
}

/** Why a tunnel does not carry the packet (a drop reason of the packet walk). */
export type TunnelDrop = 'tunnel-mismatch' | 'tunnel-not-modelled' | 'negotiation-failed' | 'no-underlay-path';

/** The far end a packet routed into `exit` of `dev` reaches, or why it is dropped. */
export function tunnelHop(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
): TunnelArrival | TunnelDrop | { readonly gre: GreEnds } {
  const source = tunnelSource(dev.config, exit).address;
  const destination = exit.tunnel?.destination;
  const owner = destination === undefined ? undefined : f.ownerOf(ipToNumber(destination));
  if (source === undefined || destination === undefined || !owner) return 'tunnel-mismatch';
  // docs/ios-semantics.md#tunnel-interfaces: a tunnel across NAT is not followed.
  const translated = (host: string, address: string) => f.seenAs(host, address) !== address;
  if (owner.nat || translated(dev.hostname, source) || translated(owner.core.hostname, destination))
    return 'tunnel-not-modelled';
  const far = owner.core;
  const tunnel = returnTunnel(far.config, source, destination);
  if (!tunnel)
    return isDynamicVtiHub(far.config) ? dynamicVtiHop(f, dev, exit, far, source, destination) : 'tunnel-mismatch';
  if (tunnelsDisagree(exit, tunnel)) return 'tunnel-mismatch';
  // docs/ios-semantics.md#gre-over-ipsec: GRE goes its own way (`gre-walk.ts`).
  if (tunnelMode(exit) === 'gre ip') return { gre: { dev, exit, far, farTunnel: tunnel, source, destination } };
  const v = negotiateVti(
    { config: dev.config, tunnel: exit, address: source },
    { config: far.config, tunnel, address: destination },
    { compareStoredKeys: true, resolve: 'first' },
  );
  if (v.ok && !f.underlay.areNeighbours(dev.hostname, v.exitA.name, far.hostname, v.exitB.name))
    return 'no-underlay-path';
  if (v.ok) return { device: far, tunnel, localWan: v.exitA, remoteWan: v.exitB, source, destination };
  if (v.kind === 'unmodelled') return 'tunnel-not-modelled';
  // The attempt this packet triggers, told up to the refusal (`tunnel-child.ts`).
  const near = { device: dev, tunnel: exit, address: source };
  narrateTunnelRefusal(f, 'vti', near, { device: far, tunnel, address: destination }, v);
  return 'negotiation-failed';
}

/**
 * docs/ios-semantics.md#dynamic-vti: the hub's virtual template answers the spoke's static VTI
 * (`lib/rules/dvti.ts`, the proof's rule); the packet arrives on the virtual-access cloned for the
 * spoke, created now if the spoke had none.
 */
function dynamicVtiHop(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  far: DeviceCore,
  source: string,
  destination: string,
): TunnelArrival | TunnelDrop {
  const v = answerDynamicVti({ config: dev.config, tunnel: exit, address: source }, far.config, destination, {
    compareStoredKeys: true,
    resolve: 'first',
  });
  if (!v.ok)
    return v.kind === 'unmodelled'
      ? 'tunnel-not-modelled'
      : v.kind === 'template'
        ? 'tunnel-mismatch'
        : 'negotiation-failed';
  if (!f.underlay.areNeighbours(dev.hostname, v.exitA.name, far.hostname, v.exitB.name)) return 'no-underlay-path';
  const tunnel = far.virtualAccess.forPeer(v.template, source, destination);
  return { device: far, tunnel, localWan: v.exitA, remoteWan: v.exitB, source, destination };
}

/** Through a tunnel interface: dropped with the reason, or as ESP over the underlay, decrypted on the far tunnel. */
export function throughTunnel(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: (reason: TunnelDrop) => Delivery,
): Delivery {
  const end = tunnelHop(f, dev, exit);
  if (typeof end === 'string') return drop(end);
  if ('gre' in end) return throughGre(f, end.gre, pkt, st, ttl, hop, drop);
  const ends = { device: end.device, tunnel: end.tunnel, address: end.destination };
  // The pair keeps its IKE SA and one any/any SA pair per end (`vti-sa.ts`), IKEv1 or IKEv2.
  const sa = vtiOutboundSa(f, { device: dev, tunnel: exit, address: end.source }, ends);
  if (!sa) return drop('negotiation-failed');
  vtiCount(sa, end.device, pkt.size);
  hop('encrypt', () => `${exit.name} spi ${spiText(sa.outbound.spi)} to ${end.destination}`);
  dev.tunnelCounters.count(exit.name, 'output', pkt.size, f.clock.now);
  end.device.tunnelCounters.count(end.tunnel.name, 'input', pkt.size, f.clock.now);
  st.cost += 2 * CRYPTO_MS + WAN_MS;
  const target = { device: end.device, iface: end.remoteWan };
  logWan(f, dev, end.localWan, target, end.source, end.destination, 50, pkt, true);
  return walk(f, end.device, pkt, { iface: end.tunnel, decrypted: true }, st, ttl - 1);
}
