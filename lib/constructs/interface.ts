/** An interface of a Router: name, addresses, and the crypto map applied to it. */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { networkOf, parseCidr } from '../ir/ipv4.js';
import type {
  DynamicAddress,
  InterfaceAddress,
  InterfaceConfig,
  Ipv4Prefix,
  TunnelMode,
  TunnelSettings,
} from '../ir/router-config.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import {
  freeText,
  interfaceAddress,
  interfaceAddressProblem,
  interfaceName,
  ipv4Address,
  parseProps,
  wordName,
} from './schemas.js';

/** Properties of an Interface. */
export interface InterfaceProps {
  /** Full IOS name, e.g. `Ethernet1`, `GigabitEthernet2`. */
  readonly name: string;
  /**
   * Primary address as `A.B.C.D/N` (a host address of the subnet), or an address assigned at run
   * time: `dhcp` (`ip address dhcp`, an Ethernet WAN that leases its address) or `negotiated`
   * (`ip address negotiated`, IPCP on a PPP/PPPoE Dialer interface). @default - no address
   */
  readonly address?: string;
  /** `ip address A M secondary` addresses, as `A.B.C.D/N`. @default [] */
  readonly secondaryAddresses?: readonly string[];
  /** `description` line. @default - none */
  readonly description?: string;
  /** Render `shutdown`. @default false */
  readonly shutdown?: boolean;
  /** Name of the crypto map applied to the interface. @default - none */
  readonly cryptoMap?: string;
  /**
   * Render `no ip route-cache` (process switching), which the reference lab keeps on crypto
   * interfaces of IOS 12.2 routers. @default false
   */
  readonly noIpRouteCache?: boolean;
  /** Render `no ip mroute-cache`. @default false */
  readonly noIpMrouteCache?: boolean;
  /** `ip nat inside` or `ip nat outside`: the interface's side for inside-source NAT. @default - not a NAT interface */
  readonly nat?: 'inside' | 'outside';
  /**
   * The `tunnel ...` lines of a `TunnelN` interface (docs/ios-semantics.md#tunnel-interfaces).
   * @default - none (not a tunnel)
   */
  readonly tunnel?: InterfaceTunnelProps;
  /** Raw lines inside the interface (escape hatch), without indentation. @default [] */
  readonly extraLines?: readonly string[];
}

/** The `tunnel ...` lines of a tunnel interface. */
export interface InterfaceTunnelProps {
  /** `tunnel source IF|A`: the interface (or address) the outer packets come from. */
  readonly source: string;
  /** `tunnel destination A`: the far end's address. */
  readonly destination: string;
  /** `tunnel mode`: `ipsec ipv4` (static VTI) or `gre ip` (the IOS default, not rendered). @default 'gre ip' */
  readonly mode?: TunnelMode;
  /** `tunnel protection ipsec profile P`: the IPsec profile protecting the tunnel. @default - none */
  readonly protectionProfile?: string;
}

const schema = lazy(() =>
  zod().object({
    name: interfaceName(),
    address: zod()
      .string()
      .check((ctx) => {
        const problem =
          ctx.value === 'dhcp' || ctx.value === 'negotiated' ? undefined : interfaceAddressProblem(ctx.value);
        if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      })
      .optional(),
    secondaryAddresses: zod().array(interfaceAddress()).optional(),
    description: freeText(200).optional(),
    shutdown: zod().boolean().optional(),
    cryptoMap: wordName().optional(),
    noIpRouteCache: zod().boolean().optional(),
    noIpMrouteCache: zod().boolean().optional(),
    nat: NAT_SIDE().optional(),
    tunnel: zod()
      .object({
        source: zod().union([ipv4Address(), interfaceName()]),
        destination: ipv4Address(),
        mode: zod().enum(['gre ip', 'ipsec ipv4'], { message: 'is not a tunnel mode (gre ip, ipsec ipv4)' }).optional(),
        protectionProfile: wordName().optional(),
      })
      .strict()
      .optional(),
    extraLines: zod().array(freeText()).optional(),
  }),
);

const NAT_SIDE = lazy(() => zod().enum(['inside', 'outside'], { message: 'is not a NAT side (inside, outside)' }));

// Built once: zod compiles each object schema on first use, which is costly per call.
const CRYPTO_MAP_PROPS = lazy(() => zod().object({ cryptoMap: wordName() }));
const LINE_PROPS = lazy(() => zod().object({ line: freeText() }));
const NAT_PROPS = lazy(() => zod().object({ nat: NAT_SIDE().optional() }));
const DESCRIPTION_PROPS = lazy(() => zod().object({ description: freeText(200).optional() }));

function tunnelIr(t: InterfaceTunnelProps, origin: string): TunnelSettings {
  return {
    source: t.source,
    destination: t.destination,
    ...(t.mode !== undefined && t.mode !== 'gre ip' ? { mode: t.mode } : {}),
    ...(t.protectionProfile !== undefined ? { protection: { profile: t.protectionProfile, origin } } : {}),
  };
}

function toAddress(text: string): InterfaceAddress {
  const c = parseCidr(text)!;
  return { ip: c.ip, prefixLength: c.prefixLength };
}

/** An interface. Create it inside a Router. */
export class Interface extends Construct implements IRouterElement {
  /** Full IOS name. */
  readonly name: string;
  /** Primary address, if static. */
  readonly address?: InterfaceAddress;
  /** `dhcp` or `negotiated` when the primary address is assigned at run time. */
  readonly dynamicAddress?: DynamicAddress;
  private readonly props: z.infer<ReturnType<typeof schema>>;
  private appliedMap?: string;
  private natSide?: 'inside' | 'outside';
  private descriptionText?: string;
  private readonly lines: string[];

  constructor(scope: Construct, id: string, props: InterfaceProps) {
    super(scope, id);
    Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.name = this.props.name;
    const a = this.props.address;
    if (a === 'dhcp' || a === 'negotiated') this.dynamicAddress = a;
    else if (a !== undefined) this.address = toAddress(a);
    if (this.props.cryptoMap !== undefined) this.appliedMap = this.props.cryptoMap;
    if (this.props.nat !== undefined) this.natSide = this.props.nat;
    if (this.props.description !== undefined) this.descriptionText = this.props.description;
    this.lines = [...(this.props.extraLines ?? [])];
  }

  /** The connected subnet of the primary address. */
  get subnet(): Ipv4Prefix | undefined {
    return this.address ? networkOf(this.address.ip, this.address.prefixLength) : undefined;
  }

  /** The primary and secondary addresses. */
  get addresses(): InterfaceAddress[] {
    return [...(this.address ? [this.address] : []), ...(this.props.secondaryAddresses ?? []).map(toAddress)];
  }

  /** Connected subnets of the primary and secondary addresses. */
  get subnets(): Ipv4Prefix[] {
    const all = [...(this.address ? [this.address] : []), ...(this.props.secondaryAddresses ?? []).map(toAddress)];
    return all.map((a) => networkOf(a.ip, a.prefixLength));
  }

  /** Name of the applied crypto map, if any. */
  get cryptoMap(): string | undefined {
    return this.appliedMap;
  }

  /** Applies a crypto map (IOS allows one per interface: this replaces any previous one). */
  applyCryptoMap(name: string): void {
    this.appliedMap = parseProps(this.node.path, CRYPTO_MAP_PROPS(), { cryptoMap: name }).cryptoMap;
  }

  /** `ip nat inside|outside` of the interface, if any. */
  get nat(): 'inside' | 'outside' | undefined {
    return this.natSide;
  }

  /** Marks the interface `ip nat inside` or `ip nat outside` (IOS keeps one: this replaces it); `undefined` removes it. */
  setNat(side: 'inside' | 'outside' | undefined): void {
    const p = parseProps(this.node.path, NAT_PROPS(), side === undefined ? {} : { nat: side });
    if (p.nat === undefined) delete this.natSide;
    else this.natSide = p.nat;
  }

  /** The `description` line's text, if any. */
  get description(): string | undefined {
    return this.descriptionText;
  }

  /**
   * Replaces the `description` (escape hatch: a pattern's tunnel described as the config has it);
   * `undefined` removes it.
   */
  setDescription(text: string | undefined): void {
    const p = parseProps(this.node.path, DESCRIPTION_PROPS(), text === undefined ? {} : { description: text });
    if (p.description === undefined) delete this.descriptionText;
    else this.descriptionText = p.description;
  }

  /** Adds a raw line inside the interface (escape hatch). */
  addLine(text: string): void {
    this.lines.push(parseProps(this.node.path, LINE_PROPS(), { line: text }).line);
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const p = this.props;
    const ir: InterfaceConfig = {
      name: this.name,
      ...(this.descriptionText !== undefined ? { description: this.descriptionText } : {}),
      ...(this.address ? { address: this.address } : {}),
      ...(this.dynamicAddress !== undefined ? { dynamicAddress: this.dynamicAddress } : {}),
      secondaryAddresses: (p.secondaryAddresses ?? []).map(toAddress),
      shutdown: p.shutdown ?? false,
      ...(this.natSide !== undefined ? { nat: this.natSide } : {}),
      ...(this.appliedMap !== undefined ? { cryptoMap: this.appliedMap } : {}),
      ...(p.noIpRouteCache ? { noIpRouteCache: true } : {}),
      ...(p.noIpMrouteCache ? { noIpMrouteCache: true } : {}),
      ...(p.tunnel !== undefined ? { tunnel: tunnelIr(p.tunnel, this.node.path) } : {}),
      extraLines: [...this.lines],
      origin: this.node.path,
    };
    builder.interfaces.push(ir);
  }
}
