/**
 * Dynamic crypto maps (docs/ios-semantics.md#dynamic-crypto-maps): `crypto map M SEQ ipsec-isakmp
 * dynamic D` makes the entries of `crypto dynamic-map D` part of map M at sequence SEQ.
 *
 * - The binding stands for D's entries, in D's sequence order, at SEQ: entries of M with a lower
 *   sequence number (the static ones, usually) are consulted first, on egress and by a responder.
 * - A dynamic entry never initiates: traffic it owns (its `match address` permits it) is encrypted
 *   only under an SA a peer brought up; without one IOS drops it.
 * - As a responder it accepts any peer (or only those of its `set peer` lines) whose IKE phase 1
 *   succeeded, and the proxy identities the initiator proposes if they lie in the mirror of a permit
 *   line of its list, or any proposal when it has no list. Transform sets, PFS, lifetimes and the
 *   ISAKMP profile are checked as for a static entry (`ike-phase2.ts`).
 * - An entry without a list owns no traffic by itself: only packets inside the proxies of an SA it
 *   accepted are encrypted (the emulator's SA lookup); everything else passes it.
 * - `reverse-route`: while an SA of the entry exists, a static route to the remote proxy with the
 *   peer as next hop ({@link reverseRoute}).
 * - An entry with `set ikev2-profile` answers IKEv2 (docs/ios-semantics.md#ikev2-dynamic-crypto-maps):
 *   the IKEv2 rules (`ikev2-exchange.ts`) choose the profile and keys by the initiator's identity,
 *   and the CHILD_SA meets the entry as above (`ike-phase2.ts` with IKE version 2).
 * An entry whose dynamic map does not exist stays incomplete (`not-isakmp`), as IOS ignores it.
 */
import type {
  AccessList,
  CryptoMapEntry,
  DynamicCryptoMap,
  DynamicMapEntry,
  RouterConfig,
  StaticRoute,
} from '../ir/router-config.js';
import { blockLength, numberToIp } from '../ir/ipv4.js';
import { entryStatus, type CompiledCryptoEntry } from './crypto-map.js';
import type { HeaderBox } from './header-space.js';

/** What a compiled entry of a dynamic map knows about its binding. */
export interface DynamicBinding {
  /** The `crypto map M SEQ ipsec-isakmp dynamic D` entry. */
  readonly binding: CryptoMapEntry;
  readonly dynamicMap: DynamicCryptoMap;
  readonly entry: DynamicMapEntry;
  /** No `match address`: any proposal is accepted, and no traffic is owned without an SA. */
  readonly anyProxy: boolean;
}

/** `permit ip any any`: the list a dynamic entry without `match address` accepts proposals with. */
const ANY_PROXY: AccessList = {
  name: '(any proxy)',
  type: 'extended',
  numbered: false,
  entries: [{ kind: 'rule', action: 'permit', protocol: 'ip', source: { kind: 'any' }, destination: { kind: 'any' } }],
};

/** The dynamic map a binding names, if defined. */
export function boundDynamicMap(config: RouterConfig, binding: CryptoMapEntry): DynamicCryptoMap | undefined {
  if (binding.type !== 'dynamic' || binding.dynamicMap === undefined) return undefined;
  return (config.dynamicMaps ?? []).find((d) => d.name === binding.dynamicMap);
}

/**
 * The compiled entries a binding stands for: one per entry of its dynamic map, each seen as a crypto
 * map entry at the binding's sequence number; the binding itself (incomplete) when the map is missing.
 */
export function expandDynamicEntry(
  config: RouterConfig,
  binding: CryptoMapEntry,
  lookup: (acl: string) => AccessList | undefined,
): CompiledCryptoEntry[] {
  const dyn = boundDynamicMap(config, binding);
  if (!dyn || dyn.entries.length === 0) return [entryStatus(config, binding, undefined)];
  return dyn.entries.map((d) => {
    const { seq: _seq, reverseRoute: _rri, ...rest } = d;
    const entry: CryptoMapEntry = {
      ...rest,
      seq: binding.seq,
      type: 'dynamic',
      dynamicMap: dyn.name,
      ...(binding.origin !== undefined && d.origin === undefined ? { origin: binding.origin } : {}),
    };
    const anyProxy = d.matchAddress === undefined;
    const acl = anyProxy ? ANY_PROXY : lookup(d.matchAddress!);
    return entryStatus(config, entry, acl, { binding, dynamicMap: dyn, entry: d, anyProxy });
  });
}

/** True when the configuration binds a dynamic map into a crypto map. */
export function hasDynamicEntries(config: RouterConfig): boolean {
  return config.cryptoMaps.some((m) => m.entries.some((e) => e.type === 'dynamic'));
}

/**
 * The route `reverse-route` installs for an SA of a dynamic entry (Cisco, "Reverse Route
 * Injection"): to the remote proxy (the initiator's side of its proposal, `proxy` as the responder
 * sees it: the mirror of the initiator's line, so its destination), next hop the peer, static,
 * distance 1. None when the entry has no `reverse-route`, when it is `static` (not modelled), or
 * when the remote proxy is not one prefix.
 */
export function reverseRoute(
  ce: CompiledCryptoEntry,
  proxy: readonly HeaderBox[],
  peer: string,
): StaticRoute | undefined {
  const rri = ce.dynamic?.entry.reverseRoute;
  if (!rri || rri.static === true || proxy.length !== 1) return undefined;
  const [lo, hi] = proxy[0]!.dst;
  const prefixLength = blockLength(lo, hi);
  if (prefixLength === undefined) return undefined;
  const loc = ce.dynamic!.entry.loc;
  return {
    prefix: { address: numberToIp(lo), prefixLength },
    nextHop: peer,
    ...(loc ? { loc } : {}),
    ...(ce.dynamic!.entry.origin !== undefined ? { origin: ce.dynamic!.entry.origin } : {}),
  };
}
