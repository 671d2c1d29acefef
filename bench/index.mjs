#!/usr/bin/env node
// `npm run bench`: runs the benchmarks (bench/run.mjs: synth at scale and the naive baseline;
// bench/broken.mjs: verify on broken networks; bench/scale.mjs: how parse and synth times grow
// with the input; bench/import.mjs: import times, with its own budget), then reports the ratios
// that bench/budgets.json holds budgets for. Ratios, not
// times: on a shared two-core machine absolute times vary by tens of percent with the load, while
// a ratio of two measurements taken side by side moves much less, and a complexity regression (a
// quadratic step) moves it by a factor.
//
//   npm run bench                   everything, ratios reported
//   npm run bench -- --check        the same, exit 1 when a ratio is beyond its budget (or the
//                                   import time beyond bench/import.mjs's)
//   npm run bench -- --quick        bench/run.mjs stops at 1,000 spokes, one run per case
//   node bench/index.mjs --check-only   compare the last results (bench/results.json,
//                                       bench/results-scale.json) without measuring
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** How each budgeted metric is computed from the results files; undefined when not measured. */
const METRICS = {
  'parse.acl.scaling': (r) => scale(r, 'parse.acl'),
  'parse.hub.scaling': (r) => scale(r, 'parse.hub'),
  'synth.summarized.scaling': (r) => scale(r, 'synth.summarized'),
  'synth.exact.scaling': (r) => scale(r, 'synth.exact'),
  'proof/parse.summarized.1000': (r) => synth(r, 'summarized', 1000)?.proofParseRatio,
  'naive/proof.summarized.200': (r) =>
    ratio(synth(r, 'summarized', 200)?.naiveMs, synth(r, 'summarized', 200)?.proofMs),
};

function scale(results, name) {
  return results.scale?.find((x) => x.name === name && x.error === undefined)?.ratio;
}

function synth(results, mode, spokes) {
  return results.synth?.find((x) => x.mode === mode && x.spokes === spokes && x.error === undefined);
}

function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : undefined;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Runs one benchmark script with the given arguments; its output goes to this process's. */
function runScript(script, args) {
  const r = spawnSync(process.execPath, [join(HERE, script), ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

/**
 * The budget table: one row per budget, with the measured value and the verdict. Exported for
 * test/release/bench-budgets.test.ts.
 */
export function checkBudgets(results, budgets) {
  return budgets.map((b) => {
    const compute = METRICS[b.metric];
    if (compute === undefined) return { ...b, value: undefined, verdict: 'unknown metric' };
    const value = compute(results);
    if (value === undefined) return { ...b, value, verdict: 'not measured' };
    const over = b.max !== undefined && value > b.max;
    const under = b.min !== undefined && value < b.min;
    return { ...b, value, verdict: over || under ? 'OVER BUDGET' : 'ok' };
  });
}

export function formatBudgets(rows) {
  const cells = rows.map((r) => [
    r.metric,
    r.value === undefined ? '-' : String(r.value),
    r.max !== undefined ? `<= ${r.max}` : `>= ${r.min}`,
    r.verdict,
  ]);
  const table = [['metric', 'value', 'budget', 'verdict'], ...cells];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return (
    table
      .map((row) =>
        row
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export const METRIC_NAMES = Object.keys(METRICS);

function main(argv) {
  const check = argv.includes('--check') || argv.includes('--check-only');
  let status = 0;
  if (!argv.includes('--check-only')) {
    const passOn = argv.filter((a) => a !== '--check');
    status = Math.max(
      runScript('run.mjs', passOn),
      runScript('broken.mjs', []),
      runScript('scale.mjs', []),
      runScript('import.mjs', check ? ['--check'] : []),
    );
  }
  const results = { synth: readJson(join(HERE, 'results.json')), scale: readJson(join(HERE, 'results-scale.json')) };
  const { budgets } = readJson(join(HERE, 'budgets.json'));
  const rows = checkBudgets(results, budgets);
  process.stdout.write(`\nratios (bench/budgets.json):\n${formatBudgets(rows)}`);
  if (check && rows.some((r) => r.verdict === 'OVER BUDGET' || r.verdict === 'unknown metric')) {
    process.stdout.write(
      '\nbench: a ratio is beyond its budget (see the table above and the reasons in bench/budgets.json)\n',
    );
    return 1;
  }
  return status;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
