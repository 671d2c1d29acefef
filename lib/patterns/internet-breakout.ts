/**
 * Internet breakout on a spoke: its LANs reach the internet directly through PAT on the WAN, and
 * VPN traffic is exempt. IOS translates inside-to-outside traffic after routing and before the
 * crypto map check (Cisco, "NAT Order of Operation", Document ID 6209): a PAT rule without an
 * exemption would hand the crypto ACL the WAN address as source, and the VPN pairs of the spoke
 * would leave in clear text (docs/ios-semantics.md#nat-and-the-order-of-operations). The exemption
 * is a `deny` route-map entry matching the spoke's crypto ACL (its LANs to every remote site), so
 * it follows the VPN's own definition of remote traffic.
 */
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { AccessList } from '../constructs/access-list.js';
import { InsideSourceNat } from '../constructs/inside-source-nat.js';
import { RouteMap } from '../constructs/route-map.js';
import type { Router } from '../constructs/router.js';
import type { SiteParts } from './site.js';

/** Internet breakout of a spoke's LANs. */
export interface InternetBreakoutProps {
  /** `overload`: port address translation of the LANs to the WAN interface's address. */
  readonly nat: 'overload';
}

/** zod schema of `internetBreakout`. */
export const internetBreakoutSchema = lazy(() =>
  zod()
    .object({ nat: zod().literal('overload', { message: "is not a breakout NAT mode ('overload')" }) })
    .strict(),
);

/** Name of the route-map that selects what the breakout translates. */
export const BREAKOUT_ROUTE_MAP = 'INTERNET-BREAKOUT';
/** Name of the ACL of the LANs that may break out. */
export const BREAKOUT_ACL = 'INTERNET-LANS';
/** Route-map entry that exempts VPN traffic (deny). */
export const BREAKOUT_EXEMPT_SEQ = 10;
/** Route-map entry that translates the rest of the LANs' traffic (permit). */
export const BREAKOUT_PERMIT_SEQ = 20;

/** What a spoke's internet breakout created (escape hatches). */
export interface InternetBreakoutParts {
  /** `route-map INTERNET-BREAKOUT`: deny 10 (the crypto ACL: VPN exemption), permit 20 (the LANs). */
  readonly routeMap: RouteMap;
  /** `INTERNET-LANS`: each LAN to any. */
  readonly lanAcl: AccessList;
  /** `ip nat inside source route-map INTERNET-BREAKOUT interface <wan> overload`. */
  readonly nat: InsideSourceNat;
}

/**
 * Adds PAT with a VPN exemption to a spoke's router: LANs `ip nat inside`, WAN `ip nat outside`,
 * the route-map and the NAT rule. `cryptoAcl` names the spoke's crypto ACL (its LANs to every
 * remote site).
 */
export function createInternetBreakout(router: Router, site: SiteParts, cryptoAcl: string): InternetBreakoutParts {
  for (const lan of site.lanInterfaces) lan.setNat('inside');
  site.wanInterface.setNat('outside');
  const lanAcl = new AccessList(router, 'BreakoutAcl', {
    name: BREAKOUT_ACL,
    rules: site.lanPrefixes.map((p) => ({ source: `${p.address}/${p.prefixLength}`, destination: 'any' })),
  });
  const routeMap = new RouteMap(router, 'BreakoutRouteMap', {
    name: BREAKOUT_ROUTE_MAP,
    entries: [
      { seq: BREAKOUT_EXEMPT_SEQ, action: 'deny', matchAddress: [cryptoAcl] },
      { seq: BREAKOUT_PERMIT_SEQ, action: 'permit', matchAddress: [BREAKOUT_ACL] },
    ],
  });
  const nat = new InsideSourceNat(router, 'BreakoutNat', {
    match: { routeMap: BREAKOUT_ROUTE_MAP },
    interface: site.wanInterface.name,
    overload: true,
  });
  return { routeMap, lanAcl, nat };
}
