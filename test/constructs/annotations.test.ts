import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { Annotations } from '../../lib/constructs/annotations.js';

/** root -> Stack -> (A -> A1, B) */
function tree() {
  const root = new App({ logWarning: () => {} });
  const stack = new Construct(root, 'Stack');
  const a = new Construct(stack, 'A');
  const a1 = new Construct(a, 'A1');
  const b = new Construct(stack, 'B');
  return { root, stack, a, a1, b };
}

describe('Annotations', () => {
  it('GIVEN an error, a warning and an info on constructs WHEN collected THEN each is listed at its level with its construct path, in tree order', () => {
    const { root, a1, b, stack } = tree();
    Annotations.of(b).addInfo('info on B');
    Annotations.of(a1).addError('error on A1');
    Annotations.of(stack).addWarning('warning on Stack');
    expect(Annotations.collect(root)).toEqual({
      errors: [{ path: 'Stack/A/A1', message: 'error on A1' }],
      warnings: [{ path: 'Stack', message: 'warning on Stack' }],
      infos: [{ path: 'Stack/B', message: 'info on B' }],
      acknowledgements: [],
    });
    expect(Annotations.of(a1).errors).toEqual(['error on A1']);
    expect(Annotations.of(b).infos).toEqual(['info on B']);
  });

  it('GIVEN the same message added twice (validations run more than once) WHEN collected THEN it is stored once', () => {
    const { root, a } = tree();
    Annotations.of(a).addWarningV2('my-lib:x', 'same');
    Annotations.of(a).addWarningV2('my-lib:x', 'same');
    Annotations.of(a).addError('boom');
    Annotations.of(a).addError('boom');
    expect(Annotations.collect(root).warnings).toHaveLength(1);
    expect(Annotations.collect(root).errors).toHaveLength(1);
  });

  it('GIVEN warnings with an id WHEN acknowledged on a scope THEN they vanish below that scope only, and warnings added after the acknowledgement vanish too', () => {
    const { root, a, a1, b } = tree();
    Annotations.of(a1).addWarningV2('my-lib:noBackup', 'no backup peer');
    Annotations.of(a).acknowledgeWarning('my-lib:noBackup', 'single-homed by design');
    Annotations.of(a).addWarningV2('my-lib:noBackup', 'no backup peer');
    Annotations.of(b).addWarningV2('my-lib:noBackup', 'no backup peer');
    Annotations.of(b).addWarningV2('my-lib:other', 'another warning');
    Annotations.of(b).addWarning('a warning without id');
    expect(Annotations.collect(root).warnings.map((w) => `${w.path} ${w.id ?? '-'}`)).toEqual([
      'Stack/B my-lib:noBackup',
      'Stack/B my-lib:other',
      'Stack/B -',
    ]);
    expect(Annotations.of(a1).warnings).toEqual([]);
    expect(Annotations.of(b).warnings).toHaveLength(3);
    expect(Annotations.acknowledgements(a1)).toEqual([
      { path: 'Stack/A', id: 'my-lib:noBackup', reason: 'single-homed by design' },
    ]);
  });

  it('GIVEN an acknowledgement on the App root WHEN a warning below it is tested THEN it is acknowledged (the root path is empty)', () => {
    const { root, a1 } = tree();
    Annotations.of(root).acknowledgeWarning('WEAK_CRYPTO');
    const acknowledged = Annotations.acknowledgementFilter(a1);
    expect(acknowledged({ path: 'Stack/A/A1', id: 'WEAK_CRYPTO' })).toBe(true);
    expect(acknowledged({ path: 'Stack/A/A1', id: 'WEAK_PSK' })).toBe(false);
    expect(acknowledged({ path: 'Stack/A/A1' })).toBe(false);
  });

  it('GIVEN acknowledgements on siblings WHEN a path merely starts with the same letters THEN it is not acknowledged', () => {
    const { root, a } = tree();
    new Construct(root.node.findChild('Stack'), 'AB');
    Annotations.of(a).acknowledgeWarning('X');
    const acknowledged = Annotations.acknowledgementFilter(root);
    expect(acknowledged({ path: 'Stack/A', id: 'X' })).toBe(true);
    expect(acknowledged({ path: 'Stack/AB', id: 'X' })).toBe(false);
  });
});
