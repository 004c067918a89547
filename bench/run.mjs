// Benchmark (issue 7, "Scale and speed"): the viewer against two peers on the
// same events, at the bundled size and at 1k, 10k and 100k synthetic events.
//
//   node bench/run.mjs            (from the repo root, after dist/ is built)
//   node bench/run.mjs --report   (re-render RESULTS.md from results.json)
//
// Writes bench/results.json (every raw figure) and bench/RESULTS.md (tables,
// ratios, targets). Timings are reported, never asserted. Environment:
// CARGO_TARGET_DIR (honoured by the generator build), CHROMIUM (browser path),
// DIST_DIR (the build measured; dist/ by default), BENCH_ONLY=bundled,1k (run
// a subset while developing).
//
// The parts: common.mjs (sizes, limits, helpers), data.mjs (the synthetic
// datasets), peers.mjs (TimelineJS and itemsjs pages and their data, the
// site), probes.mjs (what runs inside the measured pages), runs.mjs (the
// measurements), report.mjs (RESULTS.md). The peers are installed from
// bench/package.json by `make bench` only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR } from '../tests/e2e/harness.mjs';
import { BENCH, LIMIT, ONLY, ROOT, SEED, SIZES, elapsed, log } from './common.mjs';
import { generateData } from './data.mjs';
import { buildSite } from './peers.mjs';
import { ms, report } from './report.mjs';
import { Bench } from './runs.mjs';

const loadAtStart = loadavg(); // other work on this machine skews timings: recorded, not controlled

async function main() {
  if (process.argv.includes('--report')) {
    // Re-render RESULTS.md from the last results.json (no measuring).
    const results = JSON.parse(await readFile(join(BENCH, 'results.json'), 'utf8'));
    await writeFile(join(BENCH, 'RESULTS.md'), report(results));
    return log('wrote bench/RESULTS.md from bench/results.json');
  }
  if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error(`${DIST_DIR} has no index.html: build it first (make dist)`);
  await generateData();
  const datasets = SIZES.filter((s) => !ONLY || ONLY.includes(s.label)).map((s) => ({ ...s }));
  const tmp = await mkdtemp(join(tmpdir(), 'briefing-bench-'));
  const bench = new Bench();
  const results = { environment: {}, datasets: [] };
  const cleanup = async () => {
    await bench.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  try {
    log('site: copying dist/, the datasets and the peers');
    const site = await buildSite(tmp, datasets);
    // The build measured (dist/ may be rebuilt while the benchmark runs).
    const dist = (await readdir(site)).filter((f) => /\.(wasm|js)$/.test(f));
    await bench.start(site);
    for (const d of datasets) {
      if (d.failed) {
        log(`${d.label}: not measured (${d.failed})`);
        for (const name of ['ours', 'timeline', 'itemsjs']) d[name] = { error: d.failed };
        results.datasets.push(d);
        continue;
      }
      const runs = [['ours', (d) => bench.ours(d)], ['timeline', (d) => bench.timeline(d)], ['itemsjs', (d) => bench.itemsjs(d)]];
      if (d.pack) runs.splice(1, 0, ['oursPack', (d) => bench.ours(d, d.pack)]);
      for (const [name, run] of runs) {
        log(`${d.label}: ${name}`);
        d[name] = await run(d).catch((e) => ({ error: String(e.message ?? e) }));
        const s = d[name].startup;
        log(`  first results ${s?.firstMs != null ? ms(s.firstMs) : JSON.stringify(s ?? d[name].error)}`, d[name].filter ? `filter p95 ${ms(d[name].filter.paint.p95)}` : '', d[name].search ? `search p95 ${ms(d[name].search.paint.p95)}` : '');
      }
      results.datasets.push(d);
    }
    // What bounds a JSON load: V8's own parser on the same file, natively.
    for (const d of datasets.filter((d) => d.file && !d.failed)) d.jsonFloor = jsonFloor(join(BENCH, 'data', d.file));
    const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    results.environment = {
      date: new Date().toISOString(),
      durationS: Math.round(elapsed()),
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      chromium: bench.browser.version ? `Chromium ${bench.browser.version()}` : 'Chromium',
      commit: git('rev-parse', '--short', 'HEAD'),
      dirty: git('status', '--porcelain', '--', 'src', 'index.html', 'style', 'Cargo.toml') !== '',
      dist,
      loadavg: { start: loadAtStart, end: loadavg() },
      seed: SEED,
      limits: LIMIT,
    };
  } finally {
    await cleanup();
  }
  await writeFile(join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(BENCH, 'RESULTS.md'), report(results));
  log('wrote bench/results.json and bench/RESULTS.md');
}

/**
 * The floor of any JSON load of `file`: `JSON.parse` in a fresh Node (V8's
 * native parser, no page, no wasm) and the heap its result holds after a GC.
 * A viewer that must parse this JSON cannot start faster or hold less.
 */
function jsonFloor(file) {
  const script = `const t0 = performance.now(); const text = require('fs').readFileSync(process.argv[1], 'utf8');
const t1 = performance.now(); const value = JSON.parse(text); const t2 = performance.now();
gc(); const heap = process.memoryUsage().heapUsed; globalThis.keep = value;
process.stdout.write(JSON.stringify({ readMs: t1 - t0, parseMs: t2 - t1, heapBytes: heap, textBytes: text.length }));`;
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '-e', script, file], { encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(run.stdout);
  } catch {
    return { error: (run.stderr || String(run.error || run.status)).slice(0, 200) };
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
