import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, main } from '../../lib/cli/main.js';
import { memoryIo } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');

describe('hubspoke dispatcher', () => {
  it('GIVEN --help WHEN run THEN every sub-command of the table is listed and the exit code is 0', async () => {
    const m = memoryIo();
    expect(await main(['--help'], m.io)).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(m.out()).toContain(`  ${name}`);
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(['emulate', 'ping', 'verify']));
  });

  it('GIVEN no command or an unknown one WHEN run THEN usage goes to stderr with exit code 2', async () => {
    const none = memoryIo();
    expect(await main([], none.io)).toBe(2);
    expect(none.err()).toMatch(/^usage: hubspoke <command>/);
    const bad = memoryIo();
    expect(await main(['frobnicate'], bad.io)).toBe(2);
    expect(bad.err()).toContain('unknown command "frobnicate"');
    const proto = memoryIo();
    expect(await main(['toString'], proto.io)).toBe(2);
  });

  it('GIVEN --version, -v or version WHEN run THEN the version of package.json is printed with exit code 0', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v', 'version']) {
      const m = memoryIo();
      expect(await main([flag], m.io)).toBe(0);
      expect(m.out()).toBe(`${pkg.version}\n`);
      expect(m.err()).toBe('');
    }
  });

  it('GIVEN a sub-command WHEN dispatched THEN its arguments reach it and its exit code is returned', async () => {
    const m = memoryIo();
    expect(await main(['ping', LAB, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1'], m.io)).toBe(
      0,
    );
    expect(m.out()).toContain('Success rate is 100 percent (5/5)');
    const h = memoryIo();
    expect(await main(['emulate', '--help'], h.io)).toBe(0);
    expect(h.out()).toMatch(/^usage: hubspoke emulate/);
  });
});
