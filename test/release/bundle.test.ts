/**
 * The build bundles dist/ (scripts/bundle.mjs) so that `import('hubspoke')` reads a few dozen files
 * instead of one per source module (issue 16: the per-module cost of Node's ESM loader was most of
 * the import time). Checks that can fail without a clock: the entry points are the package's,
 * every bundled file sits where code that resolves paths from its own module expects it, the root
 * imports few files, and what the entry points export is what the sources export.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { entryPoints } from '../../scripts/bundle.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The files a module's static imports reach, itself included (relative specifiers only). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm))
      visit(resolve(dirname(file), m[1]!));
  };
  visit(entry);
  return seen;
}

describe('bundled build', () => {
  it('GIVEN package.json WHEN its entry points are listed THEN they are the exports and bins under dist, once each', () => {
    expect(
      entryPoints({
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './x': { types: './dist/x/index.d.ts', default: './dist/x/index.js' },
          './schema/s.json': './schema/s.json',
          './package.json': './package.json',
        },
        bin: { tool: 'dist/cli/main.js', again: './dist/cli/main.js' },
      }),
    ).toEqual(['cli/main', 'index', 'x/index']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as unknown;
    expect(entryPoints(pkg)).toEqual(
      expect.arrayContaining(['index', 'verify/index', 'emulate/index', 'cdktf/index', 'cli/main']),
    );
  });

  it('GIVEN the build WHEN listed THEN dist/index.js is the only top-level script, the rest sit one folder down, and the declarations are all there', () => {
    const scripts = [...files(DIST)].filter((f) => f.endsWith('.js')).map((f) => relative(DIST, f));
    expect(scripts.filter((f) => f.split(sep).length !== 2)).toEqual(['index.js']);
    // tsc's per-module scripts are gone, its declarations stay.
    expect(existsSync(join(DIST, 'ir', 'ipv4.js'))).toBe(false);
    expect(existsSync(join(DIST, 'ir', 'ipv4.d.ts'))).toBe(true);
    expect(existsSync(join(DIST, 'index.d.ts'))).toBe(true);
  });

  it('GIVEN the build WHEN the root is imported THEN it reads few files, not one per source module', () => {
    const sources = [...files(join(ROOT, 'lib'))].filter((f) => f.endsWith('.ts')).length;
    const graph = staticGraph(join(DIST, 'index.js'));
    expect(sources).toBeGreaterThan(200);
    expect(graph.size).toBeLessThan(60);
  });

  it('GIVEN the built root WHEN imported THEN ir is a module namespace and the paths found from module locations resolve', () => {
    const code = `
      const m = await import(${JSON.stringify(pathToFileURL(join(DIST, 'index.js')).href)});
      const version = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(join(ROOT, 'package.json'))}, 'utf8')).version;
      console.log(JSON.stringify({
        ir: Object.prototype.toString.call(m.ir),
        extensible: Object.isExtensible(m.ir),
        shared: m.ir.parseCidr === m.parseCidr,
        names: [m.ValidationError.name, m.HubSpokeStack.name, m.Hub.name],
        version,
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      ir: '[object Module]',
      extensible: false,
      shared: true,
      names: ['ValidationError', 'HubSpokeStack', 'Hub'],
    });
    // hubspokeVersion reads ../../package.json from its module.
    const cli = spawnSync(process.execPath, [join(DIST, 'cli', 'main.js'), '--version'], { encoding: 'utf8' });
    expect(cli.stdout.trim()).toBe((JSON.parse(r.stdout) as { version: string }).version);
  });

  it('GIVEN the built CLI WHEN it imports a network THEN the round trip loads the stack against the built root (../index.js from its module)', () => {
    const out = mkdtempSync(join(tmpdir(), 'hubspoke-bundle-'));
    try {
      const configs = join(ROOT, 'test', 'fixtures', 'import', 'extra-lines');
      const r = spawnSync(
        process.execPath,
        [join(DIST, 'cli', 'main.js'), 'import', configs, '--out', join(out, 'stack.ts')],
        {
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readFileSync(join(out, 'stack.ts'), 'utf8')).toContain("from 'hubspoke'");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
