import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessList, AclEntry, Platform } from '../../lib/ir/router-config.js';
import { planAccessList } from '../../lib/plan/acl-plan.js';
import { assignSequenceNumbers } from '../../lib/plan/acl-sequence.js';
import type { PlanStep } from '../../lib/plan/types.js';

const PHASES = ['prepare', 'apply', 'cleanup'];

function rule(host: number, seq?: number): AclEntry {
  return {
    kind: 'rule',
    action: 'permit',
    protocol: 'ip',
    source: { kind: 'host', address: `10.0.0.${host}` },
    destination: { kind: 'wildcard', address: '172.16.0.0', wildcard: '0.15.255.255' },
    ...(seq === undefined ? {} : { seq }),
  };
}

function acl(entries: AclEntry[], numbered = true): AccessList {
  return { name: numbered ? '110' : 'VPN', type: 'extended', numbered, entries };
}

function text(e: AclEntry): string {
  return e.kind === 'rule' && e.source.kind === 'host'
    ? `permit ip host ${e.source.address} 172.16.0.0 0.15.255.255`
    : '';
}

/**
 * A small model of how IOS edits one ACL: a map from sequence number to line. It fails on what
 * IOS would refuse (a taken number, deleting a missing number).
 */
function applyCommands(before: AccessList, steps: readonly PlanStep[]): { lines: string[]; afterPrepare: string[] } {
  const seqs = assignSequenceNumbers(before.entries);
  let list = new Map<number, string>();
  before.entries.forEach((e, i) => list.set(seqs[i]!, text(e)));
  const sorted = (): string[] => [...list.entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  let afterPrepare: string[] = [];
  let inMode = false;
  const ordered = [...steps].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  let phase = 'prepare';
  for (const step of ordered) {
    if (step.phase !== phase && phase === 'prepare') afterPrepare = sorted();
    phase = step.phase;
    for (const c of step.commands) {
      if (c.startsWith('ip access-list extended ')) inMode = true;
      else if (c === 'exit') inMode = false;
      else if (inMode) {
        const cmd = c.trim();
        const del = /^no (\d+)$/.exec(cmd);
        const ins = /^(\d+) (.*)$/.exec(cmd);
        if (del) {
          expect(list.has(Number(del[1])), `delete of missing ${del[1]}`).toBe(true);
          list.delete(Number(del[1]));
        } else if (ins) {
          expect(list.has(Number(ins[1])), `insert at taken ${ins[1]}`).toBe(false);
          list.set(Number(ins[1]), ins[2]!);
        } else {
          const last = Math.max(0, ...list.keys());
          list.set(last + 10, cmd);
        }
      } else {
        const reseq = /^ip access-list resequence \S+ (\d+) (\d+)$/.exec(c);
        const append = /^access-list 110 (.*)$/.exec(c);
        if (reseq) {
          const next = new Map<number, string>();
          sorted().forEach((l, i) => next.set(Number(reseq[1]) + i * Number(reseq[2]), l));
          list = next;
        } else if (append) {
          const last = Math.max(0, ...list.keys());
          list.set(last + 10, append[1]!);
        } else if (c === 'no access-list 110' || c === 'no ip access-list extended VPN') {
          list = new Map();
        } else {
          throw new Error(`unexpected command ${c}`);
        }
      }
    }
  }
  if (phase === 'prepare') afterPrepare = sorted();
  return { lines: sorted(), afterPrepare };
}

describe('planAccessList', () => {
  it('GIVEN a line inserted between two lines of a numbered list WHEN planned THEN it is entered by sequence number inside ip access-list extended', () => {
    const plan = planAccessList(acl([rule(1), rule(2), rule(3)]), acl([rule(1), rule(2), rule(9), rule(3)]), 'ios-15');
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.commands).toEqual([
      'ip access-list extended 110',
      ' 25 permit ip host 10.0.0.9 172.16.0.0 0.15.255.255',
      'exit',
    ]);
    expect(plan.steps.flatMap((s) => s.commands).some((c) => /^no access-list 110 permit/.test(c))).toBe(false);
  });

  it('GIVEN a line removed WHEN planned THEN it is deleted by its IOS-assigned number in the cleanup phase', () => {
    const plan = planAccessList(acl([rule(1), rule(2), rule(3)]), acl([rule(1), rule(3)]), 'ios-xe-17');
    expect(plan.steps).toEqual([
      expect.objectContaining({ phase: 'cleanup', commands: ['ip access-list extended 110', ' no 20', 'exit'] }),
    ]);
  });

  it('GIVEN no free number between two lines WHEN a line is inserted there THEN the list is resequenced first and a warning says so', () => {
    const plan = planAccessList(acl([rule(1, 10), rule(2, 11)]), acl([rule(1), rule(5), rule(2)]), 'ios-15');
    const commands = plan.steps.flatMap((s) => s.commands);
    expect(commands).toContain('ip access-list resequence 110 10 10');
    expect(commands).toContain(' 15 permit ip host 10.0.0.5 172.16.0.0 0.15.255.255');
    expect(plan.warnings.map((w) => w.code)).toContain('ACL_RESEQUENCE');
  });

  it('GIVEN IOS 12.2 and lines only appended WHEN planned THEN the global access-list form appends them', () => {
    const plan = planAccessList(acl([rule(1)]), acl([rule(1), rule(2)]), 'ios-12.2');
    expect(plan.steps.flatMap((s) => s.commands)).toEqual([
      'access-list 110 permit ip host 10.0.0.2 172.16.0.0 0.15.255.255',
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('GIVEN IOS 12.2 and a line inserted in the middle WHEN planned THEN the list is re-entered with an ACL_REWRITE warning', () => {
    const plan = planAccessList(acl([rule(1), rule(2)]), acl([rule(1), rule(3), rule(2)]), 'ios-12.2');
    expect(plan.steps.flatMap((s) => s.commands)[0]).toBe('no access-list 110');
    expect(plan.warnings.map((w) => w.code)).toEqual(['ACL_REWRITE']);
  });

  it('GIVEN equal lists WHEN planned THEN there is no step', () => {
    expect(planAccessList(acl([rule(1), rule(2)]), acl([rule(1, 10), rule(2, 20)]), 'ios-15').steps).toEqual([]);
  });

  const platforms: Platform[] = ['ios-15', 'ios-xe-17', 'ios-12.2'];
  it('GIVEN any old and new list WHEN the plan is applied to a model of IOS THEN the list reads as the new one, and lines kept by both versions never leave', () => {
    const list = fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 9 });
    fc.assert(
      fc.property(
        list,
        list,
        fc.constantFrom(...platforms),
        fc.boolean(),
        fc.boolean(),
        (a, b, platform, tight, numbered) => {
          const before = acl(
            a.map((h, i) => rule(h, tight ? i + 1 : undefined)),
            numbered,
          );
          const after = acl(
            b.map((h) => rule(h)),
            numbered,
          );
          const plan = planAccessList(before, after, platform);
          const { lines, afterPrepare } = applyCommands(before, plan.steps);
          expect(lines).toEqual(after.entries.map(text));
          const rewritten = plan.warnings.some((w) => w.code === 'ACL_REWRITE' || w.code === 'ACL_BREAK_BEFORE_MAKE');
          if (!rewritten) {
            for (const h of a.filter((x) => b.includes(x))) expect(afterPrepare).toContain(text(rule(h)));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
