/**
 * Addressing rules a hub checks over itself and its spokes before anything is written: site LANs
 * must not overlap each other or any WAN subnet (a crypto ACL for an overlapping LAN captures the
 * wrong traffic, and routing cannot tell the sites apart), spoke WAN addresses must be unique
 * (keys and peers are looked up by address), and in summarized mode the pools must contain every
 * spoke LAN.
 */
import { prefixContains } from '../ir/ipv4.js';
import type { Hub } from './hub.js';
import { describe, findOverlaps, type LabelledPrefix } from './overlaps.js';

/** Validation messages for `hub` and its spokes (without the hub's path prefix). */
export function hubAddressingProblems(hub: Hub): string[] {
  const errors: string[] = [];
  const path = hub.node.path;
  const lans: LabelledPrefix[] = hub.lanPrefixes.map((prefix) => ({ prefix, label: `${path} lan`, group: 'lan' }));
  const spokeLans: LabelledPrefix[] = [];
  const wans: LabelledPrefix[] = [{ prefix: hub.wanSubnet, label: `${path} wan`, group: 'wan' }];
  const wanOwners = new Map<string, string>();
  for (const s of hub.spokes) {
    for (const prefix of s.lanPrefixes) spokeLans.push({ prefix, label: `${s.node.path} lan`, group: 'lan' });
    // A dynamic WAN has no address until run time: nothing to compare.
    if (s.wanAddress === undefined || s.wanSubnet === undefined) continue;
    wans.push({ prefix: s.wanSubnet, label: `${s.node.path} wan`, group: 'wan' });
    const other = wanOwners.get(s.wanAddress);
    if (other !== undefined)
      errors.push(`spokes ${other} and ${s.node.path} have the same WAN address ${s.wanAddress}`);
    else wanOwners.set(s.wanAddress, s.node.path);
    // docs/ios-semantics.md#nat-traversal: behind NAT the hub knows a spoke by its public address.
    if (s.publicAddress === undefined) continue;
    const named = wanOwners.get(s.publicAddress);
    if (named !== undefined)
      errors.push(`spokes ${named} and ${s.node.path} share the address ${s.publicAddress} (behindNat.publicAddress)`);
    else wanOwners.set(s.publicAddress, s.node.path);
  }
  const allLans = [...lans, ...spokeLans];
  for (const o of findOverlaps(allLans)) errors.push(`site LAN ${describe(o.b)} overlaps site LAN ${describe(o.a)}`);
  for (const o of findOverlaps([...allLans, ...wans], true)) {
    const [lan, wan] = o.a.group === 'lan' ? [o.a, o.b] : [o.b, o.a];
    errors.push(`site LAN ${describe(lan)} overlaps WAN subnet ${describe(wan)}`);
  }
  if (hub.vti) {
    const sites = [...allLans, ...wans].map((l) => ({
      prefix: l.prefix,
      label: `${l.group === 'lan' ? 'site LAN' : 'WAN subnet'} of ${l.label.replace(/ (lan|wan)$/, '')}`,
    }));
    // The ikeSource loopback is every hub tunnel's source: a tunnel subnet must not hold it.
    if (hub.ikeAddress !== hub.wanAddress)
      sites.push({ prefix: { address: hub.ikeAddress, prefixLength: 32 }, label: `ikeSource address of ${path}` });
    for (const e of hub.vti.problems(sites)) errors.push(e);
  }
  if (hub.aclMode === 'summarized') {
    if (hub.sitePools.length === 0)
      errors.push('aclMode "summarized" needs sitePools (prefixes that contain every spoke LAN)');
    for (const l of hub.sitePools.length === 0 ? [] : spokeLans) {
      if (!hub.sitePools.some((pool) => prefixContains(pool, l.prefix))) {
        errors.push(`sitePools do not contain site LAN ${describe(l)}; summarized ACLs would not protect it`);
      }
    }
  }
  return errors;
}
