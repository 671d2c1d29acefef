/**
 * The SAs of a static VTI pair (docs/ios-semantics.md#static-vti-negotiation, #static-vti-with-ikev2,
 * docs/emulator.md#static-vtis): the first packet routed into the tunnel runs main mode
 * (`main-mode.ts`, IKEv1) or IKE_SA_INIT and IKE_AUTH (`ikev2-initial.ts`, IKEv2), the crypto maps'
 * exchanges recorded with the tunnel as interface, and creates one IPsec SA pair per end whose idents are any/any, in the SA database like crypto-map
 * SAs: `show crypto ipsec sa` lists it under `interface: Tunnel1`, `show crypto session` as
 * `Interface: Tunnel1`, and it ages, expires and rekeys by the same rule (`lib/rules/sa-lifetime.ts`).
 * What is negotiated is decided by the rule (`negotiateVti`); this file only records it.
 */
import type { InterfaceConfig, IpsecProfile } from '../ir/router-config.js';
import { IPSEC_SA_LIFETIME_DEFAULTS } from '../ir/ike-vocabulary.js';
import { ALL_HEADERS } from '../rules/header-space.js';
import { pfsOffer } from '../rules/ike-phase2.js';
import { protectionProfile, vtiTransformChoice } from '../rules/tunnel-ipsec.js';
import { profileIkeVersion } from '../rules/tunnel-ikev2.js';
import { tunnelMode, tunnelSource } from '../rules/tunnels.js';
import type { InterfaceFlows } from './ipsec-flows.js';
import { createSaTexts } from './ike-text.js';
import { ikev2Initial } from './ikev2-initial.js';
import { mainMode } from './main-mode.js';
import { ipsecAgeAt, type IpsecSaPair } from './sa-database.js';
import { dropPair } from './sa-rekey.js';
import type { DeviceCore, Fabric } from './types.js';

/** The ident of a VTI SA: IP any any (`0.0.0.0/0.0.0.0/0/0`). */
export const VTI_IDENT = '0.0.0.0/0.0.0.0/0/0';

/** The name IOS gives the crypto map behind a tunnel's protection (`Tunnel1-head-0`). */
export function vtiMapName(tunnel: string): string {
  return `${tunnel}-head-0`;
}

/** The sequence number IOS shows for that map's entry. */
export const VTI_MAP_SEQ = 65536;

/** One end of a VTI pair in the emulator: the router, its tunnel and the tunnel's source address. */
export interface VtiSaEnd {
  readonly device: DeviceCore;
  readonly tunnel: InterfaceConfig;
  readonly address: string;
}

/** The live outbound SA of `a`'s tunnel towards `b`, if any (an expired one is dropped from both ends). */
function liveSa(f: Fabric, a: VtiSaEnd, b: VtiSaEnd): IpsecSaPair | undefined {
  for (;;) {
    const sa = a.device.sadb.ipsec.find((s) => s.interface === a.tunnel.name && s.peer === b.address);
    if (!sa || ipsecAgeAt(sa, f.clock.now) !== 'expired') return sa;
    dropPair(f, a.device, sa);
  }
}

/**
 * The SA `a` encrypts into its tunnel with: the live one, or a new pair negotiated now (also when
 * the live one is in its soft window: the replacement takes over and the old pair goes). Undefined
 * when the IKEv2 exchange fails (the rule said it would not).
 */
export function vtiOutboundSa(f: Fabric, a: VtiSaEnd, b: VtiSaEnd): IpsecSaPair | undefined {
  const old = liveSa(f, a, b);
  if (old && ipsecAgeAt(old, f.clock.now) !== 'soft') return old;
  const fresh = negotiate(f, a, b);
  if (!fresh) return old;
  if (old) dropPair(f, a.device, old);
  return fresh;
}

function negotiate(f: Fabric, a: VtiSaEnd, b: VtiSaEnd): IpsecSaPair | undefined {
  const pa = protectionProfile(a.device.config, a.tunnel)!;
  const pb = protectionProfile(b.device.config, b.tunnel)!;
  const choice = vtiTransformChoice(a.device.config, a.tunnel, b.device.config, b.tunnel);
  if (!choice) return undefined;
  const v2 = profileIkeVersion(pa) === 2;
  if (!(v2 ? ikev2Phase(f, a, b, pa) : ikev1Phase(f, a, b))) return undefined;
  // docs/ios-semantics.md#sa-lifetimes-and-rekey, #static-vti-negotiation: IKEv1 quick mode agrees
  // on the lower lifetimes and both ends hold them; IKEv2 does not negotiate them, each keeps its own.
  const agreed = (own: number | undefined, other: number | undefined, dflt: number) =>
    v2 ? (own ?? dflt) : Math.min(own ?? dflt, other ?? dflt);
  const lifetimes = (own: IpsecProfile, other: IpsecProfile) => ({
    lifetimeSeconds: agreed(own.saLifetimeSeconds, other.saLifetimeSeconds, IPSEC_SA_LIFETIME_DEFAULTS.seconds),
    lifetimeKilobytes: agreed(own.saLifetimeKilobytes, other.saLifetimeKilobytes, IPSEC_SA_LIFETIME_DEFAULTS.kilobytes),
  });
  const pfs = pfsOffer(pa.pfs);
  const inA = a.device.sadb.allocateSpi();
  const inB = b.device.sadb.allocateSpi();
  const half = (e: VtiSaEnd, life: ReturnType<typeof lifetimes>, inSpi: number, outSpi: number, peer: string) => {
    const sa: IpsecSaPair = {
      interface: e.tunnel.name,
      mapName: vtiMapName(e.tunnel.name),
      seq: VTI_MAP_SEQ,
      local: e.address,
      peer,
      proxy: [ALL_HEADERS],
      localIdent: VTI_IDENT,
      remoteIdent: VTI_IDENT,
      transformSet: e === a ? choice.offered : choice.accepted,
      ...(pfs !== undefined ? { pfsGroup: pfs } : {}),
      ...life,
      inbound: { spi: inSpi, connId: e.device.sadb.allocateIpsecConnId() },
      outbound: { spi: outSpi, connId: e.device.sadb.allocateIpsecConnId() },
      createdAt: f.clock.now,
      encrypted: 0,
      decrypted: 0,
      bytesIn: 0,
      bytesOut: 0,
    };
    e.device.sadb.addIpsec(sa);
    if (e.device.wants('ipsec'))
      for (const t of createSaTexts({
        local: sa.local,
        peer,
        localNet: '0.0.0.0',
        remoteNet: '0.0.0.0',
        inboundSpi: sa.inbound.spi,
        inboundConnId: sa.inbound.connId,
        outboundSpi: sa.outbound.spi,
        outboundConnId: sa.outbound.connId,
        lifeSeconds: sa.lifetimeSeconds,
        lifeKilobytes: sa.lifetimeKilobytes,
        transform: sa.transformSet,
      }))
        e.device.log('ipsec', t);
    return sa;
  };
  half(b, lifetimes(pb, pa), inB, inA, a.address);
  return half(a, lifetimes(pa, pb), inA, inB, b.address);
}

/**
 * IKE_SA_INIT and IKE_AUTH between the tunnel addresses, unless both ends already hold the IKEv2 SA
 * (static VTIs here, protected GRE tunnels in `gre-sas.ts`).
 */
export function ikev2Phase(f: Fabric, a: VtiSaEnd, b: VtiSaEnd, pa: IpsecProfile): boolean {
  if (a.device.sadb.findIkev2(a.address, b.address) && b.device.sadb.findIkev2(b.address, a.address)) return true;
  const entry = { ikev2Profile: pa.ikev2Profile };
  const [dev, far] = [a.device, b.device];
  return ikev2Initial(dev, a.tunnel, a.address, b.address, far, b.tunnel, a.address, b.address, entry, f.clock.now).ok;
}

/**
 * Main mode between the tunnel addresses (`main-mode.ts`, the crypto maps' exchange and narration,
 * the tunnel as the IKE SA's interface), unless both ends already hold the IKE SA. No crypto map
 * entry: the rule leaves ISAKMP profiles on a VTI pair undecided (docs/ios-semantics.md#static-vti-negotiation).
 */
function ikev1Phase(f: Fabric, a: VtiSaEnd, b: VtiSaEnd): boolean {
  if (a.device.sadb.findIke(a.address, b.address) && b.device.sadb.findIke(b.address, a.address)) return true;
  return mainMode(f, a.device, a.tunnel, a.address, b.address, { responder: b.device, respIface: b.tunnel }, undefined)
    .ok;
}

/** Counts a packet of `size` bytes out on `sa` and in on its mirror at the far end `far`. */
export function vtiCount(sa: IpsecSaPair, far: DeviceCore, size: number): void {
  sa.encrypted += 1;
  sa.bytesOut += size;
  const inSa = far.sadb.findInbound(sa.outbound.spi);
  if (!inSa) return;
  inSa.decrypted += 1;
  inSa.bytesIn += size;
}

/**
 * The flow `show crypto ipsec sa` and `show crypto session` list for a static VTI protected by
 * IKEv2: under the tunnel (`interface: Tunnel1`, crypto map tag `Tunnel1-head-0`, local address the
 * tunnel source), idents any/any, peer the tunnel destination. Undefined for any other interface.
 */
export function vtiFlows(dev: DeviceCore, iface: InterfaceConfig): InterfaceFlows | undefined {
  if (iface.shutdown || tunnelMode(iface) !== 'ipsec ipv4' || iface.tunnel?.destination === undefined) return undefined;
  const profile = protectionProfile(dev.config, iface);
  if (!profile) return undefined;
  const pfs = pfsOffer(profile.pfs);
  const sas = dev.sadb.ipsec.filter((s) => s.interface === iface.name);
  return {
    interface: iface.name,
    mapName: vtiMapName(iface.name),
    local: tunnelSource(dev.config, iface).address ?? '0.0.0.0',
    flows: [
      {
        localIdent: VTI_IDENT,
        remoteIdent: VTI_IDENT,
        peer: sas.at(-1)?.peer ?? iface.tunnel.destination,
        seq: VTI_MAP_SEQ,
        ...(pfs !== undefined ? { pfsGroup: pfs } : {}),
        sas,
      },
    ],
  };
}
