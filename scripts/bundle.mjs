// Bundles the compiled library (dist/, tsc output) in place, so that `import('hubspoke')` reads a few
// dozen files instead of about 280. Node's ESM loader pays per module (resolve, stat, read, compile,
// link), and that, not the code each module runs at load, was most of the import time (issue 16:
// under 300 ms). Every public entry point (package.json `exports` and `bin`) is an esbuild entry,
// with code splitting, so entry points share one instance of each module (classes, caches) exactly
// as with the unbundled files. Dependencies stay external. The declarations (.d.ts) are tsc's.
//
// Every bundled file lives one folder below dist/, as every source file lives one folder below lib/
// (lib/index.ts aside): code that finds files relative to its own module (`../../package.json`,
// `../index.js`) then resolves as in the sources. The root entry is therefore bundled into
// dist/chunks/ and dist/index.js re-exports it. A bundler turns `export * as ir from ...` into a
// plain object; the root's namespace exports are bundled as entries of their own, which
// dist/index.js re-exports as namespaces, so `ir` stays a module namespace as without bundling.
import { build } from 'esbuild';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DIST = 'dist';
const CHUNKS = 'chunks';
/** Where the root entry is bundled; dist/index.js re-exports it. */
const ROOT_BUNDLE = `${CHUNKS}/hubspoke`;

/** The compiled entry points (paths under dist/, without .js): the package's `exports` and `bin`. */
export function entryPoints(pkg) {
  const targets = [];
  for (const value of Object.values(pkg.exports)) {
    const target = typeof value === 'string' ? value : value.default;
    if (typeof target === 'string' && target.endsWith('.js')) targets.push(target);
  }
  targets.push(...Object.values(pkg.bin ?? {}));
  const prefix = `./${DIST}/`;
  return [...new Set(targets.map((t) => (t.startsWith('./') ? t : `./${t}`)))]
    .filter((t) => t.startsWith(prefix))
    .map((t) => t.slice(prefix.length, -'.js'.length))
    .sort();
}

/** The root's namespace re-exports in tsc's dist/index.js: [name, path under dist/ without .js]. */
function namespaceExports(rootJs) {
  return [...rootJs.matchAll(/^export \* as (\w+) from '\.\/([\w/.-]+)\.js';\r?$/gm)].map((m) => [m[1], m[2]]);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

export async function bundle() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const entries = entryPoints(pkg);
  const namespaces = entries.includes('index') ? namespaceExports(readFileSync(join(DIST, 'index.js'), 'utf8')) : [];
  const staging = `${DIST}.bundle`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: [
      ...entries.map((e) => ({ in: join(DIST, `${e}.js`), out: e === 'index' ? ROOT_BUNDLE : e })),
      ...namespaces.map(([name, path]) => ({ in: join(DIST, `${path}.js`), out: `${ROOT_BUNDLE}-${name}` })),
    ],
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    // Class and function names as in the sources: bundling renames clashing top-level names.
    keepNames: true,
    // Maps back to lib/*.ts through tsc's maps, with the sources inlined as before.
    sourcemap: 'linked',
    sourcesContent: true,
    logLevel: 'warning',
  });
  for (const file of files(staging)) {
    const depth = relative(staging, file).split(sep).length - 1;
    if (depth !== 1) throw new Error(`bundle: ${file} is not one folder below ${staging}`);
  }
  // tsc's JavaScript and its maps give way to the bundle; its declarations stay.
  for (const file of files(DIST)) if (file.endsWith('.js') || file.endsWith('.js.map')) rmSync(file);
  cpSync(staging, DIST, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  // An `export * as` of the facade wins over the same name from its `export *` (ECMAScript ResolveExport).
  const facade = [
    `export * from './${ROOT_BUNDLE}.js';`,
    ...namespaces.map(([name]) => `export * as ${name} from './${ROOT_BUNDLE}-${name}.js';`),
  ];
  if (entries.includes('index')) writeFileSync(join(DIST, 'index.js'), `${facade.join('\n')}\n`);
}
