/**
 * The probes that bring a spoke's SAs to the hub up and keep them up, so traffic from the hub and
 * from other spokes can reach a spoke the hub cannot initiate to (a dynamic-address spoke: the hub
 * answers it through a dynamic crypto map, which never initiates;
 * docs/ios-semantics.md#dynamic-crypto-maps and #ip-sla-probes).
 *
 * IOS negotiates one pair of IPsec SAs per crypto ACL line that traffic hits
 * (docs/ios-semantics.md#one-sa-pair-per-crypto-acl-line), so one probe per line
 * of the spoke's crypto ACL: `ip sla N` / `icmp-echo D source-ip S` where S is the spoke's LAN
 * interface address of the line's source and D a site router's LAN address inside the line's
 * destination (the hub's first, then the other spokes' in creation order), scheduled `life
 * forever start-time now`. A line whose destination holds no site router gets no probe: no site
 * pair needs its SA.
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { prefixContainsIp } from '../ir/ipv4.js';
import { ipSlaProblem } from '../ir/ip-sla-support.js';
import type { InterfaceAddress, Ipv4Prefix } from '../ir/router-config.js';
import { icmpEchoIr } from '../constructs/ip-sla.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from '../constructs/ir-context.js';
import { Router } from '../constructs/router.js';

/** The probes of a spoke (`tunnelTrigger`). */
export interface TunnelTriggerProps {
  /** Number of the first `ip sla` operation; the others follow. @default 1 */
  readonly firstId?: number;
  /** `frequency S`: seconds between probes. @default - IOS default 60 s */
  readonly frequency?: number;
}

/** zod schema of `tunnelTrigger`. */
export const tunnelTriggerSchema = lazy(() =>
  zod()
    .object({
      firstId: zod()
        .number()
        .int()
        .min(1, { message: 'is not an IP SLA operation number (1-2147483647)' })
        .max(2147483647, { message: 'is not an IP SLA operation number (1-2147483647)' })
        .optional(),
      frequency: zod()
        .number()
        .int()
        .min(1, { message: 'is not a probe frequency (1-604800 s)' })
        .max(604800, { message: 'is not a probe frequency (1-604800 s)' })
        .optional(),
    })
    .strict(),
);

/** One line of a spoke's crypto ACL, with the LAN interface address of its source. */
export interface TriggerLine {
  readonly source: InterfaceAddress;
  readonly destination: Ipv4Prefix;
}

/** What the trigger needs at IR time, once every site exists. */
export interface TriggerInput {
  /** The spoke's crypto ACL lines (own LAN -> remote prefix), in ACL order. */
  readonly lines: () => readonly TriggerLine[];
  /** Site router LAN addresses that answer a probe (hub first, then spokes), excluding the spoke's own. */
  readonly responders: () => readonly string[];
}

/** The derived `ip sla` probes of a spoke. Created by the Spoke pattern under its router. */
export class TunnelTrigger extends Construct implements IRouterElement {
  private readonly props: TunnelTriggerProps;
  private readonly input: TriggerInput;

  constructor(scope: Construct, id: string, props: TunnelTriggerProps, input: TriggerInput) {
    super(scope, id);
    const router = Router.of(this);
    this.props = props;
    this.input = input;
    this.node.addValidation({
      validate: () => {
        const problem = ipSlaProblem(router.platform);
        return problem === undefined ? [] : [`tunnelTrigger: ${problem}; set tunnelTrigger: false on this spoke`];
      },
    });
  }

  /** The probes as `{ id, source, destination }`, in ACL order. */
  probes(): { id: number; source: string; destination: string }[] {
    const responders = this.input.responders();
    let id = this.props.firstId ?? 1;
    const out: { id: number; source: string; destination: string }[] = [];
    for (const line of this.input.lines()) {
      const destination = responders.find((a) => prefixContainsIp(line.destination, a));
      if (destination === undefined) continue;
      out.push({ id: id++, source: line.source.ip, destination });
    }
    return out;
  }

  /** Adds the probes to the router's IR (the `IRouterElement` contract). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const origin = this.node.path;
    for (const p of this.probes()) {
      builder.ipSlas.push(
        icmpEchoIr(
          {
            id: p.id,
            destination: p.destination,
            sourceAddress: p.source,
            ...(this.props.frequency !== undefined ? { frequency: this.props.frequency } : {}),
          },
          origin,
        ),
      );
    }
  }
}
