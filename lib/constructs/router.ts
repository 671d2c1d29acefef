/**
 * A Router: one device, one configuration file. It collects the IR of every construct below it
 * (interfaces, routes, ACLs, ISAKMP policies and keys, transform sets, crypto maps) into one
 * `RouterConfig`, in a deterministic order.
 */
import { Construct, type IConstruct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { parseCidr } from '../ir/ipv4.js';
import { domainNameLine, ikeFqdn } from '../ir/domain-name.js';
import type { Platform, RouterConfig, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import { isLegacyCryptoUser, legacyRefusal, type LegacyCryptoUse } from './crypto-checks.js';
import { ConstructError } from './errors.js';
import { isRouterElement, type IrContext, type RouterIrBuilder } from './ir-context.js';
import {
  deadPeerDetectionProblem,
  deadPeerDetectionSchema,
  type DeadPeerDetectionProps,
} from './dead-peer-detection.js';
import { dnsName, freeTextProblem, hostname, parseProps, platform } from './schemas.js';

/** Context key a stack sets to give its routers a default platform. */
export const PLATFORM_CONTEXT = 'hubspoke:platform';
/** Context key a stack sets to allow legacy crypto (DES, 3DES, MD5, DH 1/2/5) below it. */
export const LEGACY_CRYPTO_CONTEXT = 'hubspoke:allowLegacyCrypto';

/** The platform new routers use when nothing else is said: modern IOS-XE. */
export const DEFAULT_PLATFORM: Platform = 'ios-xe-17';

/** What a router is in the VPN, for `topology.json`. */
export type RouterRole = 'hub' | 'spoke' | 'other';

/** Properties of a Router. */
export interface RouterProps {
  /** The `hostname` line, also the config file name (`<hostname>.cfg`). */
  readonly hostname: string;
  /** Software family to render for. @default - the `hubspoke:platform` context value, else `ios-xe-17` */
  readonly platform?: Platform;
  /** Value of the `version` line. @default - derived from the platform by the renderer */
  readonly version?: string;
  /**
   * Render `crypto engine compliance shield disable` so IOS-XE >= 17.11 accepts legacy
   * algorithms (FN72510). Not recommended.
   * @default false
   */
  readonly complianceShieldDisabled?: boolean;
  /** Render `crypto isakmp aggressive-mode disable`. @default false */
  readonly aggressiveModeDisabled?: boolean;
  /**
   * `crypto isakmp identity`: what IKE phase 1 identifies this router by, its IKE address or its
   * FQDN (`hostname`: hostname plus `domainName`), which a peer matches with `match identity host`.
   * @default 'address'
   */
  readonly isakmpIdentity?: 'address' | 'hostname';
  /** `ip domain name D` (`ip domain-name D` on IOS 12.2): the domain of the router's FQDN. @default - none */
  readonly domainName?: string;
  /** `crypto isakmp keepalive`: dead peer detection. @default - none (the Hub and Spoke patterns set one) */
  readonly deadPeerDetection?: DeadPeerDetectionProps;
  /**
   * Allow legacy crypto (DES, 3DES, MD5, DH groups 1/2/5) in this router's policies and transform sets.
   * @default - the `hubspoke:allowLegacyCrypto` context value, else false
   */
  readonly allowLegacyCrypto?: boolean;
  /** Role in the VPN, written to `topology.json`. @default 'other' */
  readonly role?: RouterRole;
  /** For a spoke: its hub's hostname, written to `topology.json`. @default - none */
  readonly hubHostname?: string;
  /**
   * Site LAN prefixes owned by this router, written to `topology.json`.
   * @default - the connected subnets of its interfaces that carry no crypto map
   */
  readonly sitePrefixes?: readonly string[];
}

const schema = lazy(() =>
  zod().object({
    hostname: hostname(),
    platform: platform().optional(),
    version: zod()
      .string()
      .regex(/^[\w.()]+$/, { message: 'is not a version string' })
      .optional(),
    complianceShieldDisabled: zod().boolean().optional(),
    aggressiveModeDisabled: zod().boolean().optional(),
    isakmpIdentity: zod()
      .enum(['address', 'hostname'], { message: 'is not an ISAKMP identity (address, hostname)' })
      .optional(),
    domainName: dnsName().optional(),
    deadPeerDetection: deadPeerDetectionSchema().optional(),
    allowLegacyCrypto: zod().boolean().optional(),
    role: zod().enum(['hub', 'spoke', 'other']).optional(),
    hubHostname: hostname().optional(),
    sitePrefixes: zod()
      .array(
        zod()
          .string()
          .refine((s) => parseCidr(s) !== undefined, { message: 'is not an IPv4 prefix' }),
      )
      .optional(),
  }),
);

const IDENTITY_PROPS = lazy(() => schema().pick({ isakmpIdentity: true, domainName: true }));
const DPD_PROPS = lazy(() => zod().object({ deadPeerDetection: deadPeerDetectionSchema() }));

/** Produces routes at IR time (patterns use this to derive routes lazily). */
export type RouteSource = (context: IrContext) => Iterable<StaticRouteIr>;

/** A route filter: a destination prefix (`"10.1.0.0/16"`) or a predicate over route IR. */
export type RouteMatcher = string | ((route: StaticRouteIr) => boolean);

const ROUTER_SYMBOL = Symbol.for('hubspoke.Router');

/** One device. Its children produce the configuration. */
export class Router extends Construct {
  /** True when `x` is a Router (works across copies of the library). */
  static isRouter(x: unknown): x is Router {
    return typeof x === 'object' && x !== null && ROUTER_SYMBOL in x;
  }

  /** The Router that encloses `scope` (or is `scope`); throws when there is none. */
  static of(scope: IConstruct): Router {
    const found = Router.tryOf(scope);
    if (!found) throw new ConstructError('HS-SCOPE', scope.node.path, 'must be created inside a Router');
    return found;
  }

  /** The Router that encloses `scope` (or is `scope`), if any. */
  static tryOf(scope: IConstruct): Router | undefined {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i];
      if (Router.isRouter(s)) return s;
    }
    return undefined;
  }

  /** Hostname (and config file name). */
  readonly hostname: string;
  /** Platform to render for. */
  readonly platform: Platform;
  /** Role in the VPN. */
  readonly role: RouterRole;
  /** For a spoke, its hub's hostname. */
  readonly hubHostname?: string;
  /** Declared site prefixes, if any. */
  readonly sitePrefixes?: readonly string[];
  /**
   * Public addresses a NAT device in front of the router gives its WAN interfaces, by interface
   * name: written to topology.json as `wan[].publicAddress` (docs/ios-semantics.md#nat-traversal).
   */
  readonly natAddresses = new Map<string, string>();
  /**
   * Names of interfaces topology.json lists as WAN (underlay) although no crypto map or tunnel
   * source names them: the uplink of a hub whose tunnels are sourced from a loopback.
   */
  readonly underlayInterfaces = new Set<string>();
  private readonly version?: string;
  private complianceShield: boolean;
  private readonly aggressiveModeDisabled: boolean;
  private identity?: 'address' | 'hostname';
  private domain?: string;
  private dpd?: DeadPeerDetectionProps;
  private readonly legacyOptIn?: boolean;
  private readonly routeSources: RouteSource[] = [];
  private readonly routeRemovals: RouteMatcher[] = [];
  private readonly rawLines: string[] = [];

  constructor(scope: Construct, id: string, props: RouterProps) {
    super(scope, id);
    Object.defineProperty(this, ROUTER_SYMBOL, { value: true });
    const p = parseProps(this.node.path, schema(), props);
    this.hostname = p.hostname;
    this.platform = (p.platform ?? this.node.tryGetContext(PLATFORM_CONTEXT) ?? DEFAULT_PLATFORM) as Platform;
    this.role = p.role ?? 'other';
    if (p.hubHostname !== undefined) this.hubHostname = p.hubHostname;
    if (p.sitePrefixes !== undefined) this.sitePrefixes = p.sitePrefixes;
    if (p.version !== undefined) this.version = p.version;
    this.complianceShield = p.complianceShieldDisabled ?? false;
    this.aggressiveModeDisabled = p.aggressiveModeDisabled ?? false;
    if (p.isakmpIdentity !== undefined) this.identity = p.isakmpIdentity;
    if (p.domainName !== undefined) this.domain = p.domainName;
    if (p.deadPeerDetection !== undefined) this.dpd = p.deadPeerDetection;
    if (p.allowLegacyCrypto !== undefined) this.legacyOptIn = p.allowLegacyCrypto;
    this.node.addValidation({ validate: () => this.checkLegacyCrypto() });
    this.node.addValidation({ validate: () => this.checkDeadPeerDetection() });
  }

  /** `crypto isakmp identity`, when set. */
  get isakmpIdentity(): 'address' | 'hostname' | undefined {
    return this.identity;
  }

  /** `ip domain name`, when set. */
  get domainName(): string | undefined {
    return this.domain;
  }

  /** The FQDN this router sends as its `hostname` identity: hostname, plus the domain when set. */
  get fqdn(): string {
    return ikeFqdn(this.hostname, this.domain);
  }

  /** Sets `crypto isakmp identity` and, optionally, the domain name (escape hatch; the Spoke pattern uses it). */
  setIsakmpIdentity(identity: 'address' | 'hostname', domainName?: string): void {
    const p = parseProps(this.node.path, IDENTITY_PROPS(), {
      isakmpIdentity: identity,
      ...(domainName !== undefined ? { domainName } : {}),
    });
    this.identity = p.isakmpIdentity;
    if (p.domainName !== undefined) this.domain = p.domainName;
  }

  /** Dead peer detection this router renders, if any. */
  get deadPeerDetection(): DeadPeerDetectionProps | undefined {
    return this.dpd;
  }

  /** Sets (or with `undefined` removes) `crypto isakmp keepalive` (escape hatch; patterns set their default here). */
  setDeadPeerDetection(dpd: DeadPeerDetectionProps | undefined): void {
    if (dpd === undefined) {
      delete this.dpd;
      return;
    }
    this.dpd = parseProps(this.node.path, DPD_PROPS(), { deadPeerDetection: dpd }).deadPeerDetection;
  }

  /** DPD settings the platform can render. */
  private checkDeadPeerDetection(): string[] {
    const problem = this.dpd === undefined ? undefined : deadPeerDetectionProblem(this.platform, this.dpd);
    return problem === undefined ? [] : [problem];
  }

  /** One message for every legacy algorithm this router's constructs use but may not (see crypto-checks.ts). */
  private checkLegacyCrypto(): string[] {
    const users: { path: string; use: LegacyCryptoUse }[] = [];
    for (const c of this.node.findAll()) {
      if (c !== this && isLegacyCryptoUser(c) && Router.tryOf(c) === this)
        users.push({ path: c.node.path, use: c.legacyCrypto() });
    }
    const message = legacyRefusal(this, users);
    return message === undefined ? [] : [message];
  }

  /** True when legacy crypto is allowed on this router (prop, else stack context). */
  get allowLegacyCrypto(): boolean {
    return this.legacyOptIn ?? this.node.tryGetContext(LEGACY_CRYPTO_CONTEXT) === true;
  }

  /** True when `crypto engine compliance shield disable` is rendered. */
  get complianceShieldDisabled(): boolean {
    return this.complianceShield;
  }

  /** Renders `crypto engine compliance shield disable` (IOS-XE >= 17.11 legacy algorithms). */
  disableComplianceShield(): void {
    this.complianceShield = true;
  }

  /** Adds a source of routes computed at IR time (after every construct exists). */
  addRouteSource(source: RouteSource): void {
    this.routeSources.push(source);
  }

  /**
   * Removes routes (derived or declared) at IR time: every route whose destination equals the
   * prefix, or for which the predicate is true.
   */
  removeRoutes(match: RouteMatcher): void {
    this.routeRemovals.push(match);
  }

  /** Adds a raw global configuration line, rendered before `end` (escape hatch). */
  addLine(text: string): void {
    const problem = typeof text === 'string' ? freeTextProblem(text) : 'is not a string';
    if (problem !== undefined)
      throw new ConstructError('HS-PROP', this.node.path, `addLine: the line ${problem}`, 'line');
    this.rawLines.push(text);
  }

  /** This router's configuration as IR. */
  toIr(context?: Partial<IrContext>): RouterConfig {
    const ctx: IrContext = {
      stackId: context?.stackId ?? this.defaultStackId(),
      keyPresentation: context?.keyPresentation ?? 'cleartext',
      ...(context?.env ? { env: context.env } : {}),
    };
    const b: RouterIrBuilder = {
      interfaces: [],
      staticRoutes: [],
      accessLists: [],
      isakmpPolicies: [],
      isakmpKeys: [],
      keyrings: [],
      keyringKeys: [],
      isakmpProfiles: [],
      transformSets: [],
      ipsecProfiles: [],
      cryptoMaps: [],
      dynamicMaps: [],
      ipSlas: [],
      natRules: [],
      routeMaps: [],
      ikev2Proposals: [],
      ikev2Policies: [],
      ikev2Keyrings: [],
      ikev2Profiles: [],
      extraLines: [],
    };
    const derived: StaticRouteIr[] = [];
    for (const source of this.routeSources) for (const r of source(ctx)) derived.push(r);
    for (const c of this.node.findAll()) {
      if (c !== this && isRouterElement(c) && Router.tryOf(c.node.scope!) === this) c.contributeIr(b, ctx);
    }
    // docs/ios-semantics.md#keyrings-and-isakmp-profiles: the FQDN identity is hostname.domain.
    if (this.domain !== undefined)
      b.extraLines.push({ text: domainNameLine(this.platform, this.domain), origin: this.node.path });
    for (const text of this.rawLines) b.extraLines.push({ text, origin: this.node.path });
    return {
      hostname: this.hostname,
      platform: this.platform,
      ...(this.version !== undefined ? { version: this.version } : {}),
      interfaces: b.interfaces,
      staticRoutes: this.finishRoutes(derived, b.staticRoutes),
      accessLists: b.accessLists,
      // IOS lists policies by priority and map entries by sequence, whatever the input order.
      isakmpPolicies: b.isakmpPolicies.sort((x, y) => x.priority - y.priority),
      isakmpKeys: b.isakmpKeys,
      ...(b.keyrings.length > 0
        ? {
            keyrings: b.keyrings.map((k) => ({
              ...k,
              keys: b.keyringKeys.filter((x) => x.keyring === k.name).map((x) => x.key),
            })),
          }
        : {}),
      ...(b.isakmpProfiles.length > 0 ? { isakmpProfiles: b.isakmpProfiles } : {}),
      ...ikev2Sections(b),
      transformSets: b.transformSets,
      ...(b.ipsecProfiles.length > 0 ? { ipsecProfiles: b.ipsecProfiles } : {}),
      cryptoMaps: b.cryptoMaps.map((m) => ({ ...m, entries: [...m.entries].sort((x, y) => x.seq - y.seq) })),
      ...dynamicSections(b),
      options: this.globalOptions(),
      ...natSections(b),
      extraLines: b.extraLines,
    };
  }

  private globalOptions(): RouterConfig['options'] {
    return {
      ...(this.complianceShield ? { complianceShieldDisabled: true } : {}),
      ...(this.aggressiveModeDisabled ? { aggressiveModeDisabled: true } : {}),
      ...(this.identity !== undefined && this.identity !== 'address' ? { isakmpIdentity: this.identity } : {}),
      ...(this.dpd !== undefined ? { isakmpKeepalive: { ...this.dpd, origin: this.node.path } } : {}),
    };
  }

  /**
   * Derived routes, then declared ones, minus removals; a declared route equal to an earlier one
   * is dropped (IOS keeps one line). Derived routes are unique by construction, so only declared
   * routes are looked up, through a prefix-length -> address index (no per-route strings: an
   * exact-mode network of 1,000 spokes derives 1,000,000 routes).
   */
  private finishRoutes(derived: readonly StaticRouteIr[], declared: readonly StaticRouteIr[]): StaticRouteIr[] {
    const removals = this.routeRemovals.map((m) => {
      if (typeof m !== 'string') return m;
      const c = parseCidr(m);
      if (!c) throw new ConstructError('HS-PROP', this.node.path, `removeRoutes "${m}" is not an IPv4 prefix`);
      return (r: StaticRouteIr) => r.prefix.address === c.ip && r.prefix.prefixLength === c.prefixLength;
    });
    const kept = (r: StaticRouteIr) => removals.length === 0 || !removals.some((f) => f(r));
    const index = new Map<number, Map<string, StaticRouteIr[]>>();
    for (const r of declared) {
      let byAddress = index.get(r.prefix.prefixLength);
      if (!byAddress) index.set(r.prefix.prefixLength, (byAddress = new Map()));
      byAddress.set(r.prefix.address, [...(byAddress.get(r.prefix.address) ?? []), r]);
    }
    const out: StaticRouteIr[] = [];
    const coveredByDerived = new Set<StaticRouteIr>();
    for (const r of derived) {
      if (!kept(r)) continue;
      for (const d of index.get(r.prefix.prefixLength)?.get(r.prefix.address) ?? NO_ROUTES)
        if (sameRoute(d, r)) coveredByDerived.add(d);
      out.push(r);
    }
    const emitted: StaticRouteIr[] = [];
    for (const r of declared) {
      if (!kept(r) || coveredByDerived.has(r) || emitted.some((e) => sameRoute(e, r))) continue;
      emitted.push(r);
      out.push(r);
    }
    return out;
  }

  private defaultStackId(): string {
    const scopes = this.node.scopes;
    return scopes.length > 1 ? scopes[1]!.node.id : this.node.id;
  }
}

const NO_ROUTES: readonly StaticRouteIr[] = [];

/** Dynamic maps and IP SLA operations (by number, as IOS lists them), present only when some construct added one. */
function dynamicSections(b: RouterIrBuilder): Pick<RouterConfig, 'dynamicMaps' | 'ipSlas'> {
  return {
    ...(b.dynamicMaps.length > 0 ? { dynamicMaps: b.dynamicMaps } : {}),
    ...(b.ipSlas.length > 0 ? { ipSlas: b.ipSlas.sort((x, y) => x.id - y.id) } : {}),
  };
}

/** IKEv2 blocks, present only when some construct added one. */
function ikev2Sections(
  b: RouterIrBuilder,
): Pick<RouterConfig, 'ikev2Proposals' | 'ikev2Policies' | 'ikev2Keyrings' | 'ikev2Profiles'> {
  return {
    ...(b.ikev2Proposals.length > 0 ? { ikev2Proposals: b.ikev2Proposals } : {}),
    ...(b.ikev2Policies.length > 0 ? { ikev2Policies: b.ikev2Policies } : {}),
    ...(b.ikev2Keyrings.length > 0 ? { ikev2Keyrings: b.ikev2Keyrings } : {}),
    ...(b.ikev2Profiles.length > 0 ? { ikev2Profiles: b.ikev2Profiles } : {}),
  };
}

/** NAT rules and route-maps, present only when some construct added one. */
function natSections(b: RouterIrBuilder): Pick<RouterConfig, 'natRules' | 'routeMaps'> {
  return {
    ...(b.natRules.length > 0 ? { natRules: b.natRules } : {}),
    // IOS lists route-map entries by sequence, whatever the input order.
    ...(b.routeMaps.length > 0
      ? { routeMaps: b.routeMaps.map((m) => ({ ...m, entries: [...m.entries].sort((x, y) => x.seq - y.seq) })) }
      : {}),
  };
}

function sameRoute(a: StaticRouteIr, b: StaticRouteIr): boolean {
  return (
    a.prefix.address === b.prefix.address &&
    a.prefix.prefixLength === b.prefix.prefixLength &&
    a.interface === b.interface &&
    a.nextHop === b.nextHop &&
    a.distance === b.distance
  );
}
