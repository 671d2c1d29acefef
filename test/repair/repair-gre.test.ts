/**
 * Repairs of GRE over IPsec networks (docs/ios-semantics.md#gre-over-ipsec): a GRE tunnel whose
 * packets leave in clear text next to a crypto map entry for its destination gets the `permit gre
 * host` line, and no site lines are added to the GRE lists of a route-based design.
 */
import { describe, expect, it } from 'vitest';
import { planRepair } from '../../lib/repair/index.js';
import { edit, replaceLine } from '../verify/labs.js';
import { tunnelLab } from '../verify/tunnel-labs.js';
import { inputsOf, proveFilled } from './helpers.js';

describe('GIVEN the GRE network protected by crypto maps', () => {
  it('WHEN the hub list for one spoke lost its gre line THEN the plan adds exactly that line and proves', () => {
    const lab = edit(tunnelLab('gre'), 'hub.cfg', (t) =>
      replaceLine(t, ' permit gre host 198.51.100.2 host 203.0.113.30', []),
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.proven).toBe(true);
    expect(plan.actions).toEqual([
      expect.objectContaining({
        device: 'Hub',
        code: 'GRE_UNPROTECTED',
        kind: 'add-acl-line',
        target: 'access-list GRE-SPOKE3',
        lines: ['permit gre host 198.51.100.2 host 203.0.113.30'],
      }),
    ]);
    expect(proveFilled(plan).summary).toMatchObject({ covered: 12, errors: 0 });
  });

  it('WHEN a spoke line points at the wrong hub address THEN the right line is added and no site region joins a GRE list', () => {
    const lab = edit(tunnelLab('gre'), 'spoke2.cfg', (t) =>
      replaceLine(t, ' permit gre host 203.0.113.20 host 198.51.100.2', [
        ' permit gre host 203.0.113.20 host 198.51.100.3',
      ]),
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.actions.map((a) => a.lines)).toContainEqual(['permit gre host 203.0.113.20 host 198.51.100.2']);
    expect(plan.actions.flatMap((a) => a.lines).filter((l) => l.startsWith('permit ip 10.'))).toEqual([]);
  });

  it('WHEN a spoke has no entry for the hub at all THEN the plan declines (which entry to add is a design decision)', () => {
    const lab = edit(tunnelLab('gre'), 'spoke1.cfg', (t) =>
      t.replace(
        'crypto map CMAP 10 ipsec-isakmp\n set peer 198.51.100.2\n',
        'crypto map CMAP 10 ipsec-isakmp\n set peer 198.51.100.9\n',
      ),
    );
    const plan = planRepair(inputsOf(lab));
    expect(plan.actions.filter((a) => a.code === 'GRE_UNPROTECTED')).toEqual([]);
  });
});
