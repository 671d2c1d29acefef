#!/usr/bin/env node
// Scaling benchmark (not a test): for each case, one fresh child process times a small and a large
// input alternately, three times each, and reports the ratio of the fastest large run to the
// fastest small run. On a shared machine other work only ever adds time, so the minimum of a few
// runs is the stable estimate, and two sizes measured side by side see the same machine. A linear
// step gives the size ratio (`linear`); a quadratic one its square.
//
//   node bench/scale.mjs                  every case
//   node bench/scale.mjs --case parse.acl one case
//   node bench/scale.mjs --dist DIR       against another build
//
// `npm run bench` runs it; it writes bench/results-scale.json: [{ name, small, large, smallMs, largeMs, ratio, linear }].
// The correctness of the parses at these sizes is checked by test/parse/performance.test.ts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_ENV, buildStack } from './bench-stack.mjs';
import { aclConfig, hubConfig } from './scale-configs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPEAT = 3;
/** name -> the two sizes and what they count. */
const CASES = {
  'parse.acl': { sizes: [200_000, 1_000_000], what: 'ACL lines parsed' },
  'parse.hub': { sizes: [2_500, 10_000], what: 'hub spokes parsed (30 ACL lines each)' },
  'synth.summarized': { sizes: [100, 1_000], what: 'spokes synthesized and proven, summarized ACLs (O(N) lines)' },
  'synth.exact': {
    sizes: [100, 300],
    what: 'spokes synthesized and proven, exact ACLs (O(N^2) hub lines: the square is expected)',
  },
};

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A function that does the measured work once for `size` and checks its result. */
async function workload(dist, name, size) {
  const url = (p) => pathToFileURL(join(dist, p)).href;
  if (name.startsWith('parse.')) {
    const { parseConfig } = await import(url('index.js'));
    const text = name === 'parse.acl' ? aclConfig(size) : hubConfig(size);
    return () => {
      const { config, diagnostics } = parseConfig(text);
      const entries =
        name === 'parse.acl' ? config.accessLists[0]?.entries.length : config.cryptoMaps[0]?.entries.length;
      if (entries !== size || diagnostics.some((d) => d.severity === 'error'))
        throw new Error(`${name} ${size}: ${entries} entries`);
    };
  }
  const lib = await import(url('index.js'));
  const mode = name.slice('synth.'.length);
  // Constructs are built outside the timing (a construct tree synthesizes once per build).
  return () => {
    const built = buildStack(lib, mode, size, join(HERE, '.unused'));
    const t0 = performance.now();
    const artifacts = lib.synthesizeStack(built, { env: BENCH_ENV });
    if (artifacts.routers.length !== size + 1) throw new Error(`${name} ${size}: ${artifacts.routers.length} routers`);
    return performance.now() - t0;
  };
}

async function child(dist, name) {
  const { sizes } = CASES[name];
  const runs = await Promise.all(sizes.map((size) => workload(dist, name, size)));
  const best = sizes.map(() => Infinity);
  for (let k = 0; k < REPEAT; k += 1) {
    runs.forEach((run, i) => {
      const t0 = performance.now();
      const timed = run();
      best[i] = Math.min(best[i], typeof timed === 'number' ? timed : performance.now() - t0);
    });
  }
  const [smallMs, largeMs] = best.map(Math.round);
  return {
    name,
    small: sizes[0],
    large: sizes[1],
    smallMs,
    largeMs,
    ratio: Math.round((largeMs / Math.max(1, smallMs)) * 100) / 100,
    linear: sizes[1] / sizes[0],
  };
}

async function main(argv) {
  const dist = resolve(option(argv, '--dist') ?? process.env.HUBSPOKE_DIST ?? join(HERE, '..', 'dist'));
  const only = option(argv, '--child');
  if (only !== undefined) {
    process.stdout.write(`${JSON.stringify(await child(dist, only))}\n`);
    return 0;
  }
  const names = option(argv, '--case') !== undefined ? [option(argv, '--case')] : Object.keys(CASES);
  const rows = names.map((name) => {
    process.stderr.write(`bench: scale ${name} ${CASES[name].sizes.join(' vs ')} ...\n`);
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=6144', fileURLToPath(import.meta.url), '--child', name, '--dist', dist],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 1200 * 1000,
      },
    );
    const last = (run.stdout ?? '').trim().split('\n').pop() ?? '';
    return run.status === 0 && last.startsWith('{')
      ? { ...JSON.parse(last), what: CASES[name].what }
      : { name, error: `exit ${run.status ?? run.signal}` };
  });
  const cols = ['name', 'small', 'large', 'smallMs', 'largeMs', 'ratio', 'linear'];
  const table = [cols, ...rows.map((r) => cols.map((c) => String(r[c] ?? r.error ?? '-')))];
  const widths = cols.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  process.stdout.write(`\nscaling (fastest of ${REPEAT} runs each; ratio = large/small, linear = size ratio):\n`);
  process.stdout.write(
    table
      .map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
      .join('\n') + '\n',
  );
  writeFileSync(join(HERE, 'results-scale.json'), `${JSON.stringify(rows, null, 2)}\n`);
  return rows.some((r) => r.error !== undefined) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
