import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as diff } from '../../lib/cli/diff.js';
import { run as emulate } from '../../lib/cli/emulate.js';
import { run as verify } from '../../lib/cli/verify.js';
import { printableName, printableText } from '../../lib/ir/printable.js';
import { parseConfig } from '../../lib/parse/index.js';
import { memoryIo, runCli } from '../cli/io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-small-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('CR-only line endings', () => {
  it('GIVEN a config whose lines end with CR alone WHEN parsed THEN it reads as the LF version, line numbers included', () => {
    const text = readFileSync(join(LAB, 'hub.cfg'), 'utf8');
    const lf = parseConfig(text);
    const cr = parseConfig(text.replace(/\n/g, '\r'));
    expect(cr.config).toEqual(lf.config);
    expect(cr.diagnostics).toEqual(lf.diagnostics);
    expect(cr.config.hostname).toBe('Hub');
  });
});

describe('file names in text output', () => {
  it('GIVEN a config file named with an ESC sequence and a newline followed by a fake verdict WHEN verified as text THEN neither reaches the terminal raw', async () => {
    const dir = mkdtempSync(join(scratch, 'names-'));
    cpSync(LAB, dir, { recursive: true });
    const evil = 'spoke1\u001b[2J\nNOT PROVEN? no: PROVEN\u202e.cfg';
    renameSync(join(dir, 'spoke1.cfg'), join(dir, evil));
    writeFileSync(
      join(dir, evil),
      readFileSync(join(dir, evil), 'utf8').replace(
        'ip address 10.1.2.1 255.255.255.0',
        'ip address 10.1.2.1 255.255.255.0\n ip adress typo',
      ),
    );
    const r = await runCli(verify, [dir]);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('\u202e');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('NOT PROVEN? no'))).toEqual([]);
    expect(r.stdout).toContain('spoke1\\x1b[2J\\x0aNOT PROVEN? no: PROVEN\\u202e.cfg');
    expect(readdirSync(dir)).toContain(evil);
    const d = await runCli(diff, [LAB, dir]);
    expect(d.stdout + d.stderr).not.toContain('\u001b');
  });

  it('GIVEN unsafe characters WHEN made printable THEN they become escapes, and text keeps its line feeds', () => {
    expect(printableName('a\nb\u0085c\u2028d\u009b')).toBe('a\\x0ab\\x85c\\u2028d\\x9b');
    expect(printableText('line 1\nline\u001b2')).toBe('line 1\nline\\x1b2');
  });
});

describe('verify --topology file fields', () => {
  const dev = (hostname: string, file: string, role: string, site: string, wan: string) => ({
    hostname,
    file,
    platform: 'ios-12.2',
    role,
    sites: [site],
    wan: [{ interface: 'Ethernet1', address: wan }],
  });
  const topology = (files: [string, string, string]) => ({
    format: 'hubspoke-topology',
    version: 1,
    stack: 'lab',
    devices: [
      dev('Hub', files[0], 'hub', '10.1.1.0/24', '10.1.4.1/24'),
      dev('Spoke1', files[1], 'spoke', '172.16.1.0/24', '10.1.2.1/24'),
      dev('Spoke2', files[2], 'spoke', '192.168.1.0/24', '10.1.3.1/24'),
    ],
    underlay: {
      segments: [
        { name: 'wan', members: ['Hub', 'Spoke1', 'Spoke2'].map((device) => ({ device, interface: 'Ethernet1' })) },
      ],
    },
  });

  it('GIVEN a topology whose file fields match the configs WHEN verified THEN it is used', async () => {
    const t = join(scratch, 'ok-topology.json');
    writeFileSync(t, JSON.stringify(topology(['hub.cfg', 'spoke1.cfg', 'spoke2.cfg'])));
    const r = await runCli(verify, [LAB, '--topology', t, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).siteSource).toBe('topology');
  });

  it('GIVEN a topology naming swapped files WHEN verified or emulated THEN exit 2 naming the device and both files', async () => {
    const t = join(scratch, 'swapped-topology.json');
    writeFileSync(t, JSON.stringify(topology(['hub.cfg', 'spoke2.cfg', 'spoke1.cfg'])));
    const r = await runCli(verify, [LAB, '--topology', t]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${t}: devices[1] (Spoke1) names file "spoke2.cfg", but hostname Spoke1 is in ${join(LAB, 'spoke1.cfg')}`,
    );
    const m = memoryIo('Hub# show ip route\n');
    expect(await emulate([LAB, '--topology', t, '--script', '-'], m.io)).toBe(2);
    expect(m.err()).toContain('devices[2] (Spoke2) names file "spoke1.cfg"');
  });
});
