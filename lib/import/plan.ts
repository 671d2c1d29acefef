/**
 * From a spec to the statements of the generated stack: the routes each hub and spoke declares
 * (what its config routes beyond what the pattern derives, found by building the patterns here
 * until nothing declarable is missing), then every router's fixups against what the patterns give.
 */
import { emptyRouterConfig, type RouterConfig } from '../ir/router-config.js';
import type { SiteRouteProps } from '../patterns/site.js';
import { buildPatternStack, renderedAndParsed, type PatternStack } from './build.js';
import type { Fix, Handles, ImportState } from './context.js';
import { declarable, routeKey, routerFixups } from './fixups.js';
import type { HubSpec, ImportSpec, SiteSpec, SpokeSpec } from './spec.js';

/** The fixups of one router. */
export interface RouterPlan {
  readonly hostname: string;
  readonly fixes: readonly Fix[];
}

/** The final spec (with declared routes) and every router's fixups. */
export interface ImportPlan {
  readonly spec: ImportSpec;
  readonly routers: readonly RouterPlan[];
  readonly state: ImportState;
}

/** A route as the `routes` prop says it; the WAN default (gateway, else WAN interface) goes unsaid. */
function routeProps(r: RouterConfig['staticRoutes'][number], site: SiteSpec): SiteRouteProps {
  const byDefault =
    site.wan.gateway !== undefined
      ? r.interface === undefined && r.nextHop === site.wan.gateway
      : r.nextHop === undefined && r.interface === site.wan.interface;
  return {
    destination: `${r.prefix.address}/${r.prefix.prefixLength}`,
    ...(r.interface !== undefined && !byDefault ? { interface: r.interface } : {}),
    ...(r.nextHop !== undefined && !byDefault ? { nextHop: r.nextHop } : {}),
    ...(r.distance !== undefined ? { distance: r.distance } : {}),
  };
}

function withRoutes<T extends SiteSpec>(
  site: T,
  stack: PatternStack,
  spec: ImportSpec,
  env: Record<string, string>,
): T {
  const input = spec.inputs.get(site.hostname)!.config;
  const have = new Set(
    renderedAndParsed(stack.routers.get(site.hostname)!, spec.stackId, env).staticRoutes.map(routeKey),
  );
  const missing = input.staticRoutes.filter((r) => declarable(r) && !have.has(routeKey(r)));
  return missing.length === 0
    ? site
    : { ...site, routes: [...site.routes, ...missing.map((r) => routeProps(r, site))] };
}

/** Declares the routes the patterns do not derive (a declared route can change what they derive: repeat). */
function declareRoutes(spec: ImportSpec, env: Record<string, string>): ImportSpec {
  let current = spec;
  for (let round = 0; round < 4 && current.hub !== undefined; round++) {
    const stack = buildPatternStack(current, env);
    const hub: HubSpec = withRoutes(current.hub, stack, current, env);
    const spokes: SpokeSpec[] = current.spokes.map((s) => withRoutes(s, stack, current, env));
    const changed = hub !== current.hub || spokes.some((s, i) => s !== current.spokes[i]);
    current = { ...current, hub, spokes };
    if (!changed) break;
  }
  return current;
}

const siteInterfaces = (v: string, s: SiteSpec) =>
  new Map<string, string>([
    [s.wan.interface!, `${v}.wanInterface`],
    ...s.lan.map((l, i) => [l.interface!, `${v}.lanInterfaces[${i}]!`] as [string, string]),
  ]);

/** The handles of a route-based hub and its spokes: their tunnels instead of crypto maps and ACLs. */
function vtiHandles(out: Map<string, Handles>, h: HubSpec, spokes: readonly SpokeSpec[]): Map<string, Handles> {
  const hubInterfaces = siteInterfaces('hub', h);
  for (const s of spokes) {
    const v = s.variable;
    hubInterfaces.set(s.vtiTunnels!.hub, `${v}.vti!.hubSide.hubTunnel`);
    const interfaces = siteInterfaces(v, s);
    interfaces.set(s.vtiTunnels!.spoke, `${v}.vti!.tunnel`);
    const policy = h.ike === 'v1' ? { policy: `${v}.isakmpPolicy` } : {};
    out.set(s.hostname, { router: `${v}.router`, interfaces, acls: new Map(), ...policy, entries: new Map() });
  }
  const policy = h.ike === 'v1' ? { policy: 'hub.isakmpPolicy' } : {};
  out.set(h.hostname, {
    router: 'hub.router',
    interfaces: hubInterfaces,
    acls: new Map(),
    ...policy,
    entries: new Map(),
  });
  return out;
}

function handlesOf(spec: ImportSpec): Map<string, Handles> {
  const out = new Map<string, Handles>();
  for (const o of spec.others)
    out.set(o.hostname, { router: o.variable, interfaces: new Map(), acls: new Map(), entries: new Map() });
  const h = spec.hub;
  if (!h) return out;
  if (h.vti !== undefined) return vtiHandles(out, h, spec.spokes);
  const statics = spec.spokes.filter((s) => s.sequence !== undefined);
  out.set(h.hostname, {
    router: 'hub.router',
    interfaces: siteInterfaces('hub', h),
    acls: new Map(statics.map((s) => [s.aclName!, `hub.aclFor(${s.variable})`])),
    policy: 'hub.isakmpPolicy',
    cryptoMap: { name: h.wanInterface.cryptoMap!, expr: 'hub.cryptoMap' },
    entries: new Map(statics.map((s) => [s.sequence!, `hub.entryFor(${s.variable})`])),
  });
  for (const s of spec.spokes) {
    out.set(s.hostname, {
      router: `${s.variable}.router`,
      interfaces: siteInterfaces(s.variable, s),
      acls: new Map([[s.aclName!, `${s.variable}.cryptoAcl`]]),
      policy: `${s.variable}.isakmpPolicy`,
      cryptoMap: { name: s.wanInterface.cryptoMap!, expr: `${s.variable}.cryptoMap` },
      entries: new Map([[s.localSequence, `${s.variable}.cryptoEntry`]]),
    });
  }
  return out;
}

/** Plans the generated stack of a spec (see the module comment). */
export function planImport(spec: ImportSpec, env: Record<string, string>): ImportPlan {
  const final = declareRoutes(spec, env);
  const stack = buildPatternStack(final, env);
  const handles = handlesOf(final);
  const state: ImportState = {
    problems: [],
    secrets: [],
    rekey: final.keyMode === 'rekey',
    variables: new Set([
      'app',
      'stack',
      'hub',
      'env',
      'outdir',
      'line',
      ...final.spokes.map((s) => s.variable),
      ...final.others.map((o) => o.variable),
    ]),
  };
  const routers: RouterPlan[] = [];
  for (const hostname of [
    ...(final.hub ? [final.hub.hostname] : []),
    ...final.spokes.map((s) => s.hostname),
    ...final.others.map((o) => o.hostname),
  ]) {
    const input = final.inputs.get(hostname)!;
    const router = stack.routers.get(hostname)!;
    const pattern = router
      ? renderedAndParsed(router, final.stackId, env)
      : emptyRouterConfig(hostname, input.config.platform);
    const fixes: Fix[] = [];
    routerFixups({
      hostname,
      file: input.file,
      text: input.text,
      platform: input.config.platform,
      input: input.config,
      pattern,
      handles: handles.get(hostname)!,
      fixes,
      state,
      ids: new Set(router.node.children.map((c) => c.node.id)),
    });
    routers.push({ hostname, fixes });
  }
  return { spec: final, routers, state };
}
