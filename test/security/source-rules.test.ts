import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { appendAll, compareText, maxOf, minOf } from '../../lib/ir/collections.js';

// The rules themselves are lint rules over lib/ (eslint.config.js, `npm run lint`); these tests
// show that the configuration really flags what they forbid, in lib/ and only there.
const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** `line: message` for every source-rule finding in `code` linted as if it were the file `path`. */
async function findings(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => `${m.line}: ${m.message.split(':')[0]}`);
}

describe('locale-independent output', () => {
  it('GIVEN library code that orders or formats by locale WHEN linted THEN each use is an error (localeCompare, toLocale*, Intl)', async () => {
    const code = [
      'export const a = (x: string[]) => x.sort((p, q) => p.localeCompare(q));',
      'export const b = (n: number) => n.toLocaleString();',
      "export const c = new Intl.NumberFormat('en').format(1);",
      'export const d = (x: string[]) => x.sort();',
    ].join('\n');
    expect(await findings(code, 'lib/report/example.ts')).toEqual([
      '1: Locale-dependent',
      '2: Locale-dependent',
      '3: Locale-dependent',
    ]);
  });

  it('GIVEN names differing in case WHEN ordered THEN by code unit in every locale (B before a)', () => {
    expect(['a1', 'B1', 'b1', 'A1'].sort(compareText)).toEqual(['A1', 'B1', 'a1', 'b1']);
  });
});

describe('bounded stack: no argument spreading in lib/', () => {
  const code = [
    'export function f(out: number[], xs: number[]): number {',
    '  out.push(...xs);',
    '  new Set(...[xs]);',
    '  f?.(...[out, xs]);',
    '  const copy = [...xs];',
    '  const o = { ...{ a: 1 } };',
    '  return Math.max(...copy, o.a);',
    '}',
  ].join('\n');

  it('GIVEN library code WHEN linted THEN every call or `new` that spreads into its arguments is an error, array and object literals are not', async () => {
    expect(await findings(code, 'lib/rules/example.ts')).toEqual([
      '2: No argument spreading in lib/',
      '3: No argument spreading in lib/',
      '4: No argument spreading in lib/',
      '7: No argument spreading in lib/',
    ]);
  });

  it('GIVEN the same code in a test WHEN linted THEN it passes (tests spread bounded fixtures)', async () => {
    expect(await findings(code, 'test/rules/example.test.ts')).toEqual([]);
  });

  it('GIVEN 500,000 items WHEN appended and reduced THEN the helpers answer without overflowing the stack', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(appendAll([-1], many)).toHaveLength(500_001);
    expect(maxOf(many)).toBe(499_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([], 3)).toBe(3);
  });
});

describe('the rules run with the tests', () => {
  it('GIVEN package.json WHEN read THEN npm test runs the linter before vitest (CI runs npm test)', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.lint).toMatch(/^eslint\b/);
    expect(scripts.test).toMatch(/npm run lint\b.*&& vitest run$/);
  });
});
