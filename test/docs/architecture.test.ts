/**
 * The architecture the README describes is the tree: every folder of lib/ (and of lib/verify) is in
 * the README's tree and nothing else is, and imports between folders go only the documented ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const LIB = join(ROOT, 'lib');

/** Which folders each folder may import (besides itself); `(root)` is lib/index.ts. */
const ALLOWED: Record<string, readonly string[]> = {
  '(root)': ['app', 'constructs', 'import', 'ir', 'parse', 'patterns', 'render', 'repair'],
  ir: [],
  constructs: ['ir'],
  patterns: ['constructs', 'ir'],
  render: ['ir'],
  parse: ['ir'],
  rules: ['ir'],
  emulate: ['ir', 'rules'],
  verify: ['ir', 'parse', 'rules'],
  report: ['ir', 'rules', 'verify'],
  plan: ['ir', 'render', 'rules', 'verify'],
  repair: ['ir', 'parse', 'plan', 'render', 'rules', 'verify'],
  harness: ['verify'],
  app: ['constructs', 'harness', 'ir', 'parse', 'patterns', 'render', 'report', 'verify'],
  testing: ['app', 'constructs', 'ir', 'parse', 'verify'],
  cdktf: ['app', 'constructs', 'ir', 'parse', 'render'],
  import: ['app', 'constructs', 'ir', 'parse', 'patterns', 'plan', 'render', 'repair', 'verify'],
  cli: ['(root)', 'app', 'emulate', 'import', 'ir', 'parse', 'plan', 'repair', 'report', 'verify'],
};

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

/** The stage folder of a path under lib/ (`(root)` for files directly in lib/). */
function stage(path: string): string {
  const parts = relative(LIB, path).split(/[\\/]/);
  return parts.length === 1 ? '(root)' : parts[0]!;
}

function readmeTree(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```\nlib\/\n([\s\S]*?)```/.exec(readme);
  expect(block, 'README has a ```lib/ tree block').not.toBeNull();
  return block![1]!
    .split('\n')
    .map((l) => /^(\s+)([a-z-]+)\/\s/.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m![1]!.length > 2 ? 'verify/' : ''}${m![2]}`);
}

describe('architecture', () => {
  it("GIVEN the README tree WHEN compared with lib/ THEN it names exactly the stage folders and verify's sub-folders", () => {
    const expected = [...folders(LIB), ...folders(join(LIB, 'verify')).map((f) => `verify/${f}`)].sort();
    expect(readmeTree().sort()).toEqual(expected);
  });

  it('GIVEN every module of lib/ WHEN its relative imports are resolved THEN each crosses only to a folder its stage may import', () => {
    const stages = new Set([...folders(LIB), '(root)']);
    for (const s of stages)
      expect(ALLOWED[s], `lib/${s} has no entry in ALLOWED (add it, and to the README)`).toBeDefined();
    const bad: string[] = [];
    for (const file of sources(LIB)) {
      const from = stage(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const to = stage(normalize(join(dirname(file), m[1]!)));
        if (to !== from && !ALLOWED[from]!.includes(to))
          bad.push(`${relative(ROOT, file)} imports ${m[1]} (${from} -> ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });
});
