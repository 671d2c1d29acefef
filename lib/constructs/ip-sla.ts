/**
 * `ip sla N` with `icmp-echo DEST source-ip A | source-interface IF` and its schedule
 * (`ip sla schedule N life forever start-time now`): a probe the router sends on its own, every
 * `frequency` seconds. A spoke uses one whose packet its crypto ACL protects to bring its SA to
 * the hub up and keep it up (docs/ios-semantics.md#ip-sla-probes).
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { IpSlaOperation } from '../ir/router-config.js';
import { ipSlaProblem } from '../ir/ip-sla-support.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { interfaceName, ipv4Address, parseProps } from './schemas.js';

/** Properties of an IpSla. */
export interface IpSlaProps {
  /** Operation number (`ip sla N`, 1-2147483647), unique on the router. */
  readonly id: number;
  /** `icmp-echo DEST`: the address probed. */
  readonly destination: string;
  /** `source-ip A`: the probe's source address (one of the router's). @default - see `sourceInterface` */
  readonly sourceAddress?: string;
  /** `source-interface IF`: the probe's source is that interface's address. @default - the exit interface's address */
  readonly sourceInterface?: string;
  /** `frequency S`: seconds between probes (1-604800). @default - IOS default 60 s (not rendered) */
  readonly frequency?: number;
  /**
   * The schedule: `forever-now` renders `ip sla schedule N life forever start-time now` (runs from
   * boot, never stops); `false` renders none (the operation never runs). @default 'forever-now'
   */
  readonly schedule?: 'forever-now' | false;
}

const schema = lazy(() =>
  zod()
    .object({
      id: zod()
        .number()
        .int()
        .min(1, { message: 'is not an IP SLA operation number (1-2147483647)' })
        .max(2147483647, { message: 'is not an IP SLA operation number (1-2147483647)' }),
      destination: ipv4Address(),
      sourceAddress: ipv4Address().optional(),
      sourceInterface: interfaceName().optional(),
      frequency: zod()
        .number()
        .int()
        .min(1, { message: 'is not a probe frequency (1-604800 s)' })
        .max(604800, { message: 'is not a probe frequency (1-604800 s)' })
        .optional(),
      schedule: zod()
        .union([zod().literal('forever-now'), zod().literal(false)])
        .optional(),
    })
    .strict()
    .refine((p) => p.sourceAddress === undefined || p.sourceInterface === undefined, {
      message: 'sets both sourceAddress and sourceInterface; IOS takes one (source-ip or source-interface)',
      path: ['sourceInterface'],
    }),
);

/** An IP SLA icmp-echo operation. Create it inside a Router. */
export class IpSla extends Construct implements IRouterElement {
  /** Operation number. */
  readonly id: number;
  private readonly props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: IpSlaProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.id = this.props.id;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The probed address. */
  get destination(): string {
    return this.props.destination;
  }

  /** The `source-ip` address, if set. */
  get sourceAddress(): string | undefined {
    return this.props.sourceAddress;
  }

  private check(router: Router): string[] {
    const unsupported = ipSlaProblem(router.platform);
    if (unsupported !== undefined) return [`IP SLA operation ${this.id}: ${unsupported}`];
    const others = router.node
      .findAll()
      .filter((c): c is IpSla => c instanceof IpSla && c !== this && c.id === this.id);
    // Both would render as one `ip sla N` block: IOS keeps one operation per number.
    return others.length > 0 && others[0]!.node.path < this.node.path
      ? [`IP SLA operation ${this.id} is also defined by ${others[0]!.node.path}`]
      : [];
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    builder.ipSlas.push(icmpEchoIr(this.props, this.node.path));
  }
}

/** The IR of an icmp-echo operation from validated props (shared with the patterns' derived probes). */
export function icmpEchoIr(p: IpSlaProps, origin: string): IpSlaOperation {
  const source =
    p.sourceAddress !== undefined
      ? { source: { kind: 'address' as const, address: p.sourceAddress } }
      : p.sourceInterface !== undefined
        ? { source: { kind: 'interface' as const, interface: p.sourceInterface } }
        : {};
  return {
    id: p.id,
    icmpEcho: { destination: p.destination, ...source },
    ...(p.frequency !== undefined ? { frequency: p.frequency } : {}),
    ...(p.schedule !== false ? { schedule: { life: 'forever', startTime: 'now', origin } } : {}),
    extraLines: [],
    origin,
  };
}
