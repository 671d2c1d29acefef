/**
 * Numbered (`access-list N ...`) and named (`ip access-list standard|extended NAME`) IP ACLs,
 * kept in sequence-number order as IOS keeps them (docs/ios-semantics.md#sequence-numbers).
 * Number ranges follow IOS: 1-99 and 1300-1999 standard, 100-199 and 2000-2699 extended; other
 * numbers are not IP lists and are kept as extra lines.
 */
import { ACL_MAX_SEQUENCE, ACL_SEQUENCE_STEP } from '../ir/acl-sequence.js';
import type { AclEntry, AclRule } from '../ir/router-config.js';
import type { AclDraft, AclDraftItem } from './config-draft.js';
import { type ParseContext, type SubMode, keepExtra, notModelled, restOfLine } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { startsWithDigit, uint } from './numbers.js';
import { platformFromVersion } from './platform.js';
import { type ObjectGroupLookup, isRuleProblem, readAclRule, unmodelledOption } from './acl-rule.js';

/** The list type a number denotes, or undefined for non-IP list numbers. */
export function numberedAclType(name: string): 'standard' | 'extended' | undefined {
  const n = uint(name, 1, 2699);
  if (n === undefined) return undefined;
  if (n <= 99 || (n >= 1300 && n <= 1999)) return 'standard';
  if ((n >= 100 && n <= 199) || n >= 2000) return 'extended';
  return undefined;
}

function aclFor(
  ctx: ParseContext,
  name: string,
  type: 'standard' | 'extended',
  numbered: boolean,
  line: number,
): AclDraft | undefined {
  const existing = ctx.draft.accessLists.get(name);
  if (existing !== undefined) {
    if (existing.type !== type) {
      ctx.sink.error(
        'ACL_TYPE_MISMATCH',
        line,
        `access list ${name} is already ${existing.type}; this ${type} line was skipped`,
      );
      return undefined;
    }
    return existing;
  }
  const acl: AclDraft = {
    name,
    type,
    numbered,
    items: [],
    showSeq: false,
    remarkPending: false,
    remarkShifted: false,
    highest: 0,
    used: new Set(),
    ruleKeys: new Set(),
    loc: ctx.draft.loc(line),
  };
  ctx.draft.accessLists.set(name, acl);
  return acl;
}

function groupLookup(ctx: ParseContext): ObjectGroupLookup {
  return (name) => ctx.draft.objectGroups.get(name)?.type;
}

/** Highest number in use (rules and numbered remarks). */
function highest(acl: AclDraft): number {
  return acl.highest;
}

/** Records a numbered item (a hub list has a million: nothing here may scan the list). */
function track(acl: AclDraft, item: AclDraftItem): void {
  if (!item.addressable) return;
  acl.used.add(item.seq);
  if (item.seq > acl.highest) acl.highest = item.seq;
}

/** Rebuilds the bookkeeping after a removal or renumbering. */
function retrack(acl: AclDraft): void {
  acl.highest = 0;
  acl.used.clear();
  acl.ruleKeys.clear();
  for (const item of acl.items) {
    track(acl, item);
    if (item.entry.kind === 'rule') acl.ruleKeys.add(ruleKey(item.entry));
  }
}

/** Identity of a rule for IOS's "identical entry" check: its fields without number or provenance. */
function ruleKey(e: AclEntry): string {
  if (e.kind !== 'rule') return '';
  const addr = (m: AclRule['source']) =>
    m.kind === 'any'
      ? 'any'
      : m.kind === 'host'
        ? `h${m.address}`
        : m.kind === 'object-group'
          ? `g${m.name}`
          : `${m.address}/${m.wildcard}`;
  const port = (p: AclRule['sourcePort']) => (p === undefined ? '' : `${p.op}${p.ports.join(',')}`);
  return `${e.action} ${e.service ?? e.protocol} ${addr(e.source)} ${port(e.sourcePort)} ${addr(e.destination)} ${port(e.destinationPort)} ${e.trailing ?? ''}`;
}

/** Structural equality of two entries, ignoring provenance and sequence numbers. */
function sameEntry(a: AclEntry, b: AclEntry): boolean {
  const strip = (e: AclEntry): string => JSON.stringify({ ...e, loc: undefined, origin: undefined, seq: undefined });
  return strip(a) === strip(b);
}

/**
 * Where the remark numbering of the release could change the outcome, say so: a release that
 * numbers remarks gives the rules typed after an unnumbered remark other numbers than one that
 * does not, and an explicit number (an insertion or `no N`) then lands elsewhere.
 */
function checkRemarkNumbering(acl: AclDraft, line: number, ctx: ParseContext): void {
  if (!acl.remarkShifted || acl.remarkWarned) return;
  // Classic IOS (12.x, 15.x) numbers only permit/deny entries; IOS-XE is not confirmed.
  const platform = ctx.draft.version === undefined ? undefined : platformFromVersion(ctx.draft.version);
  if (platform === 'ios-12.2' || platform === 'ios-15') return;
  acl.remarkWarned = true;
  ctx.sink.warning(
    'NOT_MODELLED',
    line,
    `access list ${acl.name}: whether an unnumbered remark takes a sequence number differs between releases, so where this numbered edit lands is not known`,
  );
}

/** Inserts in sequence order; equal numbers (remarks) keep the order they were typed in. */
function insert(acl: AclDraft, item: AclDraftItem): void {
  let at = acl.items.length;
  while (at > 0 && acl.items[at - 1]!.seq > item.seq) at -= 1;
  if (at === acl.items.length) acl.items.push(item);
  else acl.items.splice(at, 0, item);
  track(acl, item);
  if (acl.showSeq && item.entry.kind === 'rule') acl.ruleKeys.add(ruleKey(item.entry));
}

/**
 * Before the first edit by number: IOS ignores an entry identical to one already in the list, so
 * such repeats took no number. Until a number is used they change nothing (a repeat is shadowed
 * by its twin), so the check waits until here: a million-line list typed without numbers is never
 * keyed line by line.
 */
function numberedMode(acl: AclDraft): void {
  if (acl.showSeq) return;
  const seen = new Set<string>();
  const kept: AclDraftItem[] = [];
  let n = 0;
  for (const item of acl.items) {
    if (item.entry.kind === 'rule') {
      const key = ruleKey(item.entry);
      if (seen.has(key)) continue;
      seen.add(key);
      n += ACL_SEQUENCE_STEP;
      item.seq = n;
    } else if (!item.addressable) {
      item.seq = n + ACL_SEQUENCE_STEP;
    }
    kept.push(item);
  }
  acl.items = kept;
  acl.showSeq = true;
  retrack(acl);
}

function addRemark(
  acl: AclDraft,
  words: readonly string[],
  start: number,
  seq: number | undefined,
  line: number,
  ctx: ParseContext,
): void {
  const entry: AclEntry = { kind: 'remark', text: restOfLine(words, start + 1), loc: ctx.draft.loc(line) };
  if (seq === undefined) {
    acl.items.push({ entry, seq: highest(acl) + ACL_SEQUENCE_STEP, addressable: false });
    acl.remarkPending = true;
    return;
  }
  numberedMode(acl);
  if (acl.used.has(seq)) {
    ctx.sink.error(
      'ACL_DUPLICATE_SEQUENCE',
      line,
      `access list ${acl.name}: sequence number ${seq} is already in use (IOS: "Duplicate sequence number"); line skipped`,
    );
    return;
  }
  insert(acl, { entry, seq, addressable: true });
}

/** Reads an entry (remark or rule) from `words[start..]` into `acl`. */
function readEntry(
  acl: AclDraft,
  words: readonly string[],
  start: number,
  seq: number | undefined,
  line: number,
  ctx: ParseContext,
): void {
  if (words[start] === 'remark') {
    addRemark(acl, words, start, seq, line, ctx);
    return;
  }
  if (words[start] === 'dynamic' || words[start] === 'evaluate') {
    ctx.sink.warning(
      'NOT_MODELLED',
      line,
      `${words[start]} entries in access list ${acl.name} are not modelled; line skipped`,
    );
    return;
  }
  const rule = readAclRule(words, start, acl.type, groupLookup(ctx));
  if (isRuleProblem(rule)) {
    const message = `access list ${acl.name}: ${rule.message}`;
    if (rule.code === 'NOT_MODELLED') ctx.sink.warning(rule.code, line, message);
    else ctx.sink.error(rule.code, line, `${message}; line skipped`);
    return;
  }
  const option = unmodelledOption(rule.trailing);
  if (option !== undefined) {
    ctx.sink.warning(
      'NOT_MODELLED',
      line,
      `access list ${acl.name}: "${option}" narrows what the line matches and is not modelled; pairs this list decides are not proven`,
    );
  }
  rule.loc = ctx.draft.loc(line);
  // An entry identical to one already in the list (but for its number) changes nothing.
  if (seq !== undefined) numberedMode(acl);
  if (acl.showSeq && acl.ruleKeys.has(ruleKey(rule))) return;
  if (seq !== undefined) {
    checkRemarkNumbering(acl, line, ctx);
    if (acl.used.has(seq)) {
      ctx.sink.error(
        'ACL_DUPLICATE_SEQUENCE',
        line,
        `access list ${acl.name}: sequence number ${seq} is already in use (IOS: "Duplicate sequence number"); line skipped`,
      );
      return;
    }
    acl.showSeq = true;
    insert(acl, { entry: rule, seq, addressable: true });
    return;
  }
  const next = highest(acl) + ACL_SEQUENCE_STEP;
  if (next > ACL_MAX_SEQUENCE) {
    ctx.sink.error(
      'BAD_NUMBER',
      line,
      `access list ${acl.name}: the next sequence number would exceed ${ACL_MAX_SEQUENCE} (IOS: "Exceeded maximum sequence number"); line skipped`,
    );
    return;
  }
  if (acl.remarkPending) acl.remarkShifted = true;
  acl.remarkPending = false;
  insert(acl, { entry: rule, seq: next, addressable: true });
}

/**
 * `no SEQ` removes the entry with that sequence number; `no permit ...` / `no deny ...` /
 * `no remark ...` removes the identical entry, as IOS does.
 */
function removeEntry(acl: AclDraft, words: readonly string[], start: number, line: number, ctx: ParseContext): void {
  const seq = uint(words[start], 1, ACL_MAX_SEQUENCE);
  if (seq !== undefined && words.length === start + 1) {
    checkRemarkNumbering(acl, line, ctx);
    numberedMode(acl);
    acl.items = acl.items.filter((i) => !(i.addressable && i.seq === seq));
    retrack(acl);
    return;
  }
  const first = seq !== undefined ? start + 1 : start;
  let target: AclEntry;
  if (words[first] === 'remark') {
    target = { kind: 'remark', text: restOfLine(words, first + 1) };
  } else {
    const rule = readAclRule(words, first, acl.type, groupLookup(ctx));
    if (isRuleProblem(rule)) return;
    target = rule;
  }
  const index = acl.items.findIndex((i) => sameEntry(i.entry, target));
  if (index >= 0) {
    acl.items.splice(index, 1);
    retrack(acl);
  }
}

/** `access-list N permit|deny|remark ...`. */
export function readNumberedAcl(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[1];
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'access-list needs a number');
    return undefined;
  }
  const type = numberedAclType(name);
  if (type === undefined) {
    if (startsWithDigit(name)) return keepExtra(line, ctx);
    if (name === 'compiled' || name === 'logging') return keepExtra(line, ctx);
    ctx.sink.error('BAD_ACL_LINE', line.line, `"${name}" is not an access-list number`);
    return undefined;
  }
  if (w[2] === undefined) {
    ctx.sink.error('BAD_ACL_LINE', line.line, `access-list ${name} needs permit, deny or remark`);
    return undefined;
  }
  const acl = aclFor(ctx, name, type, true, line.line);
  if (acl !== undefined) readEntry(acl, w, 2, undefined, line.line, ctx);
  return undefined;
}

/** The sub-mode of an `ip access-list standard|extended NAME` block. */
export class NamedAclMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly acl: AclDraft | undefined,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0];
    const entryWord = (w: string | undefined): boolean =>
      w === 'permit' || w === 'deny' || w === 'remark' || startsWithDigit(w);
    if (w0 === 'no') return entryWord(words[1]);
    return entryWord(w0) && (!startsWithDigit(w0) || words.length > 1);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const acl = this.acl;
    if (acl === undefined) return;
    const w = line.words;
    if (w[0] === 'exit' || w[0] === 'default') return;
    if (w[0] === 'no') {
      removeEntry(acl, w, 1, line.line, ctx);
      return;
    }
    let start = 0;
    let seq: number | undefined;
    if (startsWithDigit(w[0])) {
      seq = uint(w[0], 1, ACL_MAX_SEQUENCE);
      if (seq === undefined) {
        ctx.sink.error('BAD_NUMBER', line.line, `access list ${acl.name}: "${w[0]}" is not a sequence number`);
        return;
      }
      start = 1;
    }
    readEntry(acl, w, start, seq, line.line, ctx);
  }
}

/**
 * `ip access-list resequence NAME START STEP`: the entries keep their order and are numbered
 * START, START+STEP, ...; an unnumbered remark keeps the number of the rule after it.
 */
function resequence(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[3];
  const start = uint(w[4], 1, ACL_MAX_SEQUENCE);
  const step = uint(w[5], 1, ACL_MAX_SEQUENCE);
  if (name === undefined || start === undefined || step === undefined) {
    ctx.sink.error(
      'MISSING_ARGUMENT',
      line.line,
      'ip access-list resequence needs a list name, a start number and a step',
    );
    return undefined;
  }
  const acl = ctx.draft.accessLists.get(name);
  if (acl === undefined) return undefined;
  numberedMode(acl);
  let n = start;
  for (const item of acl.items) {
    item.seq = n;
    if (item.addressable) n += step;
  }
  retrack(acl);
  const last = acl.items.at(-1);
  if (last !== undefined && last.seq > ACL_MAX_SEQUENCE) {
    ctx.sink.error(
      'BAD_NUMBER',
      line.line,
      `ip access-list resequence ${name}: numbers would exceed ${ACL_MAX_SEQUENCE}`,
    );
  }
  acl.showSeq = true;
  return undefined;
}

/** `ip access-list standard|extended NAME`, `ip access-list resequence ...`. */
export function startNamedAcl(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const type = w[2];
  const name = w[3];
  if (type !== 'standard' && type !== 'extended') {
    if (type === 'resequence') return resequence(line, ctx);
    if (type === 'logging' || type === 'log-update' || type === 'role-based') return keepExtra(line, ctx);
    return notModelled(line, ctx, `ip access-list ${type ?? ''}`.trim());
  }
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `ip access-list ${type} needs a name`);
    return new NamedAclMode(line.indent, undefined);
  }
  // `ip access-list extended 110` edits numbered list 110.
  const numberedType = numberedAclType(name);
  const acl = aclFor(ctx, name, type, numberedType !== undefined, line.line);
  return new NamedAclMode(line.indent, acl);
}

/**
 * Object-group lines in a crypto ACL: which proxy identities IOS proposes for such a line (one
 * per expanded member, or a refusal) is not confirmed, so such lines are not modelled as crypto
 * ACL lines (docs/ios-semantics.md#object-groups). Called once the whole file is read, when the
 * crypto maps' `match address` names are known.
 */
export function flagGroupedCryptoAcls(ctx: ParseContext): void {
  const names = new Set<string>();
  for (const map of ctx.draft.cryptoMaps.values())
    for (const e of map.entries.values()) if (e.matchAddress !== undefined) names.add(e.matchAddress);
  for (const name of names) {
    const acl = ctx.draft.accessLists.get(name);
    if (acl === undefined) continue;
    for (const item of acl.items) {
      const e = item.entry;
      if (
        e.kind !== 'rule' ||
        (e.service === undefined && e.source.kind !== 'object-group' && e.destination.kind !== 'object-group')
      )
        continue;
      ctx.sink.warning(
        'NOT_MODELLED',
        e.loc?.line ?? acl.loc.line,
        `access list ${name} is a crypto ACL: the proxy identities IOS proposes for an object-group line are not modelled`,
      );
    }
  }
}
