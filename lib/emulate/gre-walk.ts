/**
 * A packet routed into a GRE tunnel (docs/ios-semantics.md#gre-over-ipsec), once the far end points
 * back: with tunnel protection the pair negotiates by the proof's rule (`negotiateProtectedGre`)
 * and the packet crosses the underlay as ESP; without it, the router sends a GRE packet of its own
 * (protocol 47, tunnel source to tunnel destination) through its routing table and the crypto map
 * of the interface it leaves by, like any packet it originates (encrypted under an SA of the entry
 * that owns it, negotiated now if needed, or in clear text), and when that GRE packet reaches the
 * far end the inner packet goes on from the far tunnel.
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { greUnderlay, grePacket, greUnfollowed, negotiateProtectedGre } from '../rules/gre-ipsec.js';
import { CRYPTO_MS, WAN_MS, walk, type Delivery, type HopFn, type UserPacket, type WalkState } from './packet-walk.js';
import type { TunnelDrop } from './tunnel-walk.js';
import { logWan } from './wan-log.js';
import { farGreSa, protectedGreSa } from './gre-sas.js';
import { narrateTunnelRefusal } from './tunnel-child.js';
import type { DeviceCore, Fabric } from './types.js';

/** GRE and outer IP header bytes a GRE packet adds to what it carries. */
const GRE_OVERHEAD = 24;

/** The two ends of a GRE tunnel: this router's tunnel and the far end's tunnel that points back. */
export interface GreEnds {
  readonly dev: DeviceCore;
  readonly exit: InterfaceConfig;
  readonly far: DeviceCore;
  readonly farTunnel: InterfaceConfig;
  readonly source: string;
  readonly destination: string;
}

/** Through a GRE tunnel: dropped with the reason, or carried to the far tunnel and on. */
export function throughGre(
  f: Fabric,
  e: GreEnds,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: (reason: TunnelDrop) => Delivery,
): Delivery {
  const near = { config: e.dev.config, tunnel: e.exit, address: e.source };
  if (greUnfollowed(near, { config: e.far.config, tunnel: e.farTunnel, address: e.destination }))
    return drop('tunnel-not-modelled');
  if (e.exit.tunnel?.protection !== undefined) return protectedGre(f, e, pkt, st, ttl, hop, drop);
  const underlay = greUnderlay(e.dev.config, e.destination);
  if (!underlay.ok) return drop('tunnel-not-modelled');
  hop('route', () => `${e.exit.name} encapsulates GRE ${e.source} -> ${e.destination}`);
  const gre: UserPacket = { ...grePacket(e.source, e.destination), size: pkt.size + GRE_OVERHEAD };
  e.dev.tunnelCounters.count(e.exit.name, 'output', pkt.size, f.clock.now);
  const carried = walk(f, e.dev, gre, {}, st, ttl);
  if (carried.kind === 'drop') return carried;
  // The GRE packet must end at the far end itself; anywhere else the tunnel is not followed.
  if (carried.kind !== 'router' || carried.device !== e.far) return drop('tunnel-not-modelled');
  e.far.tunnelCounters.count(e.farTunnel.name, 'input', pkt.size, f.clock.now);
  return walk(f, e.far, pkt, { iface: e.farTunnel }, st, ttl - 1);
}

/** Tunnel protection on both ends: the pair negotiates, then the packet crosses the underlay as ESP. */
function protectedGre(
  f: Fabric,
  e: GreEnds,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: (reason: TunnelDrop) => Delivery,
): Delivery {
  const v = negotiateProtectedGre(
    { config: e.dev.config, tunnel: e.exit, address: e.source },
    { config: e.far.config, tunnel: e.farTunnel, address: e.destination },
    { compareStoredKeys: true, resolve: 'first' },
  );
  if (!v.ok && v.kind === 'unmodelled') return drop('tunnel-not-modelled');
  if (!v.ok) {
    // The attempt this packet triggers, told up to the refusal (`tunnel-child.ts`).
    const near = { device: e.dev, tunnel: e.exit, address: e.source };
    narrateTunnelRefusal(f, 'gre', near, { device: e.far, tunnel: e.farTunnel, address: e.destination }, v);
    return drop('negotiation-failed');
  }
  if (!f.underlay.areNeighbours(e.dev.hostname, v.exitA.name, e.far.hostname, v.exitB.name))
    return drop('no-underlay-path');
  const sa = protectedGreSa(f, e);
  if (!sa) return drop('negotiation-failed');
  hop('encrypt', () => `${e.exit.name} (GRE, ${v.mode} mode) to ${e.destination}`);
  e.dev.tunnelCounters.count(e.exit.name, 'output', pkt.size, f.clock.now);
  e.far.tunnelCounters.count(e.farTunnel.name, 'input', pkt.size, f.clock.now);
  sa.encrypted += 1;
  sa.bytesOut += pkt.size;
  const farSa = farGreSa(e);
  if (farSa) {
    farSa.decrypted += 1;
    farSa.bytesIn += pkt.size;
  }
  st.cost += 2 * CRYPTO_MS + WAN_MS;
  logWan(f, e.dev, v.exitA, { device: e.far, iface: v.exitB }, e.source, e.destination, 50, pkt, true);
  return walk(f, e.far, pkt, { iface: e.farTunnel, decrypted: true }, st, ttl - 1);
}
