/**
 * NAT lines (docs/ios-semantics.md#nat-and-the-order-of-operations): `ip nat pool`, the
 * inside-source forms hubspoke models (`list|route-map ... interface|pool ... [overload]`,
 * `static A B`, `static network A B M|/N`), and `route-map` blocks with `match ip address`. Every
 * other NAT form (outside source, `vrf`, `extendable`, `no-alias`, port statics, ...) stays a
 * NOT_MODELLED line, and so does a modelled rule whose ACL, route-map or pool is missing or whose
 * route-map uses clauses that are not modelled (checked once the whole file is read).
 */
import type { NatRule } from '../ir/router-config.js';
import type { RouteMapEntryDraft } from './config-draft.js';
import { type ParseContext, type SubMode, notModelled } from './context.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ConfigLine } from './line-reader.js';
import type { ConfigDraft } from './config-draft.js';
import { dottedQuad, netmaskLength, uint } from './numbers.js';
import { appendAll } from '../ir/collections.js';

function quad(text: string | undefined): string | undefined {
  return text !== undefined && dottedQuad(text) >= 0 ? text : undefined;
}

/** `M` (netmask) or `/N` as a prefix length, or undefined. */
function maskLength(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith('/')) return uint(text.slice(1), 0, 32);
  const n = dottedQuad(text);
  if (n < 0) return undefined;
  const len = netmaskLength(n);
  return len < 0 ? undefined : len;
}

function readPool(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const [name, start, end, kind, value] = [w[3], quad(w[4]), quad(w[5]), w[6], w[7]];
  if (
    name === undefined ||
    start === undefined ||
    end === undefined ||
    (kind !== 'netmask' && kind !== 'prefix-length') ||
    value === undefined
  ) {
    return notModelled(line, ctx, `ip nat pool ${w.slice(3).join(' ')}`);
  }
  const len = kind === 'netmask' ? maskLength(value) : uint(value, 0, 32);
  if (len === undefined) {
    ctx.sink.error('BAD_MASK', line.line, `"${value}" is not a valid ${kind} for NAT pool ${name}`);
    return undefined;
  }
  if (w.length > 8) return notModelled(line, ctx, `ip nat pool ${name} options (${w.slice(8).join(' ')})`);
  if (dottedQuad(start) > dottedQuad(end)) {
    ctx.sink.error('BAD_ADDRESS', line.line, `NAT pool ${name} starts after it ends (${start} > ${end})`);
    return undefined;
  }
  ctx.draft.natPools.set(name, { name, start, end, prefixLength: len, loc: ctx.draft.loc(line.line) });
  return undefined;
}

/** `ip nat inside source list|route-map X interface IF overload | pool P [overload]`. */
function readDynamic(line: ConfigLine, ctx: ParseContext): NatRule | undefined {
  const w = line.words;
  const matchName = w[5];
  if (matchName === undefined) return undefined;
  const match =
    w[4] === 'list' ? { kind: 'list' as const, acl: matchName } : { kind: 'route-map' as const, routeMap: matchName };
  const targetName = w[7];
  if (targetName === undefined || (w[6] !== 'interface' && w[6] !== 'pool')) return undefined;
  const rest = w.slice(8);
  if (rest.length > 1 || (rest.length === 1 && rest[0] !== 'overload')) return undefined;
  const target =
    w[6] === 'interface'
      ? { kind: 'interface' as const, interface: targetName }
      : { kind: 'pool' as const, pool: targetName };
  return { kind: 'dynamic', match, target, overload: rest[0] === 'overload', loc: ctx.draft.loc(line.line) };
}

/** `ip nat inside source static A B` and `... static network A B M|/N`. */
function readStatic(line: ConfigLine, ctx: ParseContext): NatRule | undefined {
  const w = line.words;
  const network = w[5] === 'network';
  const at = network ? 6 : 5;
  const local = quad(w[at]);
  const global = quad(w[at + 1]);
  if (local === undefined || global === undefined) return undefined;
  const len = network ? maskLength(w[at + 2]) : 32;
  const used = network ? at + 3 : at + 2;
  if (len === undefined || w.length > used) return undefined;
  return { kind: 'static', local, global, prefixLength: len, network, loc: ctx.draft.loc(line.line) };
}

/** `ip nat ...` at the top level. */
export function readIpNat(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  if (w[2] === 'pool') return readPool(line, ctx);
  if (w[2] === 'inside' && w[3] === 'source') {
    const rule =
      w[4] === 'list' || w[4] === 'route-map'
        ? readDynamic(line, ctx)
        : w[4] === 'static'
          ? readStatic(line, ctx)
          : undefined;
    if (rule) {
      ctx.draft.natRules.push(rule);
      return undefined;
    }
    return notModelled(line, ctx, `ip nat inside source ${w.slice(4).join(' ')}`);
  }
  return notModelled(line, ctx, `ip nat ${w.slice(2, 4).join(' ')}`.trimEnd());
}

/** Lines of a `route-map` entry: `match ip address ACL...` is read, everything else kept for the NAT check. */
class RouteMapMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly entry: RouteMapEntryDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    return words[0] === 'match' || words[0] === 'set' || words[0] === 'continue' || words[0] === 'description';
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    if (w[0] === 'description') return;
    if (w[0] === 'match' && w[1] === 'ip' && w[2] === 'address' && w[3] !== undefined && w[3] !== 'prefix-list') {
      appendAll(this.entry.matchAddress, w.slice(3));
      return;
    }
    this.entry.extraLines.push({ text: line.text.trimStart(), loc: ctx.draft.loc(line.line) });
  }
}

/** `route-map NAME [permit|deny] [SEQ]`: opens (or re-opens) an entry. */
export function startRouteMap(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[1];
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'route-map needs a name');
    return undefined;
  }
  const action = w[2] === 'deny' ? 'deny' : 'permit';
  const seqWord = w[2] === 'permit' || w[2] === 'deny' ? w[3] : w[2];
  const seq = seqWord === undefined ? 10 : uint(seqWord, 0, 65535);
  if (seq === undefined) {
    ctx.sink.error('BAD_NUMBER', line.line, `route-map ${name}: "${seqWord}" is not a sequence number`);
    return undefined;
  }
  let map = ctx.draft.routeMaps.get(name);
  if (!map) ctx.draft.routeMaps.set(name, (map = { name, entries: new Map(), loc: ctx.draft.loc(line.line) }));
  let entry = map.entries.get(seq);
  if (!entry)
    map.entries.set(seq, (entry = { seq, action, matchAddress: [], extraLines: [], loc: ctx.draft.loc(line.line) }));
  else entry.action = action;
  return new RouteMapMode(line.indent, entry);
}

/**
 * Once the file is read: a modelled NAT rule whose references are missing, or whose route-map has
 * clauses hubspoke does not model, is reported NOT_MODELLED (the rule is then applied as
 * translating everything it could, see `lib/rules/nat.ts`).
 */
export function checkNatReferences(draft: ConfigDraft, sink: DiagnosticSink): void {
  const warn = (line: number, what: string) =>
    sink.warning(
      'NOT_MODELLED',
      line,
      `${what} is not modelled: hubspoke ignores it, but it can change IPsec or routing behaviour`,
    );
  for (const r of draft.natRules) {
    if (r.kind !== 'dynamic') continue;
    const line = r.loc?.line ?? 0;
    if (r.match.kind === 'list' && !draft.accessLists.has(r.match.acl))
      warn(line, `ip nat inside source list ${r.match.acl} (the access list does not exist)`);
    if (r.target.kind === 'pool' && !draft.natPools.has(r.target.pool))
      warn(line, `ip nat inside source ... pool ${r.target.pool} (the pool does not exist)`);
    if (r.match.kind !== 'route-map') continue;
    const map = draft.routeMaps.get(r.match.routeMap);
    if (!map) {
      warn(line, `ip nat inside source route-map ${r.match.routeMap} (the route-map does not exist)`);
      continue;
    }
    for (const e of map.entries.values()) {
      for (const x of e.extraLines) warn(x.loc.line, `"${x.text}" in route-map ${map.name}, used by NAT`);
      for (const acl of e.matchAddress)
        if (!draft.accessLists.has(acl))
          warn(e.loc.line, `route-map ${map.name} ${e.seq} matches access list ${acl}, which does not exist`);
    }
  }
}
