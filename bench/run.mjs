#!/usr/bin/env node
// Scale benchmark (not a test): synthesizes generated hub-and-spoke stacks with the real constructs
// and synth pipeline (render -> parse back -> proof), each size in a fresh child process so peak
// RSS is per case, and compares the proof with the naive baseline (ping every ordered site pair
// through the emulator) where that is affordable.
//
//   npm run bench                 summarized N = 10, 100, 1000, 5000; exact N = 10, 100, 1000;
//                                 each case 3 times, medians reported
//   npm run bench -- --quick      stops at N = 1000, one run per case (a few minutes on two cores)
//   node bench/run.mjs --case summarized:200 [--repeat N] [--dist DIR] [--timeout SECONDS] [--no-naive]
//
// Runs against the built library (`dist/`, or --dist DIR / HUBSPOKE_DIST). Prints a table and
// writes bench/results.json: [{ mode, spokes, renderMs, parseMs, proofMs, totalMs, peakRssMb,
// hubLines, hubBytes, naiveMs?, naiveWarmMs? ... }].
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_ENV, buildStack } from './bench-stack.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FULL = [
  ['summarized', 10],
  ['summarized', 100],
  ['summarized', 1000],
  ['summarized', 5000],
  ['exact', 10],
  ['exact', 100],
  ['exact', 1000],
];
/** The naive all-pairs ping is quadratic: measured up to this many spokes. */
const NAIVE_MAX = 200;
/** Extra case so the proof/naive ratio is measured where the target is set (N = 200). */
const NAIVE_CASE = ['summarized', 200];

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv) {
  const dist = resolve(option(argv, '--dist') ?? process.env.HUBSPOKE_DIST ?? join(HERE, '..', 'dist'));
  const child = option(argv, '--child');
  if (child !== undefined) {
    const [mode, n] = child.split(':');
    const result = await runCase(dist, mode, Number(n), argv.includes('--no-naive'));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const timeoutS = Number(option(argv, '--timeout') ?? 1200);
  // Timings of one run vary by 10-25 % on a shared 2-core machine: the full run repeats each case
  // and reports medians. The quick run measures once.
  const repeat = Math.max(1, Number(option(argv, '--repeat') ?? (argv.includes('--quick') ? 1 : 3)));
  const results = [];
  for (const [mode, n] of benchCases(argv)) results.push(measureCase(argv, dist, mode, n, repeat, timeoutS));
  process.stdout.write(table(results));
  const out = join(HERE, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwrote ${out}\n`);
  return results.some((r) => r.error !== undefined || r.proven === false) ? 1 : 0;
}

/** The cases to run: `--case` as given, else the full list (or up to N = 1000 with `--quick`). */
function benchCases(argv) {
  const only = option(argv, '--case');
  if (only !== undefined) {
    return only.split(',').map((c) => {
      const [mode, n] = c.split(':');
      return [mode, Number(n)];
    });
  }
  const cases = [...FULL, NAIVE_CASE].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0) || a[1] - b[1]);
  return argv.includes('--quick') ? cases.filter(([, n]) => n <= 1000) : cases;
}

/** Runs one case `repeat` times, each in a fresh child process; its summary or its error. */
function measureCase(argv, dist, mode, n, repeat, timeoutS) {
  const runs = [];
  for (let k = 0; k < repeat; k += 1) {
    process.stderr.write(`bench: ${mode} N=${n}${repeat > 1 ? ` (run ${k + 1} of ${repeat})` : ''} ...\n`);
    const args = [
      '--max-old-space-size=6144',
      fileURLToPath(import.meta.url),
      '--child',
      `${mode}:${n}`,
      '--dist',
      dist,
    ];
    // The naive baseline is slow and far from the proof: it is measured in the first run only.
    if (argv.includes('--no-naive') || k > 0) args.push('--no-naive');
    const run = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutS * 1000,
    });
    const last = (run.stdout ?? '').trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !last.startsWith('{')) {
      const error =
        run.error?.code === 'ETIMEDOUT' ? `timeout after ${timeoutS} s` : `exit ${run.status ?? run.signal}`;
      process.stderr.write(`bench: ${mode} N=${n} failed (${error})\n`);
      return { mode, spokes: n, error };
    }
    runs.push(JSON.parse(last));
  }
  return summarize(runs);
}

/** Timing fields reported as the median over the runs of a case. */
const TIMED = [
  'renderMs',
  'parseMs',
  'proofMs',
  'totalMs',
  'peakRssMb',
  'constructMs',
  'validateMs',
  'irMs',
  'topologyMs',
];

/**
 * One result per case: the first run's fields, the medians of the timings, the median of the
 * per-run proof/parse ratios, and every run's parse and proof times.
 */
function summarize(runs) {
  const out = { ...runs[0], runs: runs.length };
  for (const f of TIMED) {
    const xs = runs.map((r) => r[f]).filter((x) => typeof x === 'number');
    if (xs.length > 0) out[f] = median(xs);
  }
  const ratios = runs.filter((r) => r.parseMs > 0).map((r) => r.proofMs / r.parseMs);
  if (ratios.length > 0) out.proofParseRatio = Math.round(median(ratios) * 100) / 100;
  if (runs.length > 1) {
    out.parseMsRuns = runs.map((r) => r.parseMs);
    out.proofMsRuns = runs.map((r) => r.proofMs);
  }
  out.proven = runs.every((r) => r.proven);
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

function table(results) {
  const cols = [
    ['mode', (r) => r.mode],
    ['spokes', (r) => r.spokes],
    ['render ms', (r) => r.renderMs],
    ['parse ms', (r) => r.parseMs],
    ['proof ms', (r) => r.proofMs],
    ['synth ms', (r) => r.totalMs],
    ['peak RSS MB', (r) => r.peakRssMb],
    ['hub lines', (r) => r.hubLines],
    ['hub bytes', (r) => r.hubBytes],
    ['proof/parse', (r) => (r.proofParseRatio !== undefined ? r.proofParseRatio.toFixed(2) : undefined)],
    ['naive ms', (r) => r.naiveMs],
    ['naive/proof', (r) => (r.naiveMs !== undefined ? (r.naiveMs / r.proofMs).toFixed(1) : undefined)],
    ['warm naive ms', (r) => r.naiveWarmMs],
    ['proven', (r) => r.error ?? r.proven],
  ];
  const cell = (v) =>
    v === undefined ? '-' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(0)) : String(v);
  const rows = [cols.map(([h]) => h), ...results.map((r) => cols.map(([, f]) => cell(f(r))))];
  const widths = cols.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return (
    rows.map((row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n') +
    '\n'
  );
}

async function runCase(dist, mode, n, skipNaive) {
  const url = (p) => pathToFileURL(join(dist, p)).href;
  const lib = await import(url('index.js'));
  const verify = await import(url('verify/index.js'));
  const env = BENCH_ENV;
  const t0 = performance.now();
  const stack = buildStack(lib, mode, n, join(HERE, '.unused'));
  const constructMs = performance.now() - t0;
  const timings = {};
  const onTiming = (stage, ms) => (timings[stage] = (timings[stage] ?? 0) + ms);
  let verdict;
  const prover = (rendered) => (verdict = verify.proveRenderedStack(rendered));
  const t1 = performance.now();
  let artifacts;
  let error;
  try {
    artifacts = lib.synthesizeStack(stack, { env, proveCoverage: prover, onTiming });
  } catch (e) {
    error = e instanceof Error ? e.message.split('\n').slice(0, 4).join(' | ') : String(e);
  }
  const totalMs = performance.now() - t1;
  const hub = artifacts?.routers.find((r) => r.role === 'hub');
  const result = {
    mode,
    spokes: n,
    renderMs: round(timings.render),
    parseMs: round(timings.parse),
    proofMs: round(timings.proof),
    totalMs: round(totalMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    hubLines: hub ? countLines(hub.text) : undefined,
    hubBytes: hub ? Buffer.byteLength(hub.text) : undefined,
    constructMs: round(constructMs),
    validateMs: round(timings.validate),
    irMs: round(timings.ir),
    topologyMs: round(timings.topology),
    pairs: verdict?.result.summary.pairs,
    proven: error === undefined && verdict !== undefined && verdict.errors.length === 0,
    ...(error !== undefined ? { error } : {}),
  };
  if (!skipNaive && n <= NAIVE_MAX && artifacts) Object.assign(result, await naive(dist, artifacts));
  return result;
}

/**
 * The baseline, as the emitted harness verifies a pair (`lib/harness`): clear every device's SAs
 * (`clear crypto sa`, `clear crypto isakmp`), then a default ping (five echos) from a host of one
 * site to a host of the other, for every ordered site pair. Starting each pair from no SAs is what
 * makes it a verification: an SA left by an earlier pair hides direction-dependent failures.
 * `naiveWarmMs` is the earlier, cheaper variant kept for comparison: SAs reused across pairs, two
 * echos per ping (it cannot see direction-dependent failures).
 */
async function naive(dist, artifacts) {
  let emulate;
  let parse;
  try {
    emulate = await import(pathToFileURL(join(dist, 'emulate', 'index.js')).href);
    parse = await import(pathToFileURL(join(dist, 'index.js')).href);
  } catch {
    return { naiveNote: 'emulator not built' };
  }
  const files = artifacts.routers.map((r) => ({ ...parse.parseConfig(r.text, { file: r.file }), file: r.file }));
  const sites = siteHosts(artifacts);
  const devices = artifacts.topology.devices.map((d) => d.hostname);

  let t0 = performance.now();
  let net = emulate.Network.fromParsed(files, { topology: artifacts.topology });
  let ok = 0;
  let total = 0;
  for (const from of sites) {
    for (const to of sites) {
      if (from.device === to.device) continue;
      for (const d of devices) {
        net.device(d).exec('clear crypto sa');
        net.device(d).exec('clear crypto isakmp');
      }
      const res = net.ping({ from: from.device, source: from.host, to: to.host });
      total += 1;
      if (res.received > 0) ok += 1;
    }
  }
  const naiveMs = performance.now() - t0;

  t0 = performance.now();
  net = emulate.Network.fromParsed(files, { topology: artifacts.topology });
  let warmOk = 0;
  for (const from of sites) {
    for (const to of sites) {
      if (from.device === to.device) continue;
      const res = net.ping({ from: from.device, source: from.host, to: to.host, repeat: 2 });
      if (res.received > 0) warmOk += 1;
    }
  }
  return {
    naiveMs: round(naiveMs),
    naivePings: total,
    naiveOk: ok,
    naiveWarmMs: round(performance.now() - t0),
    naiveWarmOk: warmOk,
  };
}

/** A host of each site, as the harness picks it: the device's own address on that LAN, else the first host. */
function siteHosts(artifacts) {
  const toInt = (ip) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const toIp = (n) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
  const irs = new Map(artifacts.routers.map((r) => [r.hostname, r.ir]));
  return artifacts.topology.devices.flatMap((d) =>
    d.sites.map((network) => {
      const [ip, len] = network.split('/');
      const size = 2 ** (32 - Number(len));
      const lo = toInt(ip) - (toInt(ip) % size);
      const own = (irs.get(d.hostname)?.interfaces ?? [])
        .flatMap((i) =>
          i.shutdown ? [] : [...(i.address ? [i.address.ip] : []), ...i.secondaryAddresses.map((a) => a.ip)],
        )
        .find((a) => toInt(a) >= lo && toInt(a) < lo + size);
      return { device: d.hostname, host: own ?? toIp(lo + 1) };
    }),
  );
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

function round(ms) {
  return ms === undefined ? undefined : Math.round(ms);
}

process.exitCode = await main(process.argv.slice(2));
