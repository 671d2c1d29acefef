import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appendAll, compareText, maxOf, minOf } from '../../lib/ir/collections.js';

const LIB = join(import.meta.dirname, '..', '..', 'lib');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

/** `file:line: code` for every node of lib/ that `bad` flags. */
function scan(bad: (node: ts.Node) => boolean): string[] {
  const out: string[] = [];
  for (const file of sources(LIB)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (bad(node)) {
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.push(`${relative(LIB, file)}:${line + 1}: ${node.getText(sf).slice(0, 60)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Calls or `new` that spread an argument. */
const argumentSpread = (node: ts.Node): boolean => (ts.isCallExpression(node) || ts.isNewExpression(node)) && (node.arguments?.some(ts.isSpreadElement) ?? false);

/** Anything whose order or text depends on the process's locale. */
const localeDependent = (node: ts.Node): boolean =>
  (ts.isPropertyAccessExpression(node) && /^(localeCompare|toLocale\w*)$/.test(node.name.text)) || (ts.isIdentifier(node) && node.text === 'Intl');

describe('locale-independent output', () => {
  it('GIVEN the library sources WHEN scanned THEN nothing orders or formats by locale (localeCompare, toLocale*, Intl)', () => {
    expect(scan(localeDependent)).toEqual([]);
  });

  it('GIVEN names differing in case WHEN ordered THEN by code unit in every locale (B before a)', () => {
    expect(['a1', 'B1', 'b1', 'A1'].sort(compareText)).toEqual(['A1', 'B1', 'a1', 'b1']);
  });
});

describe('bounded stack: no argument spreading in lib/', () => {
  it('GIVEN the library sources WHEN scanned THEN no call spreads an array into its arguments (use appendAll, maxOf, minOf)', () => {
    expect(scan(argumentSpread)).toEqual([]);
  });

  it('GIVEN 500,000 items WHEN appended and reduced THEN the helpers answer without overflowing the stack', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(appendAll([-1], many)).toHaveLength(500_001);
    expect(maxOf(many)).toBe(499_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([], 3)).toBe(3);
  });
});
