import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { run as diff } from '../../lib/cli/diff.js';
import { runCli } from '../cli/io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-ws-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Re-types every line with other separators and trailing blanks (indentation kept). */
function retype(text: string, gaps: readonly string[]): string {
  let k = 0;
  const gap = (): string => gaps[(k += 1) % gaps.length]!;
  return text
    .split('\n')
    .map((line) => {
      const body = line.trimStart();
      if (body === '' || body.startsWith('!') || body.startsWith('banner')) return line;
      return `${line.slice(0, line.length - body.length)}${body.split(' ').join(gap())}${gap()}`;
    })
    .join('\n');
}

describe('diff compares lines as IOS stores them', () => {
  it('GIVEN ip  classless (two spaces) against ip classless WHEN diffed THEN nothing is planned', async () => {
    const dir = join(scratch, 'two-spaces');
    cpSync(LAB, dir, { recursive: true });
    const hub = join(dir, 'hub.cfg');
    writeFileSync(hub, readFileSync(hub, 'utf8').replace('ip classless', 'ip  classless\t '));
    const r = await runCli(diff, [LAB, dir]);
    expect(r.stdout).not.toContain('no ip classless');
    expect(r.code).toBe(0);
  });

  it('GIVEN every line re-typed with spaces, tabs and trailing blanks WHEN diffed both ways THEN no router changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[ \t]{1,3}$/), { minLength: 1, maxLength: 5 }), async (gaps) => {
        const dir = mkdtempSync(join(scratch, 'retyped-'));
        for (const f of readdirSync(LAB))
          writeFileSync(
            join(dir, f),
            retype(
              readFileSync(join(LAB, f), 'utf8'),
              gaps.map((g) => ` ${g}`),
            ),
          );
        for (const [a, b] of [
          [LAB, dir],
          [dir, LAB],
        ] as const) {
          const r = await runCli(diff, [a!, b!]);
          expect(r.stderr).toBe('');
          expect(r.stdout).not.toMatch(/: changed|: new|: removed/);
          expect(r.code).toBe(0);
        }
      }),
      { numRuns: 5 },
    );
  });
});
