/**
 * The routes `reverse-route` on a dynamic entry installs once the spokes brought their SAs up
 * (docs/ios-semantics.md#reverse-route), for the proof: the proof proves pairs towards a dynamic
 * spoke under the condition that the spoke initiated (SPOKE_MUST_INITIATE), so under that
 * condition its SAs exist and so do their routes. For every device naming one of the hub's
 * addresses as a peer, each permit line of its entry towards the hub is a proposal; the hub entry
 * that accepts it in quick mode (`ike-phase2.ts`) decides, and when it is a dynamic entry with
 * `reverse-route`, the route to the proposal's source (the remote proxy) via the initiator's IKE
 * address is added to the hub. The emulator installs the same route when it builds the SA.
 */
import type { RouterConfig, StaticRoute } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { compileAcl } from './acl.js';
import { cryptoLocalAddress } from './crypto-local-address.js';
import { compileCryptoMap, cryptoMapBindings } from './crypto-map.js';
import { hasDynamicEntries, reverseRoute } from './dynamic-map.js';
import { mirrorBox } from './header-space.js';
import { negotiatePhase2 } from './ike-phase2.js';

/** Every interface address of a config that is up. */
function ownAddresses(c: RouterConfig): Set<number> {
  const out = new Set<number>();
  for (const i of c.interfaces) {
    if (i.shutdown) continue;
    for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) out.add(ipToNumber(a.ip));
  }
  return out;
}

/** The reverse routes `hub` installs for the proposals of `spoke` (see the module comment). */
function routesFrom(hub: RouterConfig, own: ReadonlySet<number>, spoke: RouterConfig): StaticRoute[] {
  const out: StaticRoute[] = [];
  for (const sb of cryptoMapBindings(spoke)) {
    const local = sb.map ? cryptoLocalAddress(spoke, sb.interface) : undefined;
    if (!sb.map || local === undefined) continue;
    for (const ce of compileCryptoMap(spoke, sb.map).entries) {
      if (ce.status !== 'active' || ce.dynamic) continue;
      if (!ce.entry.peers.some((p) => own.has(ipToNumber(p)))) continue;
      for (const line of compileAcl(ce.acl!).lines) {
        if (line.action !== 'permit') continue;
        for (const hb of cryptoMapBindings(hub)) {
          if (!hb.map) continue;
          const r = negotiatePhase2({ initiator: spoke, entry: ce, line, initiatorAddress: local }, hub, hb.map);
          if (!r.ok) continue;
          const route = reverseRoute(r.responderEntry, line.boxes.map(mirrorBox), local);
          if (route) out.push(route);
          break;
        }
      }
    }
  }
  return out;
}

/** The configs with the reverse routes of their dynamic entries added (the same objects when none). */
export function withReverseRoutes(configs: readonly RouterConfig[]): RouterConfig[] {
  return configs.map((hub) => {
    if (!hasDynamicEntries(hub)) return hub;
    const own = ownAddresses(hub);
    const seen = new Set<string>();
    const added: StaticRoute[] = [];
    for (const spoke of configs) {
      if (spoke === hub) continue;
      for (const r of routesFrom(hub, own, spoke)) {
        const key = `${r.prefix.address}/${r.prefix.prefixLength}>${r.nextHop}`;
        if (seen.has(key)) continue;
        seen.add(key);
        added.push(r);
      }
    }
    return added.length === 0 ? hub : { ...hub, staticRoutes: [...hub.staticRoutes, ...added] };
  });
}
