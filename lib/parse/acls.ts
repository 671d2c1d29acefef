/**
 * Numbered (`access-list N ...`) and named (`ip access-list standard|extended NAME`) IP ACLs.
 * Number ranges follow IOS: 1-99 and 1300-1999 standard, 100-199 and 2000-2699 extended; other
 * numbers are not IP lists and are kept as extra lines.
 */
import type { AclEntry } from '../ir/router-config.js';
import type { AclDraft } from './config-draft.js';
import { type ParseContext, type SubMode, keepExtra, notModelled, restOfLine } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { startsWithDigit, uint } from './numbers.js';
import { isRuleProblem, readAclRule } from './acl-rule.js';

/** The list type a number denotes, or undefined for non-IP list numbers. */
export function numberedAclType(name: string): 'standard' | 'extended' | undefined {
  const n = uint(name, 1, 2699);
  if (n === undefined) return undefined;
  if (n <= 99 || (n >= 1300 && n <= 1999)) return 'standard';
  if ((n >= 100 && n <= 199) || n >= 2000) return 'extended';
  return undefined;
}

function aclFor(ctx: ParseContext, name: string, type: 'standard' | 'extended', numbered: boolean, line: number): AclDraft | undefined {
  const existing = ctx.draft.accessLists.get(name);
  if (existing !== undefined) {
    if (existing.type !== type) {
      ctx.sink.error('ACL_TYPE_MISMATCH', line, `access list ${name} is already ${existing.type}; this ${type} line was skipped`);
      return undefined;
    }
    return existing;
  }
  const acl: AclDraft = { name, type, numbered, entries: [], loc: ctx.draft.loc(line) };
  ctx.draft.accessLists.set(name, acl);
  return acl;
}

/** Reads an entry (remark or rule) from `words[start..]` into `acl`. */
function readEntry(acl: AclDraft, words: readonly string[], start: number, seq: number | undefined, line: number, ctx: ParseContext): void {
  const loc = ctx.draft.loc(line);
  if (words[start] === 'remark') {
    const entry: AclEntry = seq === undefined
      ? { kind: 'remark', text: restOfLine(words, start + 1), loc }
      : { kind: 'remark', seq, text: restOfLine(words, start + 1), loc };
    acl.entries.push(entry);
    return;
  }
  if (words[start] === 'dynamic' || words[start] === 'evaluate') {
    ctx.sink.warning('NOT_MODELLED', line, `${words[start]} entries in access list ${acl.name} are not modelled; line skipped`);
    return;
  }
  const rule = readAclRule(words, start, acl.type);
  if (isRuleProblem(rule)) {
    const message = `access list ${acl.name}: ${rule.message}`;
    if (rule.code === 'NOT_MODELLED') ctx.sink.warning(rule.code, line, message);
    else ctx.sink.error(rule.code, line, `${message}; line skipped`);
    return;
  }
  if (seq !== undefined) rule.seq = seq;
  rule.loc = loc;
  acl.entries.push(rule);
}

/** Structural equality of two entries, ignoring provenance and sequence numbers. */
function sameEntry(a: AclEntry, b: AclEntry): boolean {
  const strip = (e: AclEntry): string => JSON.stringify({ ...e, loc: undefined, origin: undefined, seq: undefined });
  return strip(a) === strip(b);
}

/**
 * `no SEQ` removes the entry with that sequence number; `no permit ...` / `no deny ...` /
 * `no remark ...` removes the first identical entry, as IOS does.
 */
function removeEntry(acl: AclDraft, words: readonly string[], start: number): void {
  const seq = uint(words[start], 1, 2147483647);
  if (seq !== undefined && words.length === start + 1) {
    acl.entries = acl.entries.filter((e) => e.seq !== seq);
    return;
  }
  const first = seq !== undefined ? start + 1 : start;
  let target: AclEntry;
  if (words[first] === 'remark') {
    target = { kind: 'remark', text: restOfLine(words, first + 1) };
  } else {
    const rule = readAclRule(words, first, acl.type);
    if (isRuleProblem(rule)) return;
    target = rule;
  }
  const index = acl.entries.findIndex((e) => sameEntry(e, target));
  if (index >= 0) acl.entries.splice(index, 1);
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
    const entryWord = (w: string | undefined): boolean => w === 'permit' || w === 'deny' || w === 'remark' || startsWithDigit(w);
    if (w0 === 'no') return entryWord(words[1]);
    return entryWord(w0) && (!startsWithDigit(w0) || words.length > 1);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const acl = this.acl;
    if (acl === undefined) return;
    const w = line.words;
    if (w[0] === 'exit' || w[0] === 'default') return;
    if (w[0] === 'no') {
      removeEntry(acl, w, 1);
      return;
    }
    let start = 0;
    let seq: number | undefined;
    if (startsWithDigit(w[0])) {
      seq = uint(w[0], 1, 2147483647);
      if (seq === undefined) {
        ctx.sink.error('BAD_NUMBER', line.line, `access list ${acl.name}: "${w[0]}" is not a sequence number`);
        return;
      }
      start = 1;
    }
    readEntry(acl, w, start, seq, line.line, ctx);
  }
}

/** `ip access-list standard|extended NAME`. */
export function startNamedAcl(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const type = w[2];
  const name = w[3];
  if (type !== 'standard' && type !== 'extended') {
    if (type === 'resequence' || type === 'logging' || type === 'log-update' || type === 'role-based') return keepExtra(line, ctx);
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
