/**
 * `show ip route` as IOS 12.2 prints it: the codes legend, the gateway of last resort, and routes
 * grouped under their classful network ("is subnetted" when every subnet has one mask, "is
 * variably subnetted" otherwise), connected routes as `C`, static ones as `S` (`S*` for a default).
 */
import type { RouterConfig } from '../ir/router-config.js';
import { routingTable, type Route } from '../rules/routing.js';
import { blockStart, numberToIp } from '../ir/ipv4.js';

const LEGEND = [
  'Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP',
  '       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area',
  '       * - candidate default, U - per-user static route, o - ODR',
  '       P - periodic downloaded static route',
];

function classfulLength(address: number): number {
  const first = Math.floor(address / 16777216);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

function via(r: Route): string {
  if (r.source === 'connected') return `is directly connected, ${r.exitInterface}`;
  if (r.nextHop !== undefined) return `[${r.distance}/0] via ${r.nextHop}`;
  return `is directly connected, ${r.exitInterface}`;
}

/** `show ip route`. */
export function showIpRoute(config: RouterConfig): string {
  const table = routingTable(config);
  const routes = table.routes;
  const def = routes.find((r) => r.prefix.prefixLength === 0);
  const out = [...LEGEND, ''];
  if (!def) out.push('Gateway of last resort is not set');
  else out.push(`Gateway of last resort is ${def.nextHop ?? '0.0.0.0'} to network 0.0.0.0`);
  out.push('');
  // Group by classful network, in address order.
  const groups = new Map<number, Route[]>();
  for (const r of routes) {
    if (r.prefix.prefixLength === 0) continue;
    const cl = classfulLength(r.range[0]);
    const key = r.prefix.prefixLength >= cl ? blockStart(r.range[0], cl) : -1 - r.range[0];
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const code = (r: Route) => (r.source === 'connected' ? 'C' : 'S');
  // Equal-cost paths follow their route, aligned under the first path, as IOS prints them.
  const line = (head: string, r: Route) => {
    out.push(`${head}${via(r)}`);
    for (const other of r.equalCost ?? []) out.push(`${' '.repeat(head.length)}${via(other)}`);
  };
  for (const [key, list] of [...groups.entries()].sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]))) {
    const first = list[0]!;
    const cl = classfulLength(first.range[0]);
    if (key < 0 || (list.length === 1 && first.prefix.prefixLength === cl)) {
      // A supernet, or a route that is exactly its classful network.
      for (const r of list) line(`${code(r).padEnd(5)}${numberToIp(r.range[0])}/${r.prefix.prefixLength} `, r);
      continue;
    }
    const masks = new Set(list.map((r) => r.prefix.prefixLength));
    const n = list.length;
    if (masks.size === 1) {
      out.push(`     ${numberToIp(key)}/${first.prefix.prefixLength} is subnetted, ${n} subnets`);
      for (const r of list) line(`${code(r).padEnd(8)}${numberToIp(r.range[0])} `, r);
    } else {
      out.push(`     ${numberToIp(key)}/${cl} is variably subnetted, ${n} subnets, ${masks.size} masks`);
      for (const r of list) line(`${code(r).padEnd(8)}${numberToIp(r.range[0])}/${r.prefix.prefixLength} `, r);
    }
  }
  if (def) line(`${'S*'.padEnd(5)}0.0.0.0/0 `, def);
  out.push('');
  return out.join('\n');
}
