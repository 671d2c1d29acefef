/**
 * The SAs of a GRE tunnel protected by tunnel protection (docs/ios-semantics.md#gre-over-ipsec), as
 * the routers hold them once the pair negotiated (`negotiateProtectedGre`, the proof's rule): an
 * IKE SA between the tunnel addresses and one IPsec SA pair whose proxies are GRE between them,
 * negotiated and narrated by `tunnel-child.ts`, filed under the tunnel interface and the crypto map
 * IOS builds for it (`Tunnel1-head-0`, as the public ntc-templates capture of `show crypto ipsec sa
 * detail` prints it).
 */
import { protectionProfile, protectionTransformChoice } from '../rules/tunnel-ipsec.js';
import type { IpsecSaPair } from './sa-database.js';
import type { Fabric } from './types.js';
import type { GreEnds } from './gre-walk.js';
import { greIdent, negotiateTunnelSa } from './tunnel-child.js';

export { greIdent };

/**
 * The SA pair of `e.dev`'s tunnel towards the far end, negotiated now (both sides filed) if it has
 * none; undefined when the exchange fails (the rule said it would not).
 */
export function protectedGreSa(f: Fabric, e: GreEnds): IpsecSaPair | undefined {
  const mine = e.dev.sadb.ipsec.find((s) => s.interface === e.exit.name && s.peer === e.destination);
  if (mine) return mine;
  const own = protectionProfile(e.dev.config, e.exit);
  const choice = protectionTransformChoice(e.dev.config, e.exit, e.far.config, e.farTunnel);
  if (!own || !choice) return undefined;
  const near = { device: e.dev, tunnel: e.exit, address: e.source };
  const far = { device: e.far, tunnel: e.farTunnel, address: e.destination };
  return negotiateTunnelSa(f, 'gre', near, far, choice, [own, protectionProfile(e.far.config, e.farTunnel)]);
}

/** The far end's SA pair of the same tunnel (the one `protectedGreSa` filed). */
export function farGreSa(e: GreEnds): IpsecSaPair | undefined {
  return e.far.sadb.ipsec.find((s) => s.interface === e.farTunnel.name && s.peer === e.source);
}
