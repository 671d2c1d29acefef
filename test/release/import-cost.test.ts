/**
 * `import('hubspoke')` stays cheap (issue 16: under 300 ms, measured by `npm run bench`, never
 * here): zod, ip-num and cli-progress load on first use (lib/ir/lazy.ts, lib/ir/zod.ts), not at
 * import. Two checks that can fail without a clock: no library module imports them statically,
 * and importing each entry point of the build loads none of them (a schema or mask table built at
 * the top level of a module would).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const LAZY = ['zod', 'ip-num', 'cli-progress'];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

describe('import cost', () => {
  it('GIVEN the library sources WHEN scanned THEN zod, ip-num and cli-progress are imported for types only', () => {
    const eager = new RegExp(`^import (?!type )[^;]*from '(${LAZY.join('|')})'`, 'm');
    const found = [...sources(join(ROOT, 'lib'))]
      .filter((f) => eager.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(found).toEqual([]);
  });

  it('GIVEN the build WHEN each entry point is imported THEN none of the lazily loaded packages is loaded', () => {
    const entries = [
      'index.js',
      'verify/index.js',
      'emulate/index.js',
      'report/index.js',
      'plan/index.js',
      'cdktf/index.js',
      'cli/main.js',
    ];
    // Records every package `require` loads (lazyRequire goes through it) while the entries are imported.
    const code = `
      const Module = require('node:module');
      const loaded = new Set();
      const load = Module._load;
      Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };
      (async () => {
        for (const e of ${JSON.stringify(entries)}) await import(require('node:url').pathToFileURL(require('node:path').join(${JSON.stringify(join(ROOT, 'dist'))}, e)).href);
        const atImport = [...loaded];
        // The hook sees lazy loads: a stack validates its props, which builds a schema.
        const { App, HubSpokeStack } = await import(require('node:url').pathToFileURL(require('node:path').join(${JSON.stringify(join(ROOT, 'dist'))}, 'index.js')).href);
        new HubSpokeStack(new App(), 'stack');
        console.log(JSON.stringify({ atImport, afterUse: [...loaded] }));
      })();`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { atImport, afterUse } = JSON.parse(r.stdout) as { atImport: string[]; afterUse: string[] };
    expect(atImport.filter((m) => LAZY.includes(m))).toEqual([]);
    expect(afterUse).toContain('zod');
  });
});
