#!/usr/bin/env node
// Import-time benchmark (not a test): how long `await import('hubspoke')` and each subpath take in
// a fresh Node process, against `constructs` (the floor every construct library pays), and how long
// `hubspoke --version` takes end to end. Each target runs in several fresh processes; medians are
// reported, since a shared machine makes single runs noisy.
//
//   node bench/import.mjs                 7 runs per target
//   node bench/import.mjs --repeat 15     more runs
//   node bench/import.mjs --check         also exit 1 when the median of `hubspoke` exceeds its
//                                         budget (300 ms) — for a quiet machine, not for npm test
//   node bench/import.mjs --dist DIR      against another build
//
// `npm run bench` runs it after the other benchmarks.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The target of issue 16: `import('hubspoke')` under 300 ms. */
const BUDGET_MS = 300;

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds of one `await import(url)` in a fresh process. */
function importOnce(url) {
  const code = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import ${url} failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

/** Milliseconds of one `node dist/cli/main.js --version`, process start to exit. */
function cliOnce(main) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [main, '--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hubspoke --version failed: ${r.stderr}`);
  return performance.now() - t;
}

function main(argv) {
  const dist = resolve(option(argv, '--dist') ?? process.env.HUBSPOKE_DIST ?? join(HERE, '..', 'dist'));
  const repeat = Number(option(argv, '--repeat') ?? 7);
  const url = (file) => pathToFileURL(join(dist, file)).href;
  const constructs = pathToFileURL(createRequire(join(HERE, '..', 'package.json')).resolve('constructs')).href;
  const targets = [
    ['constructs', () => importOnce(constructs)],
    ['hubspoke', () => importOnce(url('index.js'))],
    ['hubspoke/verify', () => importOnce(url('verify/index.js'))],
    ['hubspoke/emulator', () => importOnce(url('emulate/index.js'))],
    ['hubspoke/report', () => importOnce(url('report/index.js'))],
    ['hubspoke/plan', () => importOnce(url('plan/index.js'))],
    ['hubspoke/cdktf', () => importOnce(url('cdktf/index.js'))],
    ['hubspoke --version (process)', () => cliOnce(join(dist, 'cli', 'main.js'))],
  ];
  const rows = [];
  for (const [name, once] of targets) {
    const runs = Array.from({ length: repeat }, once);
    rows.push({ name, medianMs: Math.round(median(runs)), minMs: Math.round(Math.min(...runs)) });
  }
  const floor = rows[0].medianMs;
  console.log(`import time, ${repeat} fresh processes each (median / min, ms; ratio to constructs)`);
  for (const r of rows)
    console.log(
      `  ${r.name.padEnd(30)} ${String(r.medianMs).padStart(6)} ${String(r.minMs).padStart(6)}   x${(r.medianMs / floor).toFixed(1)}`,
    );
  const hubspoke = rows[1].medianMs;
  if (argv.includes('--check') && hubspoke > BUDGET_MS) {
    console.error(`import('hubspoke') median ${hubspoke} ms exceeds the ${BUDGET_MS} ms budget`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
