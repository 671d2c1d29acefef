/**
 * Discard routes in the packet walk (docs/ios-semantics.md#discard-routes): Null0 drops, and
 * answers with an ICMP unreachable unless `interface Null0` says `no ip unreachables`.
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { NULL_INTERFACE, type Route } from '../rules/routing.js';
import type { Delivery, HopFn } from './packet-walk.js';
import type { DeviceCore } from './types.js';

/** docs/ios-semantics.md#discard-routes: Null0 drops, and answers with an unreachable unless told not to. */
export function discarded(dev: DeviceCore, route: Route, arrival: InterfaceConfig | undefined, hop: HopFn): Delivery {
  hop('route', () => `via ${route.exitInterface} (${route.discard ?? 'no interface'})`);
  hop('drop', 'discard-route');
  const dropped = { kind: 'drop', device: dev, reason: 'discard-route' } as const;
  return route.discard === 'null0' && nullUnreachables(dev)
    ? { ...dropped, unreachable: arrival ? { iface: arrival } : {} }
    : dropped;
}

/** True unless `interface Null0` says `no ip unreachables` (IOS sends them by default). */
function nullUnreachables(dev: DeviceCore): boolean {
  const null0 = dev.config.interfaces.find((i) => i.name === NULL_INTERFACE);
  return !null0?.extraLines.some((l) => /^no\s+ip\s+unreachables\b/.test(l));
}
