/**
 * A shut-down tunnel (docs/ios-semantics.md#tunnel-interfaces): the routes naming it are not
 * installed, so the root cause is TUNNEL_DOWN on the tunnel, saying where the traffic goes instead.
 */
import { describe, expect, it } from 'vitest';
import { edit, proveLab, replaceLine } from './labs.js';
import { tunnelLab, type TunnelDesign } from './tunnel-labs.js';

function shut(design: TunnelDesign) {
  return edit(tunnelLab(design), 'spoke1.cfg', (t) =>
    replaceLine(t, ' tunnel destination 198.51.100.2', [' tunnel destination 198.51.100.2', ' shutdown']),
  );
}

describe.each(['svti', 'gre'] as const)('GIVEN the %s network with Spoke1 Tunnel1 shut down', (design) => {
  it('WHEN proven THEN both directions name the shut tunnel on its interface line, and the clear-text exit', () => {
    const lab = shut(design);
    const r = proveLab(lab);
    const errors = r.findings.filter((f) => f.severity === 'error');
    const tunnelLine = lab['spoke1.cfg']!.split('\n').indexOf('interface Tunnel1') + 1;
    expect(errors.map((e) => [e.code, e.device, e.line])).toEqual([
      ['TUNNEL_DOWN', 'Spoke1', tunnelLine],
      ['TUNNEL_DOWN', 'Spoke1', tunnelLine],
    ]);
    expect(
      errors.some((e) =>
        /Tunnel1 is down \(it is shut down\); it leaves GigabitEthernet0\/0 in clear text/.test(e.message),
      ),
    ).toBe(true);
    expect(errors.some((e) => /Spoke1's Tunnel1, which points back, is shut down/.test(e.message))).toBe(true);
    expect(errors.every((e) => e.hint === 'Bring Tunnel1 on Spoke1 up: it is shut down.')).toBe(true);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 6, broken: 6 });
  });
});
