/**
 * The escape hatches of one router: what its config holds beyond what the patterns derive, as
 * statements on the pattern's constructs (`addLine`, `removeRoutes`, ...) or new L1 constructs.
 * Sections the constructs cannot express are kept as the input's own lines (`router.addLine`),
 * which synth parses and proves like any other line. What the patterns produce but the config
 * does not have, and no escape hatch can take away, is a problem.
 */
import type {
  Ikev2Key,
  Ikev2Keyring,
  InterfaceConfig,
  IpSlaOperation,
  Keyring,
  RouterConfig,
  StaticRoute,
} from '../ir/router-config.js';
import { appendAll } from '../ir/collections.js';
import { lengthToNetmask } from '../ir/ipv4.js';
import { stripProvenance } from '../ir/strip-provenance.js';
import { routeLine } from '../render/index.js';
import { lineBlocks, stableJson } from './canonical.js';
import { callStatement, code, constStatement, expanded, type Value } from './code-format.js';
import { at, freshId, freshVariable, lineValues, type RouterContext } from './context.js';
import { cryptoFixups } from './fixups-crypto.js';
import { addLines, rawBlock } from './raw-lines.js';
import { identifier } from './names.js';

const text = (x: unknown) => stableJson(stripProvenance(x));

// ---- routes ---------------------------------------------------------------------------------

/** The text that identifies a route (what IOS compares). */
export function routeKey(r: StaticRoute): string {
  return text({ ...r, prefix: r.prefix });
}

const DECLARABLE = new Set(['prefix', 'interface', 'nextHop', 'distance', 'loc', 'origin']);

/** True when the Hub/Spoke `routes` prop (or the StaticRoute construct) can say it. */
export function declarable(r: StaticRoute): boolean {
  return Object.keys(r).every((k) => DECLARABLE.has(k));
}

function routeFixups(ctx: RouterContext): void {
  const have = new Set(ctx.pattern.staticRoutes.map(routeKey));
  const want = new Set(ctx.input.staticRoutes.map(routeKey));
  const removals: string[] = [];
  const prefixes: string[] = [];
  for (const r of ctx.pattern.staticRoutes) {
    if (want.has(routeKey(r))) continue;
    const p = `${r.prefix.address}/${r.prefix.prefixLength}`;
    const samePrefix = ctx.input.staticRoutes.some(
      (x) => x.prefix.address === r.prefix.address && x.prefix.prefixLength === r.prefix.prefixLength,
    );
    const quoted = (x: string | undefined) => (x === undefined ? 'undefined' : `'${x}'`);
    const arg = samePrefix
      ? code(
          `(r) => r.prefix.address === '${r.prefix.address}' && r.prefix.prefixLength === ${r.prefix.prefixLength} && r.interface === ${quoted(r.interface)} && r.nextHop === ${quoted(r.nextHop)}`,
        )
      : p;
    prefixes.push(p);
    removals.push(callStatement(`${ctx.handles.router}.removeRoutes`, [arg]));
  }
  if (removals.length > 0)
    ctx.fixes.push({
      comment: `The pattern derives route(s) to ${prefixes.join(', ')} that ${ctx.file} does not have.`,
      lines: removals,
    });
  const missing = ctx.input.staticRoutes.filter((r) => !have.has(routeKey(r)));
  if (missing.length === 0) return;
  // On a hub or spoke the routes prop declares these; what is still missing is written with L1.
  for (const r of missing.filter(declarable)) l1Route(ctx, r);
  const raw = missing.filter((r) => !declarable(r));
  addLines(
    ctx,
    raw.map((r) => routeLine(r)),
    'Routes with a name, permanent or track, kept as written.',
  );
}

function l1Route(ctx: RouterContext, r: StaticRoute): void {
  const id = freshId(ctx, `Route-${r.prefix.address}-${r.prefix.prefixLength}`);
  ctx.fixes.push({
    lines: [
      callStatement('new StaticRoute', [
        code(ctx.handles.router),
        id,
        {
          destination: `${r.prefix.address}/${r.prefix.prefixLength}`,
          interface: r.interface,
          nextHop: r.nextHop,
          distance: r.distance,
        },
      ]),
    ],
  });
}

// ---- interfaces -----------------------------------------------------------------------------

/** The lines that give an interface what `want` has and `have` lacks; undefined when `have` has more. */
function interfaceLines(want: InterfaceConfig, have: InterfaceConfig): string[] | undefined {
  const out: string[] = [];
  const add = (w: unknown, h: unknown, line: string) => {
    if (text(w) === text(h)) return true;
    if (h !== undefined && h !== false) return false;
    out.push(line);
    return true;
  };
  const ok = [
    text(want.address) === text(have.address),
    text(want.cryptoMap) === text(have.cryptoMap),
    add(want.description, have.description, `description ${want.description}`),
    add(want.shutdown || undefined, have.shutdown || undefined, 'shutdown'),
    add(want.accessGroupIn?.acl, have.accessGroupIn?.acl, `ip access-group ${want.accessGroupIn?.acl} in`),
    add(want.accessGroupOut?.acl, have.accessGroupOut?.acl, `ip access-group ${want.accessGroupOut?.acl} out`),
    add(want.nat, have.nat, `ip nat ${want.nat}`),
    add(want.noIpRouteCache || undefined, have.noIpRouteCache || undefined, 'no ip route-cache'),
    add(want.noIpMrouteCache || undefined, have.noIpMrouteCache || undefined, 'no ip mroute-cache'),
  ].every(Boolean);
  if (!ok || !sameUnhandled(want, have)) return undefined;
  return listLines(want, have, out);
}

/** Adds the secondary addresses and raw lines `have` lacks; undefined when it has one `want` has not. */
function listLines(want: InterfaceConfig, have: InterfaceConfig, out: string[]): string[] | undefined {
  const haveSecondaries = new Set(have.secondaryAddresses.map(text));
  for (const a of want.secondaryAddresses)
    if (!haveSecondaries.has(text(a))) out.push(`ip address ${a.ip} ${lengthToNetmask(a.prefixLength)} secondary`);
  if (have.secondaryAddresses.some((a) => !want.secondaryAddresses.some((b) => text(a) === text(b)))) return undefined;
  const extra = [...have.extraLines];
  for (const l of want.extraLines) {
    const i = extra.indexOf(l);
    if (i >= 0) extra.splice(i, 1);
    else out.push(l);
  }
  return extra.length > 0 ? undefined : out;
}

const HANDLED = new Set([
  'name',
  'address',
  'cryptoMap',
  'description',
  'shutdown',
  'accessGroupIn',
  'accessGroupOut',
  'nat',
  'noIpRouteCache',
  'noIpMrouteCache',
  'secondaryAddresses',
  'extraLines',
  'loc',
  'origin',
]);

/** Interface fields no line here writes (`ip address dhcp`, ...) must already be equal. */
function sameUnhandled(want: InterfaceConfig, have: InterfaceConfig): boolean {
  const pick = (i: InterfaceConfig) => Object.entries(i).filter(([k]) => !HANDLED.has(k));
  return text(Object.fromEntries(pick(want))) === text(Object.fromEntries(pick(have)));
}

function interfaceFixups(ctx: RouterContext): void {
  for (const want of ctx.input.interfaces) {
    const expr = ctx.handles.interfaces.get(want.name);
    const have = ctx.pattern.interfaces.find((i) => i.name === want.name);
    if (expr !== undefined && have !== undefined) {
      const lines = interfaceLines(want, describedAs(ctx, expr, want, have));
      if (lines === undefined) {
        ctx.state.problems.push(
          `${at(ctx, want.loc?.line)}: the pattern's interface ${want.name} differs from the config in a way no escape hatch expresses`,
        );
        continue;
      }
      const values = lineValues(ctx, lines, [], `interface ${want.name}`);
      if (values.length > 0)
        ctx.fixes.push({
          comment: `${at(ctx, want.loc?.line)}: interface ${want.name} as the config has it.`,
          lines: values.map((v) => callStatement(`${expr}.addLine`, [v])),
        });
      continue;
    }
    if (have !== undefined) {
      // An interface the pattern writes without a handle (the hub's ikeSource loopback): equal or a problem.
      if (interfaceLines(want, have)?.length !== 0)
        ctx.state.problems.push(
          `${at(ctx, want.loc?.line)}: the pattern's interface ${want.name} differs from the config in a way no escape hatch expresses`,
        );
      continue;
    }
    l1Interface(ctx, want);
  }
}

/**
 * `have` with `want`'s description: a pattern interface that has another description than the
 * config (a route-based design's tunnel) gets it with `setDescription`.
 */
function describedAs(ctx: RouterContext, expr: string, want: InterfaceConfig, have: InterfaceConfig): InterfaceConfig {
  if (have.description === undefined || have.description === want.description) return have;
  ctx.fixes.push({
    comment: `${at(ctx, want.loc?.line)}: interface ${want.name} described as the config has it.`,
    lines: [callStatement(`${expr}.setDescription`, [want.description ?? code('undefined')])],
  });
  const { description: _, ...rest } = have;
  return { ...rest, ...(want.description !== undefined ? { description: want.description } : {}) };
}

function l1Interface(ctx: RouterContext, i: InterfaceConfig): void {
  const bare: InterfaceConfig = {
    name: i.name,
    ...(i.address ? { address: i.address } : {}),
    ...(i.cryptoMap !== undefined ? { cryptoMap: i.cryptoMap } : {}),
    secondaryAddresses: [],
    shutdown: false,
    extraLines: [],
  };
  const given = interfaceLines(i, bare);
  if (given === undefined) {
    // Fields no Interface prop or line here writes (a tunnel, a leased address): the block as written.
    rawBlock(ctx, i.loc?.line, `interface ${i.name} (no construct says all of it)`, []);
    return;
  }
  const lines = given;
  const values = lineValues(ctx, lines, [], `interface ${i.name}`);
  const plain = values.every((v) => typeof v === 'string');
  const props = expanded({
    name: i.name,
    address: i.address ? `${i.address.ip}/${i.address.prefixLength}` : undefined,
    cryptoMap: i.cryptoMap,
    extraLines: plain && values.length > 0 ? values : undefined,
  });
  const ctor = [code(ctx.handles.router), freshId(ctx, `If-${i.name}`), props];
  if (plain) {
    ctx.fixes.push({
      comment: `${at(ctx, i.loc?.line)}: interface ${i.name}.`,
      lines: [callStatement('new Interface', ctor)],
    });
    return;
  }
  const v = freshVariable(ctx, `${identifier(i.name).replace(/^./, (c) => c.toLowerCase())}If`);
  ctx.fixes.push({
    comment: `${at(ctx, i.loc?.line)}: interface ${i.name}.`,
    lines: [constStatement(v, 'new Interface', ctor), ...values.map((x) => callStatement(`${v}.addLine`, [x]))],
  });
}

// ---- global options, raw sections, unmodelled lines -------------------------------------------

/** The global crypto option lines the config has and the pattern does not. */
function optionLines(want: RouterConfig['options'], have: RouterConfig['options']): string[] {
  const lines: string[] = [];
  if (want.aggressiveModeDisabled && !have.aggressiveModeDisabled) lines.push('crypto isakmp aggressive-mode disable');
  if (want.complianceShieldDisabled && !have.complianceShieldDisabled)
    lines.push('crypto engine compliance shield disable');
  if (want.isakmpIdentity !== have.isakmpIdentity && want.isakmpIdentity !== undefined)
    lines.push(`crypto isakmp identity ${want.isakmpIdentity}`);
  if (want.natTraversalDisabled && !have.natTraversalDisabled)
    lines.push('no crypto ipsec nat-transparency udp-encapsulation');
  if (want.natKeepalive && text(want.natKeepalive) !== text(have.natKeepalive))
    lines.push(`crypto isakmp nat keepalive ${want.natKeepalive.seconds}`);
  if (want.ikev2DefaultsOff?.proposal && !have.ikev2DefaultsOff?.proposal)
    lines.push('no crypto ikev2 proposal default');
  if (want.ikev2DefaultsOff?.policy && !have.ikev2DefaultsOff?.policy) lines.push('no crypto ikev2 policy default');
  return lines;
}

function optionFixups(ctx: RouterContext): void {
  const want = ctx.input.options;
  const have = ctx.pattern.options;
  const lines = optionLines(want, have);
  addLines(ctx, lines, 'Global crypto options of the config.');
  const k = want.isakmpKeepalive;
  if (text(k) !== text(have.isakmpKeepalive)) {
    const arg: Value[] = k ? [{ seconds: k.seconds, retry: k.retry, mode: k.mode }] : [code('undefined')];
    ctx.fixes.push({
      comment: 'Dead peer detection as the config has it.',
      lines: [callStatement(`${ctx.handles.router}.setDeadPeerDetection`, arg)],
    });
  }
}

type Named = { readonly name?: string; readonly loc?: { readonly line: number } };

/** The sections no construct here writes, by header and field. */
const RAW_SECTIONS = [
  ['object-group', 'objectGroups'],
  ['crypto keyring', 'keyrings'],
  ['crypto isakmp profile', 'isakmpProfiles'],
  ['crypto pki trustpoint', 'trustpoints'],
  ['ip nat pool', 'natPools'],
  ['ip nat inside source', 'natRules'],
  ['route-map', 'routeMaps'],
  ['crypto dynamic-map', 'dynamicMaps'],
  ['ip sla', 'ipSlas'],
  ['crypto ipsec profile', 'ipsecProfiles'],
  ['crypto ikev2 proposal', 'ikev2Proposals'],
  ['crypto ikev2 policy', 'ikev2Policies'],
  ['crypto ikev2 keyring', 'ikev2Keyrings'],
  ['crypto ikev2 profile', 'ikev2Profiles'],
] as const satisfies readonly (readonly [string, keyof RouterConfig])[];

/** Sections no construct here writes: each input element the pattern lacks is kept as its own lines. */
function rawSections(ctx: RouterContext): void {
  // Re-keyed, a keyring's keys are new: compared by where they are, not by their value.
  const unkeyed = (x: Named): Named => {
    const ring = x as Keyring;
    const out: Keyring = { ...ring, keys: ring.keys.map((k) => ({ ...k, key: '' })) };
    return out;
  };
  const unkeyedV2 = (x: Named): Named => {
    const ring = x as Ikev2Keyring;
    const blank = (k: Ikev2Key | undefined) => (k ? { ...k, key: '' } : undefined);
    const peers = ring.peers.map((p) => ({
      ...p,
      key: blank(p.key),
      localKey: blank(p.localKey),
      remoteKey: blank(p.remoteKey),
    }));
    const out: Ikev2Keyring = { ...ring, peers };
    return out;
  };
  for (const [what, field] of RAW_SECTIONS) {
    const of = (c: RouterConfig): readonly Named[] => {
      const list: readonly Named[] = c[field] ?? [];
      if (!ctx.state.rekey) return list;
      return field === 'keyrings' ? list.map(unkeyed) : field === 'ikev2Keyrings' ? list.map(unkeyedV2) : list;
    };
    rawSection(ctx, what, of(ctx.input), of(ctx.pattern));
  }
}

function rawSection(ctx: RouterContext, what: string, want: readonly Named[], have: readonly Named[]): void {
  const haveText = new Set(have.map(text));
  const wantText = new Set(want.map(text));
  for (const h of have)
    if (!wantText.has(text(h)))
      ctx.state.problems.push(`${ctx.file}: the patterns write a ${what} that ${ctx.hostname} does not have`);
  for (const w of want) {
    if (haveText.has(text(w))) continue;
    if (w.loc === undefined) {
      ctx.state.problems.push(`${ctx.file}: a ${what} of ${ctx.hostname} has no line to keep`);
      continue;
    }
    rawBlock(ctx, w.loc.line, `${what}${w.name !== undefined ? ` ${w.name}` : ''} (no construct for it here)`, []);
    // An operation's `ip sla schedule N ...` is a global line of its own, kept with it.
    const schedule = (w as Partial<IpSlaOperation>).schedule?.loc?.line;
    if (schedule !== undefined) rawBlock(ctx, schedule, 'its ip sla schedule', []);
  }
}

function extraLineFixups(ctx: RouterContext): void {
  const have = lineBlocks(ctx.pattern.extraLines.map((l) => l.text)).map((b) => b.join('\n'));
  const lines: string[] = [];
  const numbers: (number | undefined)[] = [];
  let offset = 0;
  for (const block of lineBlocks(ctx.input.extraLines.map((l) => l.text))) {
    const i = have.indexOf(block.join('\n'));
    if (i >= 0) have.splice(i, 1);
    else {
      appendAll(lines, block);
      appendAll(
        numbers,
        ctx.input.extraLines.slice(offset, offset + block.length).map((l) => l.loc?.line),
      );
    }
    offset += block.length;
  }
  if (have.length > 0)
    ctx.state.problems.push(`${ctx.file}: the patterns write lines ${ctx.hostname} does not have: ${have.join('; ')}`);
  addLines(
    ctx,
    lineValues(ctx, lines, numbers),
    'Lines hubspoke does not model (management, services, QoS...), kept as written; rendered before `end`.',
  );
}

/** Every fixup of one router, in a stable order. */
export function routerFixups(ctx: RouterContext): void {
  if (ctx.input.platform !== ctx.pattern.platform)
    ctx.state.problems.push(
      `${ctx.file}: ${ctx.hostname} is ${ctx.input.platform}, the stack renders ${ctx.pattern.platform}`,
    );
  interfaceFixups(ctx);
  routeFixups(ctx);
  cryptoFixups(ctx);
  optionFixups(ctx);
  rawSections(ctx);
  extraLineFixups(ctx);
}
