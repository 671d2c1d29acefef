#!/usr/bin/env node
// Broken-network benchmark (not a test): `hubspoke verify` on N unconnected 3-line routers
// (hostname, one interface, one address), where every ordered pair of the N sites is broken with
// its own finding. It measures what a hostile or badly broken input costs: proof time, text
// formatting time, output size and peak RSS, each size in a fresh child process.
//
//   node bench/broken.mjs                 N = 250, 500, 1000
//   node bench/broken.mjs --case 2000     one size
//   node bench/broken.mjs --dist DIR      against another build (e.g. an older one, to compare)
//
// `npm run bench` runs it after the synth benchmark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = [250, 500, 1000];

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** N routers that share nothing: every pair of their LANs is broken (no route, no crypto). */
function writeRouters(dir, n) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i += 1) {
    writeFileSync(join(dir, `r${i}.cfg`), `hostname R${i}\ninterface Ethernet0\n ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0\n`);
  }
}

async function child(dist, n) {
  const url = (p) => pathToFileURL(join(dist, p)).href;
  const { loadConfigs } = await import(url('parse/index.js'));
  const { verifyNetwork } = await import(url('verify/prove/verify-network.js'));
  const { formatText } = await import(url('verify/findings/format.js'));
  const dir = mkdtempSync(join(tmpdir(), 'hubspoke-broken-bench-'));
  try {
    writeRouters(dir, n);
    const t0 = performance.now();
    const files = await loadConfigs([dir]);
    const t1 = performance.now();
    const result = verifyNetwork(files, {});
    const t2 = performance.now();
    const text = formatText(result);
    const t3 = performance.now();
    return {
      routers: n,
      pairs: result.summary.pairs,
      findings: result.findings.length,
      loadMs: Math.round(t1 - t0),
      proofMs: Math.round(t2 - t1),
      textMs: Math.round(t3 - t2),
      textBytes: Buffer.byteLength(text),
      textLines: text.split('\n').length - 1,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv) {
  const dist = resolve(option(argv, '--dist') ?? process.env.HUBSPOKE_DIST ?? join(HERE, '..', 'dist'));
  const only = option(argv, '--child');
  if (only !== undefined) {
    process.stdout.write(`${JSON.stringify(await child(dist, Number(only)))}\n`);
    return 0;
  }
  const sizes = option(argv, '--case') !== undefined ? [Number(option(argv, '--case'))] : SIZES;
  const rows = [];
  for (const n of sizes) {
    process.stderr.write(`bench: broken network N=${n} ...\n`);
    const run = spawnSync(process.execPath, ['--max-old-space-size=6144', fileURLToPath(import.meta.url), '--child', String(n), '--dist', dist], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 1200 * 1000,
    });
    const last = (run.stdout ?? '').trim().split('\n').pop() ?? '';
    rows.push(run.status === 0 && last.startsWith('{') ? JSON.parse(last) : { routers: n, error: `exit ${run.status ?? run.signal}` });
  }
  const cols = ['routers', 'pairs', 'findings', 'proofMs', 'textMs', 'textBytes', 'textLines', 'peakRssMb'];
  const table = [cols, ...rows.map((r) => cols.map((c) => String(r[c] ?? r.error ?? '-')))];
  const widths = cols.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  process.stdout.write(`\nbroken network (N unconnected 3-line routers, hubspoke verify text):\n`);
  process.stdout.write(table.map((row) => row.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n') + '\n');
  return rows.some((r) => r.error !== undefined) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
