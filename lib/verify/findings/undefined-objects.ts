/**
 * References to objects that do not exist (docs/ios-semantics.md#configuration-ios-rejects): a
 * crypto map entry whose `match address` names no access list (IOS keeps the entry but leaves it
 * incomplete, so it matches nothing), a `set transform-set` naming no transform set (IOS refuses
 * the command: "transform set ... does not exist"), an interface applying a crypto map that is
 * not defined (nothing on it is encrypted). Each is an error on the line that is wrong, found
 * without following any path, so it is reported once even while it breaks many pairs; the pair
 * walk names the same finding as the root cause of the pairs it breaks (`undefinedCause`). The
 * functions here find the objects; `crypto-findings.ts` words them.
 */
import type { CryptoMapEntry, InterfaceConfig, RouterConfig } from '../../ir/router-config.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { cryptoMapBindings } from '../../rules/crypto-map.js';
import type { FindingDevice, ProblemBook } from './problem-book.js';
import * as finding from './catalogue.js';

/** A device as the check needs it. */
export interface DeviceText {
  readonly hostname: string;
  readonly file: string;
  readonly config: RouterConfig;
}

/** An object a line names that the device does not define: the data `finding.undefinedObject` words. */
export type UndefinedObject =
  /** A crypto map entry's `match address` names no access list. */
  | {
      readonly kind: 'acl';
      readonly device: FindingDevice;
      readonly map: string;
      readonly entry: CryptoMapEntry;
      readonly name: string;
    }
  /** A crypto map entry's `set transform-set` names a set that does not exist. */
  | {
      readonly kind: 'transform-set';
      readonly device: FindingDevice;
      readonly map: string;
      readonly entry: CryptoMapEntry;
      readonly name: string;
    }
  /** An interface applies a crypto map that is not defined. */
  | {
      readonly kind: 'crypto-map';
      readonly device: FindingDevice;
      readonly iface: InterfaceConfig;
      readonly name: string;
    };

/** Transform set names an entry lists that the router does not define. */
function missingTransformSets(config: RouterConfig, entry: CryptoMapEntry): string[] {
  return entry.transformSets.filter((n) => !config.transformSets.some((t) => t.name === n));
}

function aclMissing(config: RouterConfig, entry: CryptoMapEntry): boolean {
  return entry.matchAddress !== undefined && !config.accessLists.some((a) => a.name === entry.matchAddress);
}

/** UNDEFINED_ACL for an entry, or undefined when its list exists. */
export function undefinedAcl(d: DeviceText, mapName: string, entry: CryptoMapEntry): UndefinedObject | undefined {
  if (entry.type !== 'ipsec-isakmp' || !aclMissing(d.config, entry)) return undefined;
  return { kind: 'acl', device: d, map: mapName, entry, name: entry.matchAddress! };
}

/** UNDEFINED_TRANSFORM_SET for each set an entry names that does not exist. */
export function undefinedTransformSets(d: DeviceText, mapName: string, entry: CryptoMapEntry): UndefinedObject[] {
  if (entry.type !== 'ipsec-isakmp') return [];
  return missingTransformSets(d.config, entry).map((name) => ({
    kind: 'transform-set' as const,
    device: d,
    map: mapName,
    entry,
    name,
  }));
}

/** UNDEFINED_CRYPTO_MAP for an interface whose `crypto map` names no map. */
export function undefinedCryptoMap(d: DeviceText, iface: InterfaceConfig): UndefinedObject | undefined {
  const name = iface.cryptoMap;
  if (name === undefined || d.config.cryptoMaps.some((m) => m.name === name)) return undefined;
  return { kind: 'crypto-map', device: d, iface, name };
}

/** The root cause that makes a compiled entry inactive, when it is an undefined object. */
export function undefinedCause(d: DeviceText, mapName: string, ce: CompiledCryptoEntry): UndefinedObject | undefined {
  if (ce.status === 'acl-missing') return undefinedAcl(d, mapName, ce.entry);
  if (ce.status === 'no-transform-set') return undefinedTransformSets(d, mapName, ce.entry)[0];
  return undefined;
}

/** Every undefined reference of a device. */
export function checkUndefinedObjects(d: DeviceText, book: ProblemBook): void {
  for (const map of d.config.cryptoMaps) {
    for (const entry of map.entries) {
      const acl = undefinedAcl(d, map.name, entry);
      if (acl) book.add(finding.undefinedObject(acl));
      for (const ts of undefinedTransformSets(d, map.name, entry)) book.add(finding.undefinedObject(ts));
    }
  }
  for (const b of cryptoMapBindings(d.config)) {
    const p = b.map ? undefined : undefinedCryptoMap(d, b.interface);
    if (p) book.add(finding.undefinedObject(p));
  }
}
