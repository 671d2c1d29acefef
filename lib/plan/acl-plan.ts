/**
 * Plans the edits of one access list.
 *
 * Lines are changed inside `ip access-list extended NAME|NUMBER` by sequence number (`no 30`,
 * `25 permit ...`); IOS accepts that form for numbered lists too. Never `no access-list 110 permit
 * ...`: on a numbered list that deletes the whole list. Inserted lines get free numbers between
 * their kept neighbours so first-match order is the new order; when there is no room the list is
 * renumbered with `ip access-list resequence` first. Lines are added before the old ones are
 * deleted (make before break) whenever the numbers allow it, so a crypto ACL in use never loses
 * coverage that both versions have. IOS 12.2 mainline has no sequence numbers: there, lines can
 * only be appended, and any other change re-enters the whole list.
 */
import type { AccessList, AclEntry, Platform } from '../ir/router-config.js';
import { platformStyle, ruleText } from '../render/index.js';
import { oneLine } from '../render/line-writer.js';
import { allocateSequenceNumbers, assignSequenceNumbers, SEQUENCE_STEP } from './acl-sequence.js';
import { block, emptyPlan, type ElementPlan } from './plan-step.js';
import { alignSequences } from './sequence-diff.js';
import type { PlanStep } from './types.js';

/** `access-list 110` or `ip access-list extended NAME`, the way the plan names a list. */
export function aclTarget(acl: AccessList): string {
  return acl.numbered ? `access-list ${acl.name}` : `ip access-list ${acl.type} ${acl.name}`;
}

/** The text of an entry after its sequence number: its identity when lists are compared. */
export function entryText(entry: AclEntry, type: AccessList['type']): string {
  return entry.kind === 'remark' ? `remark ${oneLine(entry.text)}` : ruleText(entry, type);
}

function addCommands(acl: AccessList): string[] {
  const texts = acl.entries.map((e) => entryText(e, acl.type));
  // Numbered lists in their running-config form; named lists in their sub-mode.
  if (acl.numbered) return texts.map((t) => `access-list ${acl.name} ${t}`);
  return block(`ip access-list ${acl.type} ${acl.name}`, texts);
}

function removeCommand(acl: AccessList): string {
  return acl.numbered ? `no access-list ${acl.name}` : `no ip access-list ${acl.type} ${acl.name}`;
}

function step(
  acl: AccessList,
  phase: PlanStep['phase'],
  action: PlanStep['action'],
  description: string,
  commands: string[],
): PlanStep {
  return { phase, element: 'access-list', action, target: aclTarget(acl), description, commands, secret: false };
}

/**
 * Steps that take `oldAcl` to `newAcl` on a device of `platform` (the new config's platform).
 * Either side may be undefined (list added or removed).
 */
export function planAccessList(
  oldAcl: AccessList | undefined,
  newAcl: AccessList | undefined,
  platform: Platform,
): ElementPlan {
  const plan = emptyPlan();
  if (oldAcl === undefined && newAcl === undefined) return plan;
  if (oldAcl === undefined) {
    plan.steps.push(
      step(
        newAcl!,
        'prepare',
        'add',
        `add ${aclTarget(newAcl!)} (${newAcl!.entries.length} lines)`,
        addCommands(newAcl!),
      ),
    );
    return plan;
  }
  if (newAcl === undefined) {
    plan.steps.push(step(oldAcl, 'cleanup', 'remove', `remove ${aclTarget(oldAcl)}`, [removeCommand(oldAcl)]));
    return plan;
  }
  const oldTexts = oldAcl.entries.map((e) => entryText(e, oldAcl.type));
  const newTexts = newAcl.entries.map((e) => entryText(e, newAcl.type));
  if (oldAcl.type !== newAcl.type || oldAcl.numbered !== newAcl.numbered) {
    rewrite(plan, oldAcl, newAcl, `its type changes (${aclTarget(oldAcl)} -> ${aclTarget(newAcl)})`);
    return plan;
  }
  if (sameTexts(oldTexts, newTexts)) return plan;

  const { keptA, keptB } = alignSequences(oldTexts, newTexts);
  const keptOld = new Set(keptA);
  const keptNew = new Set(keptB);
  const deleted = oldAcl.entries.map((_, i) => i).filter((i) => !keptOld.has(i));
  const inserted = newAcl.entries.map((_, j) => j).filter((j) => !keptNew.has(j));

  if (!platformStyle(platform).namedAclSequenceNumbers) {
    const appendOnly = deleted.length === 0 && inserted.every((j) => j >= keptB.length);
    if (!appendOnly) {
      rewrite(plan, oldAcl, newAcl, 'IOS 12.2 mainline has no ACL sequence numbers to edit single lines');
      return plan;
    }
    const texts = inserted.map((j) => newTexts[j]!);
    const commands = newAcl.numbered
      ? texts.map((t) => `access-list ${newAcl.name} ${t}`)
      : block(aclTarget(newAcl), texts);
    plan.steps.push(
      step(newAcl, 'prepare', 'change', `append ${texts.length} line(s) to ${aclTarget(newAcl)}`, commands),
    );
    return plan;
  }
  planBySequence(plan, oldAcl, newAcl, oldTexts, newTexts, { keptA, keptB, deleted, inserted });
  return plan;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function rewrite(plan: ElementPlan, oldAcl: AccessList, newAcl: AccessList, why: string): void {
  plan.steps.push(
    step(oldAcl, 'prepare', 'remove', `remove ${aclTarget(oldAcl)} to re-enter it`, [removeCommand(oldAcl)]),
  );
  plan.steps.push(
    step(
      newAcl,
      'prepare',
      'add',
      `re-enter ${aclTarget(newAcl)} (${newAcl.entries.length} lines)`,
      addCommands(newAcl),
    ),
  );
  plan.warnings.push({
    code: 'ACL_REWRITE',
    message:
      `${aclTarget(newAcl)} is deleted and re-entered because ${why}. Between the two commands the list is ` +
      'empty: a crypto map entry matching it protects nothing (its traffic leaves in clear text or is dropped). ' +
      'Run this in a maintenance window, or point the entry at a copy of the list first.',
  });
}

interface Diff {
  readonly keptA: readonly number[];
  readonly keptB: readonly number[];
  readonly deleted: readonly number[];
  readonly inserted: readonly number[];
}

/** One inserted line and the numbers of the kept lines around it (in old numbering). */
interface Insertion {
  readonly index: number;
  readonly after: number;
  readonly before: number | undefined;
}

function planBySequence(
  plan: ElementPlan,
  oldAcl: AccessList,
  newAcl: AccessList,
  oldTexts: readonly string[],
  newTexts: readonly string[],
  diff: Diff,
): void {
  const target = aclTarget(newAcl);
  const header = `ip access-list ${newAcl.type} ${newAcl.name}`;
  const oldSeq = assignSequenceNumbers(oldAcl.entries);

  // Kept rules (not remarks) anchor insertions; their order is the same in both lists.
  const anchors: Array<{ newIndex: number; seq: number }> = [];
  for (let i = 0; i < diff.keptA.length; i += 1) {
    const seq = oldSeq[diff.keptA[i]!];
    if (seq !== undefined) anchors.push({ newIndex: diff.keptB[i]!, seq });
  }
  const insertions = insertionGaps(diff.inserted, anchors, (j) => newAcl.entries[j]!.kind === 'remark');
  const deletedRules = diff.deleted.filter((i) => oldSeq[i] !== undefined).map((i) => oldSeq[i]!);
  const deleteCommands = diff.deleted.map((i) => (oldSeq[i] === undefined ? `no ${oldTexts[i]!}` : `no ${oldSeq[i]!}`));
  const remarksAdded = diff.inserted.some((j) => newAcl.entries[j]!.kind === 'remark');
  if (remarksAdded) {
    plan.warnings.push({
      code: 'REMARK_PLACEMENT',
      message: `A remark added to ${target} has no sequence number; IOS may place it elsewhere than the new config shows. Remarks do not change matching.`,
    });
  }

  // 1. Make before break: new lines in free numbers that avoid the old lines still present.
  const mbb = allocate(
    insertions,
    [...deletedRules].sort((x, y) => x - y),
  );
  if (mbb) {
    const inserts = insertCommands(mbb, newTexts);
    if (inserts.length > 0)
      plan.steps.push(
        step(newAcl, 'prepare', 'change', `insert ${inserts.length} line(s) into ${target}`, block(header, inserts)),
      );
    if (deleteCommands.length > 0) {
      plan.steps.push(
        step(
          newAcl,
          'cleanup',
          'change',
          `delete ${deleteCommands.length} line(s) from ${target}`,
          block(header, deleteCommands),
        ),
      );
    }
    return;
  }
  // 2. Delete first, then insert into the freed numbers.
  const afterDelete = allocate(insertions, []);
  if (afterDelete) {
    const commands = [...deleteCommands, ...insertCommands(afterDelete, newTexts)];
    plan.steps.push(
      step(
        newAcl,
        'prepare',
        'change',
        `edit ${target} (${deleteCommands.length} deleted, ${diff.inserted.length} inserted)`,
        block(header, commands),
      ),
    );
    plan.warnings.push({
      code: 'ACL_BREAK_BEFORE_MAKE',
      message: `${target}: the new lines only fit in the numbers of deleted lines, so lines are deleted before the new ones are in; traffic they matched is briefly unprotected.`,
    });
    return;
  }
  // 3. No room even then: renumber the kept lines with an increment that leaves enough room.
  const widest = maxRun(insertions);
  const increment = Math.max(SEQUENCE_STEP, Math.ceil((widest + 1) / SEQUENCE_STEP) * SEQUENCE_STEP);
  const renumbered = new Map<number, number>();
  anchors.forEach((a, i) => renumbered.set(a.seq, increment * (i + 1)));
  const moved = insertions.map((ins) => ({
    index: ins.index,
    after: ins.after === 0 || Number.isNaN(ins.after) ? ins.after : renumbered.get(ins.after)!,
    before: ins.before === undefined ? undefined : renumbered.get(ins.before)!,
  }));
  const placed = allocate(moved, []);
  if (deleteCommands.length > 0) {
    plan.steps.push(
      step(
        newAcl,
        'prepare',
        'change',
        `delete ${deleteCommands.length} line(s) from ${target}`,
        block(header, deleteCommands),
      ),
    );
  }
  plan.steps.push(
    step(newAcl, 'prepare', 'change', `renumber ${target} (start ${increment}, increment ${increment})`, [
      `ip access-list resequence ${newAcl.name} ${increment} ${increment}`,
    ]),
  );
  plan.steps.push(
    step(
      newAcl,
      'prepare',
      'change',
      `insert ${diff.inserted.length} line(s) into ${target}`,
      block(header, insertCommands(placed ?? [], newTexts)),
    ),
  );
  plan.warnings.push({
    code: 'ACL_RESEQUENCE',
    message:
      `${target} has no free sequence numbers where lines are inserted: it is renumbered with ` +
      `\`ip access-list resequence ${newAcl.name} ${increment} ${increment}\` first (kept lines become ${increment}, ${increment * 2}, ...).`,
  });
}

/** For each inserted line, the numbers of the nearest kept rules before and after it in the new list. */
function insertionGaps(
  inserted: readonly number[],
  anchors: ReadonlyArray<{ newIndex: number; seq: number }>,
  isRemark: (j: number) => boolean,
): Insertion[] {
  const out: Insertion[] = [];
  let a = 0;
  for (const j of inserted) {
    while (a < anchors.length && anchors[a]!.newIndex < j) a += 1;
    const after = a === 0 ? 0 : anchors[a - 1]!.seq;
    const before = a < anchors.length ? anchors[a]!.seq : undefined;
    // Remarks are entered without a number; they still take part so the order of output is kept.
    if (isRemark(j)) out.push({ index: j, after: Number.NaN, before: undefined });
    else out.push({ index: j, after, before });
  }
  return out;
}

interface Placed {
  readonly index: number;
  /** Undefined for remarks. */
  readonly seq: number | undefined;
}

/**
 * Numbers for every insertion, gap by gap (all rules inserted into one gap are numbered together,
 * whatever remarks stand between them); undefined when some gap is too narrow.
 */
function allocate(insertions: readonly Insertion[], taken: readonly number[]): Placed[] | undefined {
  const groups = new Map<number, Insertion[]>();
  for (const ins of insertions) {
    if (Number.isNaN(ins.after)) continue;
    const group = groups.get(ins.after);
    if (group) group.push(ins);
    else groups.set(ins.after, [ins]);
  }
  const seqOf = new Map<number, number>();
  for (const [after, group] of groups) {
    const numbers = allocateSequenceNumbers(after, group[0]!.before, group.length, taken);
    if (!numbers) return undefined;
    group.forEach((ins, k) => seqOf.set(ins.index, numbers[k]!));
  }
  return insertions.map((ins) => ({ index: ins.index, seq: seqOf.get(ins.index) }));
}

function insertCommands(placed: readonly Placed[], newTexts: readonly string[]): string[] {
  return placed.map((p) => (p.seq === undefined ? newTexts[p.index]! : `${p.seq} ${newTexts[p.index]!}`));
}

function maxRun(insertions: readonly Insertion[]): number {
  const runs = new Map<number, number>();
  for (const ins of insertions) if (!Number.isNaN(ins.after)) runs.set(ins.after, (runs.get(ins.after) ?? 0) + 1);
  let max = 0;
  for (const n of runs.values()) max = Math.max(max, n);
  return max;
}
