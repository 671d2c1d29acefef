import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appendAll, maxOf, minOf } from '../../lib/ir/collections.js';

const LIB = join(import.meta.dirname, '..', '..', 'lib');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

/** `file:line: call` for every call or `new` that spreads an argument. */
function argumentSpreads(): string[] {
  const out: string[] = [];
  for (const file of sources(LIB)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.push(`${relative(LIB, file)}:${line + 1}: ${node.getText(sf).slice(0, 60)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe('bounded stack: no argument spreading in lib/', () => {
  it('GIVEN the library sources WHEN scanned THEN no call spreads an array into its arguments (use appendAll, maxOf, minOf)', () => {
    expect(argumentSpreads()).toEqual([]);
  });

  it('GIVEN 500,000 items WHEN appended and reduced THEN the helpers answer without overflowing the stack', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(appendAll([-1], many)).toHaveLength(500_001);
    expect(maxOf(many)).toBe(499_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([], 3)).toBe(3);
  });
});
