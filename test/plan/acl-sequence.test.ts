import { describe, expect, it } from 'vitest';
import { allocateSequenceNumbers, assignSequenceNumbers } from '../../lib/plan/acl-sequence.js';
import type { AclEntry } from '../../lib/ir/router-config.js';

const rule = (seq?: number): AclEntry => ({
  kind: 'rule',
  action: 'permit',
  protocol: 'ip',
  source: { kind: 'any' },
  destination: { kind: 'any' },
  ...(seq === undefined ? {} : { seq }),
});

describe('assignSequenceNumbers', () => {
  it('GIVEN unnumbered rules WHEN numbered like IOS THEN they get 10, 20, 30 and remarks get none', () => {
    const entries: AclEntry[] = [rule(), { kind: 'remark', text: 'x' }, rule(), rule()];
    expect(assignSequenceNumbers(entries)).toEqual([10, undefined, 20, 30]);
  });

  it('GIVEN an explicit number WHEN followed by an unnumbered rule THEN that rule gets the number plus 10', () => {
    expect(assignSequenceNumbers([rule(5), rule(), rule(100), rule()])).toEqual([5, 15, 100, 110]);
  });
});

describe('allocateSequenceNumbers', () => {
  it('GIVEN one line between 20 and 30 WHEN allocated THEN it gets 25', () => {
    expect(allocateSequenceNumbers(20, 30, 1, [])).toEqual([25]);
  });

  it('GIVEN lines appended after the last rule WHEN allocated THEN they continue in steps of 10 past taken numbers', () => {
    expect(allocateSequenceNumbers(30, undefined, 2, [40])).toEqual([50, 60]);
  });

  it('GIVEN taken numbers inside the gap WHEN allocated THEN no allocated number is taken and order is kept', () => {
    const out = allocateSequenceNumbers(10, 15, 2, [11, 12])!;
    expect(out).toEqual([13, 14]);
  });

  it('GIVEN a gap narrower than the insertions WHEN allocated THEN there is no room', () => {
    expect(allocateSequenceNumbers(10, 12, 2, [])).toBeUndefined();
    expect(allocateSequenceNumbers(10, 13, 2, [11])).toBeUndefined();
  });
});
