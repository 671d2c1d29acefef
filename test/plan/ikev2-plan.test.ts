import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { formatPlanText, planChanges, type PlanInput } from '../../lib/plan/index.js';

const config = (lines: string[]): PlanInput => ({
  ...parseConfig(['version 17.12', 'hostname Hub', ...lines, 'end'].join('\n'), { file: 'hub.cfg' }),
  file: 'hub.cfg',
});
const KEY = 'fake-V2key-0123456789';
const ring = (remote: string) => [
  'crypto ikev2 keyring KR',
  ' peer B1',
  '  address 192.0.2.11',
  `  pre-shared-key local ${KEY}`,
  `  pre-shared-key remote ${remote}`,
  ' peer B2',
  '  address 192.0.2.12',
  `  pre-shared-key ${KEY}`,
];
const PROFILE = [
  'crypto ikev2 profile PR',
  ' match identity remote address 192.0.2.0 255.255.255.0',
  ' authentication local pre-share',
  ' authentication remote pre-share',
  ' keyring local KR',
  ' lifetime 3600',
];

describe('GIVEN IKEv2 blocks that change', () => {
  it('WHEN one peer key changes THEN only that peer is replaced in the keyring, the step is secret, and the text plan masks the key', () => {
    const plan = planChanges(
      [config([...ring(`${KEY}x`), ...PROFILE])],
      [config([...ring(`${KEY}y`), ...PROFILE.slice(0, -1), ' lifetime 7200'])],
    );
    const steps = plan.routers[0]!.steps;
    expect(steps.map((s) => [s.phase, s.element, s.action, s.target])).toEqual([
      ['prepare', 'ikev2', 'change', 'crypto ikev2 keyring KR'],
      ['prepare', 'ikev2', 'change', 'crypto ikev2 profile PR'],
    ]);
    expect(steps[0]!.commands.filter((c) => c.includes('peer'))).toEqual([' no peer B1', ' peer B1']);
    expect(steps[0]!.secret).toBe(true);
    expect(steps[1]!.commands).toEqual(['crypto ikev2 profile PR', ' lifetime 7200', 'exit']);
    expect(formatPlanText(plan)).not.toContain(KEY);
  });

  it('WHEN the smart default proposal is removed and a policy added THEN both are planned', () => {
    const plan = planChanges(
      [config([])],
      [config(['no crypto ikev2 proposal default', 'crypto ikev2 policy POL', ' proposal P'])],
    );
    expect(plan.routers[0]!.steps.map((s) => s.commands[0])).toEqual([
      'no crypto ikev2 proposal default',
      'crypto ikev2 policy POL',
    ]);
  });
});
