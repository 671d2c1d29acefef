/**
 * `show ip route` in the platform's layout: the codes legend, the gateway of last resort, and
 * routes grouped under their classful network ("is subnetted" when every subnet has one mask, "is
 * variably subnetted" otherwise), connected routes as `C`, static ones as `S` (`S*` for a default).
 * IOS 12.2 prints the default route last; IOS 15 and IOS-XE print it first, add `L` local routes
 * (a /32 per interface address, except on /32 interfaces) and indent one column more (the IOS-XE
 * capture in the corpus, lab-validation `show_ip_route.txt`; docs/emulator.md#show-ip-route).
 * Local routes are display only: the emulator answers for its own addresses in any case.
 */
import type { InterfaceConfig, Platform, RouterConfig } from '../ir/router-config.js';
import { routingTable, type Route } from '../rules/routing.js';
import { blockStart, ipToNumber, numberToIp } from '../ir/ipv4.js';
import { appendAll } from '../ir/collections.js';

const LEGEND_12 = [
  'Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP',
  '       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area',
  '       * - candidate default, U - per-user static route, o - ODR',
  '       P - periodic downloaded static route',
];

const LEGEND_15_HEAD = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
];
const LEGEND_15 = [...LEGEND_15_HEAD, '       + - replicated route, % - next hop override'];
const LEGEND_XE = [
  ...LEGEND_15_HEAD,
  '       a - application route',
  '       + - replicated route, % - next hop override, p - overrides from PfR',
];

/** A line of the table: an installed route, or a local /32 of an interface address. */
interface Row {
  readonly code: string;
  readonly start: number;
  readonly length: number;
  readonly route?: Route;
  readonly interface?: string;
}

function classfulLength(address: number): number {
  const first = Math.floor(address / 16777216);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

function via(r: Route): string {
  if (r.source === 'connected') return `is directly connected, ${r.exitInterface}`;
  if (r.nextHop !== undefined) return `[${r.distance}/0] via ${r.nextHop}`;
  return `is directly connected, ${r.exitInterface}`;
}

/** Local routes: one /32 per address of an up interface whose subnet is wider than /32. */
function localRows(config: RouterConfig): Row[] {
  const up = (i: InterfaceConfig) => !i.shutdown;
  const out: Row[] = [];
  for (const i of config.interfaces.filter(up)) {
    for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) {
      if (a.prefixLength < 32) out.push({ code: 'L', start: ipToNumber(a.ip), length: 32, interface: i.name });
    }
  }
  return out;
}

interface Layout {
  readonly legend: readonly string[];
  /** Indent of the "is subnetted" heading, width of the code column under it and without it. */
  readonly heading: number;
  readonly sub: number;
  readonly top: number;
  readonly modern: boolean;
}

function layoutOf(platform: Platform): Layout {
  if (platform === 'ios-12.2') return { legend: LEGEND_12, heading: 5, sub: 8, top: 5, modern: false };
  return { legend: platform === 'ios-xe-17' ? LEGEND_XE : LEGEND_15, heading: 6, sub: 9, top: 6, modern: true };
}

/** `show ip route`. */
export function showIpRoute(config: RouterConfig): string {
  const lay = layoutOf(config.platform);
  const routes = routingTable(config).routes;
  const def = routes.find((r) => r.prefix.prefixLength === 0);
  const out = [...lay.legend, ''];
  if (!def) out.push('Gateway of last resort is not set');
  else out.push(`Gateway of last resort is ${def.nextHop ?? '0.0.0.0'} to network 0.0.0.0`);
  out.push('');
  const rows: Row[] = routes
    .filter((r) => r.prefix.prefixLength > 0)
    .map((r) => ({
      code: r.source === 'connected' ? 'C' : 'S',
      start: r.range[0],
      length: r.prefix.prefixLength,
      route: r,
    }));
  if (lay.modern) appendAll(rows, localRows(config));
  rows.sort((a, b) => a.start - b.start || a.length - b.length);
  // Group by classful network, in address order.
  const groups = new Map<number, Row[]>();
  for (const r of rows) {
    const cl = classfulLength(r.start);
    const key = r.length >= cl ? blockStart(r.start, cl) : -1 - r.start;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  // Equal-cost paths follow their route, aligned under the first path, as IOS prints them.
  const line = (head: string, r: Row) => {
    if (!r.route) {
      out.push(`${head}is directly connected, ${r.interface}`);
      return;
    }
    out.push(`${head}${via(r.route)}`);
    for (const other of r.route.equalCost ?? []) out.push(`${' '.repeat(head.length)}${via(other)}`);
  };
  const defLine = () => {
    if (def) line(`${'S*'.padEnd(lay.top)}0.0.0.0/0 `, { code: 'S*', start: 0, length: 0, route: def });
  };
  if (lay.modern) defLine();
  for (const [key, list] of [...groups.entries()].sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]))) {
    const first = list[0]!;
    const cl = classfulLength(first.start);
    if (key < 0 || (list.length === 1 && first.length === cl)) {
      // A supernet, or a route that is exactly its classful network.
      for (const r of list) line(`${r.code.padEnd(lay.top)}${numberToIp(r.start)}/${r.length} `, r);
      continue;
    }
    const masks = new Set(list.map((r) => r.length));
    const n = list.length;
    const indent = ' '.repeat(lay.heading);
    if (masks.size === 1) {
      out.push(`${indent}${numberToIp(key)}/${first.length} is subnetted, ${n} subnets`);
      for (const r of list) line(`${r.code.padEnd(lay.sub)}${numberToIp(r.start)} `, r);
    } else {
      out.push(`${indent}${numberToIp(key)}/${cl} is variably subnetted, ${n} subnets, ${masks.size} masks`);
      for (const r of list) line(`${r.code.padEnd(lay.sub)}${numberToIp(r.start)}/${r.length} `, r);
    }
  }
  if (!lay.modern) defLine();
  out.push('');
  return out.join('\n');
}
