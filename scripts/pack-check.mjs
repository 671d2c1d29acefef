// The packed-tarball check: what `npm publish` would upload, installed into a fresh project the
// way a user installs it. Packs the package, checks the file list, installs the tarball (with its
// `constructs` peer) into an empty temporary project, imports every subpath export with `import`
// and with `require`, typechecks a TypeScript 5 consumer of every subpath (CommonJS + node, and
// NodeNext), runs `npx hubspoke --version`, synthesizes the README's stack from the installed
// package, and scaffolds a project with `npx hubspoke init` whose own `npm test`, typecheck,
// `npx hubspoke synth` and emitted harness must pass on a fresh install (hubspoke from the
// tarball). Exits 1 with the failing step; prints one line per step.
//   npm run pack:check            (after `npm run build`; `npm pack` also builds through `prepack`)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Files the tarball may hold: the build output, the docs it links and the licence. */
export function unexpectedFiles(paths) {
  const allowed = [
    /^package\.json$/,
    /^README\.md$/,
    /^API\.md$/,
    /^LICENSE$/,
    /^CHANGELOG\.md$/,
    /^SECURITY\.md$/,
    /^dist\/.+\.(js|d\.ts|js\.map|json)$/,
    /^schema\/[\w-]+\.schema\.json$/,
  ];
  return paths.filter((p) => !allowed.some((re) => re.test(p)) || /\.test\./.test(p));
}

/**
 * The `typesVersions` map that lets TypeScript resolve subpath types where it ignores `exports`
 * (`moduleResolution: node`, the cdktf template's CommonJS layout): one entry per subpath export,
 * pointing at the same declaration file as its `types` condition.
 */
export function expectedTypesVersions(exports) {
  const map = {};
  for (const [key, target] of Object.entries(exports)) {
    if (key === '.' || typeof target !== 'object' || !target.types) continue;
    map[key.slice(2)] = [target.types];
  }
  return { '*': map };
}

/** The first TypeScript block of the README's "A stack" section, which must run as plain ESM. */
export function readmeStack(readme) {
  const at = readme.indexOf('## A stack');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !block) throw new Error('README.md has no "## A stack" section with a ```ts block');
  return block[1];
}

function step(name, fn) {
  try {
    const note = fn();
    console.log(`ok   ${name}${note ? `: ${note}` : ''}`);
  } catch (e) {
    const out = [e.stdout, e.stderr].filter(Boolean).map(String).join('\n').trim();
    console.error(`FAIL ${name}: ${e.message.split('\n')[0]}${out ? `\n${out}` : ''}`);
    process.exit(1);
  }
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'hubspoke-pack-'));
  // A clean environment for the user's commands: run from npm test, vitest's own variables would
  // make the new project's vitest think it runs inside another one.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^VITEST/.test(k)));
  const run = (cmd, args, cwd, env = {}) =>
    execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  // A throwaway master secret made here, never a published one.
  const secret = randomBytes(32).toString('base64');
  try {
    let tarball = '';
    step('npm pack', () => {
      const [info] = JSON.parse(run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root));
      tarball = join(work, info.filename);
      const extra = unexpectedFiles(info.files.map((f) => f.path));
      if (extra.length > 0) throw new Error(`unexpected files in the tarball: ${extra.slice(0, 10).join(', ')}`);
      if (!info.files.some((f) => f.path === 'dist/index.js'))
        throw new Error('dist/index.js is missing: build first (npm run build)');
      return `${info.files.length} files, ${Math.round(info.size / 1024)} KiB`;
    });
    const app = join(work, 'app');
    step('install into a fresh project', () => {
      execFileSync(process.execPath, ['-e', `require('fs').mkdirSync(${JSON.stringify(app)})`]);
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({ name: 'pack-check-app', private: true, type: 'module' }, null, 2),
      );
      run(
        npm,
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          tarball,
          `constructs@${pkg.peerDependencies.constructs}`,
        ],
        app,
      );
    });
    const all = Object.keys(pkg.exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
    // The code subpaths, without the vitest entry: it needs the optional vitest peer, which a plain
    // project does not have (the project \`hubspoke init\` writes, below, imports it). JSON subpaths
    // (the topology schema) are data: imported with a type attribute, required as JSON.
    const json = all.filter((s) => s.endsWith('.json'));
    const subpaths = all.filter((s) => !s.endsWith('.json') && s !== `${pkg.name}/testing/vitest`);
    step('import every subpath (ESM)', () => {
      const code = `for (const s of ${JSON.stringify(subpaths)}) { const m = await import(s); if (Object.keys(m).length === 0) throw new Error(s + ' exports nothing'); }
        for (const s of ${JSON.stringify(json)}) { const m = await import(s, { with: { type: 'json' } }); if (Object.keys(m.default).length === 0) throw new Error(s + ' is empty'); }`;
      run(process.execPath, ['--input-type=module', '-e', code], app);
      return [...subpaths, ...json].join(', ');
    });
    step('require every subpath (CommonJS)', () => {
      const code = `for (const s of ${JSON.stringify([...subpaths, ...json])}) { const m = require(s); if (Object.keys(m).length === 0) throw new Error(s + ' exports nothing'); }`;
      run(process.execPath, ['--no-warnings', '-e', code], app);
    });
    step('TypeScript 5 resolves every subpath (module CommonJS + node, and NodeNext)', () => {
      const want = JSON.stringify(expectedTypesVersions(pkg.exports));
      if (JSON.stringify(pkg.typesVersions) !== want) throw new Error(`package.json typesVersions must be ${want}`);
      // One named export per subpath, as the installed package has it: TS2307 if the subpath's
      // types do not resolve, TS2305 if they resolve to the wrong file.
      const names = JSON.parse(
        run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const o = {}; for (const s of ${JSON.stringify(subpaths)}) o[s] = Object.keys(await import(s)).sort()[0]; console.log(JSON.stringify(o));`,
          ],
          app,
        ),
      );
      const source = Object.entries(names)
        .map(([s, n], i) => `import { ${n} as x${i} } from '${s}';\nexport const y${i} = x${i};`)
        .join('\n');
      // --prefer-offline: a version the npm cache holds is not fetched again.
      run(
        npm,
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          '--prefer-offline',
          '--no-save',
          'typescript@5',
          '@types/node@20',
        ],
        app,
      );
      const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
      for (const [dir, type, options] of [
        ['cjs', 'commonjs', { module: 'commonjs', moduleResolution: 'node' }],
        ['esm', 'module', { module: 'nodenext', moduleResolution: 'nodenext' }],
      ]) {
        const at = join(app, dir);
        execFileSync(process.execPath, ['-e', `require('fs').mkdirSync(${JSON.stringify(at)})`]);
        writeFileSync(join(at, 'package.json'), JSON.stringify({ type }));
        writeFileSync(
          join(at, 'tsconfig.json'),
          JSON.stringify({
            compilerOptions: {
              ...options,
              target: 'es2022',
              strict: true,
              noEmit: true,
              skipLibCheck: true,
              types: ['node'],
            },
            files: ['main.ts'],
          }),
        );
        writeFileSync(join(at, 'main.ts'), source);
        run(process.execPath, [tsc, '-p', at], app);
      }
      return `typescript ${JSON.parse(readFileSync(join(app, 'node_modules', 'typescript', 'package.json'), 'utf8')).version}`;
    });
    step('npx hubspoke --version', () => {
      const v = run(npx, ['--no-install', 'hubspoke', '--version'], app).trim();
      if (v !== pkg.version) throw new Error(`printed "${v}", expected "${pkg.version}"`);
      return v;
    });
    step("synthesize the README's stack from the installed package", () => {
      writeFileSync(join(app, 'main.mjs'), readmeStack(readFileSync(join(root, 'README.md'), 'utf8')));
      const out = run(process.execPath, ['main.mjs'], app, { HUBSPOKE_MASTER_SECRET: secret });
      const stackDir = join(app, 'cdk.out', readdirSync(join(app, 'cdk.out'))[0]);
      const configs = readdirSync(stackDir).filter((f) => f.endsWith('.cfg'));
      if (configs.length < 2 || !existsSync(join(stackDir, 'topology.json')))
        throw new Error(`cdk.out holds ${configs.length} configs`);
      // The installed CLI proves what the installed library wrote.
      const proof = run(
        npx,
        ['--no-install', 'hubspoke', 'verify', stackDir, '--topology', join(stackDir, 'topology.json')],
        app,
      );
      if (!/PROVEN/.test(proof)) throw new Error(`hubspoke verify did not prove the output:\n${out}${proof}`);
      return `${configs.length} configs, proven by the installed CLI`;
    });
    // A new project as `hubspoke init` writes it must pass its own tests on a fresh install.
    const project = join(work, 'project');
    step('npx hubspoke init', () => {
      run(npx, ['--no-install', 'hubspoke', 'init', project], app);
      return readdirSync(project).sort().join(' ');
    });
    step('install the new project (hubspoke from the tarball)', () => {
      run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', tarball], project);
    });
    step("the new project's npm test and typecheck", () => {
      run(npm, ['test'], project);
      run(npm, ['run', 'typecheck'], project);
    });
    step('npx hubspoke synth in the new project, then its emitted harness', () => {
      const out = run(npx, ['--no-install', 'hubspoke', 'synth'], project, { HUBSPOKE_MASTER_SECRET: secret });
      if (!/: PROVEN\b/.test(out) || !existsSync(join(project, 'cdk.out', 'vpn', 'hq-hub.cfg')))
        throw new Error(`hubspoke synth did not prove and write cdk.out/vpn:\n${out}`);
      if (out.includes(secret)) throw new Error('hubspoke synth printed the master secret');
      run(npm, ['run', 'harness'], project, { HUBSPOKE_MASTER_SECRET: secret });
      return 'proven and written to cdk.out/vpn';
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
