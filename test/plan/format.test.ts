import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { formatPlanJson, formatPlanText, planChanges, redactCommand, type PlanInput } from '../../lib/plan/index.js';

const KEY_A = 'fake-psk-a-not-real';
const KEY_B = 'fake-psk-b-not-real';

function spoke(key: string | undefined): PlanInput {
  const text = `version 15.7
hostname S1
${key ? `crypto isakmp key ${key} address 10.1.4.1\n` : ''}interface GigabitEthernet1
 ip address 10.1.2.1 255.255.255.0
end
`;
  return { ...parseConfig(text, { file: 's1.cfg' }), file: 's1.cfg' };
}

describe('plan formatters', () => {
  it('GIVEN key commands WHEN redacted THEN the key is replaced and the rest of the command kept', () => {
    expect(redactCommand(`crypto isakmp key ${KEY_A} address 10.1.4.1`)).toBe(
      'crypto isakmp key <redacted> address 10.1.4.1',
    );
    expect(redactCommand(`no crypto isakmp key 6 ${KEY_A} address 0.0.0.0 0.0.0.0`)).toBe(
      'no crypto isakmp key 6 <redacted> address 0.0.0.0 0.0.0.0',
    );
    expect(redactCommand(`enable secret 5 ${KEY_A}`)).toBe('enable secret 5 <redacted>');
  });

  it('GIVEN a plan that adds and removes keys WHEN printed as text or JSON THEN no key appears unless secrets are asked for', () => {
    const plan = planChanges([spoke(KEY_A)], [spoke(KEY_B)]);
    const remove = planChanges([spoke(KEY_A)], [spoke(undefined)]);
    for (const p of [plan, remove]) {
      for (const out of [formatPlanText(p), formatPlanJson(p)]) {
        expect(out).not.toContain(KEY_A);
        expect(out).not.toContain(KEY_B);
        expect(out).toContain('<redacted>');
      }
    }
    expect(JSON.parse(formatPlanJson(plan)).redacted).toBe(true);
    expect(formatPlanText(plan, { showSecrets: true })).toContain(`crypto isakmp key ${KEY_B} address 10.1.4.1`);
    expect(formatPlanText(remove, { showSecrets: true })).toContain(`no crypto isakmp key ${KEY_A} address 10.1.4.1`);
    expect(JSON.parse(formatPlanJson(plan, { showSecrets: true })).redacted).toBe(false);
  });

  it('GIVEN a changed router WHEN printed as text THEN its commands sit between configure terminal and end with phase comments', () => {
    const text = formatPlanText(planChanges([spoke(undefined)], [spoke(KEY_A)]));
    const lines = text.split('\n');
    const start = lines.indexOf('configure terminal');
    expect(lines.slice(start, start + 5)).toEqual([
      'configure terminal',
      '! --- prepare ---',
      '! add a pre-shared key for 10.1.4.1/32',
      'crypto isakmp key <redacted> address 10.1.4.1',
      'end',
    ]);
    expect(text).toMatch(/Plan: 1 changed, 0 new, 0 removed, 0 unchanged router\(s\); 1 command\(s\)\./);
  });
});

describe('plan text for large networks', () => {
  it('GIVEN more than 50 unchanged routers WHEN printed THEN they are counted, not listed', () => {
    const many = Array.from({ length: 60 }, (_, i) => {
      const text = `version 15.7\nhostname R${i}\nend\n`;
      return { ...parseConfig(text, { file: `r${i}.cfg` }), file: `r${i}.cfg` };
    });
    const text = formatPlanText(planChanges(many, many));
    expect(text).toContain('= 60 routers unchanged');
    expect(text).not.toContain('R1: unchanged');
  });
});
