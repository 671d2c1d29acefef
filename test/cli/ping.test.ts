import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/ping.js';
import { memoryIo } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
const SHARED_LAB = join(import.meta.dirname, '..', '..', '..', 'shared', 'seed-lab', 'two-spokes');

describe('hubspoke ping', () => {
  it("GIVEN the two-spoke lab WHEN Spoke1 pings Spoke2's LAN from its LAN THEN it prints 100 percent and exits 0", async () => {
    const m = memoryIo();
    const code = await run([LAB, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1'], m.io);
    expect(m.err()).toBe('');
    expect(m.out()).toContain('Success rate is 100 percent (5/5)');
    expect(m.out()).toContain('Packet sent with a source address of 172.16.1.1');
    expect(code).toBe(0);
  });

  it.skipIf(!existsSync(SHARED_LAB))(
    'GIVEN the shared seed lab (../shared/seed-lab, skipped when absent) WHEN pinged as in the docs THEN 100 percent, exit 0',
    async () => {
      const m = memoryIo();
      const code = await run(
        ['../shared/seed-lab/two-spokes', '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1'].map(
          (a) => (a.startsWith('../shared') ? SHARED_LAB : a),
        ),
        m.io,
      );
      expect(m.out()).toContain('Success rate is 100 percent (5/5)');
      expect(code).toBe(0);
    },
  );

  it('GIVEN a spoke LAN whose inbound list drops VPN traffic WHEN pinged --host from that LAN THEN the list applies (the router-sourced ping does not meet it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-ping-host-'));
    for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']) {
      let text = readFileSync(join(LAB, f), 'utf8');
      if (f === 'spoke1.cfg') {
        text = text
          .replace(
            ' ip address 172.16.1.1 255.255.255.0',
            ' ip address 172.16.1.1 255.255.255.0\n ip access-group 160 in',
          )
          .replace(
            /\nend\s*$/,
            '\naccess-list 160 deny ip any 192.168.1.0 0.0.0.255\naccess-list 160 permit ip any any\nend\n',
          );
      }
      writeFileSync(join(dir, f), text);
    }
    const router = memoryIo();
    expect(
      await run([dir, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1', '--repeat', '2'], router.io),
    ).toBe(0);
    const host = memoryIo();
    const code = await run(
      [dir, '--from', 'Spoke1', '--host', '172.16.1.10', '--to', '192.168.1.1', '--repeat', '2'],
      host.io,
    );
    expect(host.out()).toContain('Packet sent by host 172.16.1.10 on Ethernet0');
    expect(host.out()).toContain('Success rate is 0 percent (0/2)');
    expect(code).toBe(1);
    const both = memoryIo();
    expect(
      await run(
        [dir, '--from', 'Spoke1', '--host', '172.16.1.10', '--source', '172.16.1.1', '--to', '192.168.1.1'],
        both.io,
      ),
    ).toBe(2);
    expect(both.err()).toContain('--source or --host');
  });

  it('GIVEN a lab with a wrong key WHEN pinging THEN the ping fails and the exit code is 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-ping-'));
    for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']) {
      const text = readFileSync(join(LAB, f), 'utf8');
      writeFileSync(
        join(dir, f),
        f === 'hub.cfg' ? text.replace('key cisco123 address 10.1.2.1', 'key fake-other address 10.1.2.1') : text,
      );
    }
    const m = memoryIo();
    const code = await run(
      [dir, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '10.1.1.1', '--repeat', '3'],
      m.io,
    );
    expect(m.out()).toContain('...\nSuccess rate is 0 percent (0/3)\n');
    expect(m.out() + m.err()).not.toMatch(/cisco123|fake-other/);
    expect(code).toBe(1);
  });

  it('GIVEN bad usage WHEN run THEN it explains and exits 2 without a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [[LAB, '--to', '192.168.1.1'], /--from HOST is required/],
      [[LAB, '--from', 'Spoke1'], /--to IP is required/],
      [[LAB, '--from', 'Spoke1', '--to', 'nowhere'], /--to must be an IPv4 address/],
      [[LAB, '--from', 'Spoke1', '--to', '10.1.1.1', '--repeat', 'x'], /--repeat must be a whole number/],
      [[LAB, '--from', 'Nobody', '--to', '10.1.1.1'], /unknown device "Nobody" \(known: Hub, Spoke1, Spoke2\)/],
      [['/nonexistent/dir', '--from', 'Spoke1', '--to', '10.1.1.1'], /cannot read \/nonexistent\/dir: ENOENT/],
      [['--from', 'Spoke1', '--to', '10.1.1.1'], /give at least one config file or folder/],
      [[LAB, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const m = memoryIo();
      expect(await run(argv, m.io), argv.join(' ')).toBe(2);
      expect(m.err()).toMatch(message);
      expect(m.err()).not.toMatch(/\n\s+at /);
    }
  });

  it('GIVEN --help WHEN run THEN it prints the usage and exits 0', async () => {
    const m = memoryIo();
    expect(await run(['--help'], m.io)).toBe(0);
    expect(m.out()).toMatch(/^usage: hubspoke ping/);
  });
});

describe('hubspoke ping with --sites and --exclude', () => {
  it('GIVEN a site pair WHEN pinged THEN there is no note; GIVEN the destination excluded THEN a note says the proof is silent on it', async () => {
    const plain = memoryIo();
    await run([LAB, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1'], plain.io);
    expect(plain.err()).toBe('');
    const m = memoryIo();
    const code = await run(
      [LAB, '--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1', '--exclude', 'Spoke2:Ethernet0'],
      m.io,
    );
    expect(code).toBe(0);
    expect(m.err()).toContain('note: 192.168.1.1 is in no site');
    expect(m.err()).not.toContain('172.16.1.1');
  });

  it('GIVEN a malformed --sites item WHEN pinging THEN the exit code is 2 with a message naming it', async () => {
    const m = memoryIo();
    const code = await run([LAB, '--from', 'Spoke1', '--to', '192.168.1.1', '--sites', '172.16.1.0/40'], m.io);
    expect(code).toBe(2);
    expect(m.err()).toContain('--sites: "172.16.1.0/40"');
  });
});
