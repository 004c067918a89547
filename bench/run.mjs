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
      for (const [name, run] of [['ours', 'ours'], ['timeline', 'timeline'], ['itemsjs', 'itemsjs']]) {
        log(`${d.label}: ${name}`);
        d[name] = await bench[run](d).catch((e) => ({ error: String(e.message ?? e) }));
        const s = d[name].startup;
        log(`  first results ${s?.firstMs != null ? ms(s.firstMs) : JSON.stringify(s ?? d[name].error)}`, d[name].filter ? `filter p95 ${ms(d[name].filter.paint.p95)}` : '', d[name].search ? `search p95 ${ms(d[name].search.paint.p95)}` : '');
      }
      results.datasets.push(d);
    }
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

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
