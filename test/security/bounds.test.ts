import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SCRIPT_BYTES, MAX_SCRIPT_COMMANDS, run as emulate } from '../../lib/cli/emulate.js';
import { run as ping } from '../../lib/cli/ping.js';
import { MAX_PING_REPEAT } from '../../lib/emulate/ping.js';
import { emptyRouterConfig, type AclRule, type RouterConfig } from '../../lib/ir/router-config.js';
import { formatPlanJson, formatPlanText, planChanges } from '../../lib/plan/index.js';
import { memoryIo, runCli } from '../cli/io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-bounds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function withAcl(lines: number): RouterConfig {
  const entries: AclRule[] = [];
  for (let i = 0; i < lines; i += 1) {
    const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    entries.push({
      kind: 'rule',
      action: 'permit',
      protocol: 'ip',
      source: { kind: 'host', address: host },
      destination: { kind: 'any' },
    });
  }
  return {
    ...emptyRouterConfig('Hub', 'ios-15'),
    accessLists: [{ name: '150', type: 'extended', numbered: true, entries }],
  };
}

describe('bounded work', () => {
  it('GIVEN a plan of 200,000 commands WHEN printed as text and JSON THEN both complete (no argument spreading overflows the stack)', () => {
    const plan = planChanges(
      [{ config: emptyRouterConfig('Hub', 'ios-15'), file: 'old/hub.cfg' }],
      [{ config: withAcl(200_000), file: 'new/hub.cfg' }],
    );
    expect(plan.summary.commands).toBeGreaterThanOrEqual(200_000);
    const text = formatPlanText(plan);
    expect(text).toContain('access-list 150 permit ip host 10.3.13.63 any');
    expect(text.split('\n').length).toBeGreaterThan(200_000);
    expect(JSON.parse(formatPlanJson(plan)).summary.commands).toBe(plan.summary.commands);
  }, 120_000);

  it('GIVEN a ping over the emulator limit WHEN run from a script THEN it is refused with the limit, not run for hours', async () => {
    const m = memoryIo(
      `Spoke1# ping 192.168.1.1 repeat ${MAX_PING_REPEAT + 1}\nSpoke1# ping 192.168.1.1 repeat 2147483647\n`,
    );
    expect(await emulate([LAB, '--script', '-'], m.io)).toBe(1);
    expect(m.out()).toContain(`repeat count ${MAX_PING_REPEAT + 1} is outside 1-${MAX_PING_REPEAT}`);
    expect(m.out()).toContain('repeat count 2147483647 is outside');
    const r = await runCli(ping, [LAB, '--from', 'Spoke1', '--to', '192.168.1.1', '--repeat', '2147483647']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`from 1 to ${MAX_PING_REPEAT}`);
  });

  it('GIVEN 20,000 echos WHEN summarised THEN min/avg/max are computed by a loop and printed', async () => {
    const m = memoryIo('Spoke1# ping 192.168.1.1 source 172.16.1.1 repeat 20000\n');
    expect(await emulate([LAB, '--script', '-'], m.io)).toBe(0);
    expect(m.out()).toContain('Success rate is 100 percent (20000/20000), round-trip min/avg/max = 64/64/68 ms');
  });

  it('GIVEN scripts over the documented limits WHEN emulated THEN they are refused naming the limit, before any network is built', async () => {
    const many = join(scratch, 'many.txt');
    writeFileSync(many, 'Hub# show ip route\n'.repeat(MAX_SCRIPT_COMMANDS + 1));
    const r1 = await runCli(emulate, [LAB, '--script', many]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`${MAX_SCRIPT_COMMANDS + 1} commands (limit ${MAX_SCRIPT_COMMANDS})`);
    const big = join(scratch, 'big.txt');
    writeFileSync(big, `! ${'x'.repeat(MAX_SCRIPT_BYTES)}\n`);
    const r2 = await runCli(emulate, [LAB, '--script', big]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`(limit ${MAX_SCRIPT_BYTES})`);
    expect(r1.stdout + r2.stdout).toBe('');
  });

  it('GIVEN a script with CR-only line endings WHEN emulated THEN each command runs', async () => {
    const m = memoryIo('Hub# show ip route\rSpoke1# show ip route\r');
    expect(await emulate([LAB, '--script', '-'], m.io)).toBe(0);
    expect(m.out()).toContain('Hub#show ip route');
    expect(m.out()).toContain('Spoke1#show ip route');
  });
});
