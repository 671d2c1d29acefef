import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { planChanges, type PlanInput } from '../../lib/plan/index.js';

const config = (lines: string[]): PlanInput => ({
  ...parseConfig(['version 15.7', 'hostname Hub', ...lines, 'end'].join('\n'), { file: 'hub.cfg' }),
  file: 'hub.cfg',
});
const ENTRY = ['crypto map VPN 10 ipsec-isakmp', ' set peer 192.0.2.11', ' set transform-set TS', ' match address 110'];
const LOOPBACK = ['interface Loopback0', ' ip address 10.255.0.1 255.255.255.255'];

describe('GIVEN a hub moving its IKE source to a loopback (crypto map local-address)', () => {
  it('WHEN planned THEN the loopback comes first, the local-address line is applied with a warning, and undoing it removes the line', () => {
    const before = config(ENTRY);
    const after = config([...LOOPBACK, 'crypto map VPN local-address Loopback0', ...ENTRY]);
    const forward = planChanges([before], [after]).routers[0]!;
    expect(forward.steps.map((s) => [s.phase, s.element, s.action, s.commands.at(-1)])).toEqual([
      ['prepare', 'interface', 'add', expect.any(String)],
      ['apply', 'crypto-map-entry', 'add', 'crypto map VPN local-address Loopback0'],
    ]);
    expect(forward.warnings.map((w) => w.code)).toContain('CRYPTO_LOCAL_ADDRESS_CHANGED');
    const back = planChanges([after], [before]).routers[0]!;
    expect(back.steps.find((s) => s.element === 'crypto-map-entry')?.commands).toEqual([
      'no crypto map VPN local-address',
    ]);
    expect(planChanges([after], [after]).routers[0]!.steps).toEqual([]);
  });
});
