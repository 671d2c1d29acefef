/**
 * The SAs of a static VTI pair (docs/ios-semantics.md#static-vti-negotiation, #static-vti-with-ikev2,
 * docs/emulator.md#static-vtis): the first packet routed into the tunnel negotiates one IPsec SA pair
 * per end whose idents are any/any (`tunnel-child.ts`: phase 1 and the child SA, narrated as IOS
 * does), in the SA database like crypto-map SAs: `show crypto ipsec sa` lists it under `interface:
 * Tunnel1`, `show crypto session` as `Interface: Tunnel1`, and it ages, expires and rekeys by the
 * same rule (`lib/rules/sa-lifetime.ts`). What is negotiated is decided by the rule (`negotiateVti`);
 * this file only keeps it.
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { pfsOffer } from '../rules/ike-phase2.js';
import { protectionProfile, protectionTransformChoice } from '../rules/tunnel-ipsec.js';
import { tunnelMode, tunnelSource } from '../rules/tunnels.js';
import type { InterfaceFlows } from './ipsec-flows.js';
import { ipsecAgeAt, type IpsecSaPair } from './sa-database.js';
import { dropPair } from './sa-rekey.js';
import { negotiateTunnelSa, VTI_IDENT, VTI_MAP_SEQ, vtiMapName, type TunnelSaEnd } from './tunnel-child.js';
import type { DeviceCore, Fabric } from './types.js';

export { VTI_IDENT, VTI_MAP_SEQ, vtiMapName };

/** One end of a VTI pair in the emulator: the router, its tunnel and the tunnel's source address. */
export type VtiSaEnd = TunnelSaEnd;

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
  const choice = protectionTransformChoice(a.device.config, a.tunnel, b.device.config, b.tunnel);
  const pa = protectionProfile(a.device.config, a.tunnel);
  if (!choice || !pa) return undefined;
  return negotiateTunnelSa(f, 'vti', a, b, choice, [pa, protectionProfile(b.device.config, b.tunnel)]);
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
