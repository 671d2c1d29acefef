/**
 * Escape hatches for the crypto sections and ACLs of one router: a crypto ACL that is not the
 * pattern's mirror is re-entered as written, other ACLs, policies, keys, transform sets and map
 * entries become L1 constructs, and a pattern entry that differs is changed through its setters.
 */
import type {
  AccessList,
  AclRule,
  AddressMatch,
  CryptoMap,
  CryptoMapEntry,
  IsakmpPolicy,
} from '../ir/router-config.js';
import { appendAll } from '../ir/collections.js';
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import { networkOf, wildcardToLength } from '../ir/ipv4.js';
import { stripProvenance } from '../ir/strip-provenance.js';
import { canonicalAclEntries, stableJson } from './canonical.js';
import { callStatement, code, constStatement, expanded, type Value } from './code-format.js';
import { at, freshId, freshVariable, secretVariable, type Fix, type RouterContext } from './context.js';
import { identifier } from './names.js';
import { rawBlock } from './raw-lines.js';

const text = (x: unknown) => stableJson(stripProvenance(x));
const CONSTRUCT_PROTOCOLS = new Set(['ip', 'tcp', 'udp', 'icmp', 'esp', 'ahp', 'gre']);

function addressText(m: AddressMatch): string | undefined {
  switch (m.kind) {
    case 'any':
      return 'any';
    case 'host':
      return `host ${m.address}`;
    case 'wildcard': {
      const len = wildcardToLength(m.wildcard);
      return len !== undefined && networkOf(m.address, len).address === m.address
        ? `${m.address}/${len}`
        : `${m.address} ${m.wildcard}`;
    }
    default:
      return undefined;
  }
}

/** The `addRule` props of a rule, or undefined when the construct cannot say it. */
function ruleProps(r: AclRule): Value | undefined {
  const source = addressText(r.source);
  const destination = addressText(r.destination);
  const protocolOk = typeof r.protocol === 'number' || CONSTRUCT_PROTOCOLS.has(r.protocol);
  if (r.service !== undefined || source === undefined || destination === undefined || !protocolOk) return undefined;
  return {
    action: r.action === 'deny' ? 'deny' : undefined,
    protocol: r.protocol === 'ip' ? undefined : r.protocol,
    source,
    sourcePort: r.sourcePort ? { op: r.sourcePort.op, ports: [...r.sourcePort.ports] } : undefined,
    destination,
    destinationPort: r.destinationPort ? { op: r.destinationPort.op, ports: [...r.destinationPort.ports] } : undefined,
    trailing: r.trailing,
  };
}

function aclStatements(ctx: RouterContext, variable: string, acl: AccessList): string[] | undefined {
  const out: string[] = [];
  for (const e of acl.entries) {
    if (e.kind === 'remark') {
      out.push(callStatement(`${variable}.addRemark`, [e.text]));
      continue;
    }
    const props = ruleProps(e);
    if (props === undefined) return undefined;
    out.push(callStatement(`${variable}.addRule`, [props]));
  }
  return out;
}

function aclVariable(ctx: RouterContext, name: string): string {
  return freshVariable(ctx, `acl${identifier(name).replace(/^./, (c) => c.toUpperCase())}`);
}

function aclFixups(ctx: RouterContext): void {
  for (const want of ctx.input.accessLists) {
    const have = ctx.pattern.accessLists.find((a) => a.name === want.name);
    const expr = ctx.handles.acls.get(want.name);
    if (have && text(canonicalAclEntries(have)) === text(canonicalAclEntries(want))) continue;
    const variable = aclVariable(ctx, want.name);
    const where = at(ctx, want.loc?.line);
    if (have && expr !== undefined) {
      const body = aclStatements(ctx, variable, want);
      if (!body) {
        ctx.state.problems.push(`${where}: ACL ${want.name} has lines the AccessList construct cannot express`);
        continue;
      }
      ctx.fixes.push({
        comment: `${where}: ACL ${want.name} is not the mirror the pattern derives; its lines are imported as written.`,
        lines: [`  const ${variable} = ${expr};`, `  ${variable}.removeRules(() => true);`, ...body],
      });
      continue;
    }
    if (have) {
      ctx.state.problems.push(`${where}: ACL ${want.name} differs from the one the patterns write`);
      continue;
    }
    const body = aclStatements(ctx, variable, want);
    if (!body) {
      ctx.state.problems.push(`${where}: ACL ${want.name} has lines the AccessList construct cannot express`);
      continue;
    }
    const props = { name: want.name, type: want.type === 'standard' ? 'standard' : undefined };
    ctx.fixes.push({
      comment: `${where}: ACL ${want.name}.`,
      lines: [
        constStatement(variable, 'new AccessList', [code(ctx.handles.router), freshId(ctx, `Acl-${want.name}`), props]),
        ...body,
      ],
    });
  }
  for (const have of ctx.pattern.accessLists)
    if (!ctx.input.accessLists.some((a) => a.name === have.name))
      ctx.state.problems.push(`${ctx.file}: the patterns write ACL ${have.name}, which ${ctx.hostname} does not have`);
}

function policyProps(p: IsakmpPolicy): Value {
  return {
    priority: p.priority,
    encryption: p.encryption ?? ISAKMP_POLICY_DEFAULTS.encryption,
    hash: p.hash ?? ISAKMP_POLICY_DEFAULTS.hash,
    authentication: p.authentication ?? ISAKMP_POLICY_DEFAULTS.authentication,
    group: p.group ?? ISAKMP_POLICY_DEFAULTS.group,
    lifetime: p.lifetime ?? ISAKMP_POLICY_DEFAULTS.lifetime,
  };
}

function policyFixups(ctx: RouterContext): void {
  for (const want of ctx.input.isakmpPolicies) {
    const have = ctx.pattern.isakmpPolicies.find((p) => p.priority === want.priority);
    if (have && text(policyProps(have)) === text(policyProps(want))) continue;
    const where = at(ctx, want.loc?.line);
    if (have && ctx.handles.policy !== undefined && ctx.pattern.isakmpPolicies.length === 1) {
      ctx.fixes.push({
        comment: `${where}: this router's policy ${want.priority} differs from the hub's.`,
        lines: [callStatement(`${ctx.handles.policy}.update`, [policyProps(want)])],
      });
    } else if (have) {
      ctx.state.problems.push(`${where}: ISAKMP policy ${want.priority} differs from the one the patterns write`);
    } else {
      ctx.fixes.push({
        comment: `${where}: ISAKMP policy ${want.priority}.`,
        lines: [
          callStatement('new IsakmpPolicy', [
            code(ctx.handles.router),
            freshId(ctx, `IsakmpPolicy-${want.priority}`),
            policyProps(want),
          ]),
        ],
      });
    }
  }
  for (const have of ctx.pattern.isakmpPolicies)
    if (!ctx.input.isakmpPolicies.some((p) => p.priority === have.priority))
      ctx.state.problems.push(
        `${ctx.file}: the patterns write ISAKMP policy ${have.priority}, which ${ctx.hostname} does not have`,
      );
}

function keyFixups(ctx: RouterContext): void {
  const id = (k: { address: string; prefixLength: number }) => `${k.address}/${k.prefixLength}`;
  for (const want of ctx.input.isakmpKeys) {
    const have = ctx.pattern.isakmpKeys.find((k) => id(k) === id(want));
    const value = (k: typeof want) => (ctx.state.rekey ? { ...k, key: '' } : k);
    if (have && text(value(have)) === text(value(want))) continue;
    const where = at(ctx, want.loc?.line);
    if (have || want.encryption !== 0) {
      ctx.state.problems.push(
        have
          ? `${where}: the key for ${id(want)} is not the one of its pair`
          : `${where}: the key for ${id(want)} is stored encrypted (type ${want.encryption}); enter it in clear text to import it`,
      );
      continue;
    }
    const variable = secretVariable(ctx, want.key, `the key of ${ctx.hostname} for ${id(want)}`, 'key');
    ctx.fixes.push({
      comment: `${where}: a key for ${id(want)}, which is no hub/spoke pair of the patterns.`,
      lines: [
        callStatement('new IsakmpKey', [
          code(ctx.handles.router),
          freshId(ctx, `Key-${want.address}-${want.prefixLength}`),
          {
            address: want.address,
            prefixLength: want.prefixLength === 32 ? undefined : want.prefixLength,
            key: code(`PreSharedKey.fromEnv('${variable}')`),
            noXauth: want.noXauth ? true : undefined,
          },
        ]),
      ],
    });
  }
  for (const have of ctx.pattern.isakmpKeys)
    if (!ctx.input.isakmpKeys.some((k) => id(k) === id(have)))
      ctx.state.problems.push(
        `${ctx.file}: the patterns write a key for ${id(have)}, which ${ctx.hostname} does not have`,
      );
}

function transformSetFixups(ctx: RouterContext): void {
  for (const want of ctx.input.transformSets) {
    const have = ctx.pattern.transformSets.find((t) => t.name === want.name);
    if (have && text({ ...have, mode: have.mode ?? 'tunnel' }) === text({ ...want, mode: want.mode ?? 'tunnel' }))
      continue;
    if (have) {
      ctx.state.problems.push(`${at(ctx, want.loc?.line)}: transform set ${want.name} differs from the hub's`);
      continue;
    }
    ctx.fixes.push({
      comment: `${at(ctx, want.loc?.line)}: transform set ${want.name}.`,
      lines: [
        callStatement('new TransformSet', [
          code(ctx.handles.router),
          freshId(ctx, `TransformSet-${want.name}`),
          { name: want.name, transforms: [...want.transforms], mode: want.mode },
        ]),
      ],
    });
  }
}

function entryProps(e: CryptoMapEntry): Value {
  return expanded({
    seq: e.seq,
    peers: [...e.peers],
    transformSets: e.transformSets.length > 0 ? [...e.transformSets] : undefined,
    matchAddress: e.matchAddress,
    pfs: e.pfs ? (e.pfs.group ?? 1) : false,
    saLifetimeSeconds: e.saLifetimeSeconds,
    saLifetimeKilobytes: e.saLifetimeKilobytes,
    description: e.description,
    isakmpProfile: e.isakmpProfile,
  });
}

/** Setter calls that turn the pattern's entry into the config's; undefined when no setter can. */
function entrySetters(expr: string, want: CryptoMapEntry, have: CryptoMapEntry): string[] | undefined {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => text(a) === text(b);
  const pfs = (e: CryptoMapEntry) => (e.pfs ? (e.pfs.group ?? 1) : false);
  if (pfs(want) !== pfs(have)) out.push(callStatement(`${expr}.setPfs`, [pfs(want)]));
  if (!same(want.transformSets, have.transformSets))
    out.push(callStatement(`${expr}.setTransformSets`, [[...want.transformSets]]));
  if (want.matchAddress !== have.matchAddress && want.matchAddress !== undefined)
    out.push(callStatement(`${expr}.matchAccessList`, [want.matchAddress]));
  if (!same(want.peers.slice(0, have.peers.length), have.peers)) return undefined;
  for (const p of want.peers.slice(have.peers.length)) out.push(callStatement(`${expr}.addPeer`, [p]));
  const rest = (e: CryptoMapEntry) => {
    const { pfs: _p, transformSets: _t, matchAddress: _m, peers: _x, ...r } = stripProvenance(e);
    return r;
  };
  return same(rest(want), rest(have)) ? out : undefined;
}

function entryFixups(
  ctx: RouterContext,
  map: CryptoMap,
  mapExpr: string,
  have: CryptoMap | undefined,
  fix: string[],
): void {
  for (const want of map.entries) {
    const h = have?.entries.find((e) => e.seq === want.seq);
    const expr = ctx.handles.entries.get(want.seq);
    if (h && expr !== undefined) {
      const setters = entrySetters(expr, want, h);
      if (setters === undefined)
        ctx.state.problems.push(
          `${at(ctx, want.loc?.line)}: crypto map ${map.name} ${want.seq} differs from the pattern's entry in a way no setter expresses`,
        );
      else appendAll(fix, setters);
      continue;
    }
    if (h && text(h) === text(want)) continue;
    if (h) {
      ctx.state.problems.push(
        `${at(ctx, want.loc?.line)}: crypto map ${map.name} ${want.seq} differs from the pattern's entry in a way no setter expresses`,
      );
      continue;
    }
    if (
      want.type !== 'ipsec-isakmp' ||
      want.extraLines.length > 0 ||
      want.isakmpProfile !== undefined ||
      want.ikev2Profile !== undefined
    ) {
      // A dynamic or manual entry, one that names a profile (kept as lines, not constructs) or one
      // with lines the construct does not take: its own lines.
      rawBlock(ctx, want.loc?.line, `crypto map ${map.name} ${want.seq} (no construct says it)`, []);
      continue;
    }
    fix.push(callStatement(`${mapExpr}.addEntry`, [entryProps(want)]));
  }
  for (const h of have?.entries ?? [])
    if (!map.entries.some((e) => e.seq === h.seq))
      ctx.state.problems.push(
        `${ctx.file}: the patterns write crypto map ${map.name} ${h.seq}, which ${ctx.hostname} does not have`,
      );
}

function cryptoMapFixups(ctx: RouterContext): void {
  for (const want of ctx.input.cryptoMaps) {
    const have = ctx.pattern.cryptoMaps.find((m) => m.name === want.name);
    const lines: string[] = [];
    let mapExpr: string;
    if (have && ctx.handles.cryptoMap?.name === want.name) {
      mapExpr = ctx.handles.cryptoMap.expr;
      if (want.localAddress !== have.localAddress)
        ctx.state.problems.push(
          `${at(ctx, want.loc?.line)}: crypto map ${want.name} local-address differs from the pattern's`,
        );
    } else if (have) {
      ctx.state.problems.push(
        `${at(ctx, want.loc?.line)}: crypto map ${want.name} differs from the one the patterns write`,
      );
      continue;
    } else {
      mapExpr = freshVariable(ctx, `map${identifier(want.name).replace(/^./, (c) => c.toUpperCase())}`);
      lines.push(
        constStatement(mapExpr, 'new CryptoMap', [
          code(ctx.handles.router),
          freshId(ctx, `CryptoMap-${want.name}`),
          { name: want.name, localAddress: want.localAddress },
        ]),
      );
    }
    entryFixups(ctx, want, mapExpr, have, lines);
    if (lines.length > 0)
      ctx.fixes.push({
        comment: `${at(ctx, want.loc?.line)}: crypto map ${want.name} as the config has it.`,
        lines,
      } satisfies Fix);
  }
}

/** The crypto and ACL fixups of one router. */
export function cryptoFixups(ctx: RouterContext): void {
  aclFixups(ctx);
  policyFixups(ctx);
  keyFixups(ctx);
  transformSetFixups(ctx);
  cryptoMapFixups(ctx);
}
