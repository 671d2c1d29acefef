/**
 * The packed-tarball check (scripts/pack-check.mjs) as a user would meet the package: packed,
 * installed into an empty project from the tarball, imported through every subpath with `import`
 * and `require`, its CLI run, and the README's stack synthesized and proven by the installed CLI.
 * Needs the npm registry for the tarball's dependencies, like `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { expectedTypesVersions, readmeStack, unexpectedFiles } from '../../scripts/pack-check.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

describe('packed tarball', () => {
  it('GIVEN file lists WHEN checked THEN only build output, docs and licence pass', () => {
    expect(
      unexpectedFiles([
        'package.json',
        'README.md',
        'API.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.js.map',
        'schema/topology.schema.json',
      ]),
    ).toEqual([]);
    expect(
      unexpectedFiles(['lib/index.ts', 'test/x.test.ts', 'dist/x.test.js', '.env', 'cdk.out/Hub.cfg']),
    ).toHaveLength(5);
  });

  it("GIVEN the README WHEN its stack is extracted THEN it is the 'A stack' example that imports hubspoke", () => {
    const code = readmeStack("# x\n## A stack\n\n```ts\nimport { App } from 'hubspoke';\n```\n") as string;
    expect(code).toContain("from 'hubspoke'");
    expect(() => readmeStack('# nothing here')).toThrow(/A stack/);
  });

  it('GIVEN package.json WHEN its typesVersions is read THEN every subpath export has its types there, for TypeScript without exports support', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      typesVersions: unknown;
    };
    expect(pkg.typesVersions).toEqual(expectedTypesVersions(pkg.exports));
    expect(
      expectedTypesVersions({
        '.': { types: './a.d.ts' },
        './x': { types: './dist/x/index.d.ts' },
        './package.json': './package.json',
      }),
    ).toEqual({ '*': { x: ['./dist/x/index.d.ts'] } });
  });

  // npm install of the tarball's dependencies takes seconds on a quiet machine and minutes on a
  // loaded one: a generous limit, since this test is about what works, not how fast.
  it(
    'GIVEN the built package WHEN packed, installed, imported, run and synthesized THEN every step passes',
    { timeout: 600_000 },
    () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-check.mjs')], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const s of [
        'npm pack',
        'import every subpath (ESM)',
        'require every subpath (CommonJS)',
        'TypeScript 5 resolves every subpath',
        'npx hubspoke --version',
        "synthesize the README's stack",
        'npx hubspoke init',
        "the new project's npm test",
        'npx hubspoke synth in the new project',
      ]) {
        expect(r.stdout).toContain(`ok   ${s}`);
      }
    },
  );
});
