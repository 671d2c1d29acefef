/**
 * The step of the pair walk through a dynamic crypto map entry (docs/ios-semantics.md
 * #dynamic-crypto-maps): the entry never initiates, so the traffic it carries towards the next
 * device of the design (a spoke) leaves only under an SA that spoke brought up. The walk reuses an
 * SA this pair's conversation already built (the spoke initiated it); otherwise it lets the spoke
 * initiate for the mirrored traffic, exactly as the spoke's own crypto map would (its entry, the
 * ACL line that matches, its peer choice, the underlay and the negotiation with this device as
 * responder, `crypto-exit.ts`), and states the condition (SPOKE_MUST_INITIATE) unless an IP SLA
 * probe of the spoke keeps that SA up (`lib/rules/ip-sla.ts`). What no spoke SA covers is dropped
 * (NO_DYNAMIC_SA) when the entry owns it, and left in clear text when an entry without a list was
 * asked for it.
 */
import type { CryptoMap, InterfaceConfig, RouterConfig } from '../../ir/router-config.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import {
  cryptoMapBindings,
  partitionEgress,
  selectEgressEntry,
  type CompiledCryptoEntry,
  type EgressPiece,
} from '../../rules/crypto-map.js';
import { mirrorBox, subtractSpaces, type HeaderBox } from '../../rules/header-space.js';
import { keepaliveProbes } from '../../rules/ip-sla.js';
import { hasNat, translatePacket } from '../../rules/nat.js';
import { routingTable } from '../../rules/routing.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import { tunnelFails } from './crypto-exit.js';
import { decryptedIngress } from './filter-checks.js';
import type { WalkContext } from './walk-context.js';

/** Where the walk is: device, crypto interface and map, and the dynamic entry asked. */
export interface DynamicAt {
  readonly device: ModelDevice;
  readonly iface: InterfaceConfig;
  readonly map: CryptoMap;
  readonly entry: CompiledCryptoEntry;
}

/**
 * Carries `space` from `at.device` through the dynamic entry to the next device; returns what no
 * SA carries when the entry does not own the space (`owned` false: it then leaves in clear text),
 * else nothing (what no SA carries is reported dropped).
 */
export function dynamicExit(
  w: WalkContext,
  at: DynamicAt,
  space: readonly HeaderBox[],
  dest: Site,
  hops: number,
  behind: boolean,
  owned: boolean,
): HeaderBox[] {
  const d = at.device;
  const next = w.expectedNext(d, dest);
  if (!next || next === d) return leftOver(w, at, next ?? dest.device, space, dest, hops, behind, owned);
  const reused = w.sas.initiatedBy(d, next, space);
  if (reused !== undefined) {
    const owner = w.env.model.owner(reused);
    if (owner) {
      arrive(w, next, owner.interface, space, dest, hops, behind);
      return [];
    }
  }
  let rest: HeaderBox[] = space.slice();
  for (const nb of cryptoMapBindings(next.config)) {
    if (!nb.map || rest.length === 0) continue;
    const part = partitionEgress(next.config, nb.map, rest.map(mirrorBox));
    for (const o of part.owned) {
      if (o.entry.dynamic) continue;
      const failed = spokeInitiates(w, at, next, nb.interface, nb.map, o, behind);
      if (failed === undefined) continue;
      const carried = o.space.map(mirrorBox);
      rest = subtractSpaces(rest, carried);
      arrive(w, next, nb.interface, carried, dest, hops, behind || failed);
    }
  }
  return leftOver(w, at, next, rest, dest, hops, behind, owned);
}

/** What no SA carries: dropped by an owning entry (NO_DYNAMIC_SA, the walk goes on behind), else returned. */
function leftOver(
  w: WalkContext,
  at: DynamicAt,
  next: ModelDevice,
  rest: readonly HeaderBox[],
  dest: Site,
  hops: number,
  behind: boolean,
  owned: boolean,
): HeaderBox[] {
  if (rest.length === 0) return [];
  if (!owned) return rest.slice();
  w.report(finding.noDynamicSa({ hub: at.device, entry: at.entry, spoke: next, space: rest }), behind);
  if (next !== at.device) w.walk(next, rest, dest, hops + 1, true);
  return [];
}

/** The traffic arrives at `next` decrypted on `iface` and walks on. */
function arrive(
  w: WalkContext,
  next: ModelDevice,
  iface: InterfaceConfig,
  space: readonly HeaderBox[],
  dest: Site,
  hops: number,
  behind: boolean,
): void {
  w.onward(space, decryptedIngress(next, iface, space, w.reporter, behind), behind, (s, b) =>
    w.walk(next, s, dest, hops + 1, b, iface),
  );
}

/**
 * `spoke` initiates for the piece `o` its map owns (mirrored traffic) towards `at.device`, when its
 * peer is that device: the tunnel is negotiated and filed, its failures reported, and the condition
 * stated unless a probe keeps the SA up. Returns whether the tunnel failed; undefined when the
 * spoke's peer is another device.
 */
function spokeInitiates(
  w: WalkContext,
  at: DynamicAt,
  spoke: ModelDevice,
  iface: InterfaceConfig,
  map: CryptoMap,
  o: EgressPiece,
  behind: boolean,
): boolean | undefined {
  const local = cryptoLocalAddress(spoke.config, iface);
  const peerAddress = w.env.peers.choose(spoke, iface, o.entry.entry).peer;
  const owner = peerAddress === '' ? undefined : w.env.model.owner(peerAddress, local);
  if (!owner || owner.device !== at.device) return undefined;
  const tunnel = { at: { device: spoke, map, entry: o.entry.entry, iface }, piece: o, peerAddress, owner, local };
  const failed = tunnelFails(w, tunnel, behind);
  if (!keptUp(spoke, iface, map, o)) {
    w.report(
      finding.spokeMustInitiate({
        hub: at.device,
        entry: at.entry,
        spoke,
        line: o.line,
        space: o.space.map(mirrorBox),
      }),
      behind || failed,
    );
  }
  return failed;
}

/**
 * True when an IP SLA probe of `spoke` that runs for ever leaves `iface` and is owned by the same
 * entry and ACL line as `o`: its SA is then the one `o` needs, and the probe keeps it up. On a
 * spoke with NAT rules the probe counts only when no rule translates it as a packet from the
 * interface that owns its source address (how the emulator treats the router's own packets,
 * docs/ios-semantics.md#nat-and-the-order-of-operations): a translated probe would not match.
 */
function keptUp(spoke: ModelDevice, iface: InterfaceConfig, map: CryptoMap, o: EgressPiece): boolean {
  const c = spoke.config;
  const table = routingTable(c);
  return keepaliveProbes(c).some((p) => {
    const route = table.lookup(p.dst);
    if (!route || route.discard || route.exitInterface !== iface.name) return false;
    if (hasNat(c) && translatePacket(c, interfaceOwning(c, p.src), iface, p) !== undefined) return false;
    const owner = selectEgressEntry(spoke.config, map, p);
    return owner !== undefined && owner.entry.entry === o.entry.entry && owner.line.rule === o.line.rule;
  });
}

/** The up interface whose primary or secondary address is `address`. */
function interfaceOwning(c: RouterConfig, address: number): InterfaceConfig | undefined {
  return c.interfaces.find(
    (i) =>
      !i.shutdown &&
      ((i.address && ipToNumber(i.address.ip) === address) ||
        i.secondaryAddresses.some((a) => ipToNumber(a.ip) === address)),
  );
}
