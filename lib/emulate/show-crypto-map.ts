/**
 * `show crypto map [tag NAME]`: per map entry its peers, `match address` list with its lines, the
 * current peer, SA lifetimes, PFS and transform sets, then the interfaces using the map.
 *
 * Layout sources (facts, not text): the IOS 12.2 Security Command Reference, "show crypto map
 * (IPSec)" sample output (`Crypto Map "NAME" SEQ ipsec-isakmp`, `Peer = A`, the ACL heading and
 * lines, `Current peer: A`, `Security association lifetime: K kilobytes/S seconds`,
 * `PFS (Y/N): N`, `Transform sets={ T, }`, `Interfaces using crypto map NAME:`); IOS 15 / IOS-XE
 * captures print `Crypto Map IPv4 "NAME" SEQ ipsec-isakmp`, a `Responder-Only (Y/N)` line and one
 * transform set per line with its transforms (`T:  { esp-aes esp-sha-hmac  } ,`).
 */
import type { DeviceCore } from './types.js';
import { aclMatchText } from '../ir/acl-text.js';
import { aclEntriesInOrder } from '../ir/acl-sequence.js';
import { appendAll } from '../ir/collections.js';
import { IPSEC_SA_LIFETIME_DEFAULTS, PFS_DEFAULT_GROUP } from '../ir/ike-vocabulary.js';
import type { AccessList, CryptoMap, CryptoMapEntry } from '../ir/router-config.js';
import { compileCryptoMap, type CompiledCryptoEntry } from '../rules/crypto-map.js';

const IND = '        ';

/** The list's heading and lines as `show crypto map` nests them under an entry. */
function aclLines(acl: AccessList): string[] {
  const kind = acl.type === 'standard' ? 'Standard' : 'Extended';
  const prefix = acl.numbered ? `access-list ${acl.name} ` : '';
  const lines = [`${IND}${kind} IP access list ${acl.name}`];
  for (const e of aclEntriesInOrder(acl.entries)) {
    if (e.kind !== 'rule') continue;
    const body = e.trailing ? `${aclMatchText(e, acl.type)} ${e.trailing}` : aclMatchText(e, acl.type);
    lines.push(`${IND}    ${prefix}${body}`);
  }
  return lines;
}

/**
 * The peer IOS shows as current: the peer of the entry's newest IPsec SA, else the first
 * `set peer` (IOS tries the list in order; docs/ios-semantics.md).
 */
function currentPeer(dev: DeviceCore, map: CryptoMap, entry: CryptoMapEntry): string | undefined {
  const sas = dev.sadb.ipsec.filter((s) => s.mapName === map.name && s.seq === entry.seq);
  return sas.at(-1)?.peer ?? entry.peers[0];
}

function transformLines(c: CompiledCryptoEntry, modern: boolean): string[] {
  if (!modern) return [`${IND}Transform sets={ ${c.transformSets.map((t) => `${t.name}, `).join('')}}`];
  return [
    `${IND}Transform sets={ `,
    ...c.transformSets.map((t) => `${IND}        ${t.name}:  { ${t.transforms.join(' ')}  } , `),
    `${IND}}`,
  ];
}

function entryLines(dev: DeviceCore, map: CryptoMap, c: CompiledCryptoEntry, modern: boolean): string[] {
  const e = c.entry;
  // A dynamic map's entry is shown at its binding, under the template's name.
  const type = c.dynamic ? 'ipsec-isakmp' : e.type;
  const head = modern ? `Crypto Map IPv4 "${map.name}" ${e.seq} ${type}` : `Crypto Map "${map.name}" ${e.seq} ${type}`;
  const out = [head];
  if (c.dynamic) out.push(`${IND}Dynamic map template tag: ${c.dynamic.dynamicMap.name}`);
  if (e.description !== undefined) out.push(`${IND}Description: ${e.description}`);
  for (const p of e.peers) out.push(`${IND}Peer = ${p}`);
  if (c.acl) appendAll(out, aclLines(c.acl));
  else if (e.matchAddress !== undefined) out.push(`${IND}Extended IP access list ${e.matchAddress}`);
  // An entry without `match address` is incomplete: IOS names no list.
  else out.push(`${IND}No matching address list set.`);
  const peer = currentPeer(dev, map, e);
  out.push(`${IND}Current peer: ${peer ?? '0.0.0.0'}`);
  const kb = e.saLifetimeKilobytes ?? IPSEC_SA_LIFETIME_DEFAULTS.kilobytes;
  const s = e.saLifetimeSeconds ?? IPSEC_SA_LIFETIME_DEFAULTS.seconds;
  out.push(`${IND}Security association lifetime: ${kb} kilobytes/${s} seconds`);
  if (modern) out.push(`${IND}Responder-Only (Y/N): N`);
  out.push(`${IND}PFS (Y/N): ${e.pfs ? 'Y' : 'N'}`);
  if (e.pfs) out.push(`${IND}DH group:  group${e.pfs.group ?? PFS_DEFAULT_GROUP}`);
  appendAll(out, transformLines(c, modern));
  return out;
}

/** `show crypto map [tag NAME]`; a tag naming no map prints nothing, as IOS does. */
export function showCryptoMap(dev: DeviceCore, tag?: string): string {
  const modern = dev.config.platform !== 'ios-12.2';
  const out: string[] = [];
  for (const map of dev.config.cryptoMaps) {
    if (tag !== undefined && map.name !== tag) continue;
    const compiled = compileCryptoMap(dev.config, map);
    for (const c of compiled.entries) appendAll(out, entryLines(dev, map, c, modern));
    out.push(`${IND}Interfaces using crypto map ${map.name}:`);
    for (const i of dev.config.interfaces) if (i.cryptoMap === map.name) out.push(`${IND}        ${i.name}`);
    out.push('');
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
