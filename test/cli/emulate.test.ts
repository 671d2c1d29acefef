import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/emulate.js';
import { memoryIo } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');

function script(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubspoke-emulate-'));
  const file = join(dir, 'script.txt');
  writeFileSync(file, text);
  return file;
}

describe('hubspoke emulate', () => {
  it('GIVEN a script that pings spoke to spoke WHEN run THEN the hub lists 2 IKE and 4 IPsec connections counting the packets', async () => {
    const m = memoryIo();
    const code = await run(
      [
        LAB,
        '--script',
        script(
          [
            '! the reference lab test',
            'Spoke1# ping 192.168.1.1 source 172.16.1.1',
            '',
            'Hub# show crypto engine connections active',
          ].join('\n'),
        ),
      ],
      m.io,
    );
    expect(m.err()).toBe('');
    expect(code).toBe(0);
    const out = m.out();
    expect(out).toMatch(/^Spoke1#ping 192\.168\.1\.1 source 172\.16\.1\.1\nType escape sequence to abort\./);
    expect(out).toContain('Success rate is 100 percent (5/5)');
    const table = out.slice(out.indexOf('Hub#show crypto engine connections active\n'));
    const rows = table
      .split('\n')
      .slice(2)
      .filter((l) => /^\d+\s/.test(l));
    expect(rows).toHaveLength(6);
    const ike = rows.filter((r) => Number(r.split(/\s+/)[0]) < 2000);
    const ipsec = rows
      .filter((r) => Number(r.split(/\s+/)[0]) >= 2000)
      .map((r) => r.split(/\s+/).slice(-2).map(Number));
    expect(ike).toHaveLength(2);
    expect(ipsec).toEqual([
      [0, 5],
      [5, 0],
      [0, 5],
      [5, 0],
    ]);
  });

  it('GIVEN a script on standard input WHEN --script - is used THEN it is read from stdin', async () => {
    const m = memoryIo('Hub# show ip route\n');
    expect(await run([LAB, '--script', '-'], m.io)).toBe(0);
    expect(m.out()).toContain('Hub#show ip route\nCodes: C - connected');
  });

  it('GIVEN an invalid command or an unknown device WHEN run THEN the transcript continues and the exit code is 1', async () => {
    const m = memoryIo();
    const code = await run(
      [
        LAB,
        '--script',
        script('Hub# show crypto nonsense\nGhost# show ip route\nSpoke1# show crypto isakmp sa\nno prompt here\n'),
      ],
      m.io,
    );
    expect(code).toBe(1);
    expect(m.out()).toContain("Hub#show crypto nonsense\n                ^\n% Invalid input detected at '^' marker.\n");
    expect(m.out()).toContain('Spoke1#show crypto isakmp sa\n');
    expect(m.err()).toMatch(/:2: unknown device "Ghost" \(known: Hub, Spoke1, Spoke2\)/);
    expect(m.err()).toMatch(/:4: expected "Hostname# command"/);
  });

  it('GIVEN bad usage or unreadable input WHEN run THEN it exits 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [[LAB], /--script is required/],
      [['--script', '-'], /give at least one config file or folder/],
      [[LAB, '--script', '/nonexistent/script'], /cannot read script \/nonexistent\/script: ENOENT/],
      [['/nonexistent/lab', '--script', script('Hub# show ip route')], /cannot read \/nonexistent\/lab/],
      [
        [LAB, '--script', script('Hub# show ip route'), '--topology', '/nonexistent/topology.json'],
        /cannot read topology/,
      ],
    ];
    for (const [argv, message] of cases) {
      const m = memoryIo();
      expect(await run(argv, m.io), argv.join(' ')).toBe(2);
      expect(m.err()).toMatch(message);
    }
  });

  it('GIVEN debug commands in the script WHEN a negotiation runs THEN the transcript shows the debug lines and never the key', async () => {
    const m = memoryIo();
    await run(
      [
        LAB,
        '--script',
        script(
          'Hub# debug crypto isakmp\nSpoke1# ping 10.1.1.1 source 172.16.1.1\nHub# show crypto isakmp sa\nHub# show running-config\n',
        ),
      ],
      m.io,
    );
    expect(m.out()).toContain('Hub#debug crypto isakmp\nCrypto ISAKMP debugging is on\n');
    // The hub's side of the negotiation follows the ping that caused it.
    expect(m.out()).toMatch(
      /Success rate is 100 percent \(5\/5\)[^\n]*\n\[Hub console\]\n\*Mar  1 [\d:.]+: ISAKMP \(0:0\): received packet from 10\.1\.2\.1 \(N\) NEW SA/,
    );
    expect(m.out()).toContain('found peer pre-shared key matching 10.1.2.1');
    expect(m.out()).toContain('crypto isakmp key <redacted> address 10.1.2.1\n');
    expect(m.out()).not.toContain('cisco123');
  });
});
