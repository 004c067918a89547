// Benchmark (issue 7, "Scale and speed"): the viewer against two peers on the
// same events, at the bundled size and at 1k, 10k and 100k synthetic events.
//
//   node bench/run.mjs            (from the repo root, after dist/ is built)
//   node bench/run.mjs --report   (re-render RESULTS.md from results.json)
//
// Writes bench/results.json (every raw figure) and bench/RESULTS.md (tables,
// ratios, targets). Timings are reported, never asserted. Environment:
// CARGO_TARGET_DIR (honoured by the generator build), CHROMIUM (browser path),
// BENCH_ONLY=bundled,1k (run a subset while developing).
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const DATA = join(BENCH, 'data');
const CACHE = join(BENCH, '.cache');
const SEED = 7;
const SIZES = [
  { label: 'bundled', file: null, events: null },
  { label: '1k', file: 'events-1k.json', events: 1_000 },
  { label: '10k', file: 'events-10k.json', events: 10_000 },
  { label: '100k', file: 'events-100k.json', events: 100_000 },
];
const ONLY = process.env.BENCH_ONLY?.split(',');
// Per-measurement limits: a slow step is recorded as timed out, never waited for.
const LIMIT = {
  startup: 120_000, // navigation to first results (TimelineJS at 100k: reported as timed out)
  step: 60_000, // one toggle or keystroke
  series: 90_000, // all toggles (or keystrokes) of one page; fewer samples if exceeded
  memory: 30_000,
};
const TOGGLES_PER_FACET = 5; // on and off: 3 facets x 5 x 2 = 30 filter changes
const SEARCH_KEYS = [...'ushakov', ...Array(7).fill('Backspace'), ...'ceasefire']; // 23 keystrokes
const STARTUP_RUNS = (events) => (events <= 1_000 ? 3 : 1); // median of 3 where cheap
// The harness's flags, plus eager memory measurement (else it waits for a GC).
const ARGS = [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'];

const started = Date.now();
const loadAtStart = loadavg(); // other work on this machine skews timings: recorded, not controlled
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);
/** A page error in a few words: a Rust panic's message without its source location. */
const brief = (error) => (error.match(/panicked at \S+:\d+:\d+:\s*([^\n]+)/)?.[1].replace(/^/, 'panic: ') ?? error).slice(0, 160);
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Rejects after `ms`, so that no step can hang the run. */
function timeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const quantile = (xs, q) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the p95 is a sample that was measured, not an interpolation.
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : null });

// ---------------------------------------------------------------- datasets

/** Generates the synthetic datasets, skipping those the manifest says are current. */
async function generateData() {
  await mkdir(DATA, { recursive: true });
  const manifestPath = join(DATA, 'manifest.json');
  const manifest = existsSync(manifestPath) ? JSON.parse(await readFile(manifestPath, 'utf8')) : {};
  // A changed generator means different bytes: regenerate.
  const generator = sha256(await readFile(join(ROOT, 'src/bin/briefing_gen.rs')));
  for (const size of SIZES.filter((s) => s.file && (!ONLY || ONLY.includes(s.label)))) {
    const path = join(DATA, size.file);
    const entry = manifest[size.file];
    const current =
      entry?.seed === SEED &&
      entry.events === size.events &&
      entry.generator === generator &&
      existsSync(path) &&
      (await stat(path)).size === entry.bytes;
    if (current) {
      log(`data: ${size.file} is current (seed ${SEED}), skipped`);
      continue;
    }
    log(`data: generating ${size.file}`);
    const args = ['run', '--quiet', '--release', '--bin', 'briefing-gen', '--'];
    args.push('--events', String(size.events), '--seed', String(SEED), '--out', path);
    const run = spawnSync('cargo', args, { cwd: ROOT, stdio: 'inherit', env: process.env, timeout: 900_000 });
    if (run.status !== 0) throw new Error(`briefing-gen failed for ${size.file} (${run.error ?? run.status})`);
    const bytes = await readFile(path);
    manifest[size.file] = { events: size.events, seed: SEED, generator, bytes: bytes.length, sha256: sha256(bytes) };
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
}

// The peers get the same events, converted ahead of time (not timed).

/** TimelineJS date parts from a DateSpec: its first possible day, as exact as stored. */
function tlDate(date) {
  const [year, month, day] = date.value.split('-').map(Number);
  const d = { year };
  if (month) d.month = month;
  if (day) d.day = day;
  if (date.precision === 'part_of_month') d.day = { early: 1, mid: 11, late: 21 }[date.part];
  return d;
}

function toTimeline(b) {
  const names = new Map(b.actors.map((a) => [a.id, a.name]));
  return {
    events: b.events.map((e) => ({
      unique_id: e.id,
      start_date: tlDate(e.date),
      ...(e.date.precision === 'range' ? { end_date: tlDate({ value: e.date.end, precision: 'day' }) } : {}),
      text: { headline: e.title, text: `${e.summary} (${e.participants.map((p) => names.get(p.actor)).join(', ')})` },
    })),
  };
}

/** itemsjs records with the viewer's three facets and its searchable text, in date order. */
function toItems(b) {
  const actors = new Map(b.actors.map((a) => [a.id, a]));
  const statuses = new Map();
  for (const c of b.claims) for (const e of c.events) statuses.set(e, [...new Set([...(statuses.get(e) ?? []), c.status])]);
  const key = (e) => {
    const [y, m = 1, d = 1] = e.date.value.split('-').map(Number);
    return y * 10000 + m * 100 + d;
  };
  return [...b.events]
    .sort((x, y) => key(x) - key(y))
    .map((e) => ({
      id: e.id,
      title: e.title,
      actors: e.participants.map((p) => actors.get(p.actor).name),
      channels: [e.channel.track, e.secret ? 'secret' : null, e.channel.modality].filter(Boolean),
      statuses: statuses.get(e.id) ?? [],
      text: [e.title, e.summary, ...e.participants.flatMap((p) => [actors.get(p.actor).name, ...(actors.get(p.actor).aliases ?? [])])].join(' '),
    }));
}

// ---------------------------------------------------------------- site

const PEER_HTML = (title, head, body) => `<!doctype html><html lang=en><head><meta charset=utf-8>
<title>${title}</title><link rel=icon href="data:,">${head}</head><body>${body}</body></html>\n`;

// TimelineJS from the served node_modules copy; no fonts (its default font CSS
// loads Google Fonts), no hash bookmarks.
const TIMELINE_JS = `const data = await (await fetch(new URLSearchParams(location.search).get('data'))).json();
window.timeline = new TL.Timeline('timeline', data, {
  script_path: new URL('../tl/js/', location.href).href, font: null, hash_bookmark: false,
});
`;

// itemsjs: the three facets (OR within one, like the viewer), full-text on
// the text field, a plain list of the first 50 results.
const ITEMS_JS = `const records = await (await fetch(new URLSearchParams(location.search).get('data'))).json();
const facet = (title) => ({ title, size: 1000, conjunction: false });
const engine = itemsjs(records, {
  aggregations: { actors: facet('Actor'), channels: facet('Channel'), statuses: facet('Claim status') },
  searchableFields: ['text'],
});
const list = document.getElementById('results');
const status = document.getElementById('status');
window.benchSearch = (filters, query) => engine.search({ filters, query, per_page: 50 });
window.benchRender = (r) => {
  status.textContent = r.pagination.total + ' of ' + records.length + ' events';
  list.replaceChildren(...r.data.items.map((it) => {
    const li = document.createElement('li');
    li.textContent = it.title;
    return li;
  }));
};
window.benchTotal = records.length;
benchRender(benchSearch({}));
`;

/** A copy of dist/ plus the datasets and the peers' pages, served on loopback. */
async function buildSite(tmp, datasets) {
  const site = join(tmp, 'site');
  await cp(join(ROOT, 'dist'), site, { recursive: true });
  await mkdir(join(site, 'data'), { recursive: true });
  await mkdir(join(site, 'peers'), { recursive: true });
  const tl = join(ROOT, 'bench/node_modules/@knight-lab/timelinejs/dist');
  await cp(join(tl, 'js'), join(site, 'tl/js'), { recursive: true });
  await cp(join(tl, 'css'), join(site, 'tl/css'), { recursive: true });
  await mkdir(join(site, 'vendor'), { recursive: true });
  await copyFile(join(ROOT, 'bench/node_modules/itemsjs/dist/index.umd.js'), join(site, 'vendor/itemsjs.umd.js'));
  await writeFile(join(site, 'peers/timeline.js'), TIMELINE_JS);
  await writeFile(join(site, 'peers/itemsjs.js'), ITEMS_JS);
  await writeFile(
    join(site, 'peers/timeline.html'),
    PEER_HTML('TimelineJS', '<link rel=stylesheet href="../tl/css/timeline.css"><script src="../tl/js/timeline.js"></script>',
      '<div id=timeline style="width:100%;height:800px"></div><script type=module src="./timeline.js"></script>'),
  );
  await writeFile(
    join(site, 'peers/itemsjs.html'),
    PEER_HTML('itemsjs', '<script src="../vendor/itemsjs.umd.js"></script>',
      '<p id=status role=status></p><ul id=results></ul><script type=module src="./itemsjs.js"></script>'),
  );
  for (const d of datasets) {
    if (d.file) await copyFile(join(DATA, d.file), join(site, 'data', d.file));
    const briefing = JSON.parse(await readFile(d.file ? join(DATA, d.file) : join(ROOT, 'data/briefing.json'), 'utf8'));
    d.events = briefing.events.length;
    d.bytes = (await stat(d.file ? join(DATA, d.file) : join(ROOT, 'data/briefing.json'))).size;
    await writeFile(join(site, `peers/tl-${d.label}.json`), JSON.stringify(toTimeline(briefing)));
    await writeFile(join(site, `peers/items-${d.label}.json`), JSON.stringify(toItems(briefing)));
  }
  return site;
}

/** gzip -9 size of a served file, cached by content hash (the 100k dataset takes a while). */
async function gzipSize(path, cache) {
  const bytes = await readFile(path);
  const hash = sha256(bytes);
  cache[hash] ??= gzipSync(bytes, { level: 9 }).length;
  return { raw: bytes.length, gzip: cache[hash] };
}

// ---------------------------------------------------------------- in-page probes

/**
 * Installed before any page script. Records the first moment the page shows
 * its results (a MutationObserver, so no polling delay), then the next
 * animation frame, then a task posted from that frame (it runs after the
 * frame's style, layout and paint). Also keeps every WebAssembly.Memory the
 * page instantiates, to read its size later.
 */
function probe({ kind, expected }) {
  const B = (window.__bench = { first: null, memories: [], status: null, alerts: '' });
  B.afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const raf = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ raf, after: performance.now() });
        channel.port2.postMessage(0);
      }),
    );
  const keep = (result) => {
    const exports = (result.instance ?? result).exports ?? {};
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) B.memories.push(v);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then(keep);
    };
  }
  B.statusText = () => {
    for (const el of document.querySelectorAll('[role=status]')) {
      const m = el.textContent.match(/(\d+) of (\d+) events/);
      if (m) return m[0];
    }
    return null;
  };
  const ready = {
    ours: () => {
      const text = B.statusText();
      B.status = text;
      B.alerts = [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' | ');
      const m = text?.match(/(\d+) of (\d+)/);
      return m && Number(m[2]) === expected && document.querySelector('article') ? { shown: Number(m[1]) } : null;
    },
    timeline: () => {
      const markers = document.querySelectorAll('.tl-timemarker').length;
      const slides = document.querySelectorAll('.tl-slide').length;
      return markers && slides ? { markers, slides } : null;
    },
    itemsjs: () => (document.querySelector('#results li') ? { shown: document.querySelectorAll('#results li').length } : null),
  }[kind];
  const observer = new MutationObserver(() => {
    if (B.first) return;
    const found = ready();
    if (!found) return;
    observer.disconnect();
    B.first = { seen: performance.now(), ...found };
    B.afterFrame().then((f) => Object.assign(B.first, f, { done: true }));
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * In the viewer: clicks (or types) and times until the status line changes,
 * then the next frame. If the status does not change within `settle` ms
 * (a keystroke that keeps the same matches), the sample is the first frame
 * after the input instead, flagged unchanged.
 */
async function timedInput({ action, id, key, settle, limit }) {
  const B = window.__bench;
  const before = B.statusText();
  return new Promise((resolve) => {
    let finished = false;
    let t0 = 0;
    const finish = (changed) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      const seen = performance.now() - t0;
      B.afterFrame().then((f) => resolve({ changed, seen, raf: f.raf - t0, after: f.after - t0, status: B.statusText() }));
    };
    const observer = new MutationObserver(() => B.statusText() !== before && finish(true));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    let firstFrame = null;
    const timer = setTimeout(() => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      if (action === 'click') resolve({ timedOut: true });
      else firstFrame.then((f) => resolve({ changed: false, raf: f.raf - t0, after: f.after - t0, status: B.statusText() }));
    }, action === 'key' ? settle : limit);
    t0 = performance.now();
    if (action === 'click') document.getElementById(id).click();
    else {
      const input = document.getElementById(id);
      input.value = key === 'Backspace' ? input.value.slice(0, -1) : input.value + key;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: key === 'Backspace' ? 'deleteContentBackward' : 'insertText', data: key === 'Backspace' ? null : key }));
    }
    firstFrame = B.afterFrame();
  });
}

/** In the itemsjs page: the facet search alone, then render and the next frame. */
async function timedItems({ filters, query }) {
  const t0 = performance.now();
  const result = window.benchSearch(filters, query);
  const compute = performance.now() - t0;
  window.benchRender(result);
  const f = await window.__bench.afterFrame();
  return { compute, raf: f.raf - t0, after: f.after - t0, total: result.pagination.total };
}

async function pageMemory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  const inPage = await page.evaluate(async (limit) => {
    const wasm = window.__bench.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
    if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return { wasm, ua: null, uaError: 'not available' };
    try {
      const r = await Promise.race([
        performance.measureUserAgentSpecificMemory(),
        new Promise((_, no) => setTimeout(() => no(new Error('timed out')), limit)),
      ]);
      const by = {};
      for (const b of r.breakdown) {
        const types = b.types.length ? b.types : ['other'];
        for (const t of types) by[t] = (by[t] ?? 0) + b.bytes / types.length;
      }
      return { wasm, ua: { bytes: r.bytes, ...by } };
    } catch (e) {
      return { wasm, ua: null, uaError: String(e) };
    }
  }, LIMIT.memory);
  // measureUserAgentSpecificMemory counts JS and DOM but not wasm linear memory; add it.
  const total = inPage.ua ? inPage.ua.bytes + inPage.wasm : jsHeap + inPage.wasm;
  return { jsHeap, wasm: inPage.wasm, dom: inPage.ua?.DOM ?? null, ua: inPage.ua, uaError: inPage.uaError, total, totalIncludesDom: Boolean(inPage.ua) };
}

// ---------------------------------------------------------------- runs

class Bench {
  async start(site) {
    this.site = site;
    // Cross-origin isolation makes performance.measureUserAgentSpecificMemory available.
    this.server = await serve({
      dir: site,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    });
    this.origin = new URL(this.server.url).origin;
    this.gzipCache = existsSync(join(CACHE, 'gzip.json')) ? JSON.parse(await readFile(join(CACHE, 'gzip.json'), 'utf8')) : {};
    await this.launch();
  }

  async launch() {
    this.browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  }

  /** Closes a context; a renderer stuck in a long task gets the browser restarted. */
  async dispose(context) {
    try {
      await timeout(context.close(), 15_000, 'closing the page');
    } catch {
      log('  (browser restarted: a page would not close)');
      await timeout(this.browser.close(), 15_000, 'closing the browser').catch(() => {});
      await this.launch();
    }
  }

  async stop() {
    await mkdir(CACHE, { recursive: true });
    await writeFile(join(CACHE, 'gzip.json'), JSON.stringify(this.gzipCache));
    await timeout(this.browser?.close() ?? Promise.resolve(), 20_000, 'closing the browser').catch(() => {});
    await this.server?.close();
  }

  /** A fresh page that records what it transfers and blocks other origins. */
  async open(kind, expected) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(probe, { kind, expected });
    const page = await context.newPage();
    const record = { responses: [], external: [], errors: [] };
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(this.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      record.external.push(url);
      return route.abort();
    });
    page.on('response', (res) => record.responses.push({ url: res.url(), status: res.status() }));
    page.on('pageerror', (e) => record.errors.push(`uncaught: ${e.message}`));
    page.on('crash', () => (record.crashed = true));
    page.on('console', (m) => m.type() === 'error' && record.errors.push(`console: ${m.text().slice(0, 200)}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    return { context, page, cdp, record };
  }

  /** Sum over what the page loaded (200s from the site) of each body's gzip -9 size. */
  async transfer(record) {
    let raw = 0;
    let gzip = 0;
    const files = [];
    for (const r of record.responses) {
      if (r.status !== 200 || !r.url.startsWith(this.origin)) continue;
      let path = decodeURIComponent(new URL(r.url).pathname);
      if (path.endsWith('/')) path += 'index.html';
      const size = await gzipSize(join(this.site, path), this.gzipCache);
      raw += size.raw;
      gzip += size.gzip;
      files.push({ path, ...size });
    }
    return { raw, gzip, files };
  }

  /** Navigates and waits for the probe's first-results mark, bounded. */
  async startup(page, url, kind, expected, record) {
    await page.goto(url, { waitUntil: 'commit', timeout: LIMIT.startup });
    const deadline = Date.now() + LIMIT.startup;
    let mismatchSince = null;
    for (;;) {
      if (record.crashed) return { failed: 'the page crashed (out of memory?)' };
      // An uncaught error (a wasm panic shows as "unreachable") and no results soon after: stop waiting.
      const uncaught = record.errors.find((e) => e.startsWith('uncaught'));
      if (uncaught) {
        record.uncaughtAt ??= Date.now();
        if (Date.now() - record.uncaughtAt > 5_000) return { failed: `${uncaught} (no results 5 s later)` };
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { timedOut: true, limitMs: LIMIT.startup };
      let b;
      try {
        b = await timeout(page.evaluate(() => ({ first: window.__bench.first, status: window.__bench.status, alerts: window.__bench.alerts })), remaining, 'startup');
      } catch (e) {
        if (/timed out/.test(e.message)) return { timedOut: true, limitMs: LIMIT.startup };
        await new Promise((r) => setTimeout(r, 100)); // the document is still being replaced
        continue;
      }
      if (b.first?.done) return { firstMs: b.first.raf, seenMs: b.first.seen, frameDoneMs: b.first.after, ...b.first };
      // The viewer showing another dataset (the bundled one) means ?data= was not honoured.
      const shownTotal = Number(b.status?.match(/of (\d+)/)?.[1]);
      if (kind === 'ours' && b.status && shownTotal !== expected) {
        mismatchSince ??= Date.now();
        if (b.alerts || Date.now() - mismatchSince > 15_000) {
          return { failed: `the page showed “${b.status}”, not this dataset${b.alerts ? `; it said: ${b.alerts.slice(0, 300)}` : ''}` };
        }
      } else mismatchSince = null;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Loads the page `runs` times (median startup kept), then measures the last one. */
  async measure(kind, url, expected, runs, interact) {
    const startups = [];
    const out = {};
    for (let i = 0; i < runs && !out.startup; i++) {
      const { context, page, cdp, record } = await this.open(kind, expected);
      try {
        const s = await this.startup(page, url, kind, expected, record);
        startups.push(s);
        if (s.firstMs == null) {
          // Timed out or failed: reported as such, with what it loaded and, if the page
          // still answers, its memory at that point.
          out.startup = s;
          out.transfer = await this.transfer(record);
          if (s.failed) out.memory = await timeout(pageMemory(page, cdp), LIMIT.memory + 10_000, 'memory').catch((e) => ({ error: String(e.message ?? e) }));
        } else if (i === runs - 1) {
          out.transfer = await this.transfer(record);
          out.memory = await timeout(pageMemory(page, cdp), LIMIT.memory + 10_000, 'memory').catch((e) => ({ error: String(e.message ?? e) }));
          if (interact) Object.assign(out, await interact(page, record));
        }
        out.errors = record.errors;
        out.external = record.external;
      } catch (e) {
        out.error = String(e.message ?? e);
        out.startup ??= { failed: out.error };
      } finally {
        await this.dispose(context);
      }
    }
    // The median run (by first results) gives both figures, so they stay consistent.
    const ok = startups.filter((s) => s.firstMs != null).sort((a, b) => a.firstMs - b.firstMs);
    const median = ok[Math.ceil(ok.length / 2) - 1];
    out.startup ??= { firstMs: median?.firstMs, frameDoneMs: median?.frameDoneMs, markers: median?.markers, slides: median?.slides, n: ok.length, runs: startups };
    return out;
  }

  async ours(d) {
    const url = d.file ? `${this.server.url}?data=data/${d.file}` : this.server.url;
    return this.measure('ours', url, d.events, STARTUP_RUNS(d.events), async (page, record) => {
      const result = {};
      try {
      // Options to toggle: some in each fieldset whose count is neither 0 nor everything.
      const toggles = [];
      for (const name of ['Actor', 'Channel', 'Claim status']) {
        const options = await page
          .getByRole('group', { name, exact: true })
          .getByRole('checkbox')
          .evaluateAll((els) => els.map((el) => ({ id: el.id, count: Number(el.labels[0]?.querySelector('.count')?.textContent.match(/\d+/)?.[0]) })));
        const useful = options.filter((o) => o.count > 0 && o.count < d.events);
        const step = Math.max(1, Math.floor(useful.length / TOGGLES_PER_FACET));
        const chosen = useful.filter((_, i) => i % step === 0).slice(0, TOGGLES_PER_FACET);
        for (const o of chosen) toggles.push({ facet: name, id: o.id }, { facet: name, id: o.id });
      }
      result.filter = await this.series(toggles, record, (t) => page.evaluate(timedInput, { action: 'click', id: t.id, limit: LIMIT.step }));
      if (record.errors.some((e) => e.startsWith('uncaught'))) {
        // The page died (e.g. a wasm panic): measure search on a fresh load rather than not at all.
        result.reloadedForSearch = { errorsBefore: [...record.errors] };
        record.errors.length = 0;
        result.reloadedForSearch.startup = await this.startup(page, url, 'ours', d.events, record);
      }
      const search = await page.getByRole('searchbox', { name: 'Search' }).evaluate((el) => el.id, null, { timeout: 10_000 });
      result.search = await this.series(SEARCH_KEYS, record, (key) => page.evaluate(timedInput, { action: 'key', id: search, key, settle: 300, limit: LIMIT.step }));
      } catch (e) {
        // Keep what was measured; say why the rest was not.
        result.interactError = String(e.message ?? e).split('\n')[0];
      }
      return result;
    });
  }

  async timeline(d) {
    return this.measure('timeline', `${this.server.url}peers/timeline.html?data=tl-${d.label}.json`, d.events, STARTUP_RUNS(d.events), null);
  }

  async itemsjs(d) {
    return this.measure('itemsjs', `${this.server.url}peers/itemsjs.html?data=items-${d.label}.json`, d.events, STARTUP_RUNS(d.events), async (page, record) => {
      const buckets = await page.evaluate(() => {
        const r = window.benchSearch({});
        return Object.fromEntries(Object.entries(r.data.aggregations).map(([k, a]) => [k, a.buckets.map((b) => ({ key: b.key, count: b.doc_count }))]));
      });
      const toggles = [];
      for (const [facet, list] of Object.entries(buckets)) {
        const useful = list.filter((b) => b.count > 0 && b.count < d.events);
        const step = Math.max(1, Math.floor(useful.length / TOGGLES_PER_FACET));
        for (const b of useful.filter((_, i) => i % step === 0).slice(0, TOGGLES_PER_FACET)) {
          toggles.push({ [facet]: [b.key] }, {});
        }
      }
      const filter = await this.series(toggles, record, (filters) => page.evaluate(timedItems, { filters }));
      let text = '';
      const search = await this.series(SEARCH_KEYS, record, (key) => {
        text = key === 'Backspace' ? text.slice(0, -1) : text + key;
        return page.evaluate(timedItems, { filters: {}, query: text });
      });
      return { filter, search };
    });
  }

  /** Runs timed steps one after another, within the series budget; stops at a page error. */
  async series(steps, record, run) {
    const samples = [];
    const begun = Date.now();
    let stopped = null;
    for (const [i, step] of steps.entries()) {
      const errors = record.errors.length;
      const failed = () => record.errors.length > errors && `the page failed at step ${i + 1} (${JSON.stringify(step)}): ${brief(record.errors[errors])}`;
      if (Date.now() - begun > LIMIT.series) {
        stopped = `series budget of ${LIMIT.series / 1000} s used up`;
        break;
      }
      let s;
      try {
        s = await timeout(run(step), LIMIT.step + 5_000, 'step');
      } catch (e) {
        stopped = failed() || String(e.message ?? e).split('\n')[0];
        break;
      }
      if (failed()) {
        stopped = failed();
        break;
      }
      if (s.timedOut) {
        stopped = `a step showed no change within ${LIMIT.step / 1000} s`;
        break;
      }
      samples.push(s);
    }
    const pick = (k) => samples.map((s) => s[k]).filter((v) => v != null);
    return {
      planned: steps.length,
      paint: stats(pick('raf')),
      frameDone: stats(pick('after')),
      dom: stats(pick('seen')),
      compute: stats(pick('compute')),
      changed: samples.filter((s) => s.changed !== false).length,
      stopped,
      samples,
    };
  }
}

// ---------------------------------------------------------------- report

const ms = (v) => (v == null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const mb = (v) => (v == null ? '—' : `${(v / 1048576).toFixed(1)} MB`);
const kb = (v) => (v == null ? '—' : `${(v / 1024).toFixed(1)} KB`);
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}×`);

function startupCell(r) {
  const s = r?.startup;
  if (!s) return r?.error ? `error: ${r.error}` : '—';
  if (s.timedOut) return `timed out (> ${s.limitMs / 1000} s)`;
  if (s.failed) return cell(`failed: ${s.failed}`);
  return s.n > 1 ? `${ms(s.firstMs)} (median of ${s.n})` : ms(s.firstMs);
}
// A page that never showed results: its figures are what it had reached by then.
const unfinished = (r) => (r?.startup && r.startup.firstMs == null ? ' (when it stopped)' : '');
const kbCell = (r) => (r?.transfer ? kb(r.transfer.gzip) + unfinished(r) : '—');
const memCell = (r) => (r?.memory?.total != null ? `${mb(r.memory.total)}${r.memory.wasm ? ` (wasm ${mb(r.memory.wasm)})` : ''}${unfinished(r)}` : '—');
// No ratio against a figure from a page that stopped before its results.
const fullRatio = (a, b, get) => (a && b && !unfinished(a) && !unfinished(b) ? ratio(get(a), get(b)) : '—');
const doneCell = (r) => (r?.startup?.frameDoneMs != null ? ms(r.startup.frameDoneMs) : '—');
/** One line, no pipes: safe in a Markdown table cell. */
const cell = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
const seriesCell = (x, key = 'paint') =>
  cell(!x ? 'n/a' : x[key].n ? `${ms(x[key].median)} / ${ms(x[key].p95)} (n=${x[key].n}${x.stopped ? `, stopped: ${x.stopped}` : ''})` : `no samples${x.stopped ? ` (${x.stopped})` : ''}`);

function report(results) {
  const lines = [];
  const push = (...l) => lines.push(...l);
  const env = results.environment;
  push(
    '# Benchmark results',
    '',
    `Generated by \`node bench/run.mjs\` on ${env.date} (${env.durationS} s). ${env.cpus} × ${env.cpu}, Node ${env.node}, ${env.chromium} headless, viewport 1280×900.`,
    ...(env.loadavg ? [`Load average (1, 5, 15 min) at start ${env.loadavg.start.map((l) => l.toFixed(2)).join(', ')}, at end ${env.loadavg.end.map((l) => l.toFixed(2)).join(', ')}: anything else running on the machine is in the figures.`] : []),
    `Viewer: dist/ as found at run time (${env.dist.join(', ')}); HEAD ${env.commit}${env.dirty ? ', with uncommitted changes in src/' : ''}. Synthetic data: \`briefing-gen\`, seed ${SEED}. Raw figures: \`bench/results.json\`.`,
    '',
    'How it is measured (in the page, with `performance.now()`, from navigation start or from just before the input):',
    '',
    '- **First results**: until the viewer\'s status reads "N of M events" with M the dataset\'s event count and an `article` exists (TimelineJS: its slides and markers exist; itemsjs: its list has items), observed with a MutationObserver, then to the next `requestAnimationFrame` (the figure the targets use). "Frame done" is a task posted from that animation frame: it runs once the frame\'s style, layout and paint are done, which for long lists is much later.',
    '- **Filter → paint**: a checkbox in the Actor, Channel or Claim status fieldset is clicked (`element.click()`), each option on then off; time until the status text changes, then to the next animation frame. itemsjs: `search({filters})` with the same facets (OR within one), rendering its first 50 results, then the next frame. "DOM updated" is the time until the status changed (itemsjs: the search call alone).',
    '- **Search keystroke → paint**: characters typed into the "Search" box (input events; "ushakov", 7 backspaces, "ceasefire"): to the next frame after the status changes, or, for a keystroke that keeps the same matches (no change within 300 ms), to the first frame after the input.',
    '- Headless Chromium here produces frames every 16.7 ms, so every "→ paint" figure includes the wait for the next frame (0–16.7 ms); the 16 ms targets are therefore only met when the work itself is short and lands in the very next frame. Medians and p95 are nearest-rank.',
    '- **Memory**: after first results and a forced GC. `measureUserAgentSpecificMemory()` (JS heap + DOM; the page is served cross-origin isolated) plus the WebAssembly linear memory, found by wrapping `WebAssembly.instantiate*`. JS heap alone (CDP `JSHeapUsedSize`) is in results.json.',
    '- **Transfer**: the sum over every response the page loaded of the gzip -9 size of its body (nothing is cached between pages).',
    '- Each startup, step and series has a time limit; hitting it is reported, not waited out. Pages are served from loopback without throttling; startup is the median of 3 loads up to 1k events, a single load above.',
    '',
  );
  for (const d of results.datasets) {
    const [o, t, i] = [d.ours, d.timeline, d.itemsjs];
    push(
      `## ${d.label === 'bundled' ? `Bundled dataset (${d.events} events)` : `${d.events.toLocaleString('en')} events (${d.file}, ${mb(d.bytes)} of JSON)`}`,
      '',
      '| measure | viewer | TimelineJS | itemsjs | viewer / TimelineJS | viewer / itemsjs |',
      '| --- | --- | --- | --- | --- | --- |',
      `| first results painted | ${startupCell(o)} | ${startupCell(t)} | ${startupCell(i)} | ${ratio(o?.startup?.firstMs, t?.startup?.firstMs)} | ${ratio(o?.startup?.firstMs, i?.startup?.firstMs)} |`,
      `| … and that frame done (style, layout, paint) | ${doneCell(o)} | ${doneCell(t)} | ${doneCell(i)} | ${ratio(o?.startup?.frameDoneMs, t?.startup?.frameDoneMs)} | ${ratio(o?.startup?.frameDoneMs, i?.startup?.frameDoneMs)} |`,
      `| filter → paint, median / p95 | ${seriesCell(o?.filter)} | n/a (no filters) | ${seriesCell(i?.filter)} | — | ${ratio(o?.filter?.paint.p95, i?.filter?.paint.p95)} (p95) |`,
      `| filter → DOM updated (itemsjs: search call), median / p95 | ${seriesCell(o?.filter, 'dom')} | n/a | ${seriesCell(i?.filter, 'compute')} | — | ${ratio(o?.filter?.dom.p95, i?.filter?.compute.p95)} (p95) |`,
      `| search keystroke → paint, median / p95 | ${seriesCell(o?.search)}${o?.search ? `, ${o.search.changed} changed the count` : ''} | n/a (no search) | ${seriesCell(i?.search)} | — | ${ratio(o?.search?.paint.p95, i?.search?.paint.p95)} (p95) |`,
      `| memory (JS + DOM + wasm) | ${memCell(o)} | ${memCell(t)} | ${memCell(i)} | ${fullRatio(o, t, (r) => r.memory?.total)} | ${fullRatio(o, i, (r) => r.memory?.total)} |`,
      `| transfer (gzip -9) | ${kbCell(o)} | ${kbCell(t)} | ${kbCell(i)} | ${fullRatio(o, t, (r) => r.transfer?.gzip)} | ${fullRatio(o, i, (r) => r.transfer?.gzip)} |`,
      '',
    );
    const notes = [];
    for (const [name, r] of [['viewer', o], ['TimelineJS', t], ['itemsjs', i]]) {
      if (r?.external?.length) notes.push(`${name} tried ${r.external.length} request(s) to other origins (blocked): ${[...new Set(r.external)].slice(0, 3).join(', ')}`);
      const errors = [...(r?.reloadedForSearch?.errorsBefore ?? []), ...(r?.errors ?? [])];
      if (errors.length) notes.push(`${name} logged: ${[...new Set(errors.map(brief))].slice(0, 3).join('; ')}`);
      if (r?.memory && !r.memory.totalIncludesDom) notes.push(`${name} memory is JS heap + wasm only (${r.memory.uaError ?? 'no breakdown'})`);
    }
    if (o?.reloadedForSearch) notes.push('viewer: the page failed during the filter series, so search was measured on a fresh load of the same URL.');
    if (o?.interactError) notes.push(`viewer: measurements stopped: ${o.interactError}`);
    const tl = t?.startup?.markers ?? t?.startup?.runs?.find((r) => r.markers)?.markers;
    const slides = t?.startup?.slides ?? t?.startup?.runs?.find((r) => r.slides)?.slides;
    if (tl) notes.push(`TimelineJS rendered ${tl} markers and ${slides} slides (it advises at most ~20 slides).`);
    if (t?.startup?.timedOut) notes.push(`TimelineJS did not render within ${t.startup.limitMs / 1000} s (it advises at most ~20 slides); its transfer is what it had loaded by then.`);
    if (notes.length) push(...notes.map((n) => `- ${cell(n)}`), '');
  }

  // Targets, at 100k events (the page's default transfer: the bundled page).
  const big = results.datasets.find((d) => d.label === '100k');
  const bundled = results.datasets.find((d) => d.label === 'bundled');
  const target = (name, value, limit, fmt, why) => {
    if (value == null) return `| ${name} | ${fmt(limit)} | ${why ?? 'not measured'} | not met |`;
    const met = value <= limit;
    const dist = Math.abs(value - limit);
    return `| ${name} | ${fmt(limit)} | ${fmt(value)} | ${met ? 'met' : 'not met'} (${fmt(dist)} ${value <= limit ? 'under' : 'over'}) |`;
  };
  const faster = (name, ours, peer, peerName, oursWhy) => {
    if (ours == null) return `| ${name} | faster than ${peerName} | viewer: ${oursWhy ?? 'not measured'} | not met |`;
    if (peer?.timedOut) return `| ${name} | faster than ${peerName} | ${ms(ours)} vs timed out (> ${peer.limitMs / 1000} s) | met (${peerName} did not finish) |`;
    if (peer?.value == null) return `| ${name} | faster than ${peerName} | ${ms(ours)} vs not measured | — |`;
    return `| ${name} | faster than ${peerName} | ${ms(ours)} vs ${ms(peer.value)} (${ratio(ours, peer.value)}) | ${ours < peer.value ? 'met' : 'not met'} (${ms(Math.abs(peer.value - ours))} ${ours < peer.value ? 'faster' : 'slower'}) |`;
  };
  // Why a figure is missing: the step limit, a failure, a timeout.
  const why = (r, series) => {
    if (!r) return undefined;
    if (r.startup?.timedOut) return `page did not show results within ${r.startup.limitMs / 1000} s`;
    if (r.startup?.failed) return `failed: ${r.startup.failed}`;
    if (series && r[series]?.stopped && !r[series].paint.n) return `no sample: ${r[series].stopped}`;
    return undefined;
  };
  const peerStartup = (r) => (r?.startup?.timedOut ? r.startup : { value: r?.startup?.firstMs });
  push(
    '## Targets',
    '',
    'At 100k events unless stated. "met" / "not met" with the distance to the target. Ratios elsewhere are viewer ÷ peer: below 1× the viewer is faster or smaller.',
    '',
    '| target | limit | measured | result |',
    '| --- | --- | --- | --- |',
    target('first results, 100k events', big?.ours?.startup?.firstMs, 1000, ms, why(big?.ours)),
    target('filter → paint p95, 100k events', big?.ours?.filter?.paint.p95, 16, ms, why(big?.ours, 'filter')),
    target('search keystroke → paint p95, 100k events', big?.ours?.search?.paint.p95, 16, ms, why(big?.ours, 'search')),
    target('memory (JS + DOM + wasm), 100k events', big?.ours?.memory?.total, 150 * 1048576, mb, why(big?.ours)),
    target('default page total transfer (gzip)', bundled?.ours?.transfer?.gzip, 100 * 1024, kb),
    faster('startup, 100k events', big?.ours?.startup?.firstMs, peerStartup(big?.timeline), 'TimelineJS', why(big?.ours)),
    faster('startup, 100k events', big?.ours?.startup?.firstMs, peerStartup(big?.itemsjs), 'itemsjs', why(big?.ours)),
    '| filtering, 100k events | faster than TimelineJS | TimelineJS has no filters | n/a |',
    faster('filter → paint p95, 100k events', big?.ours?.filter?.paint.p95, { value: big?.itemsjs?.filter?.paint.p95 }, 'itemsjs', why(big?.ours, 'filter')),
    '',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  if (process.argv.includes('--report')) {
    // Re-render RESULTS.md from the last results.json (no measuring).
    const results = JSON.parse(await readFile(join(BENCH, 'results.json'), 'utf8'));
    await writeFile(join(BENCH, 'RESULTS.md'), report(results));
    return log('wrote bench/RESULTS.md from bench/results.json');
  }
  if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: build it first (make dist)');
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
      durationS: Math.round((Date.now() - started) / 1000),
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
