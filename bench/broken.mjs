#!/usr/bin/env node
// Broken-network benchmark (not a test): what `hubspoke verify` (its default options: every pair
// decided, at most --max-pairs of each kind listed) costs on badly broken input. Each case runs
// in a fresh child process and reports proof time (wall and CPU), text and JSON formatting, output
// sizes and peak RSS.
//
//   unconnected:N   N unconnected 3-line routers (hostname, one interface, one address): every
//                   ordered pair of their N sites is broken, by a NO_ROUTE at each end
//   hubless:N       a synthesized N-spoke summarized network with the hub's config missing (the
//                   spokes' peer is an address no device owns)
//
//   node bench/broken.mjs                        unconnected 250, 500, 1000, 2000; hubless 1000
//   node bench/broken.mjs --case hubless:2000    one case (a bare number is unconnected:N)
//   node bench/broken.mjs --dist DIR             against another build (e.g. an older one, to compare)
//
// `npm run bench` runs it after the synth benchmark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_ENV, buildStack } from './bench-stack.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = ['unconnected:250', 'unconnected:500', 'unconnected:1000', 'unconnected:2000', 'hubless:1000'];

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** N routers that share nothing: every pair of their LANs is broken (no route, no crypto). */
function writeRouters(dir, n) {
  for (let i = 0; i < n; i += 1) {
    writeFileSync(
      join(dir, `r${i}.cfg`),
      `hostname R${i}\ninterface Ethernet0\n ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0\n`,
    );
  }
}

/** The spokes of a synthesized summarized network, without the hub's config. */
async function writeHubless(dir, n, url) {
  const lib = await import(url('index.js'));
  const stack = buildStack(lib, 'summarized', n, join(dir, '.unused'));
  // Only the configs are wanted: no proof at synth time (it would refuse nothing here anyway).
  const artifacts = lib.synthesizeStack(stack, { env: BENCH_ENV, proveCoverage: () => ({ errors: [] }) });
  for (const r of artifacts.routers) if (r.role !== 'hub') writeFileSync(join(dir, r.file), r.text);
}

async function child(dist, kind, n) {
  const url = (p) => pathToFileURL(join(dist, p)).href;
  // The CLI's default listing limit is DEFAULT_MAX_PAIRS (older builds list every pair).
  const { loadConfigs, verifyNetwork, formatJson, formatText, DEFAULT_MAX_PAIRS } = await import(
    url('verify/index.js')
  );
  const dir = mkdtempSync(join(tmpdir(), 'hubspoke-broken-bench-'));
  try {
    const configs = join(dir, 'configs');
    mkdirSync(configs);
    if (kind === 'hubless') await writeHubless(configs, n, url);
    else writeRouters(configs, n);
    const t0 = performance.now();
    const files = await loadConfigs([configs]);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const result = verifyNetwork(files, DEFAULT_MAX_PAIRS !== undefined ? { maxPairs: DEFAULT_MAX_PAIRS } : {});
    const t2 = performance.now();
    const cpu = process.cpuUsage(c1);
    const text = formatText(result);
    const t3 = performance.now();
    const json = formatJson(result);
    const t4 = performance.now();
    return {
      case: `${kind}:${n}`,
      pairs: result.summary.pairs,
      broken: result.summary.broken,
      findings: result.findings.length,
      loadMs: Math.round(t1 - t0),
      proofMs: Math.round(t2 - t1),
      // CPU time of the process (all its threads) during the proof: steadier than wall time on a shared machine.
      proofCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      textMs: Math.round(t3 - t2),
      textBytes: Buffer.byteLength(text),
      textLines: text.split('\n').length - 1,
      jsonMs: Math.round(t4 - t3),
      jsonBytes: Buffer.byteLength(json),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseCase(c) {
  const [kind, n] = c.includes(':') ? c.split(':') : ['unconnected', c];
  if (kind !== 'unconnected' && kind !== 'hubless') throw new Error(`unknown case ${c}`);
  return [kind, Number(n)];
}

async function main(argv) {
  const dist = resolve(option(argv, '--dist') ?? process.env.HUBSPOKE_DIST ?? join(HERE, '..', 'dist'));
  const only = option(argv, '--child');
  if (only !== undefined) {
    const [kind, n] = parseCase(only);
    process.stdout.write(`${JSON.stringify(await child(dist, kind, n))}\n`);
    return 0;
  }
  const cases = option(argv, '--case') !== undefined ? option(argv, '--case').split(',') : CASES;
  const rows = [];
  for (const c of cases) {
    process.stderr.write(`bench: broken network ${c} ...\n`);
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=6144', fileURLToPath(import.meta.url), '--child', c, '--dist', dist],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 1200 * 1000,
      },
    );
    const last = (run.stdout ?? '').trim().split('\n').pop() ?? '';
    rows.push(
      run.status === 0 && last.startsWith('{')
        ? JSON.parse(last)
        : { case: c, error: `exit ${run.status ?? run.signal}` },
    );
  }
  const cols = [
    'case',
    'pairs',
    'broken',
    'findings',
    'proofMs',
    'proofCpuMs',
    'textMs',
    'textBytes',
    'jsonMs',
    'jsonBytes',
    'peakRssMb',
  ];
  const table = [cols, ...rows.map((r) => cols.map((c) => String(r[c] ?? r.error ?? '-')))];
  const widths = cols.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  process.stdout.write(`\nbroken networks (hubspoke verify, default listing):\n`);
  process.stdout.write(
    table
      .map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
      .join('\n') + '\n',
  );
  return rows.some((r) => r.error !== undefined) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
