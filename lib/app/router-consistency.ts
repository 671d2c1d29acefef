/**
 * Checks within one router that IOS would accept silently but that break the VPN: two elements
 * with one name (IOS merges two ACLs of one name, and the second `crypto isakmp key` for an
 * address replaces the first), and references to things the router does not define (a crypto
 * map applied but never configured protects nothing; a route out of a missing interface is never
 * installed; a route whose next hop is the router's own address is refused by IOS).
 */
import type { IConstruct } from 'constructs';
import { AccessList } from '../constructs/access-list.js';
import { CryptoMap } from '../constructs/crypto-map.js';
import { Interface } from '../constructs/interface.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import { IsakmpPolicy } from '../constructs/isakmp-policy.js';
import { Router } from '../constructs/router.js';
import { StaticRoute } from '../constructs/static-route.js';
import { TransformSet } from '../constructs/transform-set.js';
import { appendAll } from '../ir/collections.js';

interface Facts {
  readonly names: Map<string, string>;
  readonly interfaces: Set<string>;
  readonly maps: Set<string>;
  readonly appliedMaps: { path: string; iface: string; map: string }[];
  readonly routeExits: { path: string; iface: string }[];
  /** Address -> the interface that holds it (a next hop may not be one). */
  readonly ownAddresses: Map<string, string>;
  readonly nextHops: { path: string; nextHop: string }[];
  readonly errors: string[];
}

/** Collects facts construct by construct; `errors()` then reports every router's problems. */
export class RouterConsistency {
  private readonly facts = new Map<Router, Facts>();

  /** Records `c` if it is an element of a router. */
  visit(c: IConstruct): void {
    const key = this.kindAndName(c);
    if (key === undefined) return;
    const router = Router.tryOf(c);
    if (!router) return;
    let f = this.facts.get(router);
    if (!f) {
      f = {
        names: new Map(),
        interfaces: new Set(),
        maps: new Set(),
        appliedMaps: [],
        routeExits: [],
        ownAddresses: new Map(),
        nextHops: [],
        errors: [],
      };
      this.facts.set(router, f);
    }
    if (key !== null) {
      const other = f.names.get(key);
      if (other !== undefined)
        f.errors.push(`${c.node.path}: ${key} is also defined by ${other}; IOS would merge or replace them`);
      else f.names.set(key, c.node.path);
    }
    if (c instanceof Interface) {
      f.interfaces.add(c.name);
      for (const a of c.addresses) f.ownAddresses.set(a.ip, `${c.name} (${c.node.path})`);
      if (c.cryptoMap !== undefined) f.appliedMaps.push({ path: c.node.path, iface: c.name, map: c.cryptoMap });
    } else if (c instanceof CryptoMap) f.maps.add(c.name);
    else if (c instanceof StaticRoute) {
      if (c.props.interface !== undefined) f.routeExits.push({ path: c.node.path, iface: c.props.interface });
      if (c.props.nextHop !== undefined) f.nextHops.push({ path: c.node.path, nextHop: c.props.nextHop });
    }
  }

  /** Problems found, in visiting order. */
  errors(): string[] {
    const out: string[] = [];
    for (const f of this.facts.values()) {
      appendAll(out, f.errors);
      for (const a of f.appliedMaps) {
        if (!f.maps.has(a.map))
          out.push(`${a.path}: crypto map ${a.map} is applied to ${a.iface} but not defined on this router`);
      }
      for (const r of f.routeExits) {
        if (!f.interfaces.has(r.iface))
          out.push(`${r.path}: interface ${r.iface} does not exist on this router; IOS would not install the route`);
      }
      for (const r of f.nextHops) {
        const holder = f.ownAddresses.get(r.nextHop);
        if (holder !== undefined) {
          out.push(
            `${r.path}: nextHop "${r.nextHop}" is this router's own address (interface ${holder}); IOS refuses the route (%Invalid next hop address)`,
          );
        }
      }
    }
    return out;
  }

  /** A uniqueness key (`access list 110`), null for elements without one, undefined for other constructs. */
  private kindAndName(c: IConstruct): string | null | undefined {
    if (c instanceof Interface) return `interface ${c.name}`;
    if (c instanceof AccessList) return `access list ${c.name}`;
    if (c instanceof TransformSet) return `transform set ${c.name}`;
    if (c instanceof CryptoMap) return `crypto map ${c.name}`;
    if (c instanceof IsakmpPolicy) return `isakmp policy ${c.settings.priority}`;
    if (c instanceof IsakmpKey) return `isakmp key for ${c.address}/${c.prefixLength}`;
    if (c instanceof StaticRoute) return null;
    return undefined;
  }
}
