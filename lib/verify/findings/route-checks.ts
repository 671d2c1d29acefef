/**
 * Per-device route findings that do not depend on any pair: `ip route` commands IOS refuses at
 * the prompt (INVALID_ROUTE) and routes whose installation the proof assumes (ROUTE_TRACK_ASSUMED).
 * The rules are in `lib/rules/routing.ts` (docs/ios-semantics.md#invalid-next-hops,
 * #permanent-and-track).
 */
import { routingTable } from '../../rules/routing.js';
import type { ProblemBook } from './problem-book.js';
import type { StaticDevice } from './static-warnings.js';
import * as finding from './catalogue.js';

/** Reports INVALID_ROUTE and ROUTE_TRACK_ASSUMED for one device. */
export function checkRoutes(device: StaticDevice, book: ProblemBook): void {
  const { config } = device;
  for (const r of routingTable(config).rejected) {
    // Only what IOS refuses at the prompt is a finding of its own; a route that exists but is not
    // installed (next hop unresolved, interface down) matters only to the pairs that need it.
    if (r.reason !== 'next-hop-own-address' && r.reason !== 'interface-missing') continue;
    book.add(finding.invalidRoute({ device, rejected: r }));
  }
  for (const r of config.staticRoutes) {
    if (r.track !== undefined) book.add(finding.routeTrackAssumed({ device, route: r, track: r.track }));
  }
}
