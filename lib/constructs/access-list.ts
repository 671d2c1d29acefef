/**
 * An access list (numbered `access-list 110 ...` or named `ip access-list extended NAME`). Its
 * lines are a list of operations resolved at IR time, so patterns can add lines computed from the
 * whole tree (every spoke exists by then) and users can still add, insert or remove lines.
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { isIpv4, lengthToWildcard, networkOf, parseCidr } from '../ir/ipv4.js';
import type {
  AccessList as AccessListIr,
  AclEntry,
  AclProtocol,
  AclRule,
  AddressMatch,
  PortMatch,
} from '../ir/router-config.js';
import { ConstructError } from './errors.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { freeText, freeTextProblem, parseProps, wordName } from './schemas.js';

/** One ACL line as a user writes it. */
export interface AclRuleProps {
  /** @default 'permit' */
  readonly action?: 'permit' | 'deny';
  /** @default 'ip' */
  readonly protocol?: AclProtocol;
  /** `any`, `host A.B.C.D`, `A.B.C.D/N`, or `A.B.C.D W.W.W.W` (wildcard). */
  readonly source: string;
  /** Same forms as `source`. */
  readonly destination: string;
  /** TCP/UDP source port condition. @default - any port */
  readonly sourcePort?: PortMatch;
  /** TCP/UDP destination port condition. @default - any port */
  readonly destinationPort?: PortMatch;
  /** Words after the match (`log`). @default - none */
  readonly trailing?: string;
}

/** Properties of an AccessList. */
export interface AccessListProps {
  /** A number (extended: 100-199, 2000-2699; standard: 1-99, 1300-1999) or a name. */
  readonly name: string | number;
  /** @default 'extended' */
  readonly type?: 'standard' | 'extended';
  /** Initial lines. @default [] */
  readonly rules?: readonly AclRuleProps[];
}

/** Produces ACL lines at IR time. */
export type AclRuleSource = (context: IrContext) => Iterable<AclRule>;

type Op =
  | { readonly kind: 'add'; readonly entry: AclEntry }
  | { readonly kind: 'insert'; readonly index: number; readonly entry: AclEntry }
  | { readonly kind: 'remove'; readonly match: (rule: AclRule) => boolean }
  | { readonly kind: 'source'; readonly source: AclRuleSource };

const ADDRESS_PROBLEM = 'is not an ACL address (any, host A.B.C.D, A.B.C.D/N or A.B.C.D W.W.W.W)';

/** Parses the user forms of an ACL address; undefined when malformed. */
export function parseAclAddress(text: string): AddressMatch | undefined {
  const t = text.trim();
  if (t === 'any') return { kind: 'any' };
  const host = /^host\s+(\S+)$/.exec(t);
  if (host) return isIpv4(host[1]!) ? { kind: 'host', address: host[1]! } : undefined;
  const cidr = parseCidr(t);
  if (cidr) {
    if (networkOf(cidr.ip, cidr.prefixLength).address !== cidr.ip) return undefined;
    if (cidr.prefixLength === 0) return { kind: 'any' };
    if (cidr.prefixLength === 32) return { kind: 'host', address: cidr.ip };
    return { kind: 'wildcard', address: cidr.ip, wildcard: lengthToWildcard(cidr.prefixLength) };
  }
  const wc = /^(\S+)\s+(\S+)$/.exec(t);
  if (wc && isIpv4(wc[1]!) && isIpv4(wc[2]!)) return { kind: 'wildcard', address: wc[1]!, wildcard: wc[2]! };
  return undefined;
}

/** An address match for a prefix (`/32` is `host`, `/0` is `any`). */
export function prefixMatch(address: string, prefixLength: number): AddressMatch {
  if (prefixLength === 0) return { kind: 'any' };
  if (prefixLength === 32) return { kind: 'host', address };
  return { kind: 'wildcard', address, wildcard: wildcardFor(prefixLength) };
}

// 33 possible values; ip-num is slow enough that thousands of calls show in a big synth.
const WILDCARDS = new Map<number, string>();
function wildcardFor(prefixLength: number): string {
  let w = WILDCARDS.get(prefixLength);
  if (w === undefined) {
    w = lengthToWildcard(prefixLength);
    WILDCARDS.set(prefixLength, w);
  }
  return w;
}

const portSchema = lazy(() =>
  zod().object({
    op: zod().enum(['eq', 'neq', 'lt', 'gt', 'range']),
    ports: zod().array(zod().number().int().min(0).max(65535)).min(1),
  }),
);

const ruleSchema = lazy(() =>
  zod().object({
    action: zod().enum(['permit', 'deny']).optional(),
    protocol: zod()
      .union([zod().enum(['ip', 'tcp', 'udp', 'icmp', 'esp', 'ahp', 'gre']), zod().number().int().min(0).max(255)])
      .optional(),
    source: zod()
      .string()
      .refine((s) => parseAclAddress(s) !== undefined, { message: ADDRESS_PROBLEM }),
    destination: zod()
      .string()
      .refine((s) => parseAclAddress(s) !== undefined, { message: ADDRESS_PROBLEM }),
    sourcePort: portSchema().optional(),
    destinationPort: portSchema().optional(),
    trailing: freeText().optional(),
  }),
);

/** Built once: zod compiles each object schema on first use, which is costly per call. */
const RULE_PROPS = lazy(() => zod().object({ rule: ruleSchema() }));

function inRange(n: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

const schema = lazy(() =>
  zod()
    .object({
      name: zod().union([zod().number().int(), wordName()]),
      type: zod().enum(['standard', 'extended']).optional(),
      rules: zod().array(ruleSchema()).optional(),
    })
    .refine(
      (p) => {
        const n = typeof p.name === 'number' ? p.name : /^\d+$/.test(p.name) ? Number(p.name) : undefined;
        if (n === undefined) return true;
        // IOS: numbered standard lists 1-99 and 1300-1999, extended 100-199 and 2000-2699.
        return (p.type ?? 'extended') === 'extended'
          ? inRange(n, [
              [100, 199],
              [2000, 2699],
            ])
          : inRange(n, [
              [1, 99],
              [1300, 1999],
            ]);
      },
      {
        message: 'is not a valid number for this ACL type (extended: 100-199, 2000-2699; standard: 1-99, 1300-1999)',
        path: ['name'],
      },
    ),
);

/** An access list. Create it inside a Router. */
export class AccessList extends Construct implements IRouterElement {
  /** Number or name as IOS prints it. */
  readonly name: string;
  /** Standard or extended. */
  readonly type: 'standard' | 'extended';
  /** True for numbered lists. */
  readonly numbered: boolean;
  private readonly ops: Op[] = [];

  constructor(scope: Construct, id: string, props: AccessListProps) {
    super(scope, id);
    Router.of(this);
    const p = parseProps(this.node.path, schema(), props);
    this.name = String(p.name);
    this.type = p.type ?? 'extended';
    this.numbered = /^\d+$/.test(this.name);
    for (const r of props.rules ?? []) this.addRule(r);
  }

  /** Appends a line. */
  addRule(rule: AclRuleProps): this {
    this.ops.push({ kind: 'add', entry: this.toRule(rule, 'rule') });
    return this;
  }

  /**
   * Inserts a line at `index` of the list as resolved at IR time (0 = first line), after every
   * earlier operation, including lines that patterns derive.
   */
  insertRule(index: number, rule: AclRuleProps): this {
    if (!Number.isInteger(index) || index < 0) {
      throw new ConstructError(
        'HS-PROP',
        this.node.path,
        `insertRule index ${index} is not a non-negative integer`,
        'index',
      );
    }
    this.ops.push({ kind: 'insert', index, entry: this.toRule(rule, 'rule') });
    return this;
  }

  /** Appends a `remark`. */
  addRemark(text: string): this {
    const problem = typeof text === 'string' ? freeTextProblem(text, 100) : 'is not a string';
    if (problem !== undefined)
      throw new ConstructError('HS-PROP', this.node.path, `addRemark: the remark ${problem}`, 'remark');
    this.ops.push({ kind: 'add', entry: { kind: 'remark', text, origin: this.node.path } });
    return this;
  }

  /** Removes, at IR time, every line (declared or derived so far) for which `match` is true. */
  removeRules(match: (rule: AclRule) => boolean): this {
    this.ops.push({ kind: 'remove', match });
    return this;
  }

  /** Adds lines computed at IR time (patterns derive per-spoke lines this way). */
  addRuleSource(source: AclRuleSource): this {
    this.ops.push({ kind: 'source', source });
    return this;
  }

  /** The lines as they will be rendered. */
  resolveEntries(context: IrContext): AclEntry[] {
    let entries: AclEntry[] = [];
    for (const op of this.ops) {
      switch (op.kind) {
        case 'add':
          entries.push(op.entry);
          break;
        case 'insert':
          entries.splice(Math.min(op.index, entries.length), 0, op.entry);
          break;
        case 'remove':
          entries = entries.filter((e) => e.kind !== 'rule' || !op.match(e));
          break;
        case 'source':
          for (const r of op.source(context)) entries.push(r);
          break;
      }
    }
    return entries;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, context: IrContext): void {
    const ir: AccessListIr = {
      name: this.name,
      type: this.type,
      numbered: this.numbered,
      entries: this.resolveEntries(context),
      origin: this.node.path,
    };
    builder.accessLists.push(ir);
  }

  private toRule(rule: AclRuleProps, property: string): AclRule {
    const r = parseProps(this.node.path, RULE_PROPS(), { [property]: rule }).rule;
    const source = parseAclAddress(r.source)!;
    const destination = parseAclAddress(r.destination)!;
    if (this.type === 'standard' && (destination.kind !== 'any' || (r.protocol ?? 'ip') !== 'ip')) {
      throw new ConstructError(
        'HS-PROP',
        this.node.path,
        `${property}.destination must be "any" in a standard access list`,
        `${property}.destination`,
      );
    }
    return {
      kind: 'rule',
      action: r.action ?? 'permit',
      protocol: (r.protocol ?? 'ip') as AclProtocol,
      source,
      ...(r.sourcePort ? { sourcePort: r.sourcePort } : {}),
      destination,
      ...(r.destinationPort ? { destinationPort: r.destinationPort } : {}),
      ...(r.trailing ? { trailing: r.trailing } : {}),
      origin: this.node.path,
    };
  }
}
