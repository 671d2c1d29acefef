import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { formatPlanText, planChanges, type PlanInput } from '../../lib/plan/index.js';

const config = (lines: string[]): PlanInput => ({
  ...parseConfig(['version 15.7', 'hostname Hub', ...lines, 'end'].join('\n'), { file: 'hub.cfg' }),
  file: 'hub.cfg',
});
const ENTRY = ['crypto map VPN 10 ipsec-isakmp', ' set peer 192.0.2.11', ' set transform-set TS', ' match address 110'];
const KEY = 'fake-Key-0123456789abcd';

describe('GIVEN a hub moving its keys into a keyring and an ISAKMP profile', () => {
  const before = config([
    `crypto isakmp key ${KEY} address 192.0.2.11`,
    'crypto isakmp keepalive 10 3 periodic',
    ...ENTRY,
  ]);
  const after = config([
    'crypto keyring KR',
    ` pre-shared-key address 192.0.2.11 key ${KEY}`,
    'crypto isakmp keepalive 30',
    'crypto isakmp profile P',
    ' keyring KR',
    ' match identity address 192.0.2.11 255.255.255.255',
    ...ENTRY.slice(0, 3),
    ' set isakmp-profile P',
    ENTRY[3]!,
  ]);

  it('WHEN planned THEN keyring and profile come before the entry that names them, the old key goes after, and keepalive is one command', () => {
    const steps = planChanges([before], [after]).routers[0]!.steps;
    expect(steps.map((s) => [s.phase, s.element, s.action])).toEqual([
      ['prepare', 'global', 'change'],
      ['prepare', 'keyring', 'add'],
      ['prepare', 'isakmp-profile', 'add'],
      ['apply', 'crypto-map-entry', 'change'],
      ['cleanup', 'isakmp-key', 'remove'],
    ]);
    expect(steps[0]!.commands).toEqual(['crypto isakmp keepalive 30']);
    expect(steps[1]!.commands).toEqual(['crypto keyring KR', ` pre-shared-key address 192.0.2.11 key ${KEY}`, 'exit']);
    expect(steps[1]!.secret).toBe(true);
    expect(steps[3]!.commands).toEqual(['crypto map VPN 10 ipsec-isakmp', ' set isakmp-profile P', 'exit']);
  });

  it('WHEN the plan is printed THEN the keyring key is redacted', () => {
    expect(formatPlanText(planChanges([before], [after]))).not.toContain(KEY);
  });

  it('WHEN a keyring key changes and the global keepalive is removed THEN the key line replaces the old one and the keepalive is reset with its bare no form', () => {
    const next = config([
      'crypto keyring KR',
      ' pre-shared-key address 192.0.2.11 key fake-Other-0123456789ab',
      'crypto isakmp profile P',
      ' keyring KR',
      ' match identity address 192.0.2.11 255.255.255.255',
      ...ENTRY.slice(0, 3),
      ' set isakmp-profile P',
      ENTRY[3]!,
    ]);
    const steps = planChanges([after], [next]).routers[0]!.steps;
    expect(steps.map((s) => s.commands)).toEqual([
      ['crypto keyring KR', ' pre-shared-key address 192.0.2.11 key fake-Other-0123456789ab', 'exit'],
      ['no crypto isakmp keepalive'],
    ]);
  });
});
