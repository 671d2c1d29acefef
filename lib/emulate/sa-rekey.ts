/**
 * IPsec SA expiry and rekey in the emulator (docs/ios-semantics.md#sa-lifetimes-and-rekey, the rule
 * in `lib/rules/sa-lifetime.ts`): SAs whose hard lifetime ran out are dropped before a packet looks
 * for one, and a packet that finds its SA inside the soft window has the initiating side negotiate a
 * replacement pair (new SPIs, a new main mode first when the IKE SA has expired meanwhile) and
 * travels on it. The replaced pair is removed from both ends once its successor is up.
 * Per packet only the SA found is aged (a whole-fabric sweep runs per console command and before
 * each negotiation), so a busy fabric pays no more than one comparison per packet.
 */
import type { CryptoMap, InterfaceConfig } from '../ir/router-config.js';
import type { EgressOwner } from '../rules/crypto-map.js';
import { establishSa } from './negotiation.js';
import { ipsecAgeAt, type IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

/**
 * Drops the expired SAs of every router on the fabric, each IPsec pair on both ends: the side whose
 * lifetime ran out deletes it and tells its peer (IKEv2 lifetimes are each side's own, RFC 7296
 * section 1.4.1; IKEv1 ones are equal, so both ends expire together anyway).
 */
export function expireAll(f: Fabric): void {
  for (const core of f.cores()) for (const old of core.sadb.expire(f.clock.now).ipsec) dropPair(f, core, old);
}

/**
 * `sa` when it is still alive, else undefined after removing it from both ends (its hard lifetime
 * ran out while no command swept the fabric).
 */
export function unlessExpired(f: Fabric, dev: DeviceCore, sa: IpsecSaPair | undefined): IpsecSaPair | undefined {
  if (!sa || ipsecAgeAt(sa, f.clock.now) !== 'expired') return sa;
  dropPair(f, dev, sa);
  return undefined;
}

/** The first live SA `find` returns, removing the expired ones it meets. */
export function findLive(f: Fabric, dev: DeviceCore, find: () => IpsecSaPair | undefined): IpsecSaPair | undefined {
  for (;;) {
    const sa = find();
    if (!sa || unlessExpired(f, dev, sa)) return sa;
  }
}

/** Negotiates an SA after dropping whatever has expired (an IKE SA may have lapsed during a ping). */
export function establishFresh(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  map: CryptoMap,
  owner: EgressOwner,
): ReturnType<typeof establishSa> {
  expireAll(f);
  return establishSa(f, dev, exit, map, owner);
}

/**
 * The SA a packet should leave on: `sa` itself, or its replacement when `sa` is in its soft window
 * and this side may initiate (a dynamic entry never does). A failed rekey keeps the old SA, which
 * stays usable until its hard lifetime.
 */
export function rekeyIfSoft(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  map: CryptoMap,
  owner: EgressOwner,
  sa: IpsecSaPair,
): IpsecSaPair {
  if (owner.entry.dynamic || ipsecAgeAt(sa, f.clock.now) !== 'soft') return sa;
  const r = establishFresh(f, dev, exit, map, owner);
  if (!r.ok) return sa;
  dropPair(f, dev, sa);
  return r.sa;
}

/** Removes a pair from this router and its mirror from the peer. */
export function dropPair(f: Fabric, dev: DeviceCore, old: IpsecSaPair): void {
  dev.sadb.clearIpsec((s) => s === old);
  for (const core of f.cores()) {
    if (core === dev) continue;
    core.sadb.clearIpsec((s) => s.inbound.spi === old.outbound.spi && s.outbound.spi === old.inbound.spi);
  }
}
