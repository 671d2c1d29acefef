/**
 * Catalogue: routing findings. The pair walk's (no route, a loop, a route to a LAN instead of the
 * VPN, a discard route) and the per-device ones (`ip route` commands IOS refuses, routes taken as
 * installed because of `track`). The rules are `lib/rules/routing.ts`
 * (docs/ios-semantics.md#routing).
 */
import type { InterfaceConfig, StaticRoute } from '../../ir/router-config.js';
import type { HeaderBox, Interval } from '../../rules/header-space.js';
import { routePrefixText, type RejectedRoute, type Route } from '../../rules/routing.js';
import type { Site } from '../model/network-model.js';
import { lineOf } from './describe.js';
import { aboutSubject, destinationSubject, regionSubject, towardsSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';
import { discardText, notInstalledText, routeCommand } from './route-text.js';

/** NO_ROUTE: the traffic to `dest` went round more than `maxHops` devices; pinned on the route it left by. */
export function routingLoop(f: {
  readonly device: FindingDevice;
  readonly dest: Site;
  readonly maxHops: number;
  readonly onward: Route | undefined;
}): ProblemInput {
  const d = f.device;
  return {
    code: 'NO_ROUTE',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.onward?.loc),
    ...aboutSubject(
      'traffic to ',
      destinationSubject(f.dest.range),
      ` loops (more than ${f.maxHops} hops), last at ${d.hostname}`,
    ),
    hintValues: { device: d.hostname },
  };
}

/**
 * NO_ROUTE: no route for `dst`. Pinned on the static route IOS did not install for it (`meant`),
 * else on the crypto-map interface the traffic should leave by (`exit`).
 */
export function noRoute(f: {
  readonly device: FindingDevice;
  readonly dst: Interval;
  readonly exit: InterfaceConfig | undefined;
  readonly meant: RejectedRoute | undefined;
}): ProblemInput {
  const { device: d, exit, meant } = f;
  const why = meant ? `; ${notInstalledText(d, meant)}` : '';
  return {
    code: 'NO_ROUTE',
    device: d.hostname,
    file: d.file,
    line: meant ? lineOf(meant.route.loc) : lineOf(exit?.loc),
    ...aboutSubject(
      `${d.hostname} has no route to `,
      destinationSubject(f.dst),
      `${exit ? ` (it should leave through ${exit.name})` : ''}${why}`,
    ),
    hintValues: { device: d.hostname },
  };
}

/**
 * NO_ROUTE: the traffic is routed out of a LAN interface of a device that is not its destination's.
 * Pinned on the route meant for it that IOS did not install, else on the route used.
 */
export function routedAway(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly exit: InterfaceConfig;
  readonly route: Route;
  readonly meant: RejectedRoute | undefined;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, exit, meant, dest } = f;
  return {
    code: 'NO_ROUTE',
    device: d.hostname,
    file: d.file,
    line: lineOf(meant?.route.loc ?? f.route.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: dest.device.hostname, network: dest.network, range: dest.range }),
      ` out of LAN interface ${exit.name}${meant ? `; ${notInstalledText(d, meant)}` : ''}`,
    ),
    hintValues: { device: d.hostname },
    dedupe: exit.name,
  };
}

/** DISCARD_ROUTE: the route that holds the traffic's prefix drops it (docs/ios-semantics.md#discard-routes). */
export function discardRoute(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly route: Route;
}): ProblemInput {
  const { device: d, route } = f;
  return {
    code: 'DISCARD_ROUTE',
    device: d.hostname,
    file: d.file,
    line: lineOf(route.loc),
    ...aboutSubject(`${d.hostname} drops `, regionSubject([f.space]), `: ${discardText(route)}`),
    hintValues: { device: d.hostname, route: routePrefixText(route) },
    dedupe: routePrefixText(route),
  };
}

/** INVALID_ROUTE: an `ip route` IOS refuses at the prompt (its next hop is its own, or no such interface). */
export function invalidRoute(f: { readonly device: FindingDevice; readonly rejected: RejectedRoute }): ProblemInput {
  const { device: d, rejected: r } = f;
  return {
    code: 'INVALID_ROUTE',
    device: d.hostname,
    file: d.file,
    line: lineOf(r.route.loc),
    message: `${notInstalledText(d, r)}${r.reason === 'next-hop-own-address' ? ' ("%Invalid next hop address (it\'s this router)")' : ''}`,
    hintValues: { device: d.hostname, command: routeCommand(r.route) },
  };
}

/** ROUTE_TRACK_ASSUMED: a route with `track` that the proof takes as installed. */
export function routeTrackAssumed(f: {
  readonly device: FindingDevice;
  readonly route: StaticRoute;
  readonly track: number;
}): ProblemInput {
  const { device: d, route: r, track } = f;
  return {
    code: 'ROUTE_TRACK_ASSUMED',
    device: d.hostname,
    file: d.file,
    line: lineOf(r.loc),
    message: `\`${routeCommand(r)} track ${track}\` is taken as installed: the proof assumes track object ${track} is up`,
    hintValues: { device: d.hostname, track: String(track) },
  };
}
