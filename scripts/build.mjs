// Builds the library (lib -> dist) and the examples (examples -> .build/examples) with the native
// TypeScript 7 compiler (fast), bundles the library's JavaScript (scripts/bundle.mjs), then marks
// the CLI executable. Exits non-zero on type errors.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundle } from './bundle.mjs';

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('tsgo/package.json')), 'bin', 'tsc');
const run = (project) => execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });

try {
  rmSync('dist', { recursive: true, force: true });
  run('tsconfig.json');
  await bundle();
  if (existsSync('examples')) run('tsconfig.examples.json');
  if (existsSync('dist/cli/main.js')) chmodSync('dist/cli/main.js', 0o755);
} catch {
  process.exitCode = 1;
}
