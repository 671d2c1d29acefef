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
import { protectionProfile } from '../rules/tunnel-ipsec.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';
import type { GreEnds } from './gre-walk.js';
import { mainMode } from './main-mode.js';
import { ikev2Phase, VTI_MAP_SEQ, vtiMapName } from './vti-sa.js';
import { profileIkeVersion } from '../rules/tunnel-ikev2.js';
import { pfsOffer } from '../rules/ike-phase2.js';

/** `A/255.255.255.255/47/0`: a GRE proxy of one address as IOS prints it. */
export function greIdent(address: string): string {
  return `${address}/255.255.255.255/47/0`;
}

/** The SA pair of `e.dev`'s tunnel towards the far end, negotiated now (both sides filed) if it has none. */
export function protectedGreSa(f: Fabric, e: GreEnds, offered: TransformSet): IpsecSaPair {
  const mine = e.dev.sadb.ipsec.find((s) => s.interface === e.exit.name && s.peer === e.destination);
  if (mine) return mine;
  const now = f.clock.now;
  const [own, theirs] = [protectionProfile(e.dev.config, e.exit), protectionProfile(e.far.config, e.farTunnel)];
  const v2 = own !== undefined && profileIkeVersion(own) === 2;
  if (v2) {
    const near = { device: e.dev, tunnel: e.exit, address: e.source };
    ikev2Phase(f, near, { device: e.far, tunnel: e.farTunnel, address: e.destination }, own);
  } else ensureIke(f, e);
  // docs/ios-semantics.md#sa-lifetimes-and-rekey: IKEv1 quick mode agrees on the lower lifetimes;
  // IKEv2 does not negotiate them: each end keeps its own.
  const { seconds, kilobytes } = IPSEC_SA_LIFETIME_DEFAULTS;
  const pick = (a: number | undefined, b: number | undefined, dflt: number) =>
    v2 ? (a ?? dflt) : Math.min(a ?? dflt, b ?? dflt);
  const life = (x: typeof own, y: typeof own) => ({
    lifetimeSeconds: pick(x?.saLifetimeSeconds, y?.saLifetimeSeconds, seconds),
    lifetimeKilobytes: pick(x?.saLifetimeKilobytes, y?.saLifetimeKilobytes, kilobytes),
  });
  const transformSet = { name: offered.name, transforms: offered.transforms, builtIn: false };
  const devIn = e.dev.sadb.allocateSpi();
  const farIn = e.far.sadb.allocateSpi();
  const box = greBox(e.source, e.destination);
  const half = (dev: DeviceCore, spiIn: number, spiOut: number) => ({
    inbound: { spi: spiIn, connId: dev.sadb.allocateIpsecConnId() },
    outbound: { spi: spiOut, connId: dev.sadb.allocateIpsecConnId() },
  });
  const pfs = pfsOffer(own?.pfs);
  const common = { transformSet, createdAt: now, seq: VTI_MAP_SEQ, ...(pfs !== undefined ? { pfsGroup: pfs } : {}) };
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
    ...life(own, theirs),
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
    ...life(theirs, own),
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

/**
 * An IKE SA between the two tunnel addresses: main mode run now (`main-mode.ts`, the crypto maps'
 * exchange, narrated under `debug crypto isakmp`, this end initiating, the tunnels as the IKE SAs'
 * interfaces) if either end has none. No crypto map entry: the rule leaves ISAKMP profiles undecided.
 */
function ensureIke(f: Fabric, e: GreEnds): void {
  if (e.dev.sadb.findIke(e.source, e.destination) && e.far.sadb.findIke(e.destination, e.source)) return;
  mainMode(f, e.dev, e.exit, e.source, e.destination, { responder: e.far, respIface: e.farTunnel }, undefined);
}
