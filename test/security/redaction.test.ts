import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { run as diff } from '../../lib/cli/diff.js';
import { run as emulate } from '../../lib/cli/emulate.js';
import { run as verify } from '../../lib/cli/verify.js';
import { redactConfigText, redactLine } from '../../lib/ir/secrets.js';
import { memoryIo, runCli } from '../cli/io.js';
import { everyForm, withForms, type SecretForm } from './secret-forms.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-redaction-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

let n = 0;
/** A copy of the lab whose hub carries the forms. */
function labWith(forms: readonly SecretForm[]): string {
  const dir = join(scratch, `lab-${(n += 1)}`);
  cpSync(LAB, dir, { recursive: true });
  const hub = join(dir, 'hub.cfg');
  writeFileSync(hub, withForms(readFileSync(hub, 'utf8'), forms));
  return dir;
}

describe('redaction by classification', () => {
  it('GIVEN a line of any secret-bearing form WHEN masked alone or in its block THEN its secret is gone', () => {
    fc.assert(
      fc.property(everyForm, ({ forms, secrets }) => {
        for (const [i, f] of forms.entries()) {
          const alone = f.lines.map((l) => redactLine(l)).join('\n');
          expect(leaks(alone, [secrets[i]!]), `${f.name}: ${alone}`).toEqual([]);
          const block = redactConfigText(f.lines.join('\n'));
          expect(leaks(block, [secrets[i]!]), `${f.name}: ${block}`).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN configs holding every form WHEN diffed (text and JSON) THEN no secret is printed and JSON targets are masked', async () => {
    await fc.assert(
      fc.asyncProperty(everyForm, everyForm, async (before, after) => {
        const oldDir = labWith(before.forms);
        const newDir = labWith(after.forms);
        const secrets = [...before.secrets, ...after.secrets];
        for (const format of ['text', 'json']) {
          const r = await runCli(diff, [oldDir, newDir, '--format', format]);
          expect(r.code, r.stderr).toBe(1);
          expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
          if (format === 'json') expect(JSON.parse(r.stdout).redacted).toBe(true);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('GIVEN a network holding every form WHEN emulated (show running-config, debug, ping) THEN no secret is printed', async () => {
    await fc.assert(
      fc.asyncProperty(everyForm, async ({ forms, secrets }) => {
        const dir = labWith(forms);
        const script = [
          'Hub# show running-config',
          'Hub# debug crypto isakmp',
          'Hub# debug crypto ipsec',
          'Spoke1# debug crypto isakmp',
          'Spoke1# ping 192.168.1.1 source 172.16.1.1',
          'Hub# show crypto isakmp sa',
          'Hub# show crypto ipsec sa',
        ].join('\n');
        const m = memoryIo(script);
        await emulate([dir, '--script', '-'], m.io);
        expect(m.out()).toContain('show running-config');
        expect(m.out()).toContain('<redacted>');
        expect(leaks(m.out() + m.err(), secrets)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });

  it('GIVEN a network holding every form WHEN verified in every format with a report THEN no output holds a secret', async () => {
    await fc.assert(
      fc.asyncProperty(everyForm, async ({ forms, secrets }) => {
        const dir = labWith(forms);
        const report = join(dir, 'report.html');
        for (const format of ['text', 'json', 'junit', 'sarif']) {
          const r = await runCli(verify, [dir, '--format', format, ...(format === 'text' ? ['--report', report] : [])]);
          expect(leaks(r.stdout + r.stderr, secrets), format).toEqual([]);
        }
        expect(leaks(readFileSync(report, 'utf8'), secrets)).toEqual([]);
      }),
      { numRuns: 3 },
    );
  });

  it('GIVEN malformed secret lines WHEN diffed, verified and emulated THEN the error messages hold no secret', async () => {
    await fc.assert(
      fc.asyncProperty(everyForm, async ({ forms, secrets }) => {
        // Every form, each followed by a broken variant the parser reports (bad address, stray words).
        const broken = forms.map((f, i) => ({
          ...f,
          lines: [
            ...f.lines,
            ...(f.where === 'global'
              ? [
                  `crypto isakmp key ${secrets[i]} address 999.1.1.${i}`,
                  `crypto isakmp key ${secrets[i]} address 10.7.7.${i} junk words`,
                  // Keyring lines IOS refuses: bad address, bad mask, stray words, no `key` keyword.
                  `crypto keyring BAD${i}`,
                  ` pre-shared-key address 999.1.1.${i} key ${secrets[i]}`,
                  ` pre-shared-key address 10.9.9.${i} 255.0.255.0 key ${secrets[i]}`,
                  ` pre-shared-key address 10.8.8.${i} key ${secrets[i]} stray words`,
                  ` pre-shared-key address 10.7.7.${i} ${secrets[i]}`,
                ]
              : []),
          ],
        }));
        const dir = labWith(broken);
        const outputs = [
          await runCli(diff, [LAB, dir]),
          await runCli(verify, [dir]),
          await runCli(emulate, [dir, '--script', join(dir, 'missing-script')]),
        ];
        const m = memoryIo('Hub# show running-config\nHub# show crypto isakmp key\n');
        await emulate([dir, '--script', '-'], m.io);
        for (const r of outputs) expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
        expect(leaks(m.out() + m.err(), secrets)).toEqual([]);
      }),
      { numRuns: 3 },
    );
  });
});
