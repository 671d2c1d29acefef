import { describe, expect, it } from 'vitest';
import { emptyRouterConfig, type RouterConfig } from '../../lib/ir/router-config.js';
import { stripProvenance } from '../../lib/ir/strip-provenance.js';

describe('stripProvenance', () => {
  it('GIVEN an IR with loc and origin at every depth WHEN stripped THEN both are gone and everything else is equal', () => {
    const ir: RouterConfig = {
      ...emptyRouterConfig('R', 'ios-15'),
      accessLists: [
        {
          name: 'A',
          type: 'extended',
          numbered: false,
          loc: { file: 'f', line: 1 },
          origin: 'S/A',
          entries: [{ kind: 'remark', text: 'x', loc: { file: 'f', line: 2 }, origin: 'S/A/0' }],
        },
      ],
      extraLines: [{ text: 'ip classless', loc: { file: 'f', line: 3 } }],
    };
    const stripped = stripProvenance(ir);
    expect(JSON.stringify(stripped)).not.toMatch(/"loc"|"origin"/);
    expect(stripped.accessLists[0]!.entries[0]).toEqual({ kind: 'remark', text: 'x' });
    expect(stripped.extraLines).toEqual([{ text: 'ip classless' }]);
    expect(ir.accessLists[0]!.loc).toEqual({ file: 'f', line: 1 });
  });
});
