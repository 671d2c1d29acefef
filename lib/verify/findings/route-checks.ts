/**
 * Per-device route findings that do not depend on any pair: `ip route` commands IOS refuses at
 * the prompt (INVALID_ROUTE) and routes whose installation the proof assumes (ROUTE_TRACK_ASSUMED).
 * The rules are in `lib/rules/routing.ts` (docs/ios-semantics.md#invalid-next-hops,
 * #permanent-and-track).
 */
import type { SourceLocation } from '../../ir/router-config.js';
import { routingTable } from '../../rules/routing.js';
import type { ProblemBook } from './problem-book.js';
import { notInstalledText, routeCommand } from './route-text.js';
import type { StaticDevice } from './static-warnings.js';

function lineOf(loc: SourceLocation | undefined): number {
  return loc?.line ?? 0;
}

/** Reports INVALID_ROUTE and ROUTE_TRACK_ASSUMED for one device. */
export function checkRoutes(device: StaticDevice, book: ProblemBook): void {
  const { config, hostname, file } = device;
  for (const r of routingTable(config).rejected) {
    // Only what IOS refuses at the prompt is a finding of its own; a route that exists but is not
    // installed (next hop unresolved, interface down) matters only to the pairs that need it.
    if (r.reason !== 'next-hop-own-address' && r.reason !== 'interface-missing') continue;
    book.add({
      code: 'INVALID_ROUTE', device: hostname, file, line: lineOf(r.route.loc),
      message: `${notInstalledText(device, r)}${r.reason === 'next-hop-own-address' ? ' ("%Invalid next hop address (it\'s this router)")' : ''}`,
      hintValues: { device: hostname, command: routeCommand(r.route) },
    });
  }
  for (const r of config.staticRoutes) {
    if (r.track === undefined) continue;
    book.add({
      code: 'ROUTE_TRACK_ASSUMED', device: hostname, file, line: lineOf(r.loc),
      message: `\`${routeCommand(r)} track ${r.track}\` is taken as installed: the proof assumes track object ${r.track} is up`,
      hintValues: { device: hostname, track: String(r.track) },
    });
  }
}
