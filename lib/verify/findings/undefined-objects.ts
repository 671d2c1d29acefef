/**
 * References to objects that do not exist (docs/ios-semantics.md#configuration-ios-rejects): a
 * crypto map entry whose `match address` names no access list (IOS keeps the entry but leaves it
 * incomplete, so it matches nothing), a `set transform-set` naming no transform set (IOS refuses
 * the command: "transform set ... does not exist"), an interface applying a crypto map that is
 * not defined (nothing on it is encrypted). Each is an error on the line that is wrong, found
 * without following any path, so it is reported once even while it breaks many pairs; the pair
 * walk names the same finding as the root cause of the pairs it breaks (`undefinedCause`).
 */
import type { CryptoMapEntry, InterfaceConfig, RouterConfig } from '../../ir/router-config.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { cryptoMapBindings } from '../../rules/crypto-map.js';
import { at } from './describe.js';
import type { ProblemBook, ProblemInput } from './problem-book.js';

/** A device as the check needs it. */
export interface DeviceText {
  readonly hostname: string;
  readonly file: string;
  readonly config: RouterConfig;
}

/** Transform set names an entry lists that the router does not define. */
function missingTransformSets(config: RouterConfig, entry: CryptoMapEntry): string[] {
  return entry.transformSets.filter((n) => !config.transformSets.some((t) => t.name === n));
}

function aclMissing(config: RouterConfig, entry: CryptoMapEntry): boolean {
  return entry.matchAddress !== undefined && !config.accessLists.some((a) => a.name === entry.matchAddress);
}

/** UNDEFINED_ACL for an entry, or undefined when its list exists. */
export function undefinedAcl(d: DeviceText, mapName: string, entry: CryptoMapEntry): ProblemInput | undefined {
  if (entry.type !== 'ipsec-isakmp' || !aclMissing(d.config, entry)) return undefined;
  return {
    code: 'UNDEFINED_ACL', device: d.hostname, file: d.file, line: entry.loc?.line ?? 0,
    message: `entry ${mapName} ${entry.seq} at ${at(d.file, entry.loc)} matches address ${entry.matchAddress}, an access list ${d.hostname} does not define: IOS ignores the incomplete entry, so it protects nothing and accepts no proposal`,
    hintValues: { acl: entry.matchAddress!, device: d.hostname },
  };
}

/** UNDEFINED_TRANSFORM_SET for each set an entry names that does not exist. */
export function undefinedTransformSets(d: DeviceText, mapName: string, entry: CryptoMapEntry): ProblemInput[] {
  if (entry.type !== 'ipsec-isakmp') return [];
  return missingTransformSets(d.config, entry).map((name) => ({
    code: 'UNDEFINED_TRANSFORM_SET' as const, device: d.hostname, file: d.file, line: entry.loc?.line ?? 0,
    message: `entry ${mapName} ${entry.seq} at ${at(d.file, entry.loc)} names transform set ${name}, which ${d.hostname} does not define (IOS refuses the command)${
      entry.transformSets.length === 1 ? ': the entry has no transform set, so it is incomplete and ignored' : ''
    }`,
    hintValues: { set: name, device: d.hostname },
    dedupe: name,
  }));
}

/** UNDEFINED_CRYPTO_MAP for an interface whose `crypto map` names no map. */
export function undefinedCryptoMap(d: DeviceText, iface: InterfaceConfig): ProblemInput | undefined {
  const name = iface.cryptoMap;
  if (name === undefined || d.config.cryptoMaps.some((m) => m.name === name)) return undefined;
  return {
    code: 'UNDEFINED_CRYPTO_MAP', device: d.hostname, file: d.file, line: iface.loc?.line ?? 0,
    message: `interface ${iface.name} of ${d.hostname} at ${at(d.file, iface.loc)} applies crypto map ${name}, which is not defined, so nothing leaving it is encrypted`,
    hintValues: { map: name, device: d.hostname, interface: iface.name },
  };
}

/** The root cause that makes a compiled entry inactive, when it is an undefined object. */
export function undefinedCause(d: DeviceText, mapName: string, ce: CompiledCryptoEntry): ProblemInput | undefined {
  if (ce.status === 'acl-missing') return undefinedAcl(d, mapName, ce.entry);
  if (ce.status === 'no-transform-set') return undefinedTransformSets(d, mapName, ce.entry)[0];
  return undefined;
}

/** Every undefined reference of a device. */
export function checkUndefinedObjects(d: DeviceText, book: ProblemBook): void {
  for (const map of d.config.cryptoMaps) {
    for (const entry of map.entries) {
      const acl = undefinedAcl(d, map.name, entry);
      if (acl) book.add(acl);
      for (const ts of undefinedTransformSets(d, map.name, entry)) book.add(ts);
    }
  }
  for (const b of cryptoMapBindings(d.config)) {
    const p = b.map ? undefined : undefinedCryptoMap(d, b.interface);
    if (p) book.add(p);
  }
}
