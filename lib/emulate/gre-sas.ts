/**
 * The SAs of a GRE tunnel protected by tunnel protection (docs/ios-semantics.md#gre-over-ipsec), as
 * the routers hold them once the pair negotiated (`negotiateProtectedGre`, the proof's rule): an
 * IKE SA between the tunnel addresses and one IPsec SA pair whose proxies are GRE between them,
 * filed under the tunnel interface and the crypto map IOS builds for it (`Tunnel1-head-0`, as the
 * public ntc-templates capture of `show crypto ipsec sa detail` prints it).
 */
import type { TransformSet } from '../ir/router-config.js';
import { IPSEC_SA_LIFETIME_DEFAULTS } from '../ir/ike-vocabulary.js';
import { greBox } from '../rules/gre-ipsec.js';
import { mirrorBox } from '../rules/header-space.js';
import { mainModeExchange } from '../rules/peers.js';
import { protectionProfile } from '../rules/tunnel-ipsec.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';
import type { GreEnds } from './gre-walk.js';
import { VTI_MAP_SEQ, vtiMapName } from './vti-sa.js';

/** `A/255.255.255.255/47/0`: a GRE proxy of one address as IOS prints it. */
export function greIdent(address: string): string {
  return `${address}/255.255.255.255/47/0`;
}

/** The SA pair of `e.dev`'s tunnel towards the far end, negotiated now (both sides filed) if it has none. */
export function protectedGreSa(f: Fabric, e: GreEnds, offered: TransformSet): IpsecSaPair {
  const mine = e.dev.sadb.ipsec.find((s) => s.interface === e.exit.name && s.peer === e.destination);
  if (mine) return mine;
  const now = f.clock.now;
  ensureIke(e, now);
  const profile = protectionProfile(e.dev.config, e.exit);
  const lifetimeSeconds = profile?.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds;
  const lifetimeKilobytes = profile?.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes;
  const transformSet = { name: offered.name, transforms: offered.transforms, builtIn: false };
  const devIn = e.dev.sadb.allocateSpi();
  const farIn = e.far.sadb.allocateSpi();
  const box = greBox(e.source, e.destination);
  const half = (dev: DeviceCore, spiIn: number, spiOut: number) => ({
    inbound: { spi: spiIn, connId: dev.sadb.allocateIpsecConnId() },
    outbound: { spi: spiOut, connId: dev.sadb.allocateIpsecConnId() },
  });
  const common = { transformSet, lifetimeSeconds, lifetimeKilobytes, createdAt: now, seq: VTI_MAP_SEQ };
  const counters = { encrypted: 0, decrypted: 0, bytesIn: 0, bytesOut: 0 };
  const sa: IpsecSaPair = {
    interface: e.exit.name,
    mapName: vtiMapName(e.exit.name),
    local: e.source,
    peer: e.destination,
    proxy: [box],
    localIdent: greIdent(e.source),
    remoteIdent: greIdent(e.destination),
    ...common,
    ...half(e.dev, devIn, farIn),
    ...counters,
  };
  const farSa: IpsecSaPair = {
    interface: e.farTunnel.name,
    mapName: vtiMapName(e.farTunnel.name),
    local: e.destination,
    peer: e.source,
    proxy: [mirrorBox(box)],
    localIdent: greIdent(e.destination),
    remoteIdent: greIdent(e.source),
    ...common,
    ...half(e.far, farIn, devIn),
    ...counters,
  };
  e.dev.sadb.addIpsec(sa);
  e.far.sadb.addIpsec(farSa);
  return sa;
}

/** The far end's SA pair of the same tunnel (the one `protectedGreSa` filed). */
export function farGreSa(e: GreEnds): IpsecSaPair | undefined {
  return e.far.sadb.ipsec.find((s) => s.interface === e.farTunnel.name && s.peer === e.source);
}

/** An IKE SA between the two tunnel addresses, main mode run now (this end initiating) if there is none. */
function ensureIke(e: GreEnds, now: number): void {
  if (e.dev.sadb.findIke(e.source, e.destination)) return;
  const mm = mainModeExchange(e.dev.config, e.source, e.far.config, e.destination, { compareStoredKeys: true });
  if (!mm.phase1.ok) return;
  const p1 = mm.phase1;
  const base = { lifetime: p1.lifetime, createdAt: now };
  e.dev.sadb.addIke({
    ...base,
    connId: e.dev.sadb.allocateIkeConnId(),
    local: e.source,
    remote: e.destination,
    interface: e.exit.name,
    initiator: true,
    policy: p1.offered,
  });
  e.far.sadb.addIke({
    ...base,
    connId: e.far.sadb.allocateIkeConnId(),
    local: e.destination,
    remote: e.source,
    interface: e.farTunnel.name,
    initiator: false,
    policy: p1.policy,
  });
}
