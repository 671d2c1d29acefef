import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aclEntriesInOrder, aclEntriesNumbered, effectiveSequenceNumbers } from '../../lib/ir/acl-sequence.js';
import type { AclEntry } from '../../lib/ir/router-config.js';

const rule = (name: string, seq?: number): AclEntry => ({
  kind: 'rule',
  action: 'permit',
  protocol: 'ip',
  source: { kind: 'host', address: name },
  destination: { kind: 'any' },
  ...(seq !== undefined ? { seq } : {}),
});
const remark = (text: string, seq?: number): AclEntry => ({
  kind: 'remark',
  text,
  ...(seq !== undefined ? { seq } : {}),
});
const names = (entries: readonly AclEntry[]) =>
  entries.map((e) =>
    e.kind === 'rule' && e.source.kind === 'host' ? e.source.address : e.kind === 'remark' ? e.text : '?',
  );

describe('effective sequence numbers (docs/ios-semantics.md#sequence-numbers)', () => {
  it('GIVEN rules without numbers WHEN numbered THEN 10, 20, 30 and the order is kept as given (same array)', () => {
    const entries = [rule('1.1.1.1'), rule('1.1.1.2'), rule('1.1.1.3')];
    expect(effectiveSequenceNumbers(entries)).toEqual([10, 20, 30]);
    expect(aclEntriesInOrder(entries)).toBe(entries);
  });

  it('GIVEN an unnumbered rule after explicit ones WHEN numbered THEN it gets 10 more than the highest so far', () => {
    expect(effectiveSequenceNumbers([rule('a', 40), rule('b', 15), rule('c')])).toEqual([40, 15, 50]);
  });

  it('GIVEN an unnumbered remark WHEN numbered THEN it uses no number and sorts in front of the rule after it', () => {
    const entries = [rule('a'), remark('r'), rule('b'), rule('c', 5)];
    expect(effectiveSequenceNumbers(entries)).toEqual([10, 20, 20, 5]);
    expect(names(aclEntriesInOrder(entries))).toEqual(['c', 'a', 'r', 'b']);
  });

  it('GIVEN a mix WHEN printed with numbers THEN every rule carries its number and remarks stay unnumbered', () => {
    const out = aclEntriesNumbered([rule('a'), remark('r'), rule('b', 5)]);
    expect(out.map((e) => [e.kind, e.seq])).toEqual([
      ['rule', 5],
      ['rule', 10],
      ['remark', undefined],
    ]);
  });

  it('GIVEN any entries WHEN ordered THEN the numbers ascend and the entries are a permutation, ties in given order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined })), {
          maxLength: 12,
        }),
        (spec) => {
          const entries = spec.map(([isRule, seq], i) => (isRule ? rule(`10.0.0.${i}`, seq) : remark(`r${i}`, seq)));
          const seqs = effectiveSequenceNumbers(entries);
          const ordered = aclEntriesInOrder(entries);
          const key = new Map(entries.map((e, i) => [e, [seqs[i]!, i] as const]));
          const keys = ordered.map((e) => key.get(e)!);
          for (let i = 1; i < keys.length; i++)
            expect(
              keys[i - 1]![0] < keys[i]![0] || (keys[i - 1]![0] === keys[i]![0] && keys[i - 1]![1] < keys[i]![1]),
            ).toBe(true);
          expect([...ordered].sort((a, b) => key.get(a)![1] - key.get(b)![1])).toEqual(entries);
        },
      ),
    );
  });
});
