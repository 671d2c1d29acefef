/**
 * `ip nat inside source list|route-map X interface IF overload`: PAT of what crosses from an
 * `ip nat inside` interface to an `ip nat outside` one, to the outside interface's address. IOS
 * translates after routing and before the crypto map check (Cisco, "NAT Order of Operation",
 * Document ID 6209), so VPN traffic needs an exemption (docs/ios-semantics.md#nat-and-the-order-of-operations).
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { DynamicNat } from '../ir/router-config.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { interfaceName, parseProps, wordName } from './schemas.js';

/** Properties of an InsideSourceNat. */
export interface InsideSourceNatProps {
  /** What is translated: the ACL's permits (`list`) or the route-map's permit entries (`route-map`). */
  readonly match: { readonly accessList: string | number } | { readonly routeMap: string };
  /** The interface whose address is the translated source (the `ip nat outside` WAN). */
  readonly interface: string;
  /** Port address translation (`overload`): many inside hosts share the interface's address. @default true */
  readonly overload?: boolean;
}

const schema = lazy(() =>
  zod().object({
    match: zod()
      .object({
        accessList: zod()
          .union([wordName(), zod().number().int().min(1).max(2699).transform(String)])
          .optional(),
        routeMap: wordName().optional(),
      })
      .strict()
      .refine((m) => (m.accessList === undefined) !== (m.routeMap === undefined), {
        message: 'must name one of accessList or routeMap',
      }),
    interface: interfaceName(),
    overload: zod().boolean().optional(),
  }),
);

/** An inside-source dynamic NAT rule to an interface's address. Create it inside a Router. */
export class InsideSourceNat extends Construct implements IRouterElement {
  private readonly rule: Omit<DynamicNat, 'origin'>;

  constructor(scope: Construct, id: string, props: InsideSourceNatProps) {
    super(scope, id);
    Router.of(this);
    const p = parseProps(this.node.path, schema(), props);
    this.rule = {
      kind: 'dynamic',
      // The schema admits exactly one of the two.
      match:
        p.match.routeMap !== undefined
          ? { kind: 'route-map', routeMap: p.match.routeMap }
          : { kind: 'list', acl: p.match.accessList ?? '' },
      target: { kind: 'interface', interface: p.interface },
      overload: p.overload ?? true,
    };
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    builder.natRules.push({ ...this.rule, origin: this.node.path });
  }
}
