/** A declared static route (`ip route P M <interface|next-hop>`). */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { parseCidr } from '../ir/ipv4.js';
import type { StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { freeText, interfaceName, ipv4Address, networkPrefix, parseProps } from './schemas.js';

/** Properties of a StaticRoute. */
export interface StaticRouteProps {
  /** Destination prefix `A.B.C.D/N` (network address; `0.0.0.0/0` is the default route). */
  readonly destination: string;
  /** Exit interface name. @default - none (next hop only) */
  readonly interface?: string;
  /** Next-hop address. @default - none (interface route) */
  readonly nextHop?: string;
  /**
   * `dhcp`: the next hop is the default gateway the router's DHCP client leased
   * (`ip route 0.0.0.0 0.0.0.0 dhcp`); the route exists once a lease gave one. @default false
   */
  readonly dhcp?: boolean;
  /** Administrative distance (1-255). @default 1 */
  readonly distance?: number;
  /** `name` keyword. @default - none */
  readonly name?: string;
}

/** Zod schema of `StaticRouteProps`, shared with the patterns' `routes` props. */
export const staticRoutePropsSchema = lazy(() =>
  zod()
    .object({
      destination: networkPrefix(),
      interface: interfaceName().optional(),
      nextHop: ipv4Address().optional(),
      dhcp: zod().boolean().optional(),
      distance: zod()
        .number()
        .int()
        .min(1, { message: 'is not a distance (1-255)' })
        .max(255, { message: 'is not a distance (1-255)' })
        .optional(),
      name: freeText(64).regex(/^\S+$/, { message: 'is not a route name (one word)' }).optional(),
    })
    .refine((r) => r.interface !== undefined || r.nextHop !== undefined || r.dhcp === true, {
      message: 'needs an interface, a nextHop or dhcp',
      path: ['interface'],
    })
    .refine((r) => r.dhcp !== true || (r.interface === undefined && r.nextHop === undefined), {
      message: 'is set with dhcp; a dhcp route takes its next hop from the DHCP lease alone',
      path: ['nextHop'],
    }),
);

/** Converts validated route props to IR. */
export function staticRouteToIr(p: StaticRouteProps, origin: string): StaticRouteIr {
  const c = parseCidr(p.destination)!;
  return {
    prefix: { address: c.ip, prefixLength: c.prefixLength },
    ...(p.interface !== undefined ? { interface: p.interface } : {}),
    ...(p.nextHop !== undefined ? { nextHop: p.nextHop } : {}),
    ...(p.dhcp === true ? { dhcp: true } : {}),
    ...(p.distance !== undefined ? { distance: p.distance } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
    origin,
  };
}

/** A static route. Create it inside a Router. */
export class StaticRoute extends Construct implements IRouterElement {
  /** The validated props. */
  readonly props: StaticRouteProps;

  constructor(scope: Construct, id: string, props: StaticRouteProps) {
    super(scope, id);
    Router.of(this);
    this.props = parseProps(this.node.path, staticRoutePropsSchema(), props);
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    builder.staticRoutes.push(staticRouteToIr(this.props, this.node.path));
  }
}
