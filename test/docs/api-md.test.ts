/**
 * API.md (scripts/api-docs.mjs) documents each symbol once: a symbol that several subpaths export
 * is printed in the first section and referenced from the others, and the table of contents links
 * every export of every subpath (its anchors are checked with the other links of the shipped
 * Markdown in package-links.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const api = readFileSync(join(ROOT, 'API.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};

describe('API.md', () => {
  it('GIVEN the generated reference WHEN its symbol headings are listed THEN none is printed twice', () => {
    const headings = [...api.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    expect(headings.length).toBeGreaterThan(100);
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });

  it('GIVEN the table of contents WHEN read THEN it has one line per subpath export, each listing its symbols', () => {
    const contents = api.slice(api.indexOf('## Contents'), api.indexOf('\n## `'));
    // Code subpaths only: the data ones (package.json, the topology JSON Schema) have no API.
    const subpaths = Object.entries(pkg.exports)
      .filter(([, target]) => typeof target === 'object' && target !== null && 'types' in target)
      .map(([k]) => (k === '.' ? pkg.name : `${pkg.name}${k.slice(1)}`));
    const lines = contents.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => /^- \[`([^`]+)`\]/.exec(l)?.[1])).toEqual(subpaths);
    for (const l of lines) expect(l.split('](#').length).toBeGreaterThan(3);
  });

  it('GIVEN a symbol two subpaths export WHEN documented THEN the second section points at the first', () => {
    expect(api.match(/^### const REDACTED$/gm)).toHaveLength(1);
    expect(api).toContain('- `REDACTED`: the same as [`REDACTED` in `hubspoke/report`](#const-redacted).');
  });
});
